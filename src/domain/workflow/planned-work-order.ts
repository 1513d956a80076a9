// INTERIM copy of helper "domain"'s table (common brief), replaced by theirs on merge.
import type { Transition } from './types.ts';

export const PLANNED_WORK_ORDER_STATES = ['planned', 'scheduled', 'waiting_materials', 'in_progress', 'completed', 'verified', 'cancelled'] as const;
export type PlannedWorkOrderState = (typeof PLANNED_WORK_ORDER_STATES)[number];

export interface ChecklistItem { key: string; label: string; kind: 'yes_no' | 'measure'; unit?: string; min?: number; max?: number }
export interface ChecklistResult { key: string; ok?: boolean; value?: number; note?: string }

export interface PlannedWorkOrderContext {
  requiredDocuments: string[];
  attachedDocuments: string[];
  checklist: ChecklistItem[];
  outOfRange: boolean;
  followUpTicketId: string | null;
}

const BMCC = ['building_managers', 'call_center'] as const;

export const PLANNED_WORK_ORDER_TRANSITIONS: readonly Transition<PlannedWorkOrderState, PlannedWorkOrderContext>[] = [
  { action: 'schedule', from: ['planned'], to: 'scheduled', roles: ['contractor'], fields: [{ field: 'scheduledAt', kind: 'instant' }, { field: 'technician', kind: 'text', optional: true }], notices: [] },
  { action: 'reschedule', from: ['planned', 'scheduled'], to: 'scheduled', roles: ['contractor'], fields: [{ field: 'scheduledAt', kind: 'instant' }, { field: 'reason', kind: 'text' }], notices: [] },
  { action: 'wait_materials', from: ['scheduled'], to: 'waiting_materials', roles: ['contractor'], fields: [{ field: 'expectedOn', kind: 'date' }, { field: 'note', kind: 'text', optional: true }], notices: [] },
  { action: 'resume', from: ['waiting_materials'], to: 'scheduled', roles: ['contractor'], fields: [{ field: 'scheduledAt', kind: 'instant' }], notices: [] },
  { action: 'start_work', from: ['scheduled'], to: 'in_progress', roles: ['contractor'], fields: [{ field: 'note', kind: 'text', optional: true }], notices: [] },
  {
    action: 'complete', from: ['in_progress'], to: 'completed', roles: ['contractor'],
    fields: [{ field: 'report', kind: 'text' }, { field: 'hours', kind: 'number' }, { field: 'checklist', kind: 'checklist' }, { field: 'materials', kind: 'text', optional: true }],
    guard: (f, c) => {
      const given = new Map(((f.checklist as ChecklistResult[] | undefined) ?? []).map((r) => [r.key, r]));
      const missing = c.checklist.filter((i) => {
        const r = given.get(i.key);
        return !r || (i.kind === 'yes_no' ? typeof r.ok !== 'boolean' : typeof r.value !== 'number' || !Number.isFinite(r.value));
      }).map((i) => i.key);
      if (missing.length) return { reason: 'checklist_incomplete', params: { missing } };
      const docs = c.requiredDocuments.filter((d) => !c.attachedDocuments.includes(d));
      return docs.length ? { reason: 'documents_missing', params: { missing: docs } } : null;
    },
    notices: [],
  },
  { action: 'reject_completion', from: ['completed'], to: 'scheduled', roles: ['building_manager', 'call_center'], fields: [{ field: 'reason', kind: 'text' }], notices: [{ kind: 'completion_rejected', to: ['contractor'] }] },
  { action: 'verify', from: ['completed'], to: 'verified', roles: ['building_manager', 'call_center'], fields: [{ field: 'note', kind: 'text', optional: true }], notices: [] },
  { action: 'cancel', from: ['planned', 'scheduled', 'waiting_materials'], to: 'cancelled', roles: ['building_manager'], fields: [{ field: 'reason', kind: 'text' }], notices: [{ kind: 'work_order_cancelled', to: ['contractor'] }] },
  {
    action: 'open_follow_up', from: ['completed', 'verified'], to: (_f, _c, from) => from, roles: ['building_manager', 'call_center', 'contractor'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    guard: (_f, c) => (!c.outOfRange ? { reason: 'no_out_of_range' } : c.followUpTicketId ? { reason: 'follow_up_exists' } : null),
    notices: [],
  },
];
void BMCC;

export function plannedTicketState(states: readonly string[]): 'in_progress' | 'resolved' | 'closed' {
  const open = states.some((s) => !['completed', 'verified', 'cancelled'].includes(s));
  if (open) return 'in_progress';
  if (states.some((s) => s === 'completed')) return 'resolved';
  return 'closed';
}
