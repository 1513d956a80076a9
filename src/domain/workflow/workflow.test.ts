import { describe, expect, it } from 'vitest';
import { availableActions, decide } from './machine.ts';
import {
  noticesAfterWorkOrders,
  TICKET_STATES,
  TICKET_TRANSITIONS,
  ticketAfterWorkOrders,
  type TicketContext,
  type TicketState,
} from './ticket.ts';
import { WORK_ORDER_STATES, WORK_ORDER_TRANSITIONS, requiredDocuments, type WorkOrderContext, type WorkOrderState } from './work-order.ts';
import type { Role } from './types.ts';

const ROLES: Role[] = ['requester', 'call_center', 'building_manager', 'service_head', 'contractor', 'accounting', 'admin'];
const OPEN_WO: WorkOrderState[] = [
  'issued',
  'acknowledged',
  'inspection_scheduled',
  'inspected',
  'in_plan_proposed',
  'awaiting_authorization',
  'authorized',
  'scheduled',
  'waiting_materials',
  'in_progress',
  'completed',
];
/** Work still to be done: a completed, verified or closed order takes no new priority and is not cancelled. */
const UNDONE_WO: WorkOrderState[] = OPEN_WO.filter((s) => s !== 'completed');

// DOMAIN.md's work-order table, written out independently of the implementation:
// action → [(from states), (roles), to ('=' keeps the state)].
type Row = [WorkOrderState[], Role[], WorkOrderState | '='];
const WO_SPEC: Record<string, Row[]> = {
  acknowledge: [[['issued'], ['contractor'], 'acknowledged']],
  schedule_inspection: [[['acknowledged'], ['contractor'], 'inspection_scheduled']],
  record_inspection: [[['inspection_scheduled'], ['contractor'], 'inspected']],
  mark_in_plan: [
    [['inspected'], ['contractor'], 'in_plan_proposed'],
    [['inspected'], ['building_manager'], 'closed'],
  ],
  confirm_in_plan: [[['in_plan_proposed'], ['building_manager'], 'closed']],
  reject_in_plan: [[['in_plan_proposed'], ['building_manager'], 'inspected']],
  mark_not_manageable: [[['inspected'], ['contractor', 'building_manager'], 'closed']],
  submit_quote: [[['inspected'], ['contractor'], 'awaiting_authorization']],
  approve_quote: [[['awaiting_authorization'], ['service_head'], 'authorized']],
  deny_quote: [[['awaiting_authorization'], ['service_head'], 'closed']],
  schedule_work: [[['inspected', 'authorized'], ['contractor'], 'scheduled']],
  wait_materials: [[['scheduled'], ['contractor'], 'waiting_materials']],
  resume: [[['waiting_materials'], ['contractor'], 'scheduled']],
  start_work: [[['scheduled', 'acknowledged'], ['contractor'], 'in_progress']],
  complete: [[['in_progress'], ['contractor'], 'completed']],
  reject_completion: [[['completed'], ['building_manager', 'call_center'], 'scheduled']],
  verify: [[['completed'], ['building_manager', 'call_center'], 'verified']],
  reopen: [[['verified'], ['building_manager', 'call_center'], 'scheduled']],
  change_priority: [[UNDONE_WO, ['building_manager'], '=']],
  cancel: [[UNDONE_WO, ['building_manager'], 'closed']],
};

// Fields that satisfy every action, so the matrix exercises states and roles only.
const ALL_FIELDS = {
  note: 'ok',
  inspectionAt: '2026-03-10T10:00:00Z',
  findings: 'leak under the sink',
  plannedActivity: 'PM-2026-03 boiler check',
  reason: 'duplicate',
  lines: [{ description: 'valve', quantity: 1 }],
  scheduledAt: '2026-03-12T08:00:00Z',
  expectedOn: '2026-03-20',
  report: 'replaced valve',
  hours: 2,
  priority: 'urgent',
};
const woCtx: WorkOrderContext = { priority: 'emergency', requiredDocuments: [], attachedDocuments: [] };

