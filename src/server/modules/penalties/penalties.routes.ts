import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import {
  ManualPenaltyBody,
  PENALTY_ACTION_BODIES,
  PenaltyDetailSchema,
  PenaltyListQuery,
  PenaltyPage,
  PenaltyRuleBody,
  PenaltyRulePatchBody,
  PenaltyRuleSchema,
  PenaltyProblemSchema,
  PenaltySummarySchema,
  RegisterQuery,
  RegisterSchema,
  RuleParams,
} from '../../../shared/schemas/sla.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as svc from './penalties.service.ts';
import { registerData, registerFile } from './register.ts';

const ACTIONS: Record<keyof typeof PENALTY_ACTION_BODIES, string> = {
  contest:
    "Contest (building manager, service head): the formal notice as a PDF, sent to the contractor's PEC; the term for counter-arguments starts (PENALTY_TERM_DAYS)",
  counter_argue: 'Counter-argue (contractor) within the term, with text and files already uploaded to the work order',
  apply: 'Apply the proposed amount (building manager, service head), with a reason: after the contractor answered or the term expired',
  reduce: 'Reduce to `amountCents` (below the proposal), with a reason',
  waive: 'Waive, with a reason',
  withdraw:
    'Withdraw a proposal before the formal notice (building manager, service head), with a reason: only from proposed; ' +
    'it no longer counts toward the cap, stays in the register as withdrawn and is never proposed again by the SLA watcher',
};

