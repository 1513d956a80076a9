import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { principalOf } from '../../plugins/auth.ts';
import { accountingHome } from './accounting-home.service.ts';
import * as s from './spend.schemas.ts';
import { getSpend, listSpend } from './spend.service.ts';

const WHO =
  'Scope: service head, accounting and admin every contract; a building manager the contracts covering their buildings; ' +
  'a contractor its own; other roles 403 FORBIDDEN. Out of scope reads as 404. ' +
  'Used = flat fee of the whole term + approved quotes not yet in an approved final account + approved final accounts (docs/SPEND.md).';

/** Spend against the ceiling (#10 item 6) and accounting's home (#10 item 7). */
export async function spendRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/contracts/spend',
    {
      schema: {
        tags: ['spend'],
        summary: 'Spend per contract: amount, lot ceiling, committed, spent, shares used and the alerts sent, by lot',
        description: WHO,
        response: { 200: s.ContractSpendList, ...problemResponses },
      },
    },
    async (request) => listSpend(app.ctx, principalOf(request)),
  );

  r.get(
    '/api/contracts/:id/spend',
    {
      schema: {
        tags: ['spend'],
        summary: "One contract's spend with the work orders behind committed (open approved quotes) and spent (approved final accounts)",
        description: WHO,
        params: IdParams,
        response: { 200: s.ContractSpendDetail, ...problemResponses },
      },
    },
    async (request) => getSpend(app.ctx, principalOf(request), request.params.id),
  );

  r.get(
    '/api/accounting/home',
    {
      schema: {
        tags: ['accounting'],
        summary:
          'What waits for accounting: final accounts submitted, statements to prepare for the last closed month (and drafts), invoices registered to match, contracts at 80 % or more of their spend',
        description: 'Counts and the first ten of each. Accounting, service head and admin; other roles 403 FORBIDDEN.',
        response: { 200: s.AccountingHomeSchema, ...problemResponses },
      },
    },
    async (request) => accountingHome(app.ctx, principalOf(request)),
  );
}