describe('work order: every state × action × role', () => {
  for (const [action, rows] of Object.entries(WO_SPEC)) {
    for (const state of WORK_ORDER_STATES) {
      for (const role of ROLES) {
        const row = rows.find((r) => r[1].includes(role) && r[0].includes(state));
        const roleEver = rows.some((r) => r[1].includes(role));
        const expected = row ? `ok:${row[2] === '=' ? state : row[2]}` : roleEver ? 'STATE_NOT_ALLOWED' : 'ROLE_NOT_ALLOWED';
        it(`${action} from ${state} by ${role} → ${expected}`, () => {
          const out = decide(WORK_ORDER_TRANSITIONS, state, action, new Set([role]), ALL_FIELDS, woCtx);
          expect(out.ok ? `ok:${out.to}` : out.code).toBe(expected);
        });
      }
    }
  }

  it('the implementation has no action the specification lacks', () => {
    expect([...new Set(WORK_ORDER_TRANSITIONS.map((t) => t.action))].sort()).toEqual(Object.keys(WO_SPEC).sort());
  });
});

type TRow = [TicketState[], Role[], TicketState | '='];
const TICKET_SPEC: Record<string, TRow[]> = {
  request_inspection: [[['new'], ['building_manager'], 'qualifying']],
  qualify: [[['new', 'qualifying'], ['building_manager'], 'qualified']],
  issue: [[['new', 'qualified', 'in_progress'], ['building_manager'], 'in_progress']],
  dismiss: [[['new', 'qualifying', 'qualified'], ['building_manager'], 'closed']],
  close: [[['resolved'], ['call_center', 'building_manager'], 'closed']],
  rate: [[['closed'], ['requester'], '=']],
  reopen: [[['resolved', 'closed'], ['building_manager', 'call_center'], 'in_progress']],
  not_solved: [[['closed'], ['requester'], 'in_progress']],
  remind: [[['new', 'qualifying', 'qualified', 'in_progress'], ['requester'], '=']],
  complain: [[['new', 'qualifying', 'qualified', 'in_progress', 'resolved', 'closed'], ['requester'], '=']],
};
const TICKET_FIELDS = {
  inspectionAt: '2026-03-10T10:00:00Z',
  note: 'n',
  findings: 'f',
  technologyClassId: 'ELE',
  priority: 'urgent',
  description: 'no light',
  reason: 'duplicate',
  stars: 5,
  workDone: true,
  text: 'nobody came',
};
const tCtx: TicketContext = {
  now: '2026-03-10T09:00:00Z',
  lastReminderAt: null,
  openedAt: '2026-03-01T09:00:00Z',
  reminderQuietHours: 24,
  closedAt: '2026-03-09T09:00:00Z',
  reopenDays: 15,
};

describe('ticket: every state × action × role', () => {
  for (const [action, rows] of Object.entries(TICKET_SPEC)) {
    for (const state of TICKET_STATES) {
      for (const role of ROLES) {
        const row = rows.find((r) => r[1].includes(role) && r[0].includes(state));
        const roleEver = rows.some((r) => r[1].includes(role));
        const expected = row ? `ok:${row[2] === '=' ? state : row[2]}` : roleEver ? 'STATE_NOT_ALLOWED' : 'ROLE_NOT_ALLOWED';
        it(`${action} from ${state} by ${role} → ${expected}`, () => {
          const out = decide(TICKET_TRANSITIONS, state, action, new Set([role]), TICKET_FIELDS, tCtx);
          expect(out.ok ? `ok:${out.to}` : out.code).toBe(expected);
        });
      }
    }
  }

  it('the implementation has no action the specification lacks', () => {
    expect([...new Set(TICKET_TRANSITIONS.map((t) => t.action))].sort()).toEqual(Object.keys(TICKET_SPEC).sort());
  });
});

