// The satisfaction loop (#11 item 4) in the HTTP API (docs/API.md "Satisfaction"): the comments
// stream of ratings, the follow-ups of low ratings, the response rate per building.
import { Type, type Static } from 'typebox';
import { Id, Instant, IsoDate, Nullable } from './common.ts';

const Building = Type.Object({ id: Id, code: Type.String(), name: Type.String() });

export const RatingsQuery = Type.Object(
  {
    buildingId: Type.Optional(Id),
    contractId: Type.Optional(Id),
    score: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    withComment: Type.Optional(Type.Boolean({ description: 'only ratings with a comment' })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type RatingsQueryDto = Static<typeof RatingsQuery>;

const FollowUpRef = Type.Object({ id: Id, status: Type.Union([Type.Literal('open'), Type.Literal('done')]) });

export const RatingItemSchema = Type.Object({
  ticketId: Id,
  ticketNumber: Type.String(),
  subject: Type.String(),
  building: Building,
  stars: Type.Integer(),
  workDone: Type.Boolean(),
  comment: Nullable(Type.String()),
  ratedAt: Instant,
  /** The contract lots and contractors of the ticket's work orders. */
  work: Type.Array(Type.String()),
  followUp: Type.Union([FollowUpRef, Type.Null()]),
});
export type RatingItemDto = Static<typeof RatingItemSchema>;
export const RatingListSchema = Type.Object({ items: Type.Array(RatingItemSchema), nextCursor: Nullable(Type.String()) });

export const FollowUpsQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')])),
    buildingId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type FollowUpsQueryDto = Static<typeof FollowUpsQuery>;

const Person = Type.Object({ id: Id, name: Type.String() });

export const FollowUpSchema = Type.Object({
  id: Id,
  status: Type.Union([Type.Literal('open'), Type.Literal('done')]),
  ticketId: Id,
  ticketNumber: Type.String(),
  subject: Type.String(),
  building: Building,
  stars: Nullable(Type.Integer()),
  workDone: Nullable(Type.Boolean()),
  comment: Nullable(Type.String()),
  ratedAt: Nullable(Instant),
  assignedTo: Type.Union([Person, Type.Null()]),
  assignedAt: Nullable(Instant),
  outcome: Nullable(Type.String()),
  doneBy: Type.Union([Person, Type.Null()]),
  doneAt: Nullable(Instant),
  createdAt: Instant,
  version: Type.Integer(),
  /** Who may be given it: the building's active managers, then the active service heads. */
  assignees: Type.Array(Person),
});
export type FollowUpDto = Static<typeof FollowUpSchema>;
export const FollowUpListSchema = Type.Object({ items: Type.Array(FollowUpSchema) });

export const FollowUpPatch = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    assignedToId: Type.Optional(Id),
    outcome: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    done: Type.Optional(Type.Boolean({ description: 'true: record the outcome (needed) and close the follow-up' })),
  },
  { additionalProperties: false },
);
export type FollowUpPatchDto = Static<typeof FollowUpPatch>;

export const ResponseRateQuery = Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false });
export type ResponseRateQueryDto = Static<typeof ResponseRateQuery>;

export const ResponseRateSchema = Type.Object({
  from: IsoDate,
  to: IsoDate,
  buildings: Type.Array(
    Type.Object({
      building: Building,
      /** Tickets whose (first) rating link went in the period. */
      sent: Type.Integer(),
      rated: Type.Integer(),
      /** rated ÷ sent, 0..1. */
      rate: Nullable(Type.Number()),
      average: Nullable(Type.Number()),
      low: Type.Integer(),
    }),
  ),
  total: Type.Object({
    sent: Type.Integer(),
    rated: Type.Integer(),
    rate: Nullable(Type.Number()),
    average: Nullable(Type.Number()),
    low: Type.Integer(),
  }),
});
export type ResponseRateDto = Static<typeof ResponseRateSchema>;
