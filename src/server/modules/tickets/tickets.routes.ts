import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { fieldsOf } from '../../../domain/workflow/machine.ts';
import { TICKET_TRANSITIONS } from '../../../domain/workflow/ticket.ts';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import {
  actionBody,
  actionProblems,
  CommentBody,
  CommentSchema,
  TicketOpenBody,
  TicketPatchBody,
  TicketSchema,
  TimelineSchema,
} from '../../../shared/schemas/workflow.ts';
import { translate } from '../../i18n/messages.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as tickets from './tickets.service.ts';
import { triageTicket } from './triage.ts';

const SUMMARY: Record<string, string> = {
  request_inspection: "Plan a building manager's inspection to qualify the ticket (new → qualifying)",
  qualify: 'Information adequate: ready for work orders (new|qualifying → qualified)',
  issue: 'Issue a work order: contract resolved by building + class + today (422 CONTRACT_NOT_FOUND / CONTRACT_AMBIGUOUS)',
  dismiss: 'Dismiss with a reason (→ closed, notice 2)',
  close: 'Close a resolved ticket (notice 3 with the rating link)',
  reopen: 'Reopen (reopen count + 1; the last verified work order goes back to scheduled)',
  remind: 'Requester\'s reminder ("sollecito"), after REMINDER_QUIET_HOURS since opening and at most once a day',
  complain: "Requester's complaint to the building managers",
};

export async function ticketRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tickets'];

  r.post(
    '/api/tickets',
    {
      schema: {
        tags,
        summary: 'Open a ticket (requester form, call-center entry for a caller, building manager directly)',
        description:
          'danger: true → priority emergency and `emergencyHint` with the number to call. Call center (or admin) may give ' +
          'callerName/callerPhone/callerEmail and requesterId (a known user) to open on behalf of a caller (channel phone). ' +
          'The number is YYYY-NNNNNN, consecutive per year. Writes the ticket, its "open" event and notice 1 in one transaction.',
        body: TicketOpenBody,
        response: { 201: TicketSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { id } = await tickets.openTicket(app.ctx, p, request.body);
      const dto = await tickets.getTicket(app.ctx, p, id);
      if (dto.danger) {
        const phone = app.ctx.config.emergencyPhone;
        dto.emergencyHint = { phone, message: translate(p.language, 'detail', 'EMERGENCY_HINT', { phone }) };
      }
      return reply.code(201).send(dto);
    },
  );

  r.get(
    '/api/tickets/:id',
    {
      schema: {
        tags,
        summary: 'One ticket, with the actions the caller may take now and its work orders',
        description:
          'A requester sees their own tickets only, without internal fields (caller, openedBy, complaintCount, reviewFlag, contractor) and without internal attachments.',
        params: IdParams,
        response: { 200: TicketSchema, ...problemResponses },
      },
    },
    async (request) => tickets.getTicket(app.ctx, principalOf(request), request.params.id),
  );

  r.patch(
    '/api/tickets/:id',
    {
      schema: {
        tags,
        summary:
          'Triage a ticket before qualification: subject, description, place, caller, priority hint, danger (call center, admin, its building managers)',
        description:
          'Only while the ticket is new or qualifying (else 409 INVALID_STATE); send the `version` you read (stale: 409 VERSION_CONFLICT with `current`). ' +
          'Only the fields sent change; null clears an optional one. A new building drops the old room and asset unless new ones are given; ' +
          'requesterId links a known user (GET /api/callers), who becomes the requester. danger: true sets priority emergency. ' +
          'Each change is listed (old → new) in one "triage" timeline event that staff see; a requester does not see it. ' +
          'A requester or another role gets 403; out of scope 404; bad input 400 naming the field.',
        params: IdParams,
        body: TicketPatchBody,
        response: { 200: TicketSchema, ...problemResponses },
      },
    },
    async (request) => triageTicket(app.ctx, principalOf(request), request.params.id, request.body),
  );

  for (const action of tickets.TICKET_ACTIONS) {
    r.post(
      `/api/tickets/:id/actions/${action}`,
      {
        schema: {
          tags,
          summary: SUMMARY[action] ?? action,
          description:
            'Send the `version` you read; a stale one gets 409 VERSION_CONFLICT with `current`. Refusals: 403 FORBIDDEN (role), ' +
            '409 INVALID_STATE (state), 400 VALIDATION_FAILED (field named), 409/422 with a reason code (guards).',
          params: IdParams,
          body: actionBody(fieldsOf(TICKET_TRANSITIONS, action)),
          response: { 200: TicketSchema, ...problemResponses, ...actionProblems },
        },
      },
      async (request) =>
        tickets.ticketAction(app.ctx, principalOf(request), request.params.id, action, request.body as Record<string, unknown>),
    );
  }

  r.get(
    '/api/tickets/:id/timeline',
    {
      schema: {
        tags,
        summary: "The ticket's timeline: events (who, when, from → to, data), comments, attachments, notices sent, oldest first",
        description:
          'A requester sees public comments and files, the events meant for them with their reasons and dates only, and the notices sent to them. ' +
          "A contractor sees the ticket's own public items and notices to them, and every item of its own work orders; nothing of another contractor's work order.",
        params: IdParams,
        response: { 200: TimelineSchema, ...problemResponses },
      },
    },
    async (request) => ({ items: await tickets.getTimeline(app.ctx, principalOf(request), request.params.id) }),
  );

  r.post(
    '/api/tickets/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a ticket (public, or internal for staff)',
        params: IdParams,
        body: CommentBody,
        response: { 201: CommentSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await tickets.addComment(app.ctx, principalOf(request), request.params.id, request.body)),
  );
}