/** Contract money is not every contract reader's business (scope.ts contractMoneyScope). */
const MONEY_READERS =
  'Service head, accounting, admin: every contract; building managers: the contracts covering their buildings; a contractor: its own. ' +
  'Call center and requesters: 403 FORBIDDEN; a contract out of scope: 404 as a missing one.';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function penaltyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['penalties'];

  r.get(
    '/api/contracts/:id/penalty-rules',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(PenaltyRuleSchema) }), ...problemResponses },
        summary: "The contract's penalty rules (active and not)",
        description: MONEY_READERS,
      },
    },
    async (request) => svc.listRules(app.ctx, principalOf(request), request.params.id),
  );

  r.post(
    '/api/contracts/:id/penalty-rules',
    {
      schema: {
        tags,
        params: IdParams,
        body: PenaltyRuleBody,
        response: { 201: PenaltyRuleSchema, ...problemResponses },
        summary: 'Add a penalty rule (admin)',
        description:
          'Daily rates (per_day, per_mille_per_day) must lie within PENALTY_MIN/MAX_DAILY_PER_MILLE of the net contract amount, an hourly rate ' +
          'may not exceed the maximum over 24 hours: otherwise 400 VALIDATION_FAILED on the amount field naming the range. One active rule per clock and priority, per fixed event, per daily event (409 DUPLICATE). ' +
          'A daily rule with event late_planned_activity and no clock or priority counts the whole days a planned activity is late (docs/PLANNED.md).',
      },
    },
    async (request, reply) => reply.code(201).send(await svc.createRule(app.ctx, principalOf(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/contracts/:id/penalty-rules/:ruleId',
    {
      schema: {
        tags,
        params: RuleParams,
        body: PenaltyRulePatchBody,
        response: { 200: PenaltyRuleSchema, ...problemResponses },
        summary: "Change a rule's amount or (de)activate it (admin), with its version",
      },
    },
    async (request) => svc.patchRule(app.ctx, principalOf(request), request.params.id, request.params.ruleId, request.body),
  );

  r.delete(
    '/api/contracts/:id/penalty-rules/:ruleId',
    {
      schema: {
        tags,
        params: RuleParams,
        response: { 204: Type.Null(), ...problemResponses },
        summary: 'Deactivate a rule (admin): kept for the penalties made with it',
      },
    },
    async (request, reply) => {
      await svc.deactivateRule(app.ctx, principalOf(request), request.params.id, request.params.ruleId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/contracts/:id/penalties/summary',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: PenaltySummarySchema, ...problemResponses },
        summary: 'Applied and open penalties against the cap (10% of the net amount): remaining, % used',
        description: MONEY_READERS,
      },
    },
    async (request) => svc.contractSummary(app.ctx, principalOf(request), request.params.id),
  );

  r.get(
    '/api/penalties',
    {
      schema: {
        tags,
        querystring: PenaltyListQuery,
        response: { 200: PenaltyPage, ...problemResponses },
        summary:
          "Penalties in scope, newest first (service head, accounting, admin: all; contractor: its own; building manager: their buildings' work orders)",
      },
    },
    async (request) => svc.listPenalties(app.ctx, principalOf(request), request.query),
  );

  r.post(
    '/api/penalties',
    {
      schema: {
        tags,
        body: ManualPenaltyBody,
        response: { 201: PenaltyDetailSchema, ...problemResponses },
        summary: 'Propose a penalty by hand (building manager, service head), with a reason and evidence',
        description:
          'Building managers: a work order of their buildings (without a work order: a contract covering one of their buildings); service heads: any. ' +
          "Other roles 403 FORBIDDEN; out of scope 404. Status proposed, breach key manual:<id>, the amount clipped to what the contract's cap leaves " +
          '(computedCents = asked, proposedCents = clipped, clippedByCap); 400 VALIDATION_FAILED on amountCents (penaltyCapReached) when nothing is left, ' +
          'on workOrderId when it is not of the contract, on attachmentIds.N when a file is not of the work order.',
      },
    },
    async (request, reply) => reply.code(201).send(await svc.proposeManualPenalty(app.ctx, principalOf(request), request.body)),
  );

  r.get(
    '/api/penalties/register',
    {
      schema: {
        tags,
        querystring: RegisterQuery,
        summary: 'Register of the penalties of a contract for a month (YYYY-MM) or a year (YYYY): JSON, XLSX or PDF',
        produces: ['application/json', XLSX, 'application/pdf'],
        response: {
          200: {
            description: 'JSON (format=json), or the file as an attachment',
            content: {
              'application/json': { schema: RegisterSchema },
              [XLSX]: { schema: { type: 'string', format: 'binary' } },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { contractId, period, format } = request.query;
      if (!format || format === 'json')
        return reply.type('application/json; charset=utf-8').send(await registerData(app.ctx, p, contractId, period, p.language));
      const f = await registerFile(app.ctx, p, contractId, period, format);
      return reply
        .type(f.contentType)
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .header('cache-control', 'no-store')
        .send(f.body);
    },
  );

  r.get(
    '/api/penalties/:id',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: PenaltyDetailSchema, ...problemResponses },
        summary: 'One penalty: available actions, the breach explained, its timeline and documents',
      },
    },
    async (request) => svc.getPenalty(app.ctx, principalOf(request), request.params.id),
  );

  for (const action of Object.keys(PENALTY_ACTION_BODIES) as Array<keyof typeof PENALTY_ACTION_BODIES>) {
    r.post(
      `/api/penalties/:id/actions/${action}`,
      {
        schema: {
          tags,
          params: IdParams,
          body: PENALTY_ACTION_BODIES[action],
          summary: ACTIONS[action],
          description:
            'Send the `version` you read (409 VERSION_CONFLICT with `current` otherwise). Refusals: 403 FORBIDDEN (role), 409 INVALID_STATE, ' +
            '409 PENALTY_TERM_EXPIRED (counter-argue after the term), 409 PENALTY_TERM_RUNNING (a decision before the term without an answer), 400 VALIDATION_FAILED.',
          response: { 200: PenaltyDetailSchema, ...problemResponses, 409: PenaltyProblemSchema, 422: PenaltyProblemSchema },
        },
      },
      async (request) =>
        svc.penaltyAction(app.ctx, principalOf(request), request.params.id, action, request.body as Record<string, unknown>),
    );
  }
}
