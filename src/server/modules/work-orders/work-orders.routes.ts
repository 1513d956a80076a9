import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fieldsOf } from '../../../domain/workflow/machine.ts';
import { PLANNED_WORK_ORDER_TRANSITIONS } from '../../../domain/workflow/planned-work-order.ts';
import type { FieldRule } from '../../../domain/workflow/types.ts';
import { WORK_ORDER_TRANSITIONS } from '../../../domain/workflow/work-order.ts';
import { IdParams, problemResponses } from '../../../shared/schemas/common.ts';
import {
  actionBody,
  actionProblems,
  CommentBody,
  CommentSchema,
  MeterReadingInput,
  WorkOrderSchema,
} from '../../../shared/schemas/workflow.ts';
import { principalOf } from '../../plugins/auth.ts';
import * as workOrders from './work-orders.service.ts';

const SUMMARY: Record<string, string> = {
  acknowledge: 'Contractor takes charge (issued → acknowledged)',
  schedule_inspection: 'Contractor schedules its inspection',
  start_work: 'Start work (from scheduled; straight from acknowledged only in an emergency)',
  record_inspection: 'Record the inspection findings (→ inspected, notice 2)',
  mark_in_plan: 'Covered by planned maintenance (contractor proposes, building manager closes)',
  confirm_in_plan: 'Building manager confirms the in-plan proposal (→ closed in_plan)',
  reject_in_plan: 'Building manager rejects the in-plan proposal (→ inspected)',
  mark_not_manageable: 'Not manageable, with a reason (→ closed; notice 2)',
  submit_quote: 'Submit an extra-fee quote: price-list or free lines; totals with the contract discount on works only, VAT 22%',
  approve_quote: 'Service head authorises the quote (extra fee: DM 37 classes then need a conformity declaration)',
  deny_quote: 'Service head denies the quote with a reason shown to the requester (→ closed denied)',
  schedule_work: 'Schedule the work (requester notified)',
  wait_materials: 'Pause waiting for materials, with the expected date',
  resume: 'Materials arrived: new date (requester notified)',
  complete: 'Complete with report and hours; the required documents must be attached (422 DOCUMENTS_MISSING)',
  reject_completion: 'Building manager / call center rejects the completion (→ scheduled)',
  verify: 'Building manager / call center verifies (ticket → resolved when no other work is open)',
  reopen: 'Reopen a verified work order (→ scheduled)',
  change_priority: 'Change the priority, with a reason',
  cancel: 'Cancel (issued by mistake, duplicate), with a reason',
  // Planned work orders (workflow 2) only:
  schedule: 'Planned: schedule the visit (planned → scheduled; building managers and call center told the date)',
  reschedule: 'Planned: move the visit, with a reason (building managers and call center told the new date)',
  open_follow_up: 'Planned: open the follow-up fault ticket of an out-of-range measurement (once)',
};

/**
 * One route serves both machines: an action of both tables takes the fields of both, each
 * required here only when both require it (the table of the work order's kind decides on submission).
 * complete also takes the meters read on a planned visit (`readings`).
 */
function bodyOf(action: string) {
  const tables = [fieldsOf(WORK_ORDER_TRANSITIONS, action), fieldsOf(PLANNED_WORK_ORDER_TRANSITIONS, action)].filter((_, i) =>
    (i === 0 ? WORK_ORDER_TRANSITIONS : PLANNED_WORK_ORDER_TRANSITIONS).some((t) => t.action === action),
  );
  const rules = new Map<string, FieldRule>();
  for (const fields of tables) {
    for (const f of fields) {
      const inAll = tables.every((other) => other.some((o) => o.field === f.field && !o.optional));
      rules.set(f.field, { ...f, optional: f.optional || !inAll });
    }
  }
  const body = actionBody([...rules.values()]);
  if (action !== 'complete') return body;
  return Type.Object(
    {
      ...body.properties,
      readings: Type.Optional(
        Type.Array(MeterReadingInput, { maxItems: 50, description: 'planned: meters read on the visit, recorded with source visit' }),
      ),
    },
    { additionalProperties: false },
  );
}

const ALL_ACTIONS = [...new Set([...workOrders.WORK_ORDER_ACTIONS, ...PLANNED_WORK_ORDER_TRANSITIONS.map((t) => t.action)])];

export async function workOrderRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['work-orders'];

  r.get(
    '/api/work-orders/:id',
    {
      schema: {
        tags,
        summary: 'One work order: available actions, quote with lines and totals, documents required and attached, timeline',
        params: IdParams,
        response: { 200: WorkOrderSchema, ...problemResponses },
      },
    },
    async (request) => workOrders.getWorkOrder(app.ctx, principalOf(request), request.params.id),
  );

  for (const action of ALL_ACTIONS) {
    r.post(
      `/api/work-orders/:id/actions/${action}`,
      {
        schema: {
          tags,
          summary: SUMMARY[action] ?? action,
          description:
            'Send the `version` you read; a stale one gets 409 VERSION_CONFLICT with `current` (the check is in the UPDATE). ' +
            'Refusals: 403 FORBIDDEN (role), 409 INVALID_STATE (state), 400 VALIDATION_FAILED (field named), 409/422 with a reason code (guards).',
          params: IdParams,
          body: bodyOf(action),
          response: { 200: WorkOrderSchema, ...problemResponses, ...actionProblems },
        },
      },
      async (request) =>
        workOrders.workOrderAction(app.ctx, principalOf(request), request.params.id, action, request.body as Record<string, unknown>),
    );
  }

  r.post(
    '/api/work-orders/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a work order (its contractor, building managers, staff); shown on the ticket too',
        params: IdParams,
        body: CommentBody,
        response: { 201: CommentSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await workOrders.addWorkOrderComment(app.ctx, principalOf(request), request.params.id, request.body)),
  );
}
