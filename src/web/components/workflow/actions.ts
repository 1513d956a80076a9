// Which fields each action asks for, read from the domain's transition tables (the same table the
// server validates with), and how the buttons are arranged. No rule about *when* an action is
// allowed lives here: the server's `availableActions` decides which buttons exist.
import { TICKET_TRANSITIONS } from '../../../domain/workflow/ticket';
import { WORK_ORDER_TRANSITIONS } from '../../../domain/workflow/work-order';
import { PLANNED_WORK_ORDER_TRANSITIONS } from '../../../domain/workflow/planned-work-order';
import type { FieldRule } from '../../../domain/workflow/types';

export type { FieldRule };
export type ActionObject = 'ticket' | 'workOrder';

/** `planned`: a planned work order (workflow 2) takes its fields from the planned table. */
export function actionFields(object: ActionObject, action: string, planned = false): readonly FieldRule[] {
  if (planned) return PLANNED_WORK_ORDER_TRANSITIONS.find((tr) => tr.action === action)?.fields ?? [];
  const table = object === 'ticket' ? TICKET_TRANSITIONS : WORK_ORDER_TRANSITIONS;
  return table.find((tr) => tr.action === action)?.fields ?? [];
}

/** Actions that end or undo something: shown apart, in red, and confirmed in their dialog. */
export const DESTRUCTIVE = new Set(['dismiss', 'cancel', 'deny_quote', 'reject_completion', 'mark_not_manageable', 'reject_in_plan']);

/** The order of the buttons: the first offered one is the primary action. */
const ORDER = [
  // ticket
  'issue',
  'qualify',
  'request_inspection',
  'close',
  'remind',
  'complain',
  // work order, in the order work goes
  'acknowledge',
  'record_inspection',
  'schedule_inspection',
  'start_work',
  'schedule_work',
  'submit_quote',
  'mark_in_plan',
  'resume',
  'complete',
  'wait_materials',
  'verify',
  'approve_quote',
  'confirm_in_plan',
  'reopen',
  'change_priority',
  // planned work order
  'schedule',
  'reschedule',
  'open_follow_up',
];

/** Side actions of the requester: offered as plain buttons, never as the page's main one. */
export const NEVER_PRIMARY = new Set(['remind', 'complain']);

export function arrangeActions(actions: readonly string[]): { primary: string | null; secondary: string[]; destructive: string[] } {
  const rank = (a: string) => {
    const i = ORDER.indexOf(a);
    return i === -1 ? ORDER.length : i;
  };
  const normal = actions.filter((a) => !DESTRUCTIVE.has(a)).sort((a, b) => rank(a) - rank(b));
  const destructive = actions.filter((a) => DESTRUCTIVE.has(a));
  const primary = normal.find((a) => !NEVER_PRIMARY.has(a)) ?? null;
  return { primary, secondary: normal.filter((a) => a !== primary), destructive };
}
