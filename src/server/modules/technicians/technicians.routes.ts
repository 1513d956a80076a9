import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { AssignBody, MyWork, Schedule, ScheduleQuery, TechnicianList } from '../../../shared/schemas/technicians.ts';
import { WorkOrderSchema } from '../../../shared/schemas/workflow.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as technicians from './technicians.service.ts';

export async function technicianRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['technicians'];

  r.get(
    '/api/technicians',
    {
      schema: {
        tags,
        summary: "The technicians of the caller's contractor (contractor users only)",
        response: { 200: TechnicianList, ...problemResponses },
      },
    },
    async (request) => technicians.listTechnicians(app.ctx, principalOf(request)),
  );

  r.get(
    '/api/technicians/schedule',
    {
      schema: {
        tags,
        summary: "The dispatcher's day: the contractor's open work orders with an inspection or work visit that day, and its technicians",
        querystring: ScheduleQuery,
        response: { 200: Schedule, ...problemResponses },
      },
    },
    async (request) => technicians.schedule(app.ctx, principalOf(request), request.query.date),
  );

  r.get(
    '/api/my-work',
    {
      schema: {
        tags,
        summary:
          "A technician's work today: open work orders assigned to the caller, in progress or with a visit due today or earlier (Rome)",
        response: { 200: MyWork, ...problemResponses },
      },
    },
    async (request) => technicians.myWork(app.ctx, principalOf(request)),
  );

  r.post(
    '/api/work-orders/:id/assign',
    {
      schema: {
        tags: [...tags, 'work-orders'],
        summary: "The contractor's dispatcher assigns an open work order to one of its technicians (null: nobody)",
        description:
          'Send the `version` you read; a stale one gets 409 VERSION_CONFLICT. 403 FORBIDDEN for anyone but a dispatcher of the ' +
          "work order's contractor (technicians included); 422 INVALID_REFERENCE (field technicianId) for a user who is not one of its " +
          'technicians; 409 INVALID_STATE once the work is done. Writes an assign_technician event and an in-app notification to the technician.',
        params: IdParams,
        body: AssignBody,
        response: { 200: WorkOrderSchema, ...problemResponses },
      },
    },
    async (request) =>
      technicians.assign(app.ctx, principalOf(request), request.params.id, request.body.version, request.body.technicianId),
  );
}
