// #9 item 13, technicians: a contractor's field staff, the assignment of a work order to one of
// them, a technician's "my work today" and the dispatcher's schedule of a day by technician.
import { Type, type Static } from 'typebox';
import { Id, Instant, IsoDate, Nullable } from './common.ts';
import { Priority, WorkOrderSchema, WorkOrderStatus } from './workflow.ts';

export const TechnicianSchema = Type.Object({ id: Id, displayName: Type.String(), username: Type.String() });
export const TechnicianList = Type.Object({ items: Type.Array(TechnicianSchema) });
export type TechnicianDto = Static<typeof TechnicianSchema>;

export const AssignBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version you read; a stale one gets 409 VERSION_CONFLICT' }),
    technicianId: Nullable(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "one of the contractor's technicians (GET /api/technicians); null takes the assignment away",
      }),
    ),
  },
  { additionalProperties: false },
);
export type AssignInput = Static<typeof AssignBody>;

export const MyWork = Type.Object({
  date: IsoDate,
  items: Type.Array(WorkOrderSchema, {
    description: 'open, assigned to the caller: in progress, or visit (inspection or work) due today or earlier; earliest first',
  }),
});
export type MyWorkDto = Static<typeof MyWork>;

export const ScheduleQuery = Type.Object(
  {
    date: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD (Europe/Rome); default today' })),
  },
  { additionalProperties: false },
);

export const ScheduleItem = Type.Object({
  id: Id,
  number: Type.String(),
  status: WorkOrderStatus,
  priority: Priority,
  at: Instant,
  description: Type.String(),
  building: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
  technicianId: Nullable(Type.String()),
});
export const Schedule = Type.Object({
  date: IsoDate,
  technicians: Type.Array(TechnicianSchema),
  items: Type.Array(ScheduleItem, {
    description: "open work orders of the caller's contractor with an inspection or work visit that day, by time",
  }),
});
export type ScheduleDto = Static<typeof Schedule>;
