// The call center's side of inbound e-mail: list what is held, and release a held message by
// opening a ticket from it, attaching it to a ticket as a comment, or discarding it. Each action
// checks the version the caller read, in the same transaction as its effect.
import type { AppContext } from '../../context.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import { AppError, conflict, invalid, notFound } from '../../errors.ts';
import { translate } from '../../i18n/messages.ts';
import { stripQuotedReply } from '../../../domain/notices/mail-rules.ts';
import { addComment, openTicket } from '../tickets/tickets.service.ts';
import { emailActor, mailOf } from './intake.ts';
import type { InboundItem } from './mail-in.schemas.ts';
import * as repo from './mail-in.repository.ts';
import type { Trx } from '../tickets/workflow-helpers.ts';

const DEFAULT_LIMIT = 50;

type Row = NonNullable<Awaited<ReturnType<typeof repo.getInbound>>>;
type AttachmentRow = Awaited<ReturnType<typeof repo.attachmentsOfInbound>>[number];

const present = (r: Row, atts: AttachmentRow[]): InboundItem => ({
  id: r.id,
  messageId: r.message_id,
  fromAddress: r.from_address,
  fromName: r.from_name,
  subject: r.subject,
  body: r.body,
  receivedAt: r.received_at,
  via: r.via,
  status: r.status as InboundItem['status'],
  reason: r.reason,
  ticketId: r.ticket_id,
  ticketNumber: r.ticket_number,
  handledById: r.handled_by_id,
  handledAt: r.handled_at,
  attachments: atts
    .filter((a) => a.inbound_message_id === r.id)
    .map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: Number(a.size) })),
  version: Number(r.version),
  senderProof: r.sender_proof ?? null,
});

function decodeCursor(raw: string | undefined): [string, string] | null {
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch {
    // fall through
  }
  throw invalid([{ field: 'cursor', rule: 'pattern' }]);
}

export async function listInbound(ctx: AppContext, q: { status?: string; cursor?: string; limit?: number }) {
  const limit = q.limit ?? DEFAULT_LIMIT;
  const rows = await repo.listInbound(ctx.db, { status: q.status, cursor: decodeCursor(q.cursor), limit });
  const page = rows.slice(0, limit);
  const atts = await repo.attachmentsOfInbound(
    ctx.db,
    page.map((r) => r.id),
  );
  const last = page[page.length - 1];
  return {
    items: page.map((r) => present(r, atts)),
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.received_at, last.id])).toString('base64url') : null,
  };
}

export async function getInbound(ctx: AppContext, id: string, db = ctx.db): Promise<InboundItem> {
  const r = await repo.getInbound(db, id);
  if (!r) throw notFound();
  return present(r, await repo.attachmentsOfInbound(db, [r.id]));
}

/** Moves a held message out of `held` at the caller's version, or answers 404 / 409 with the current state. */
async function release(
  ctx: AppContext,
  trx: Trx,
  p: Principal,
  id: string,
  version: number,
  set: { status: string; reason: string | null; ticket_id: string | null },
) {
  const row = await repo.getInbound(trx, id);
  if (!row) throw notFound();
  const ok = await repo.releaseHeld(trx, id, version, { ...set, handled_by_id: p.userId, handled_at: ctx.now().toISOString() });
  if (!ok) throw conflict(await getInbound(ctx, id, trx));
  return row;
}

async function inTransaction<T>(ctx: AppContext, id: string, work: (trx: Trx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction().execute(work);
  } catch (e) {
    // A version conflict found inside: report the state after the rollback.
    if (e instanceof AppError && e.code === 'VERSION_CONFLICT') throw conflict(await getInbound(ctx, id));
    throw e;
  }
}

export async function openTicketFrom(
  ctx: AppContext,
  p: Principal,
  id: string,
  body: { version: number; buildingId: string; spaceId?: string; subject?: string; description?: string; language?: 'it' | 'en' },
): Promise<InboundItem> {
  await inTransaction(ctx, id, async (trx) => {
    const row = await release(ctx, trx, p, id, body.version, { status: 'ticket_opened', reason: null, ticket_id: null });
    const sender = await repo.principalByEmail(trx, row.from_address);
    const mail = { ...mailOf(row), language: body.language ?? null };
    const opened = await openTicket(
      ctx,
      emailActor(mail, sender, p),
      {
        buildingId: body.buildingId,
        ...(body.spaceId ? { spaceId: body.spaceId } : {}),
        subject: body.subject ?? (row.subject || undefined),
        description:
          body.description ??
          (row.body.trim() || row.subject || translate(body.language ?? sender?.language ?? 'it', 'rule', 'mailNoText')),
        ...(sender ? { requesterId: sender.userId } : { callerEmail: row.from_address, callerName: row.from_name ?? row.from_address }),
      },
      { trx },
    );
    await repo.setOutcome(trx, id, { status: 'ticket_opened', reason: null, ticket_id: opened.id });
    await repo.moveAttachments(trx, id, opened.id, null);
  });
  return getInbound(ctx, id);
}

export async function attachTo(
  ctx: AppContext,
  p: Principal,
  id: string,
  body: { version: number; ticketNumber: string },
): Promise<InboundItem> {
  await inTransaction(ctx, id, async (trx) => {
    const row = await release(ctx, trx, p, id, body.version, { status: 'comment_added', reason: null, ticket_id: null });
    const ticket = await repo.ticketByNumber(trx, body.ticketNumber.trim());
    if (!ticket) throw new AppError('INVALID_REFERENCE', {}, [{ field: 'ticketNumber', rule: 'notFound' }]);
    const sender = await repo.principalByEmail(trx, row.from_address);
    const text = stripQuotedReply(row.body) || row.subject || translate(ticket.language === 'en' ? 'en' : 'it', 'rule', 'mailNoText');
    // Posted by the operator on behalf of the e-mail: the sender was not proven (intake.ts), so the
    // comment is not theirs.
    const comment = await addComment(ctx, emailActor(mailOf(row), sender, p), ticket.id, { body: text }, { trx });
    await repo.setOutcome(trx, id, { status: 'comment_added', reason: null, ticket_id: ticket.id });
    await repo.moveAttachments(trx, id, ticket.id, comment.id);
  });
  return getInbound(ctx, id);
}

export async function discard(ctx: AppContext, p: Principal, id: string, body: { version: number; reason: string }): Promise<InboundItem> {
  await inTransaction(ctx, id, (trx) =>
    release(ctx, trx, p, id, body.version, { status: 'discarded', reason: body.reason.trim(), ticket_id: null }),
  );
  return getInbound(ctx, id);
}

/** The held inbox's badge (GET /api/worklists/counts): call center and admin, who handle it. */
export async function heldBadge(ctx: AppContext, p: Principal, cap: number) {
  if (!hasRole(p, 'call_center', 'admin')) return [];
  const n = await repo.countHeld(ctx.db, cap);
  return [{ resource: 'inbound-messages' as const, view: 'held', count: Math.min(n, cap), capped: n > cap }];
}
