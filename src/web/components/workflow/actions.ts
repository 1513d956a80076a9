// Which fields each action asks for, read from the domain's transition tables (the same table the
// server validates with), and how the buttons are arranged. No rule about *when* an action is
// allowed lives here: the server's `availableActions` decides which buttons exist.
import { TICKET_TRANSITIONS } from '../../../domain/workflow/ticket';
import { WORK_ORDER_TRANSITIONS } from '../../../domain/workflow/work-order';
import { PLANNED_WORK_ORDER_TRANSITIONS } from '../../../domain/workflow/planned-work-order';
import type { FieldRule } from '../../../domain/workflow/types';

export type { FieldRule };
export type ActionObject = 'ticket' | 'workOrder';

/** `kind` 'planned': a planned work order, whose moves are workflow 2's table (#8). */
export function actionFields(object: ActionObject, action: string, kind?: string): readonly FieldRule[] {
  const table: ReadonlyArray<{ action: string; fields: readonly FieldRule[] }> =
    object === 'ticket' ? TICKET_TRANSITIONS : kind === 'planned' ? PLANNED_WORK_ORDER_TRANSITIONS : WORK_ORDER_TRANSITIONS;
  return table.find((tr) => tr.action === action)?.fields ?? [];
}

/** Actions that end or undo something: shown apart, in red, and confirmed in their dialog. */
export const DESTRUCTIVE = new Set(['dismiss', 'cancel', 'deny_quote', 'reject_completion', 'mark_not_manageable', 'reject_in_plan']);

/** The order of the buttons: the first offered one is the primary action. */
const ORDER = [
  // ticket
  'issue', 'qualify', 'request_inspection', 'close', 'remind', 'complain',
  // work order, in the order work goes
  'acknowledge', 'record_inspection', 'schedule_inspection', 'schedule', 'start_work', 'schedule_work', 'submit_quote',
  'mark_in_plan', 'resume', 'complete', 'wait_materials', 'verify', 'approve_quote', 'confirm_in_plan',
  'reopen', 'change_priority', 'reschedule', 'open_follow_up',
];

export function arrangeActions(actions: readonly string[]): { primary: string | null; secondary: string[]; destructive: string[] } {
  const rank = (a: string) => {
    const i = ORDER.indexOf(a);
    return i === -1 ? ORDER.length : i;
  };
  const normal = actions.filter((a) => !DESTRUCTIVE.has(a)).sort((a, b) => rank(a) - rank(b));
  const destructive = actions.filter((a) => DESTRUCTIVE.has(a));
  return { primary: normal[0] ?? null, secondary: normal.slice(1), destructive };
}
