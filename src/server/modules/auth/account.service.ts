// One's own account (#7): a new e-mail address only after the link sent to it is used (item 7);
// own password change, which closes the other sessions and revokes the API tokens, and the list of
// one's sessions (item 9). Login, cookies and CSRF live in auth.service.ts.
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, invalid } from '../../errors.ts';
import { hashPassword, newSecret, sha256, verifyPassword } from '../../auth/password.ts';
import type { Principal } from '../../auth/principal.ts';
import { newId } from '../../ids.ts';
import { noticeLang, renderNotice } from '../../../domain/notices/render.ts';
import type { NoticeKind } from '../../../domain/workflow/types.ts';
import { PASSWORD_MIN } from '../registry/users.service.ts';
import { insertOutbox } from '../notices/notices.repository.ts';
import * as repo from './account.repository.ts';
import { hitRateLimit } from './auth.repository.ts';

type Trx = Transaction<Database>;

/** Where the confirmation link leads: a public web page that posts the token (the fragment never reaches server logs). */
export const CONFIRM_EMAIL_PATH = '/confirm-email';

/**
 * Confirmation mails a user may cause per hour: each goes to an address they choose, so without a
 * cap a logged-in account could make Presidio mail anyone, over and over.
 */
export const EMAIL_CHANGES_PER_HOUR = 5;

/** "mario.rossi@example.org" → "m***@example.org": enough for the owner, little for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * PATCH /api/me's `email`, inside the profile's transaction. Clearing the address, or changing only
 * its letter case, takes effect at once (neither lets anyone receive mail as this user). Any other
 * address waits: a single-use link goes to it, and the current address is told. An address another
 * user holds is refused with a message that names nobody.
 * Returns the address to store now, or undefined to leave `users.email` as it is.
 */
export async function requestEmailChange(
  trx: Trx,
  ctx: AppContext,
  p: Principal,
  wanted: string | null,
  language: string,
): Promise<string | null | undefined> {
  const user = await repo.userForAccount(trx, p.userId);
  const email = wanted?.trim() || null;
  if (email === null) {
    await repo.cancelEmailChanges(trx, p.userId);
    return null;
  }
  if (user.email && user.email.trim().toLowerCase() === email.toLowerCase()) {
    await repo.cancelEmailChanges(trx, p.userId);
    return email;
  }
  if (await repo.addressHeldByOther(trx, email, p.userId)) throw invalid([{ field: 'email', rule: 'emailTaken' }]);

  const now = ctx.now();
  const hit = await hitRateLimit(trx, `email-change:${p.userId}`, now.toISOString(), new Date(now.getTime() - 3600_000).toISOString());
  if (hit.count > EMAIL_CHANGES_PER_HOUR) {
    const retry = Math.max(1, Math.ceil((Date.parse(hit.windowStart) + 3600_000 - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', { seconds: retry }, [], { retryAfterSeconds: retry });
  }
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + ctx.config.emailChangeHours * 3600_000).toISOString();
  const changeId = newId();
  await repo.cancelEmailChanges(trx, p.userId);
  await repo.insertEmailChange(trx, { id: changeId, userId: p.userId, email, tokenHash: sha256(token), now: now.toISOString(), expiresAt });

  const base = ctx.config.publicUrl.replace(/\/+$/, '');
  const data = {
    username: user.username,
    newEmail: email,
    newEmailMasked: maskEmail(email),
    expiresAt,
    confirmUrl: `${base}${CONFIRM_EMAIL_PATH}#${token}`,
  };
  await mailOne(trx, ctx, {
    key: `${changeId}:confirm`,
    kind: 'email_change_confirm',
    to: email,
    userId: p.userId,
    name: user.display_name,
    language,
    data,
  });
  if (user.email?.trim()) {
    const { confirmUrl: _link, ...withoutLink } = data;
    await mailOne(trx, ctx, {
      key: `${changeId}:requested`,
      kind: 'email_change_requested',
      to: user.email.trim(),
      userId: p.userId,
      name: user.display_name,
      language,
      data: withoutLink,
    });
  }
  return undefined;
}

/** One e-mail through the outbox, not about a ticket, and no in-app copy (the link must stay in the mailbox). */
async function mailOne(
  trx: Trx,
  ctx: AppContext,
  m: { key: string; kind: NoticeKind; to: string; userId: string; name: string; language: string; data: Record<string, unknown> },
) {
  const lang = noticeLang(m.language);
  const msg = renderNotice(lang, {
    kind: m.kind,
    action: m.kind,
    audience: 'requester',
    recipientName: m.name,
    ticketNumber: null,
    ticketSubject: null,
    ticketDescription: null,
    building: null,
    space: null,
    workOrderNumber: null,
    priority: null,
    url: null,
    ratingUrl: null,
    ratingDays: ctx.config.ratingLinkDays,
    data: m.data,
  });
  const now = ctx.now().toISOString();
  await insertOutbox(trx, {
    id: newId(),
    idempotency_key: `account:${m.key}`,
    kind: m.kind,
    to_address: m.to,
    to_user_id: m.userId,
    language: lang,
    subject: msg.subject,
    text_body: msg.text,
    html_body: msg.html,
    ticket_id: null,
    work_order_id: null,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    locked_until: null,
    last_error: null,
    created_at: now,
    sent_at: null,
    attachment_id: null,
  });
}

export async function pendingEmail(ctx: AppContext, userId: string) {
  const row = await repo.pendingEmailChange(ctx.db, userId, ctx.now().toISOString());
  return { pendingEmail: row?.new_email ?? null, pendingEmailExpiresAt: row?.expires_at ?? null };
}

/** POST /api/me/email/confirm: public, the token is the proof; works once, until it expires. */
export async function confirmEmail(ctx: AppContext, token: string): Promise<{ email: string }> {
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const change = await repo.claimEmailChange(trx, sha256(token.trim()), now);
    if (!change) throw new AppError('EMAIL_LINK_INVALID');
    // Someone may have been given the address (by an administrator) since the request.
    if (await repo.addressHeldByOther(trx, change.new_email, change.user_id)) throw invalid([{ field: 'email', rule: 'emailTaken' }]);
    await repo.setEmail(trx, change.user_id, change.new_email, now);
    return { email: change.new_email };
  });
}

