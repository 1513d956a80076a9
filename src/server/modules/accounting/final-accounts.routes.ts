import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as s from './final-accounts.schemas.ts';
import * as finalAccounts from './final-accounts.service.ts';

const WHO =
  "Scope: a contractor its own work orders' final accounts, a building manager those of its buildings (read only), " +
  'service head, accounting and admin all; other roles 403 FORBIDDEN. Out of scope reads as 404.';

const SUMMARY: Record<s.FinalAccountAction, string> = {
  submit:
    'Contractor submits (from draft or returned); extra fee: a net different from the approved quote needs varianceReason, over the contract threshold it goes to the service head (needs_service_head)',
  approve_variance: 'Service head approves the variance over the threshold (→ submitted, to accounting)',
  return_variance: 'Service head returns the final account with a reason (→ returned)',
  approve: 'Accounting approves the final account (→ approved)',
  return: 'Accounting returns the final account with a reason (→ returned)',
};

/** Final accounts of work orders (#10 item 2). */
export async function finalAccountRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['final-accounts'];

  r.get(
    '/api/final-accounts',
    {
      schema: {
        tags,
        summary:
          "Final accounts in the caller's scope, filtered by state, contractor, contract; oldest submission first (accounting's worklist)",
        description: WHO,
        querystring: s.FinalAccountListQuery,
        response: { 200: s.FinalAccountPage, ...problemResponses },
      },
    },
    async (request) => finalAccounts.listFinalAccounts(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/final-accounts/:id',
    {
      schema: {
        tags,
        summary: 'One final account: lines, totals recomputed on the server, variance from the approved quote, actions the caller may take',
        description: WHO,
        params: IdParams,
        response: { 200: s.FinalAccountSchema, ...problemResponses },
      },
    },
    async (request) => finalAccounts.getFinalAccount(app.ctx, principalOf(request), request.params.id),
  );

  r.post(
    '/api/work-orders/:id/final-account',
    {
      schema: {
        tags,
        summary: "The work order's contractor opens its final account (work order completed or verified; one per work order)",
        description:
          'Lines omitted: extra-fee work starts from the approved quote, flat-fee work from none (hours and materials from the completion). ' +
          'Refusals: 403 not its contractor, 409 INVALID_STATE (work not done), 409 DUPLICATE (already open, also when two open it at once), ' +
          '422 DOCUMENTS_INCOMPLETE (a closing document of the work order not accepted yet: `missing` names the types, `states` their states), ' +
          '400 VALIDATION_FAILED with the line field named.',
        params: IdParams,
        body: s.FinalAccountCreateBody,
        response: { 201: s.FinalAccountSchema, ...problemResponses, 422: s.DocumentsIncompleteProblem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await finalAccounts.createFinalAccount(app.ctx, principalOf(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/final-accounts/:id',
    {
      schema: {
        tags,
        summary: 'The contractor changes lines (all of them), hours, materials of a draft or returned final account (→ draft)',
        description: 'Send the `version` you read; a stale one gets 409 VERSION_CONFLICT with `current`.',
        params: IdParams,
        body: s.FinalAccountEditBody,
        response: { 200: s.FinalAccountSchema, ...problemResponses },
      },
    },
    async (request) => finalAccounts.editFinalAccount(app.ctx, principalOf(request), request.params.id, request.body),
  );

  for (const action of s.FINAL_ACCOUNT_ACTIONS) {
    r.post(
      `/api/final-accounts/:id/actions/${action}`,
      {
        schema: {
          tags,
          summary: SUMMARY[action],
          description:
            'Send the `version` you read; a stale one gets 409 VERSION_CONFLICT with `current`. ' +
            'Refusals: 403 FORBIDDEN (role), 409 INVALID_STATE (state), 400 VALIDATION_FAILED (reason / varianceReason named); ' +
            'submit: 422 DOCUMENTS_INCOMPLETE while a closing document of the work order is not accepted.',
          params: IdParams,
          body: s.FinalAccountActionBody,
          response: { 200: s.FinalAccountSchema, ...problemResponses, 422: s.DocumentsIncompleteProblem },
        },
      },
      async (request) => finalAccounts.finalAccountAction(app.ctx, principalOf(request), request.params.id, action, request.body),
    );
  }
}
