// #7, items 7 (e-mail take-over) and 9 (password change, sessions, token expiry).
import { expect, it } from 'vitest';
import { Client, describeEachDb, DEMO_PASSWORD, type TestEnv } from './helpers/app.ts';
import { principalByEmail } from '../src/server/modules/mail-in/mail-in.repository.ts';

type Obj = Record<string, unknown>;

const HOUR = 3600_000;
const later = (env: TestEnv, ms: number) => {
  env.clock.now = new Date(env.clock.now.getTime() + ms);
};

async function loginWith(env: TestEnv, username: string, password: string, userAgent = 'vitest') {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
    headers: { 'user-agent': userAgent },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'presidio_session')!;
  return new Client(env.app, `presidio_session=${cookie.value}`, res.json().csrfToken);
}

/** The confirmation token in the newest message of this kind to this address. */
async function linkSentTo(env: TestEnv, address: string): Promise<string> {
  const row = await env.db
    .selectFrom('outbox')
    .select(['text_body', 'html_body'])
    .where('to_address', '=', address)
    .where('kind', '=', 'email_change_confirm')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const token = /\/confirm-email#([\w-]+)/.exec(row.text_body)?.[1];
  expect(token, row.text_body).toBeTruthy();
  return token!;
}

async function userByName(admin: Client, username: string) {
  const items = (await admin.get(`/api/users?q=${encodeURIComponent(username)}&active=all`)).json().items as Obj[];
  return items.find((u) => u.username === username)!;
}

