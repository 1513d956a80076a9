// The public rating page opened from notice 3: no login, the link is the credential (32 random
// bytes, stored as sha256, 30 days by default, single use). Unknown, expired, used or forged links
// all get the same 404 RATING_LINK_INVALID, so the answer reveals nothing. Rate-limited per client.
import { sha256 } from '../../auth/password.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { clientKey } from '../../client-key.ts';
import { hitRateLimit } from '../auth/auth.repository.ts';
import type { SystemActor } from '../tickets/actor.ts';
import { applyTicketAction } from '../tickets/tickets.service.ts';
import * as tickets from '../tickets/tickets.repository.ts';
import * as repo from './ratings.repository.ts';

const invalidLink = () => new AppError('RATING_LINK_INVALID');

async function limit(ctx: AppContext, clientAddress: string) {
  const now = ctx.now();
  const windowMs = ctx.config.ratingRateWindowSeconds * 1000;
  const hit = await hitRateLimit(
    ctx.db,
    `rating:${clientKey(clientAddress)}`,
    now.toISOString(),
    new Date(now.getTime() - windowMs).toISOString(),
  );
  if (hit.count > ctx.config.ratingRateLimit) {
    const retry = Math.max(1, Math.ceil((Date.parse(hit.windowStart) + windowMs - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', { seconds: retry }, [], { retryAfterSeconds: retry });
  }
}

export async function ratingInfo(ctx: AppContext, token: string, clientAddress: string) {
  await limit(ctx, clientAddress);
  const row = await repo.findUsableToken(ctx.db, sha256(token), ctx.now().toISOString());
  if (!row) throw invalidLink();
  return {
    ticketNumber: row.number,
    subject: row.subject,
    building: { code: row.building_code, name: row.building_name },
    closedAt: row.closed_at,
    expiresAt: row.expires_at,
  };
}

export interface RatingInput {
  stars: number;
  comment?: string;
  workDone: boolean;
}

/**
 * Applies the ticket's 'rate' action as its requester, in one transaction with the use of the
 * link: work not done → the ticket (and its last verified work order) reopen; stars ≤ 2 → review flag.
 */
export async function submitRating(ctx: AppContext, token: string, clientAddress: string, input: RatingInput) {
  await limit(ctx, clientAddress);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const used = await repo.consumeToken(trx, sha256(token), now);
    if (!used) throw invalidLink();
    const t = await tickets.getTicket(trx, used.ticket_id);
    if (!t || t.status !== 'closed') throw invalidLink();
    const requester = t.requester_id ? await tickets.findActiveUser(trx, t.requester_id) : undefined;
    const actor: SystemActor = {
      kind: 'system',
      label: requester?.display_name ?? t.caller_name ?? t.caller_email ?? 'requester',
      userId: t.requester_id,
      channel: 'system',
      language: t.language === 'en' ? 'en' : 'it',
    };
    const fields: Record<string, unknown> = { stars: input.stars, workDone: input.workDone };
    if (input.comment?.trim()) fields.comment = input.comment.trim();
    const r = await applyTicketAction(trx, ctx, actor, t, new Set(['requester']), 'rate', fields);
    return { ticketNumber: t.number, reopened: r.to !== 'closed' };
  });
}
