import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import {
  KpiReportCreateBody,
  KpiReportListQuery,
  KpiReportPage,
  KpiReportSchema,
  KpiReviewBody,
  KpiSchemeBody,
  KpiSchemeSchema,
  KpiSignOffBody,
} from '../../../shared/schemas/kpi-scheme.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as svc from './scheme.service.ts';

const READ =
  "Scope: the contract's money — service head, accounting and admin all; a building manager the contracts covering its buildings; " +
  'a contractor its own; call center and requesters 403. Out of scope reads as 404.';
const VERSION = 'Send the `version` you read; a stale one gets 409 VERSION_CONFLICT with `current`. ';

/** The contract's penalty/reward scheme (#11 item 2) and its period reports. */
export async function kpiSchemeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['indicators'];

  r.get(
    '/api/contracts/:id/kpi-scheme',
    {
      schema: {
        tags,
        summary: "The contract's penalty/reward scheme (exists: false and version 0 when none is set)",
        description: READ,
        params: IdParams,
        response: { 200: KpiSchemeSchema, ...problemResponses },
      },
    },
    async (request) => svc.getScheme(app.ctx, principalOf(request), request.params.id),
  );

  r.put(
    '/api/contracts/:id/kpi-scheme',
    {
      schema: {
        tags,
        summary:
          'Sets the whole scheme (admin): indicators with threshold bands → points, points → bp of the period fee, maximum reward, acceleration bonus',
        description: `${VERSION}Version 0 creates the scheme. Reports already generated keep the scheme they were computed with.`,
        params: IdParams,
        body: KpiSchemeBody,
        response: { 200: KpiSchemeSchema, ...problemResponses },
      },
    },
    async (request) => svc.putScheme(app.ctx, principalOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/kpi-reports',
    {
      schema: {
        tags,
        summary: 'Period reports of indicators in the caller’s scope, latest period first',
        description: READ,
        querystring: KpiReportListQuery,
        response: { 200: KpiReportPage, ...problemResponses },
      },
    },
    async (request) => svc.listReports(app.ctx, principalOf(request), request.query),
  );

  r.get(
    '/api/kpi-reports/:id',
    {
      schema: {
        tags,
        summary: 'One period report: figures as computed, points, proposed and final adjustment, who reviewed and signed off',
        description: READ,
        params: IdParams,
        response: { 200: KpiReportSchema, ...problemResponses },
      },
    },
    async (request) => svc.getReport(app.ctx, principalOf(request), request.params.id),
  );

  r.post(
    '/api/kpi-reports',
    {
      schema: {
        tags,
        summary: "Generates a period's report (service head, admin, or a building manager of the contract) once the period has ended",
        description: '409 DUPLICATE when the period has one already; 400 naming `contractId` when the contract has no scheme.',
        body: KpiReportCreateBody,
        response: { 201: KpiReportSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await svc.generateReport(app.ctx, principalOf(request), request.body)),
  );

  r.post(
    '/api/kpi-reports/:id/review',
    {
      schema: {
        tags,
        summary: 'A building manager of the contract reviews a generated report (optional note)',
        description: VERSION,
        params: IdParams,
        body: KpiReviewBody,
        response: { 200: KpiReportSchema, ...problemResponses },
      },
    },
    async (request) => svc.reviewReport(app.ctx, principalOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/kpi-reports/:id/sign-off',
    {
      schema: {
        tags,
        summary: 'The service head signs off a reviewed report: the final adjustment, a reason when it differs from the proposal',
        description:
          `${VERSION}A penalty must fit what the legal cap leaves now (400 on finalCents, penaltyCapReached) and goes to the penalty register as applied; ` +
          'a reward at most the scheme maximum, added by the next statement.',
        params: IdParams,
        body: KpiSignOffBody,
        response: { 200: KpiReportSchema, ...problemResponses },
      },
    },
    async (request) => svc.signOffReport(app.ctx, principalOf(request), request.params.id, request.body),
  );
}