describe('required fields and guards', () => {
  const contractor = new Set<Role>(['contractor']);
  it('names the missing required field', () => {
    expect(decide(WORK_ORDER_TRANSITIONS, 'scheduled', 'wait_materials', contractor, {}, woCtx)).toMatchObject({
      ok: false,
      code: 'FIELD_REQUIRED',
      field: 'expectedOn',
    });
    expect(
      decide(WORK_ORDER_TRANSITIONS, 'awaiting_authorization', 'deny_quote', new Set<Role>(['service_head']), { reason: '   ' }, woCtx),
    ).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });
  });
  it('refuses a malformed value, naming the field', () => {
    expect(decide(WORK_ORDER_TRANSITIONS, 'scheduled', 'wait_materials', contractor, { expectedOn: '20/03/2026' }, woCtx)).toMatchObject({
      code: 'FIELD_INVALID',
      field: 'expectedOn',
    });
    expect(decide(WORK_ORDER_TRANSITIONS, 'in_progress', 'complete', contractor, { report: 'r', hours: -1 }, woCtx)).toMatchObject({
      code: 'FIELD_INVALID',
      field: 'hours',
    });
  });
  it('keeps only the known fields, trimmed', () => {
    const out = decide(
      WORK_ORDER_TRANSITIONS,
      'waiting_materials',
      'resume',
      contractor,
      { scheduledAt: '2026-03-12T08:00:00Z', sneaky: 1 },
      woCtx,
    );
    expect(out.ok && out.data).toEqual({ scheduledAt: '2026-03-12T08:00:00Z' });
  });
  it('lets only an emergency go straight to work after acknowledgement', () => {
    expect(decide(WORK_ORDER_TRANSITIONS, 'acknowledged', 'start_work', contractor, {}, { ...woCtx, priority: 'urgent' })).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'emergency_only',
    });
    expect(decide(WORK_ORDER_TRANSITIONS, 'acknowledged', 'start_work', contractor, {}, woCtx)).toMatchObject({
      ok: true,
      to: 'in_progress',
    });
    expect(decide(WORK_ORDER_TRANSITIONS, 'scheduled', 'start_work', contractor, {}, { ...woCtx, priority: 'ordinary' })).toMatchObject({
      ok: true,
    });
  });
  it('refuses completion until the required documents are attached', () => {
    const ctx: WorkOrderContext = { priority: 'ordinary', requiredDocuments: ['conformity_declaration'], attachedDocuments: [] };
    const fields = { report: 'new socket line', hours: 3 };
    expect(decide(WORK_ORDER_TRANSITIONS, 'in_progress', 'complete', contractor, fields, ctx)).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'documents_missing',
      params: { missing: ['conformity_declaration'] },
    });
    expect(
      decide(WORK_ORDER_TRANSITIONS, 'in_progress', 'complete', contractor, fields, {
        ...ctx,
        attachedDocuments: ['conformity_declaration'],
      }),
    ).toMatchObject({ ok: true, to: 'completed' });
  });
  it('refuses a priority change to the same priority', () => {
    expect(
      decide(
        WORK_ORDER_TRANSITIONS,
        'scheduled',
        'change_priority',
        new Set<Role>(['building_manager']),
        { priority: 'emergency', reason: 'x' },
        woCtx,
      ),
    ).toMatchObject({ reason: 'same_priority' });
  });
  it('accepts at most one reminder a day', () => {
    const requester = new Set<Role>(['requester']);
    const ctx = { ...tCtx, now: '2026-03-10T09:00:00Z', lastReminderAt: '2026-03-09T10:00:00Z' };
    expect(decide(TICKET_TRANSITIONS, 'in_progress', 'remind', requester, {}, ctx)).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'reminder_once_a_day',
    });
    expect(decide(TICKET_TRANSITIONS, 'in_progress', 'remind', requester, {}, { ...ctx, now: '2026-03-10T10:00:00Z' })).toMatchObject({
      ok: true,
    });
  });
  it('offers no reminder before the quiet time after opening has passed', () => {
    const requester = new Set<Role>(['requester']);
    const fresh = { ...tCtx, openedAt: '2026-03-10T08:59:00Z', now: '2026-03-10T09:00:00Z' };
    expect(decide(TICKET_TRANSITIONS, 'new', 'remind', requester, {}, fresh)).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'reminder_too_early',
      params: { nextAt: '2026-03-11T08:59:00.000Z' },
    });
    expect(decide(TICKET_TRANSITIONS, 'new', 'remind', requester, {}, { ...fresh, now: '2026-03-11T08:59:00Z' })).toMatchObject({
      ok: true,
    });
    expect(decide(TICKET_TRANSITIONS, 'new', 'remind', requester, {}, { ...fresh, reminderQuietHours: 0 })).toMatchObject({ ok: true });
  });
  it('lets the requester mark a closed ticket not solved within the reopen window, with a reason', () => {
    const requester = new Set<Role>(['requester']);
    const closed = { ...tCtx, closedAt: '2026-03-01T10:00:00Z', reopenDays: 15 };
    expect(decide(TICKET_TRANSITIONS, 'closed', 'not_solved', requester, {}, { ...closed, now: '2026-03-02T10:00:00Z' })).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'reason',
    });
    expect(
      decide(
        TICKET_TRANSITIONS,
        'closed',
        'not_solved',
        requester,
        { reason: 'gocciola ancora' },
        { ...closed, now: '2026-03-16T10:00:00Z' },
      ),
    ).toMatchObject({
      ok: true,
      to: 'in_progress',
      notices: [{ kind: 'ticket_reopened', to: ['building_managers', 'contractor', 'call_center'] }],
    });
    expect(
      decide(TICKET_TRANSITIONS, 'closed', 'not_solved', requester, { reason: 'x' }, { ...closed, now: '2026-03-16T10:00:01Z' }),
    ).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'reopen_window_over',
      params: { until: '2026-03-16T10:00:00.000Z', days: 15 },
    });
    expect(availableActions(TICKET_TRANSITIONS, 'closed', requester, closed)).toContain('not_solved');
  });
  it('offers neither a priority change nor a cancellation once the work is done', () => {
    const manager = new Set<Role>(['building_manager']);
    for (const s of ['completed', 'verified', 'closed'] as const) {
      const offered = availableActions(WORK_ORDER_TRANSITIONS, s, manager, woCtx);
      expect(offered).not.toContain('change_priority');
      expect(offered).not.toContain('cancel');
    }
    expect(availableActions(WORK_ORDER_TRANSITIONS, 'scheduled', manager, woCtx)).toEqual(
      expect.arrayContaining(['change_priority', 'cancel']),
    );
  });
});

