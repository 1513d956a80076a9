// The outbox as an admin sees it, and each user's in-app notifications.
import type { AppContext } from '../../context.ts';
import { AppError, conflict, invalid, notFound } from '../../errors.ts';
import type { Principal } from '../../auth/principal.ts';
import { mailDomain, messageIdFor } from '../../jobs/outbox-sender.ts';
import type { NotificationItem, OutboxDetail, OutboxItem } from './notices.schemas.ts';
import * as repo from './notices.repository.ts';

const DEFAULT_LIMIT = 50;

function encode(parts: Array<string | number>): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decode<T extends Array<string | number>>(raw: string | undefined, shape: Array<'s' | 'n'>): T | null {
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === shape.length && v.every((x, i) => typeof x === (shape[i] === 's' ? 'string' : 'number')))
      return v as T;
  } catch {
    // fall through
  }
  throw invalid([{ field: 'cursor', rule: 'pattern' }]);
}

type OutboxDbRow = NonNullable<Awaited<ReturnType<typeof repo.getOutbox>>>;

const outboxItem = (r: OutboxDbRow): OutboxItem => ({
  id: r.id,
  kind: r.kind,
  toAddress: r.to_address,
  toUserId: r.to_user_id,
  language: r.language,
  subject: r.subject,
  ticketId: r.ticket_id,
  ticketNumber: r.ticket_number,
  workOrderId: r.work_order_id,
  status: r.status as OutboxItem['status'],
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lockedUntil: r.locked_until,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export async function listOutbox(ctx: AppContext, q: { status?: string; ticket?: string; cursor?: string; limit?: number }) {
  const limit = q.limit ?? DEFAULT_LIMIT;
  const cursor = decode<[string, string]>(q.cursor, ['s', 's']);
  const rows = await repo.listOutbox(ctx.db, { status: q.status, ticketNumber: q.ticket?.trim() || undefined, cursor, limit });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(outboxItem), nextCursor: rows.length > limit && last ? encode([last.created_at, last.id]) : null };
}

export async function getOutbox(ctx: AppContext, id: string): Promise<OutboxDetail> {
  const r = await repo.getOutbox(ctx.db, id);
  if (!r) throw notFound();
  return {
    ...outboxItem(r),
    idempotencyKey: r.idempotency_key,
    messageId: messageIdFor(r.idempotency_key, mailDomain(ctx.config.mail.from)),
    textBody: r.text_body,
    htmlBody: r.html_body,
  };
}

/** A failed message goes back to pending, due now, with its attempts counted from zero. */
export async function retryOutbox(ctx: AppContext, id: string): Promise<OutboxDetail> {
  const ok = await repo.retryOutbox(ctx.db, id, ctx.now().toISOString());
  if (!ok) {
    const current = await repo.getOutbox(ctx.db, id);
    if (!current) throw notFound();
    // Only a failed message can be retried: a pending or sent one answers 409 with its state.
    throw conflict(outboxItem(current));
  }
  return getOutbox(ctx, id);
}

type NotificationDbRow = Awaited<ReturnType<typeof repo.listNotifications>>[number];

const notificationItem = (r: NotificationDbRow): NotificationItem => ({
  id: r.id,
  kind: r.kind,
  ticketId: r.ticket_id,
  workOrderId: r.work_order_id,
  title: r.title,
  body: r.body,
  createdAt: r.created_at,
  readAt: r.read_at,
});

export async function listNotifications(ctx: AppContext, p: Principal, q: { unread?: 'true' | 'false'; cursor?: string; limit?: number }) {
  const limit = q.limit ?? DEFAULT_LIMIT;
  const cursor = decode<[number, string, string]>(q.cursor, ['n', 's', 's']);
  const rows = await repo.listNotifications(ctx.db, p.userId, { unreadOnly: q.unread === 'true', cursor, limit });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(notificationItem),
    nextCursor: rows.length > limit && last ? encode([Number(last.unread), last.created_at, last.id]) : null,
    unreadCount: await repo.countUnread(ctx.db, p.userId),
  };
}

export async function markRead(ctx: AppContext, p: Principal, id: string): Promise<void> {
  if (!(await repo.markRead(ctx.db, p.userId, id, ctx.now().toISOString()))) throw new AppError('NOT_FOUND');
}

export async function markAllRead(ctx: AppContext, p: Principal): Promise<{ updated: number }> {
  return { updated: await repo.markAllRead(ctx.db, p.userId, ctx.now().toISOString()) };
}
