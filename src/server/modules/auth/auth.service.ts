import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { DUMMY_PASSWORD_HASH, newSecret, sha256, verifyPassword } from '../../auth/password.ts';
import { clientKey } from '../../client-key.ts';
import type { Principal } from '../../auth/principal.ts';
import { newId } from '../../ids.ts';
import { TOKEN_DAYS_DEFAULT, type Me } from '../../../shared/schemas/auth.ts';
import * as repo from './auth.repository.ts';
import * as account from './account.service.ts';

export const SESSION_COOKIE = 'presidio_session';
/** The name over HTTPS: browsers keep a __Host- cookie only if Secure, Path=/ and without Domain,
 *  so neither a sibling subdomain nor a plain-HTTP page can plant or overwrite it. */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const TOKEN_PREFIX = 'prs_';

export interface LoginResult {
  cookieValue: string;
  expiresAt: Date;
  principal: Principal;
}

/** A pair's failures count again from zero a day after the last one. */
const LOGIN_FAILURES_FORGOTTEN_MS = 24 * 3600_000;

/** End of the wait after the pair's `failures`-th failure: doubling from the first wait, capped. */
function waitAfter(config: AppContext['config'], now: Date, failures: number): string {
  const doublings = Math.max(0, failures - config.loginBackoffAfter);
  const seconds = Math.min(config.loginBackoffMaxSeconds, config.loginBackoffSeconds * 2 ** Math.min(doublings, 30));
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

export async function login(ctx: AppContext, username: string, password: string, clientAddress: string): Promise<LoginResult> {
  const { db, config } = ctx;
  const now = ctx.now();
  // An IPv6 client counts by its /64 (client-key.ts): it could otherwise rotate addresses.
  const client = clientKey(clientAddress);
  const windowMs = config.loginRateWindowSeconds * 1000;
  const hit = await repo.hitRateLimit(db, `login:${client}`, now.toISOString(), new Date(now.getTime() - windowMs).toISOString());
  if (hit.count > config.loginRateLimit) {
    const retry = Math.max(1, Math.ceil((Date.parse(hit.windowStart) + windowMs - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', { seconds: retry }, [], { retryAfterSeconds: retry });
  }

  // Back-off per (username, address), the same for names that exist and names that do not: a
  // guesser elsewhere slows only itself, and the owner still logs in from their own address.
  const name = username.trim();
  const pairKey = `login-pair:${JSON.stringify([client, name])}`;
  const nowIso = now.toISOString();
  const forgetBefore = new Date(now.getTime() - LOGIN_FAILURES_FORGOTTEN_MS).toISOString();
  const turn = await repo.claimLoginTurn(db, pairKey, nowIso, config.loginBackoffAfter, (n) => waitAfter(config, now, n));
  if (turn.waitUntil) {
    const retry = Math.max(1, Math.ceil((Date.parse(turn.waitUntil) - now.getTime()) / 1000));
    throw new AppError('LOGIN_BACKOFF', { seconds: retry }, [], { retryAfterSeconds: retry });
  }

  const user = await repo.findUserForLogin(db, name);
  const hash = user?.active && user.password_hash ? user.password_hash : DUMMY_PASSWORD_HASH;
  const ok = await verifyPassword(password, hash);
  if (!user || hash === DUMMY_PASSWORD_HASH || !ok) {
    const failures = await repo.countLoginFailure(db, pairKey, nowIso, forgetBefore);
    if (failures >= config.loginBackoffAfter) await repo.setLoginWait(db, pairKey, waitAfter(config, now, failures));
    throw new AppError('INVALID_CREDENTIALS');
  }
  await repo.clearLoginFailures(db, pairKey);
  await repo.deleteStaleLoginCounters(db, new Date(now.getTime() - windowMs).toISOString(), forgetBefore);

  const cookieValue = newSecret();
  const sessionId = sha256(cookieValue);
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3600_000);
  await repo.createSession(db, { id: sessionId, userId: user.id, csrfToken, now: now.toISOString(), expiresAt: expiresAt.toISOString() });
  await repo.deleteExpiredSessions(db, now.toISOString());
  const principal = await repo.principalBySession(db, sessionId, now.toISOString());
  if (!principal) throw new AppError('INVALID_CREDENTIALS');
  return { cookieValue, expiresAt, principal };
}

export async function logout(ctx: AppContext, principal: Principal | null) {
  if (principal?.sessionId) await repo.deleteSession(ctx.db, principal.sessionId);
}

export async function authenticate(
  ctx: AppContext,
  cookie: string | undefined,
  authorization: string | undefined,
): Promise<Principal | null> {
  const now = ctx.now().toISOString();
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return repo.principalByToken(ctx.db, sha256(bearer), now);
  if (cookie) return repo.principalBySession(ctx.db, sha256(cookie), now);
  return null;
}

export async function me(ctx: AppContext, p: Principal): Promise<Me> {
  const u = await repo.getMeRow(ctx.db, p.userId);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    phone: u.phone,
    language: u.language === 'en' ? 'en' : 'it',
    roles: [...p.roles].sort(),
    contractorId: u.contractor_id,
    technician: p.technician === true,
    departmentId: u.department_id,
    csrfToken: p.csrfToken ?? null,
    ...(await account.pendingEmail(ctx, p.userId)),
  };
}

export async function updateMe(
  ctx: AppContext,
  p: Principal,
  patch: { language?: 'it' | 'en'; displayName?: string; email?: string | null; phone?: string | null },
): Promise<Me> {
  await ctx.db.transaction().execute(async (trx) => {
    // #7: a new address waits for its confirmation link; `email` is undefined then.
    const email =
      patch.email === undefined ? undefined : await account.requestEmailChange(trx, ctx, p, patch.email, patch.language ?? p.language);
    await repo.updateMe(
      trx,
      p.userId,
      {
        ...(patch.language !== undefined && { language: patch.language }),
        ...(patch.displayName !== undefined && { display_name: patch.displayName.trim() }),
        ...(email !== undefined && { email }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
      },
      ctx.now().toISOString(),
    );
  });
  return me(ctx, { ...p, language: patch.language ?? p.language });
}

const presentToken = (t: {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at?: string | null;
}) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.created_at,
  lastUsedAt: t.last_used_at,
  expiresAt: t.expires_at ?? null,
});

export async function listTokens(ctx: AppContext, p: Principal) {
  return (await repo.listTokens(ctx.db, p.userId)).map(presentToken);
}

export async function createToken(ctx: AppContext, p: Principal, name: string, expiresInDays = TOKEN_DAYS_DEFAULT) {
  // #7: a token cannot mint tokens, so a leaked one cannot outlive its own expiry or revocation.
  account.requireSession(p);
  const token = TOKEN_PREFIX + newSecret();
  const id = newId();
  const at = ctx.now();
  const now = at.toISOString();
  const expiresAt = new Date(at.getTime() + expiresInDays * 86_400_000).toISOString();
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  await repo.insertToken(ctx.db, { id, userId: p.userId, name: name.trim(), hash: sha256(token), prefix, now, expiresAt });
  return { id, name: name.trim(), prefix, createdAt: now, lastUsedAt: null, expiresAt, token };
}

export async function revokeToken(ctx: AppContext, p: Principal, id: string) {
  if (!(await repo.revokeToken(ctx.db, p.userId, id, ctx.now().toISOString()))) throw new AppError('NOT_FOUND');
}
