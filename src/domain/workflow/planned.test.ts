import { describe, expect, it } from 'vitest';
import { availableActions, decide } from './machine.ts';
import { PROGRAM_STATES, PROGRAM_TRANSITIONS, type ProgramState } from './program.ts';
import {
  PLANNED_WORK_ORDER_STATES,
  PLANNED_WORK_ORDER_TRANSITIONS,
  measurementsOutOfRange,
  plannedTicketState,
  type ChecklistItem,
  type PlannedWorkOrderContext,
  type PlannedWorkOrderState,
} from './planned-work-order.ts';
import { checkFields } from './fields.ts';
import type { Role } from './types.ts';

const ROLES: Role[] = ['requester', 'call_center', 'building_manager', 'service_head', 'contractor', 'accounting', 'admin'];

// The brief's tables, written out independently of the implementation:
// action → [(from states), (roles), to ('=' keeps the state), notices].
type Row<S> = [S[], Role[], S | '=', string[]];
const PROGRAM_SPEC: Record<string, Row<ProgramState>[]> = {
  submit: [[['draft', 'returned'], ['contractor'], 'submitted', ['program_submitted→building_managers']]],
  return: [[['submitted'], ['building_manager'], 'returned', ['program_returned→contractor']]],
  approve: [[['submitted'], ['building_manager'], 'approved', ['program_approved→contractor']]],
  publish: [
    [['approved'], ['service_head', 'building_manager'], 'published', ['program_published→building_managers,call_center,contractor']],
  ],
  regenerate: [[['draft', 'returned'], ['contractor', 'building_manager', 'service_head'], '=', []]],
};
const DESK = 'building_managers,call_center';
// New dates also to the occupants' contacts (resolved to nobody unless the building asks).
const DATES = `${DESK},occupants`;
const PWO_SPEC: Record<string, Row<PlannedWorkOrderState>[]> = {
  schedule: [[['planned'], ['contractor'], 'scheduled', [`planned_date→${DATES}`]]],
  reschedule: [[['planned', 'scheduled'], ['contractor'], 'scheduled', [`planned_new_date→${DATES}`]]],
  wait_materials: [[['scheduled'], ['contractor'], 'waiting_materials', [`planned_waiting_materials→${DATES}`]]],
  resume: [[['waiting_materials'], ['contractor'], 'scheduled', [`planned_new_date→${DATES}`]]],
  start_work: [[['scheduled'], ['contractor'], 'in_progress', []]],
  complete: [[['in_progress'], ['contractor'], 'completed', [`planned_closed→${DESK}`]]],
  reject_completion: [[['completed'], ['building_manager', 'call_center'], 'scheduled', ['completion_rejected→contractor']]],
  verify: [[['completed'], ['building_manager', 'call_center'], 'verified', []]],
  cancel: [[['planned', 'scheduled', 'waiting_materials'], ['building_manager'], 'cancelled', ['work_order_cancelled→contractor']]],
  open_follow_up: [[['completed', 'verified'], ['building_manager', 'call_center', 'contractor'], '=', []]],
};

const CHECKLIST: ChecklistItem[] = [
  { key: 'flame', label: 'Fiamma regolare', kind: 'yes_no' },
  { key: 'co', label: 'CO nei fumi', kind: 'measure', unit: 'ppm', max: 100 },
  { key: 'pressure', label: 'Pressione impianto', kind: 'measure', unit: 'bar', min: 1, max: 2 },
];
const ANSWERS = [
  { key: 'flame', ok: true },
  { key: 'co', value: 40 },
  { key: 'pressure', value: 1.5 },
];
const ALL_FIELDS = {
  note: 'ok',
  remarks: 'manca la centrale termica B',
  grouping: 'activity',
  scheduledAt: '2026-03-12T08:00:00Z',
  technician: 'Rossi',
  reason: 'tecnico malato',
  expectedOn: '2026-03-20',
  report: 'eseguito',
  hours: 2,
  checklist: ANSWERS,
};
const ctx: PlannedWorkOrderContext = {
  requiredDocuments: [],
  attachedDocuments: [],
  checklist: CHECKLIST,
  outOfRange: true,
  followUpTicketId: null,
};

