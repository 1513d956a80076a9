// Words for the workflow's codes (states, priorities, actions, fields, notices), in the user's
// language. Unknown codes (a newer server) are shown as they are rather than failing.
import {
  ATTACHMENT_KINDS,
  PRIORITIES,
  TICKET_STATES,
  WORK_ORDER_STATES,
  type AttachmentKind,
  type Priority,
  type TicketState,
  type WorkOrderState,
} from '../../api/workflow';
import type { MessageKey, Translate } from '../../i18n/messages';

const includes = <T extends string>(list: readonly T[], value: string | null | undefined): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

export const isTicketState = (s: string | null | undefined): s is TicketState => includes(TICKET_STATES, s);
export const isWorkOrderState = (s: string | null | undefined): s is WorkOrderState => includes(WORK_ORDER_STATES, s);
export const isPriority = (s: string | null | undefined): s is Priority => includes(PRIORITIES, s);
export const isAttachmentKind = (s: string | null | undefined): s is AttachmentKind => includes(ATTACHMENT_KINDS, s);

export const OUTCOMES = ['in_plan', 'not_manageable', 'denied', 'cancelled'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const isOutcome = (s: string | null | undefined): s is Outcome => includes(OUTCOMES, s);

export function ticketStatusLabel(t: Translate, status: string): string {
  return isTicketState(status) ? t(`status.ticket.${status}`) : status;
}

export function workOrderStatusLabel(t: Translate, status: string, outcome?: string | null): string {
  if (status === 'closed' && isOutcome(outcome)) return t(`status.outcome.${outcome}`);
  return isWorkOrderState(status) ? t(`status.workOrder.${status}`) : status;
}

export function priorityLabel(t: Translate, priority: string | null | undefined): string {
  return isPriority(priority) ? t(`priority.${priority}`) : t('priority.none');
}

export function attachmentKindLabel(t: Translate, kind: string): string {
  return isAttachmentKind(kind) ? t(`attachments.kinds.${kind}`) : kind;
}

/** The label of an action button; the key is checked at run time against the catalogue. */
export function actionLabel(t: Translate, action: string): string {
  return lookup(t, `actions.${action}.label`, action);
}

/** A key built at run time from a server code: used only when the catalogue has it. */
export function lookup(t: Translate, key: string, fallback: string): string {
  const text = t(key as MessageKey, { defaultValue: '' });
  return text === '' ? fallback : text;
}

export function technologyClassName(c: { nameIt?: string; nameEn?: string; name?: string; code: string }, language: string): string {
  const name = language === 'en' ? (c.nameEn ?? c.name) : (c.nameIt ?? c.name);
  return name ? `${c.code} – ${name}` : c.code;
}