describe('notices', () => {
  it('a denied quote tells the requester and call center (notice 2) and the contractor', () => {
    const out = decide(
      WORK_ORDER_TRANSITIONS,
      'awaiting_authorization',
      'deny_quote',
      new Set<Role>(['service_head']),
      { reason: 'not urgent this year' },
      woCtx,
    );
    expect(out.ok && out.notices).toEqual([
      { kind: 'ticket_update', to: ['requester', 'call_center'] },
      { kind: 'quote_decided', to: ['contractor', 'building_managers'] },
    ]);
  });
  it('closing sends notice 3 to the requester', () => {
    const out = decide(TICKET_TRANSITIONS, 'resolved', 'close', new Set<Role>(['call_center']), {}, tCtx);
    expect(out.ok && out.notices).toEqual([{ kind: 'ticket_closed', to: ['requester'] }]);
  });
  it('a rating "not done" reopens and alerts; a low score is flagged', () => {
    const out = decide(TICKET_TRANSITIONS, 'closed', 'rate', new Set<Role>(['requester']), { stars: 1, workDone: false }, tCtx);
    expect(out).toMatchObject({ ok: true, to: 'in_progress' });
    expect(out.ok && out.notices.map((n) => n.kind)).toEqual(['ticket_reopened', 'low_rating']);
    const happy = decide(TICKET_TRANSITIONS, 'closed', 'rate', new Set<Role>(['requester']), { stars: 5, workDone: true }, tCtx);
    expect(happy.ok && happy.notices).toEqual([]);
  });
  it('materials wait and the new date are update notices', () => {
    const c = new Set<Role>(['contractor']);
    for (const [state, action, fields] of [
      ['scheduled', 'wait_materials', { expectedOn: '2026-03-20' }],
      ['waiting_materials', 'resume', { scheduledAt: '2026-03-21T08:00:00Z' }],
    ] as const) {
      const out = decide(WORK_ORDER_TRANSITIONS, state, action, c, fields, woCtx);
      expect(out.ok && out.notices).toEqual([{ kind: 'ticket_update', to: ['requester', 'call_center'] }]);
    }
  });
});