describeEachDb('account #7 item 7: a new e-mail address needs the link sent to it', (env) => {
  it('keeps the current address until the link is used; mail-in does not know the new one before', async () => {
    const marco = await env.login('richiedente');
    const res = await marco.patch('/api/me', { email: 'marco.nuovo@example.org', phone: '+39 02 1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      email: 'marco.colombo@uniesempio.example',
      pendingEmail: 'marco.nuovo@example.org',
      phone: '+39 02 1',
    });
    expect(Date.parse(res.json().pendingEmailExpiresAt) - env.clock.now.getTime()).toBe(24 * HOUR);

    // Nothing in the database says the new address is Marco's yet.
    expect(await principalByEmail(env.db, 'marco.nuovo@example.org')).toBeNull();
    expect((await principalByEmail(env.db, 'marco.colombo@uniesempio.example'))?.username).toBe('richiedente');

    // The old address is told, without the link, and sees the new one masked.
    const warn = await env.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'marco.colombo@uniesempio.example')
      .where('kind', '=', 'email_change_requested')
      .executeTakeFirstOrThrow();
    expect(warn.text_body).toContain('m***@example.org');
    expect(warn.text_body).not.toContain('confirm-email');
    expect(warn.ticket_id).toBeNull();

    const token = await linkSentTo(env, 'marco.nuovo@example.org');
    const stored = await env.db
      .selectFrom('email_changes')
      .select('token_hash')
      .where('new_email', '=', 'marco.nuovo@example.org')
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    // No in-app copy of the link.
    const inApp = await env.db.selectFrom('notifications').select('id').where('kind', 'like', 'email_change%').execute();
    expect(inApp).toEqual([]);

    // Confirmed from any browser, without a session.
    const ok = await env.anonymous().post('/api/me/email/confirm', { token });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ email: 'marco.nuovo@example.org' });
    expect((await marco.get('/api/me')).json()).toMatchObject({ email: 'marco.nuovo@example.org', pendingEmail: null });
    expect((await principalByEmail(env.db, 'marco.nuovo@example.org'))?.username).toBe('richiedente');

    const again = await env.anonymous().post('/api/me/email/confirm', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('EMAIL_LINK_INVALID');
    const en = await env.anonymous().request('POST', '/api/me/email/confirm', { token }, { 'accept-language': 'en' });
    expect(en.json().detail).toMatch(/expired, has already been used/);
  });

  it('refuses an expired link, and a link replaced by a newer request', async () => {
    let sala = await env.login('contabilita');
    await sala.patch('/api/me', { email: 'sala.uno@example.org' });
    const first = await linkSentTo(env, 'sala.uno@example.org');
    await sala.patch('/api/me', { email: 'sala.due@example.org' });
    const second = await linkSentTo(env, 'sala.due@example.org');
    expect((await sala.get('/api/me')).json().pendingEmail).toBe('sala.due@example.org');
    expect((await env.anonymous().post('/api/me/email/confirm', { token: first })).json().code).toBe('EMAIL_LINK_INVALID');

    later(env, 24 * HOUR + 1000);
    const expired = await env.anonymous().post('/api/me/email/confirm', { token: second });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().code).toBe('EMAIL_LINK_INVALID');
    sala = await env.login('contabilita');
    expect((await sala.get('/api/me')).json()).toMatchObject({ email: 'elena.sala@uniesempio.example', pendingEmail: null });
    expect((await env.anonymous().post('/api/me/email/confirm', { token: 'nonsense' })).statusCode).toBe(400);
  });

  it('refuses an address another user holds, any letter case, naming nobody', async () => {
    const marchetti = await env.login('capo.servizio');
    const res = await marchetti.patch('/api/me', { email: 'Chiara.Fontana@UniEsempio.example' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errors).toEqual([{ field: 'email', code: 'emailTaken', message: expect.any(String) }]);
    expect(JSON.stringify(body)).not.toMatch(/bm\.deib|Fontana Chiara|Chiara Fontana/);
    expect(body.errors[0].message).toBe("Questo indirizzo non può essere usato: scegline un altro o rivolgiti all'amministratore.");
    const sarah = await env.login('requester.en'); // messages follow the caller's language
    const en = await sarah.patch('/api/me', { email: 'chiara.fontana@uniesempio.example' });
    expect(en.json().errors[0].message).toBe('This address cannot be used: choose another one or ask the administrator.');
    expect(
      await env.db
        .selectFrom('outbox')
        .select('id')
        .where('to_address', 'like', '%iara.fontana%')
        .where('kind', 'like', 'email_change%')
        .execute(),
    ).toEqual([]);
    expect((await marchetti.get('/api/me')).json()).toMatchObject({ email: 'roberto.marchetti@uniesempio.example', pendingEmail: null });
  });

  it('refuses at confirmation an address given to someone else in the meantime', async () => {
    const galli = await env.login('bm.centrale');
    await galli.patch('/api/me', { email: 'conteso@example.org' });
    const token = await linkSentTo(env, 'conteso@example.org');
    const admin = await env.login('admin');
    const moretti = await userByName(admin, 'bm.dmec');
    const given = await admin.patch(`/api/users/${moretti.id}`, { email: 'CONTESO@example.org', version: moretti.version });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().email).toBe('CONTESO@example.org'); // the administrator's edit is immediate
    const res = await env.anonymous().post('/api/me/email/confirm', { token });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'email', code: 'emailTaken' });
    expect((await galli.get('/api/me')).json().email).toBe('alessandro.galli@uniesempio.example');
  });

  it('caps the confirmation mails a user can cause, 5 an hour', async () => {
    let c = await env.login('ditta.antincendio');
    for (let i = 1; i <= 5; i++) expect((await c.patch('/api/me', { email: `riva.${i}@example.org` })).statusCode).toBe(200);
    const sixth = await c.patch('/api/me', { email: 'riva.6@example.org' });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('RATE_LIMITED');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(await env.db.selectFrom('outbox').select('id').where('to_address', '=', 'riva.6@example.org').execute()).toEqual([]);
    later(env, HOUR + 1000);
    c = await env.login('ditta.antincendio');
    expect((await c.patch('/api/me', { email: 'riva.6@example.org' })).statusCode).toBe(200);
  });

  it('clears the address at once, and a changed letter case needs no link', async () => {
    const sarah = await env.login('requester.en');
    const upper = await sarah.patch('/api/me', { email: 'Sarah.Mitchell@uniesempio.example' });
    expect(upper.json()).toMatchObject({ email: 'Sarah.Mitchell@uniesempio.example', pendingEmail: null });
    await sarah.patch('/api/me', { email: 'sarah.altro@example.org' });
    const cleared = await sarah.patch('/api/me', { email: null });
    expect(cleared.json()).toMatchObject({ email: null, pendingEmail: null });
  });
});