function matrix<S extends string, C>(
  name: string,
  states: readonly S[],
  spec: Record<string, Row<S>[]>,
  table: Parameters<typeof decide<S, C>>[0],
  c: C,
) {
  describe(`${name}: every state × action × role`, () => {
    for (const [action, rows] of Object.entries(spec)) {
      for (const state of states) {
        for (const role of ROLES) {
          const row = rows.find((r) => r[1].includes(role) && r[0].includes(state));
          const roleEver = rows.some((r) => r[1].includes(role));
          const expected = row
            ? `ok:${row[2] === '=' ? state : row[2]}:${row[3].join(';')}`
            : roleEver
              ? 'STATE_NOT_ALLOWED'
              : 'ROLE_NOT_ALLOWED';
          it(`${action} from ${state} by ${role} → ${expected}`, () => {
            const out = decide(table, state, action, new Set([role]), ALL_FIELDS, c);
            expect(out.ok ? `ok:${out.to}:${out.notices.map((n) => `${n.kind}→${n.to.join(',')}`).join(';')}` : out.code).toBe(expected);
          });
        }
      }
    }
    it('the implementation has no action the specification lacks', () => {
      expect([...new Set(table.map((t) => t.action))].sort()).toEqual(Object.keys(spec).sort());
    });
  });
}

matrix('program', PROGRAM_STATES, PROGRAM_SPEC, PROGRAM_TRANSITIONS, {});
matrix('planned work order', PLANNED_WORK_ORDER_STATES, PWO_SPEC, PLANNED_WORK_ORDER_TRANSITIONS, ctx);

describe('program fields', () => {
  const bm = new Set<Role>(['building_manager']);
  it('returning needs remarks', () => {
    expect(decide(PROGRAM_TRANSITIONS, 'submitted', 'return', bm, { remarks: '  ' }, {})).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'remarks',
    });
    expect(decide(PROGRAM_TRANSITIONS, 'submitted', 'return', bm, { remarks: ' rivedere ' }, {})).toMatchObject({
      ok: true,
      data: { remarks: 'rivedere' },
    });
  });
  it('publishing takes an optional grouping, one of the two known', () => {
    expect(decide(PROGRAM_TRANSITIONS, 'approved', 'publish', bm, {}, {})).toMatchObject({ ok: true, to: 'published' });
    expect(decide(PROGRAM_TRANSITIONS, 'approved', 'publish', bm, { grouping: 'building_day' }, {})).toMatchObject({
      ok: true,
      data: { grouping: 'building_day' },
    });
    expect(decide(PROGRAM_TRANSITIONS, 'approved', 'publish', bm, { grouping: 'by_color' }, {})).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'grouping_invalid',
    });
  });
  it('offers the contractor submit and regenerate on a draft, nothing once published', () => {
    expect(availableActions(PROGRAM_TRANSITIONS, 'draft', new Set<Role>(['contractor']), {}).sort()).toEqual(['regenerate', 'submit']);
    expect(
      availableActions(PROGRAM_TRANSITIONS, 'published', new Set<Role>(['contractor', 'building_manager', 'service_head']), {}),
    ).toEqual([]);
  });
});

describe('planned work order: completion guards', () => {
  const contractor = new Set<Role>(['contractor']);
  const fields = { report: 'fatto', hours: 1.5 };
  it('names every unanswered checklist item (yes/no needs ok, a measurement needs a value)', () => {
    const out = decide(
      PLANNED_WORK_ORDER_TRANSITIONS,
      'in_progress',
      'complete',
      contractor,
      {
        ...fields,
        checklist: [
          { key: 'flame', note: 'visto' },
          { key: 'co', ok: true },
        ],
      },
      ctx,
    );
    expect(out).toMatchObject({ code: 'GUARD_FAILED', reason: 'checklist_incomplete', params: { missing: ['flame', 'co', 'pressure'] } });
  });
  it('needs the checklist field itself; an empty one is fine when the plan has no checklist', () => {
    expect(decide(PLANNED_WORK_ORDER_TRANSITIONS, 'in_progress', 'complete', contractor, fields, ctx)).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'checklist',
    });
    expect(
      decide(
        PLANNED_WORK_ORDER_TRANSITIONS,
        'in_progress',
        'complete',
        contractor,
        { ...fields, checklist: [] },
        { ...ctx, checklist: [] },
      ),
    ).toMatchObject({ ok: true, to: 'completed' });
  });
  it('refuses completion until the required documents are attached', () => {
    const c = { ...ctx, requiredDocuments: ['logbook_entry', 'test_report'], attachedDocuments: ['test_report'] };
    expect(
      decide(PLANNED_WORK_ORDER_TRANSITIONS, 'in_progress', 'complete', contractor, { ...fields, checklist: ANSWERS }, c),
    ).toMatchObject({ code: 'GUARD_FAILED', reason: 'documents_missing', params: { missing: ['logbook_entry'] } });
  });
  it('stores only the known properties of each answer, trimmed', () => {
    const out = decide(
      PLANNED_WORK_ORDER_TRANSITIONS,
      'in_progress',
      'complete',
      contractor,
      {
        ...fields,
        checklist: [
          { key: ' flame ', ok: false, note: ' no ', extra: 1 },
          { key: 'co', value: 0 },
          { key: 'pressure', value: 3, note: '' },
        ],
      },
      ctx,
    );
    expect(out.ok && out.data.checklist).toEqual([
      { key: 'flame', ok: false, note: 'no' },
      { key: 'co', value: 0 },
      { key: 'pressure', value: 3 },
    ]);
  });
});