/** Account changes that an API token must not make: a leaked token must not outlive or widen itself. */
export function requireSession(p: Principal): void {
  if (p.via !== 'session' || !p.sessionId) throw new AppError('SESSION_REQUIRED');
}

/**
 * POST /api/me/password. The current password is checked (rate-limited per user like logins),
 * then every other session is closed and every API token revoked, in one transaction.
 */
export async function changePassword(ctx: AppContext, p: Principal, currentPassword: string, newPassword: string) {
  requireSession(p);
  const { config } = ctx;
  const now = ctx.now();
  const windowMs = config.loginRateWindowSeconds * 1000;
  const hit = await hitRateLimit(ctx.db, `password:${p.userId}`, now.toISOString(), new Date(now.getTime() - windowMs).toISOString());
  if (hit.count > config.loginRateLimit) {
    const retry = Math.max(1, Math.ceil((Date.parse(hit.windowStart) + windowMs - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', { seconds: retry }, [], { retryAfterSeconds: retry });
  }
  if (newPassword.length < PASSWORD_MIN) throw invalid([{ field: 'newPassword', rule: 'passwordLength', params: { limit: PASSWORD_MIN } }]);
  const user = await repo.userForAccount(ctx.db, p.userId);
  if (!(await verifyPassword(currentPassword, user.password_hash)))
    throw invalid([{ field: 'currentPassword', rule: 'currentPasswordWrong' }]);
  const hash = await hashPassword(newPassword);
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    await repo.setPasswordHash(trx, p.userId, hash, at);
    const revokedSessions = await repo.deleteSessionsOf(trx, p.userId, p.sessionId!);
    const revokedTokens = await repo.revokeTokensOf(trx, p.userId, at);
    return { revokedSessions, revokedTokens };
  });
}

/**
 * Sessions are listed under an id derived from the stored one: the stored id is the hash of the
 * cookie, and a value tied that closely to the secret has no business in a response.
 */
const publicSessionId = (storedId: string) => sha256(`session:${storedId}`).slice(0, 32);

export async function listSessions(ctx: AppContext, p: Principal) {
  const rows = await repo.sessionsOf(ctx.db, p.userId, ctx.now().toISOString());
  return rows.map((s) => ({
    id: publicSessionId(s.id),
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at ?? null,
    expiresAt: s.expires_at,
    userAgent: s.user_agent ?? null,
    clientAddress: s.client_address ?? null,
    current: s.id === p.sessionId,
  }));
}

/** DELETE /api/me/sessions/{id}: only among the caller's own sessions, so anyone else's id is a 404. */
export async function revokeSession(ctx: AppContext, p: Principal, id: string): Promise<void> {
  const rows = await repo.sessionsOf(ctx.db, p.userId, ctx.now().toISOString());
  const row = rows.find((s) => publicSessionId(s.id) === id);
  if (!row || !(await repo.deleteSessionOf(ctx.db, p.userId, row.id))) throw new AppError('NOT_FOUND');
}

/** DELETE /api/me/sessions: "log out everywhere else" (with a token: every session). */
export async function revokeOtherSessions(ctx: AppContext, p: Principal): Promise<{ revoked: number }> {
  return { revoked: await repo.deleteSessionsOf(ctx.db, p.userId, p.sessionId ?? null) };
}

/** Called right after a login, with what the request said about the client. */
export async function recordSessionClient(
  ctx: AppContext,
  sessionId: string | undefined,
  userAgent: string | undefined,
  address: string | undefined,
) {
  if (!sessionId) return;
  await repo.recordSessionClient(
    ctx.db,
    sessionId,
    userAgent?.slice(0, 300) || null,
    address?.slice(0, 100) || null,
    ctx.now().toISOString(),
  );
}
