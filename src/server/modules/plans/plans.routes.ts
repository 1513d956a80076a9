import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, Page, problemResponses } from '../../../shared/schemas/common.ts';
import * as s from '../../../shared/schemas/plans.ts';
import { principalOf } from '../../plugins/auth.ts';
import { requestLang } from '../../plugins/errors.ts';
import * as plans from './plans.service.ts';
import * as meters from './meters.service.ts';

export async function planRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['maintenance-plans'];

  r.get(
    '/api/maintenance-plans',
    {
      schema: {
        tags,
        summary: 'List maintenance plans (keyset pages by code; active only unless active=false|all)',
        description:
          'Admin, service head, call center, accounting: all; building managers: their buildings; contractors: the (building, class) pairs of their contracts; requesters: 403.',
        querystring: s.PlanQuery,
        response: { 200: Page(s.PlanSchema), ...problemResponses },
      },
    },
    async (request) => plans.listPlans(app.ctx, principalOf(request), requestLang(request), request.query),
  );

  r.get(
    '/api/maintenance-plans/preview',
    {
      schema: {
        tags,
        summary: 'A recurrence in words and its next dates (for the plan editor)',
        querystring: s.PlanPreviewQuery,
        response: { 200: s.PlanPreviewSchema, ...problemResponses },
      },
    },
    async (request) => plans.previewRule(app.ctx, principalOf(request), requestLang(request), request.query),
  );

  r.get(
    '/api/maintenance-plans/:id',
    {
      schema: {
        tags,
        summary: 'One maintenance plan (404 when missing or out of scope)',
        params: IdParams,
        response: { 200: s.PlanSchema, ...problemResponses },
      },
    },
    async (request) => plans.getPlan(app.ctx, principalOf(request), requestLang(request), request.params.id),
  );

  r.post(
    '/api/maintenance-plans',
    {
      schema: {
        tags,
        summary: 'Create a maintenance plan (admin, service head; building managers in their buildings)',
        description:
          '400 with named fields and rules (rrule, rruleRequired, meterRequired, meterEvery, mmdd, seasonBoth, dateOrder, checklistKey, checklistUnit, checklistRange); ' +
          "422 INVALID_REFERENCE (notFound, assetBuilding, assetClass, meterAsset); 409 DUPLICATE on code; 404 a building outside the caller's buildings.",
        body: s.PlanCreate,
        response: { 201: s.PlanSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await plans.createPlan(app.ctx, principalOf(request), requestLang(request), request.body)),
  );

  r.patch(
    '/api/maintenance-plans/:id',
    {
      schema: {
        tags,
        summary: 'Change a maintenance plan (send the version you read; {active: false} deactivates; stale → 409 with current)',
        params: IdParams,
        body: s.PlanPatch,
        response: { 200: s.PlanSchema, ...problemResponses },
      },
    },
    async (request) => plans.patchPlan(app.ctx, principalOf(request), requestLang(request), request.params.id, request.body),
  );

  const mtags = ['meters'];
  r.get(
    '/api/meters',
    {
      schema: {
        tags: mtags,
        summary: 'List meters (of the assets the caller may read)',
        querystring: s.MeterQuery,
        response: { 200: Page(s.MeterSchema), ...problemResponses },
      },
    },
    async (request) => meters.listMeters(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/meters/:id',
    {
      schema: {
        tags: mtags,
        summary: 'One meter with its last reading',
        params: IdParams,
        response: { 200: s.MeterSchema, ...problemResponses },
      },
    },
    async (request) => meters.getMeter(app.ctx, principalOf(request), request.params.id),
  );

  r.post(
    '/api/meters',
    {
      schema: {
        tags: mtags,
        summary: "Add a meter to an asset (admin, service head, the building's manager)",
        body: s.MeterCreate,
        response: { 201: s.MeterSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await meters.createMeter(app.ctx, principalOf(request), request.body)),
  );

  r.get(
    '/api/meters/:id/readings',
    {
      schema: {
        tags: mtags,
        summary: 'Readings of a meter, newest first',
        params: IdParams,
        querystring: s.ReadingQuery,
        response: { 200: Page(s.ReadingSchema), ...problemResponses },
      },
    },
    async (request) => meters.listReadings(app.ctx, principalOf(request), request.params.id, request.query),
  );

  r.post(
    '/api/meters/:id/readings',
    {
      schema: {
        tags: mtags,
        summary: 'Record a reading; it opens the activity of each meter plan whose next threshold it passes',
        description:
          "One program item per plan even when two thresholds are passed at once (occurrence key meter:<threshold × 1000>), in the draft/returned program of the contract for the reading's month or of the next open month. A threshold is never opened twice.",
        params: IdParams,
        body: s.ReadingCreate,
        response: { 201: s.ReadingCreated, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await meters.addReading(app.ctx, principalOf(request), request.params.id, request.body)),
  );
}