describe('ticket after its work orders', () => {
  it('resolves when every work order is finished and one was done', () => {
    expect(ticketAfterWorkOrders('in_progress', [{ state: 'verified' }, { state: 'closed' }])).toBe('resolved');
  });
  it('closes when every work order ended without work', () => {
    expect(ticketAfterWorkOrders('in_progress', [{ state: 'closed' }])).toBe('closed');
  });
  it('stays while any work order is open', () => {
    expect(ticketAfterWorkOrders('in_progress', [{ state: 'verified' }, { state: 'scheduled' }])).toBe('in_progress');
  });
  it('tells the requester and the call center when a cancel closes the ticket, and only then', () => {
    expect(noticesAfterWorkOrders('cancel', 'in_progress', 'closed')).toEqual([
      { kind: 'ticket_update', to: ['requester', 'call_center'] },
    ]);
    expect(noticesAfterWorkOrders('cancel', 'in_progress', 'in_progress')).toEqual([]);
    expect(noticesAfterWorkOrders('cancel', 'in_progress', 'resolved')).toEqual([]);
    // The other ways of ending without work already tell them with the work order's own notice.
    for (const cause of ['mark_not_manageable', 'deny_quote', 'confirm_in_plan', 'mark_in_plan'])
      expect(noticesAfterWorkOrders(cause, 'in_progress', 'closed')).toEqual([]);
  });
});

describe('available actions', () => {
  it('offers the contractor what it may do now, and nothing to others', () => {
    expect(availableActions(WORK_ORDER_TRANSITIONS, 'inspected', new Set<Role>(['contractor']), woCtx).sort()).toEqual([
      'mark_in_plan',
      'mark_not_manageable',
      'schedule_work',
      'submit_quote',
    ]);
    expect(availableActions(WORK_ORDER_TRANSITIONS, 'inspected', new Set<Role>(['requester']), woCtx)).toEqual([]);
  });
});

describe('required documents (DM 37/2008)', () => {
  it('asks a conformity declaration for regulated classes when the installation changes or the work is extra-fee', () => {
    expect(requiredDocuments({ dm37Letter: 'a' }, { extraordinary: true, changesInstallation: false })).toEqual(['conformity_declaration']);
    expect(requiredDocuments({ dm37Letter: 'c' }, { extraordinary: false, changesInstallation: true })).toEqual(['conformity_declaration']);
    expect(requiredDocuments({ dm37Letter: 'a' }, { extraordinary: false, changesInstallation: false })).toEqual([]);
    expect(requiredDocuments({ dm37Letter: null }, { extraordinary: true, changesInstallation: true })).toEqual([]);
    expect(requiredDocuments({ dm37Letter: 'f', requiresLogbook: true }, { extraordinary: false, changesInstallation: false })).toEqual([
      'logbook_entry',
    ]);
  });
});
