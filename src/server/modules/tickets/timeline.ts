// The timeline of a ticket or work order: events, comments, attachments and notices merged and
// ordered (at, then the time-ordered id). Which rows the caller reads is decided in the SQL
// (scope.ts ticketItemWhere): the requester's view hides internal comments and files, the data of
// internal events (quote amounts, findings, reports) and notices sent to others; a contractor's
// adds everything of its own work orders and nothing of a sibling contractor's.
import type { CommentDto, TimelineItem } from '../../../shared/schemas/workflow.ts';
import type { Db } from '../../db/create-db.ts';
import { presentAttachment } from '../attachments/attachments.service.ts';
import { listAttachments } from '../attachments/attachments.repository.ts';
import { ticketItemWhere, type TicketItemView } from '../../scope.ts';
import * as repo from './tickets.repository.ts';

export function presentComment(c: {
  id: string;
  ticket_id: string;
  work_order_id: string | null;
  author_id: string | null;
  author_label: string;
  visibility: string;
  source: string;
  body: string;
  created_at: string;
}): CommentDto {
  return {
    id: c.id,
    ticketId: c.ticket_id,
    workOrderId: c.work_order_id,
    author: { id: c.author_id, label: c.author_label },
    visibility: c.visibility === 'internal' ? 'internal' : 'public',
    source: c.source,
    body: c.body,
    createdAt: c.created_at,
  };
}

/**
 * What a requester sees of each event: the data keys listed (reasons shown to them, dates);
 * events not listed (quotes and their amounts, rejected completions, priority changes, a
 * contractor's in-plan proposal) are not shown at all.
 */
const REQUESTER_EVENTS: Record<string, readonly string[]> = {
  'ticket:open': ['channel', 'danger'],
  'ticket:request_inspection': ['inspectionAt'],
  'ticket:qualify': [],
  'ticket:issue': ['workOrderNumber'],
  'ticket:dismiss': ['reason'],
  'ticket:close': ['note'],
  'ticket:rate': ['stars', 'workDone', 'comment'],
  'ticket:reopen': ['reason'],
  'ticket:not_solved': ['reason'],
  'ticket:remind': ['note'],
  'ticket:complain': ['text'],
  'ticket:auto_resolve': [],
  'ticket:auto_close': ['reason'],
  'work_order:issue': [],
  'work_order:acknowledge': [],
  'work_order:schedule_inspection': ['inspectionAt'],
  'work_order:record_inspection': [],
  'work_order:mark_in_plan': ['plannedActivity'],
  'work_order:confirm_in_plan': [],
  'work_order:mark_not_manageable': ['reason'],
  'work_order:approve_quote': [],
  'work_order:deny_quote': ['reason'],
  'work_order:schedule_work': ['scheduledAt'],
  'work_order:wait_materials': ['expectedOn'],
  'work_order:resume': ['scheduledAt'],
  'work_order:start_work': [],
  'work_order:complete': [],
  'work_order:verify': [],
  'work_order:reopen': [],
  'work_order:cancel': ['reason'],
};

type EventRow = Awaited<ReturnType<typeof repo.listEvents>>[number];

function workOrderIdIn(data: string): string | null {
  try {
    const id = (JSON.parse(data) as { workOrderId?: unknown }).workOrderId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** An event's data; a row whose data does not parse shows none rather than failing the page. */
export function eventData(e: { data: string }): Record<string, unknown> {
  try {
    return JSON.parse(e.data) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** An event of a program's or a penalty's own timeline (no ticket view rules apply). */
export function presentOwnEvent(
  e: Pick<EventRow, 'id' | 'at' | 'actor_id' | 'actor_label' | 'action' | 'from_state' | 'to_state' | 'data'>,
) {
  return {
    id: e.id,
    at: e.at,
    actor: { id: e.actor_id, label: e.actor_label },
    action: e.action,
    from: e.from_state,
    to: e.to_state,
    data: eventData(e),
  };
}

export function presentEvent(e: EventRow, requesterView: boolean): TimelineItem | null {
  const object = e.work_order_id ? 'work_order' : 'ticket';
  let data = eventData(e);
  if (requesterView) {
    const keys = REQUESTER_EVENTS[`${object}:${e.action}`];
    if (!keys || e.to_state === 'in_plan_proposed') return null;
    data = Object.fromEntries(Object.entries(data).filter(([k]) => keys.includes(k)));
  }
  return {
    type: 'event',
    id: e.id,
    at: e.at,
    workOrderId: e.work_order_id,
    event: {
      object,
      workOrderNumber: e.work_order_number ?? null,
      actor: { id: e.actor_id, label: e.actor_label },
      action: e.action,
      from: e.from_state,
      to: e.to_state,
      data,
    },
  };
}

/** Every item: the view of whoever reads a work order (its contractor, building managers, staff). */
export const FULL_VIEW: TicketItemView = { full: true, requester: false, contractorId: null, userId: null };

/** Events, comments, attachments and notices of one ticket or work order that `view` reads, oldest first. */
export async function timelineOf(
  db: Db,
  by: { ticketId: string } | { workOrderId: string },
  view: TicketItemView,
): Promise<TimelineItem[]> {
  const [events, comments, attachments, notices] = await Promise.all([
    repo.listEvents(db, by, ticketItemWhere(view, 'e', 'event')),
    repo.listComments(db, by, ticketItemWhere(view, 'cm', 'flagged')),
    listAttachments(db, by, ticketItemWhere(view, 'at', 'flagged')),
    repo.listOutbox(db, by, ticketItemWhere(view, 'o', 'notice')),
  ]);
  const own = (e: EventRow) => view.contractorId !== null && e.work_order_contractor_id === view.contractorId;
  const ownIds = new Set(events.filter(own).map((e) => e.work_order_id));
  const items: TimelineItem[] = [];
  for (const e of events) {
    // The ticket's "issue" event of a sibling contractor's work order names it: not that contractor's business.
    if (!view.full && !view.requester && e.work_order_id === null && e.action === 'issue' && !ownIds.has(workOrderIdIn(e.data))) continue;
    const item = presentEvent(e, !view.full && !own(e));
    if (item) items.push(item);
  }
  for (const c of comments)
    items.push({ type: 'comment', id: c.id, at: c.created_at, workOrderId: c.work_order_id, comment: presentComment(c) });
  for (const a of attachments)
    items.push({ type: 'attachment', id: a.id, at: a.created_at, workOrderId: a.work_order_id, attachment: presentAttachment(a) });
  for (const n of notices) {
    items.push({
      type: 'notice',
      id: n.id,
      at: n.created_at,
      workOrderId: n.work_order_id,
      notice: { kind: n.kind, to: n.to_address, status: n.status, sentAt: n.sent_at },
    });
  }
  // Same instant: events, comments and files by their time-ordered ids; the notices they caused after them.
  const rank = (i: TimelineItem) => (i.type === 'notice' ? 1 : 0);
  return items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}