describe('offered actions', () => {
  it('offers completion before the answers are given (the checklist is judged on submission)', () => {
    expect(availableActions(PLANNED_WORK_ORDER_TRANSITIONS, 'in_progress', new Set<Role>(['contractor']), ctx)).toEqual(['complete']);
    const complete = PLANNED_WORK_ORDER_TRANSITIONS.find((t) => t.action === 'complete')!;
    expect(complete.guard!({}, ctx)).toBeNull();
    expect(complete.guard!({}, { ...ctx, requiredDocuments: ['test_report'] })).toMatchObject({ reason: 'documents_missing' });
  });
});

describe("field kind 'checklist'", () => {
  const rule = [{ field: 'checklist', kind: 'checklist' as const }];
  it.each<[string, unknown]>([
    ['not an array', { key: 'a' }],
    ['an entry that is not an object', ['a']],
    ['an empty key', [{ key: ' ', ok: true }]],
    ['a key that is not a string', [{ key: 3, ok: true }]],
    ['ok not a boolean', [{ key: 'a', ok: 'yes' }]],
    ['a value that is not finite', [{ key: 'a', value: Number.POSITIVE_INFINITY }]],
    ['a value as text', [{ key: 'a', value: '3' }]],
    ['a note too long', [{ key: 'a', note: 'x'.repeat(2001) }]],
    ['more than 200 entries', Array.from({ length: 201 }, (_, i) => ({ key: `k${i}`, ok: true }))],
  ])('refuses %s', (_name, v) => {
    expect(checkFields(rule, { checklist: v })).toMatchObject({ code: 'FIELD_INVALID', field: 'checklist', params: { kind: 'checklist' } });
  });
  it('accepts 200 entries, negative measurements and a 2000-character note', () => {
    expect(
      checkFields(rule, { checklist: Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: -i, note: 'x'.repeat(2000) })) }),
    ).toHaveProperty('data');
  });
});

describe('follow-up from an out-of-range measurement', () => {
  const bm = new Set<Role>(['building_manager']);
  it('needs a measurement out of range, and only once', () => {
    expect(decide(PLANNED_WORK_ORDER_TRANSITIONS, 'completed', 'open_follow_up', bm, {}, { ...ctx, outOfRange: false })).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'no_out_of_range',
    });
    expect(decide(PLANNED_WORK_ORDER_TRANSITIONS, 'verified', 'open_follow_up', bm, {}, { ...ctx, followUpTicketId: 't9' })).toMatchObject({
      code: 'GUARD_FAILED',
      reason: 'follow_up_exists',
    });
    expect(decide(PLANNED_WORK_ORDER_TRANSITIONS, 'verified', 'open_follow_up', bm, {}, ctx)).toMatchObject({
      ok: true,
      to: 'verified',
      notices: [],
    });
  });
  it('measurementsOutOfRange: outside min/max only; bounds, yes/no and unanswered are in range', () => {
    const at = (co: number | undefined, pressure: number | undefined) =>
      measurementsOutOfRange(CHECKLIST, [
        { key: 'flame', ok: false },
        ...(co === undefined ? [] : [{ key: 'co', value: co }]),
        ...(pressure === undefined ? [] : [{ key: 'pressure', value: pressure }]),
      ]).map((i) => i.key);
    expect(at(100, 1)).toEqual([]);
    expect(at(100, 2)).toEqual([]);
    expect(at(100.1, 2)).toEqual(['co']);
    expect(at(50, 0.9)).toEqual(['pressure']);
    expect(at(101, 2.5)).toEqual(['co', 'pressure']);
    expect(at(undefined, undefined)).toEqual([]);
  });
});

describe('plannedTicketState', () => {
  it.each<[PlannedWorkOrderState[], string]>([
    [['planned'], 'in_progress'],
    [['completed', 'scheduled'], 'in_progress'],
    [['verified', 'waiting_materials'], 'in_progress'],
    [['in_progress', 'cancelled'], 'in_progress'],
    [['completed'], 'resolved'],
    [['completed', 'verified', 'cancelled'], 'resolved'],
    [['verified'], 'closed'],
    [['verified', 'cancelled'], 'closed'],
    [['cancelled'], 'closed'],
    [[], 'in_progress'],
  ])('%j → %s', (states, expected) => expect(plannedTicketState(states)).toBe(expected));
});