describeEachDb('account #7 item 9: own password change', (env) => {
  it('asks the current password, closes every other session and revokes every token', async () => {
    const here = await loginWith(env, 'bm.deib', DEMO_PASSWORD, 'browser A');
    const there = await loginWith(env, 'bm.deib', DEMO_PASSWORD, 'browser B');
    const token = (await here.post('/api/me/tokens', { name: 'script' })).json().token as string;
    const bearer = new Client(env.app, null, null, token);
    expect((await bearer.get('/api/me')).statusCode).toBe(200);

    const wrong = await here.post('/api/me/password', { currentPassword: 'not-it', newPassword: 'una-password-nuova' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'currentPassword', code: 'currentPasswordWrong', message: 'La password attuale non è corretta.' },
    ]);
    const short = await here.post('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'corta' });
    expect(short.json().errors[0]).toMatchObject({ field: 'newPassword', code: 'passwordLength' });
    const missing = await here.post('/api/me/password', { newPassword: 'una-password-nuova' });
    expect(missing.json().errors[0]).toMatchObject({ field: 'currentPassword', code: 'required' });
    expect((await there.get('/api/me')).statusCode).toBe(200);

    // A token cannot change the password.
    expect((await bearer.post('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'una-password-nuova' })).json().code).toBe(
      'SESSION_REQUIRED',
    );

    const ok = await here.post('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'una-password-nuova' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ revokedSessions: 1, revokedTokens: 1 });
    expect((await here.get('/api/me')).statusCode).toBe(200);
    expect((await there.get('/api/me')).statusCode).toBe(401);
    expect((await bearer.get('/api/me')).statusCode).toBe(401);
    expect((await env.anonymous().post('/api/session', { username: 'bm.deib', password: DEMO_PASSWORD })).statusCode).toBe(401);
    await loginWith(env, 'bm.deib', 'una-password-nuova');
  });

  it("an administrator's reset closes every session and revokes every token of the user", async () => {
    const user = await env.login('bm.como');
    const token = (await user.post('/api/me/tokens', { name: 'script' })).json().token as string;
    const bearer = new Client(env.app, null, null, token);
    const admin = await env.login('admin');
    const u = await userByName(admin, 'bm.como');

    // Other changes leave the sessions alone.
    const renamed = await admin.patch(`/api/users/${u.id}`, { phone: '+39 031 1', version: u.version });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await user.get('/api/me')).statusCode).toBe(200);

    const reset = await admin.patch(`/api/users/${u.id}`, { password: 'reimpostata-ora', version: renamed.json().version });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await user.get('/api/me')).statusCode).toBe(401);
    expect((await bearer.get('/api/me')).statusCode).toBe(401);
    const revoked = await env.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('token_hash', 'is not', null)
      .where('user_id', '=', u.id as string)
      .execute();
    expect(revoked.every((t) => t.revoked_at === env.clock.now.toISOString())).toBe(true);
    expect((await admin.get('/api/me')).statusCode).toBe(200);
    await loginWith(env, 'bm.como', 'reimpostata-ora');
  });
});

