import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import { actionProblems } from '../../../shared/schemas/workflow.ts';
import {
  PlannedWorkListSchema,
  PlannedWorkQuery,
  ProgramActionBody,
  ProgramGenerateBody,
  ProgramItemParams,
  ProgramItemPatchBody,
  ProgramListQuery,
  ProgramListSchema,
  ProgramSchema,
} from '../../../shared/schemas/programs.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as programs from './programs.service.ts';
import { listPlannedWork } from './planned-work.service.ts';
import { programPdf, programXlsx } from './programs.export.ts';

const SUMMARY: Record<string, string> = {
  submit: 'The contractor submits the program to the building managers (draft|returned → submitted)',
  return: 'A building manager returns it with remarks (submitted → returned; remarks required)',
  approve: 'A building manager approves it (submitted → approved)',
  publish: 'Publish: opens the planned tickets and work orders in one transaction (approved → published; grouping activity|building_day)',
  regenerate: 'Add the occurrences missing from the program (draft|returned; nothing generated twice)',
};

const file = (types: string[]) => ({
  description: 'the file, as an attachment',
  content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
});

function sendFile(reply: FastifyReply, f: { filename: string; contentType: string; body: Buffer }) {
  return reply
    .type(f.contentType)
    .header('content-disposition', `attachment; filename="${f.filename}"`)
    .header('cache-control', 'no-store')
    .send(f.body);
}

/** Monthly programs (docs/PLANNED.md "Monthly programs") and the planned-work calendar data. */
export async function programRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['programs'];

  r.get(
    '/api/programs',
    {
      schema: {
        tags,
        summary: 'Programs of the contracts in scope, newest month first',
        description:
          "A building manager sees the programs of contracts covering one of its buildings (itemCount: its buildings' items); a contractor its own.",
        querystring: ProgramListQuery,
        response: { 200: ProgramListSchema, ...problemResponses },
      },
    },
    async (request) => programs.listPrograms(app.ctx, principalOf(request), request.query),
  );

  r.post(
    '/api/programs',
    {
      schema: {
        tags,
        summary: "Generate the month's program of a contract (idempotent)",
        description:
          "Creates the program with every calendar and floating occurrence of the plans of the contract's buildings and classes, moved to a working day " +
          "on the contract's calendar (shiftReason). 201 when created; 200 when it existed (missing occurrences added while draft or returned). " +
          'Contractor of the contract, its building managers, service head, admin. 400 month rule outsideContract.',
        body: ProgramGenerateBody,
        response: { 200: ProgramSchema, 201: ProgramSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { id, created } = await programs.generateProgram(app.ctx, p, request.body);
      return reply.code(created ? 201 : 200).send(await programs.getProgram(app.ctx, p, id));
    },
  );

  r.get(
    '/api/programs/:id',
    {
      schema: {
        tags,
        summary: "One program with its items (a building manager: its buildings' only), available actions, compliance and timeline",
        params: IdParams,
        response: { 200: ProgramSchema, ...problemResponses },
      },
    },
    async (request) => programs.getProgram(app.ctx, principalOf(request), request.params.id),
  );

  r.patch(
    '/api/programs/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'The contractor edits an item: plannedOn, windowFrom/windowTo (HH:MM, from < to), technician (draft or returned)',
        description:
          "plannedOn must fall in the program's month or the 7 days after it (rule programMonth); send the item's `version` (stale → 409).",
        params: ProgramItemParams,
        body: ProgramItemPatchBody,
        response: { 200: ProgramSchema, ...problemResponses },
      },
    },
    async (request) => programs.patchItem(app.ctx, principalOf(request), request.params.id, request.params.itemId, request.body),
  );

  for (const action of programs.PROGRAM_ACTIONS) {
    r.post(
      `/api/programs/:id/actions/${action}`,
      {
        schema: {
          tags,
          summary: SUMMARY[action] ?? action,
          description:
            "Send the program's `version`; stale → 409 VERSION_CONFLICT with `current`. A second publication gets 409 and opens nothing.",
          params: IdParams,
          body: ProgramActionBody,
          response: { 200: ProgramSchema, ...problemResponses, ...actionProblems },
        },
      },
      async (request) =>
        programs.programAction(app.ctx, principalOf(request), request.params.id, action, request.body as Record<string, unknown>),
    );
  }

  r.get(
    '/api/programs/:id/export.pdf',
    {
      schema: {
        tags,
        summary: "The program as a PDF, in the caller's language (a building manager: its buildings' items)",
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: file(['application/pdf']), ...problemResponses },
      },
    },
    async (request, reply) => sendFile(reply, await programPdf(app.ctx, principalOf(request), request.params.id)),
  );

  r.get(
    '/api/programs/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: "The program as a spreadsheet, in the caller's language",
        params: IdParams,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: file(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']), ...problemResponses },
      },
    },
    async (request, reply) => sendFile(reply, await programXlsx(app.ctx, principalOf(request), request.params.id)),
  );

  r.get(
    '/api/planned-work',
    {
      schema: {
        tags: ['planned-work'],
        summary: 'Planned work in a date range (the calendar views and home queues): program items with their work orders',
        description:
          "date = the work order's scheduled day in Rome once scheduled, else plannedOn. Filters buildingId, contractId, contractorId, " +
          'status (a work order status, or `unpublished`). Scope in the query: a building manager its buildings, a contractor its contracts.',
        querystring: PlannedWorkQuery,
        response: { 200: PlannedWorkListSchema, ...problemResponses },
      },
    },
    async (request) => listPlannedWork(app.ctx, principalOf(request), request.query),
  );
}
