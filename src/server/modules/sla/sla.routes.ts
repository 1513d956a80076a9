import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import {
  CalendarBody,
  CalendarSchema,
  ClosureBody,
  ClosureListQuery,
  ClosurePatchBody,
  ClosureSchema,
  ContractSlaSchema,
  HolidaysQuery,
  HolidaysSchema,
  SlaPreviewBody,
  SlaPreviewSchema,
  SlaVersionBody,
  type CalendarInput,
} from '../../../shared/schemas/sla.ts';
import { principalOf } from '../../plugins/auth.ts';
import { requestLang } from '../../plugins/errors.ts';
import { contractHolidays, previewSla } from './preview.ts';
import * as svc from './sla.service.ts';

/** SLA tables per contract with their history, the contract's working week, closures. */
export async function slaRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sla'];

  r.get(
    '/api/contracts/:id/sla',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: ContractSlaSchema, ...problemResponses },
        summary: "The contract's SLA table in force (limits per priority and clock, pauses) and every saved version",
        description:
          'Readable by whoever reads the contract. Without a saved version `current` is the defaults (number 0); ' +
          'version 1 is saved with the defaults when the first work order of the contract is issued. A work order keeps the version in force when issued.',
      },
    },
    async (request) => svc.getContractSla(app.ctx, principalOf(request), request.params.id),
  );

  r.post(
    '/api/contracts/:id/sla',
    {
      schema: {
        tags,
        params: IdParams,
        body: SlaVersionBody,
        response: { 201: ContractSlaSchema, ...problemResponses },
        summary: 'Save a new SLA version (admin)',
        description:
          'Limits in minutes of solar or working time per priority × clock (null: no limit); pause states per clock ' +
          '(open work-order states except `issued`). `version` is the number of the version you read (0 for the defaults): another → 409 VERSION_CONFLICT with `current`.',
      },
    },
    async (request, reply) =>
      reply.code(201).send(await svc.createSlaVersion(app.ctx, principalOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/contracts/:id/sla/preview',
    {
      schema: {
        tags,
        params: IdParams,
        body: SlaPreviewBody,
        response: { 200: SlaPreviewSchema, ...problemResponses },
        summary: 'When a work order issued now (or at `at`) would be due, per priority and clock, for the table in force or a draft',
        description:
          "Readable by whoever reads the contract; nothing is saved. The same computation as the real clocks: the contract's working week, " +
          "national holidays, the patron saint and closures of `siteId` (default: the first site of the contract's buildings), 24/7 for solar time.",
      },
    },
    async (request) => previewSla(app.ctx, principalOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/contracts/:id/calendar',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: CalendarSchema, ...problemResponses },
        summary: "The contract's working week (default Mon–Fri 08:00–18:00)",
      },
    },
    async (request) => svc.getCalendar(app.ctx, principalOf(request), request.params.id),
  );

  r.put(
    '/api/contracts/:id/calendar',
    {
      schema: {
        tags,
        params: IdParams,
        body: CalendarBody,
        response: { 200: CalendarSchema, ...problemResponses },
        summary: "Replace the contract's working week (admin), with the version read (0 for the default)",
        description:
          'Ranges HH:mm–HH:mm (end up to 24:00), several per day, not overlapping; at least one in the week. Open work orders of the contract get their clocks recomputed.',
      },
    },
    async (request) => svc.putCalendar(app.ctx, principalOf(request), request.params.id, request.body as CalendarInput),
  );

  r.get(
    '/api/contracts/:id/holidays',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: HolidaysQuery,
        response: { 200: HolidaysSchema, ...problemResponses },
        summary:
          "The days of a year that are not working time for the contract besides its week: national holidays (named in the caller's language), its sites' patron saints, closures",
      },
    },
    async (request) => contractHolidays(app.ctx, principalOf(request), request.params.id, request.query.year, requestLang(request)),
  );

  r.get(
    '/api/closures',
    {
      schema: {
        tags,
        querystring: ClosureListQuery,
        response: { 200: Type.Object({ items: Type.Array(ClosureSchema) }), ...problemResponses },
        summary: 'Closures (days off added by the body), by date; `siteId` also lists those of every site',
      },
    },
    async (request) => {
      principalOf(request);
      return svc.listClosures(app.ctx, request.query);
    },
  );

  r.get(
    '/api/closures/:id',
    {
      schema: { tags, params: IdParams, response: { 200: ClosureSchema, ...problemResponses }, summary: 'One closure' },
    },
    async (request) => {
      principalOf(request);
      return svc.getClosure(app.ctx, request.params.id);
    },
  );

  r.post(
    '/api/closures',
    {
      schema: {
        tags,
        body: ClosureBody,
        response: { 201: ClosureSchema, ...problemResponses },
        summary: 'Add a closure for a site or (siteId null) every site (admin): not working time for the clocks',
      },
    },
    async (request, reply) => reply.code(201).send(await svc.createClosure(app.ctx, principalOf(request), request.body)),
  );

  r.patch(
    '/api/closures/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: ClosurePatchBody,
        response: { 200: ClosureSchema, ...problemResponses },
        summary: 'Change a closure (admin; no version: last write wins)',
      },
    },
    async (request) => svc.updateClosure(app.ctx, principalOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/closures/:id',
    {
      schema: { tags, params: IdParams, response: { 204: Type.Null(), ...problemResponses }, summary: 'Remove a closure (admin)' },
    },
    async (request, reply) => {
      await svc.deleteClosure(app.ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