describeEachDb(
  'account #7 item 9: password change is rate-limited per user',
  (env) => {
    it('answers 429 with Retry-After past LOGIN_RATE_LIMIT attempts in the window', async () => {
      const c = await env.login('ditta.edile');
      for (let i = 0; i < 2; i++)
        expect((await c.post('/api/me/password', { currentPassword: `x${i}`, newPassword: 'una-password-nuova' })).statusCode).toBe(400);
      const res = await c.post('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'una-password-nuova' });
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      later(env, 61_000);
      expect((await c.post('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'una-password-nuova' })).statusCode).toBe(
        200,
      );
    });
  },
  { env: { LOGIN_RATE_LIMIT: '2', LOGIN_RATE_WINDOW_SECONDS: '60' } },
);

describeEachDb('account #7 item 9: token expiry, no token from a token', (env) => {
  it('expires tokens after the chosen days (default 90) and lists the expiry', async () => {
    let c = await env.login('callcenter');
    const start = env.clock.now.getTime();
    const short = await c.post('/api/me/tokens', { name: 'breve', expiresInDays: 1 });
    expect(short.statusCode, short.body).toBe(201);
    expect(Date.parse(short.json().expiresAt) - start).toBe(24 * HOUR);
    const std = (await c.post('/api/me/tokens', { name: 'standard' })).json();
    expect(Date.parse(std.expiresAt) - start).toBe(90 * 24 * HOUR);
    const listed = (await c.get('/api/me/tokens')).json().items as Obj[];
    expect(listed.find((t) => t.id === short.json().id)?.expiresAt).toBe(short.json().expiresAt);

    for (const [days, code] of [
      [0, 'minimum'],
      [366, 'maximum'],
      [1.5, 'type'],
    ] as const) {
      const bad = await c.post('/api/me/tokens', { name: 'x', expiresInDays: days });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ field: 'expiresInDays', code });
    }

    const bearer = new Client(env.app, null, null, short.json().token);
    expect((await bearer.get('/api/me')).statusCode).toBe(200);
    later(env, 24 * HOUR);
    expect((await bearer.get('/api/me')).statusCode).toBe(401);
    expect((await new Client(env.app, null, null, std.token).get('/api/me')).statusCode).toBe(200);
    c = await env.login('callcenter');
    expect(((await c.get('/api/me/tokens')).json().items as Obj[]).map((t) => t.name)).toContain('breve');
  });

  it('refuses to create a token with a token', async () => {
    const c = await env.login('contabilita');
    const token = (await c.post('/api/me/tokens', { name: 'origine' })).json().token as string;
    const res = await new Client(env.app, null, null, token).post('/api/me/tokens', { name: 'figlio' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SESSION_REQUIRED');
    expect(((await c.get('/api/me/tokens')).json().items as Obj[]).map((t) => t.name)).not.toContain('figlio');
  });
});

describeEachDb('account #7 item 9: own sessions', (env) => {
  it('lists own sessions with the current one marked, revokes one, and all the others', async () => {
    const a = await loginWith(env, 'ditta.termica', DEMO_PASSWORD, 'Firefox on A');
    const b = await loginWith(env, 'ditta.termica', DEMO_PASSWORD, 'Chrome on B');
    const c = await loginWith(env, 'ditta.termica', DEMO_PASSWORD, 'Safari on C');
    const other = await env.login('ditta.ascensori');

    const list = (await a.get('/api/me/sessions')).json().items as Obj[];
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current).map((s) => s.userAgent)).toEqual(['Firefox on A']);
    expect(list.map((s) => s.userAgent).sort()).toEqual(['Chrome on B', 'Firefox on A', 'Safari on C']);
    expect(list[0]).toMatchObject({
      createdAt: env.clock.now.toISOString(),
      lastSeenAt: expect.any(String),
      clientAddress: expect.any(String),
    });
    // The listed id is not the stored one (the hash of the cookie).
    const stored = await env.db.selectFrom('sessions').select('id').execute();
    expect(list.some((s) => stored.some((r) => r.id === s.id))).toBe(false);

    // Another user's session id reads as missing.
    const theirs = ((await other.get('/api/me/sessions')).json().items as Obj[])[0];
    expect((await a.delete(`/api/me/sessions/${theirs.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/me')).statusCode).toBe(200);

    const bId = list.find((s) => s.userAgent === 'Chrome on B')!.id;
    expect((await a.delete(`/api/me/sessions/${bId}`)).statusCode).toBe(204);
    expect((await b.get('/api/me')).statusCode).toBe(401);
    expect((await a.delete(`/api/me/sessions/${bId}`)).statusCode).toBe(404);

    const rest = await a.delete('/api/me/sessions');
    expect(rest.statusCode).toBe(200);
    expect(rest.json()).toEqual({ revoked: 1 });
    expect((await c.get('/api/me')).statusCode).toBe(401);
    expect((await a.get('/api/me')).statusCode).toBe(200);
    expect(((await a.get('/api/me/sessions')).json().items as Obj[]).map((s) => s.current)).toEqual([true]);
  });

  it('moves "last seen" as the session is used, a few minutes at a time', async () => {
    const a = await loginWith(env, 'ditta.elettrica', DEMO_PASSWORD);
    const first = ((await a.get('/api/me/sessions')).json().items as Obj[])[0].lastSeenAt;
    later(env, 60_000);
    expect(((await a.get('/api/me/sessions')).json().items as Obj[])[0].lastSeenAt).toBe(first);
    later(env, 5 * 60_000);
    await a.get('/api/me');
    expect(((await a.get('/api/me/sessions')).json().items as Obj[])[0].lastSeenAt).toBe(env.clock.now.toISOString());
  });
});
