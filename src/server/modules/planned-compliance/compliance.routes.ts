import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problemResponses } from '../../../shared/schemas/common.ts';
import { PlannedCompliancePage, PlannedComplianceQuery } from '../../../shared/schemas/planned-compliance.ts';
import { principalOf } from '../../plugins/auth.ts';
import { plannedCompliance } from './compliance.service.ts';

export async function plannedComplianceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/planned-compliance',
    {
      schema: {
        tags: ['planned'],
        summary: 'Planned-maintenance compliance per contract, building and month of the due date: due, done on time, late, percent',
        description:
          "Due = deadline (end of the due date's month, lateDeadline) past, or done; cancelled ones never count; done on time = completed (Rome date) by the deadline. " +
          'Scope: the contracts and buildings the caller reads; a contractor sees only its own contracts.',
        querystring: PlannedComplianceQuery,
        response: { 200: PlannedCompliancePage, ...problemResponses },
      },
    },
    async (request) => plannedCompliance(app.ctx, principalOf(request), request.query),
  );
}
