import { describe, expect, it } from 'vitest';
import { describeEachDb, Client, type TestEnv } from './helpers/app.ts';

describeEachDb('session, CSRF, tokens', (env) => {
  it('logs in, answers /api/me with roles and a CSRF token, and logs out', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: 'presidio' } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'presidio_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json()).toMatchObject({ username: 'admin', roles: ['admin'] });
    const client = new Client(env.app, `presidio_session=${cookie.value}`, res.json().csrfToken);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect((await client.delete('/api/session')).statusCode).toBe(204);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it("refuses anonymous API calls with problem+json in the caller's language", async () => {
    const it_ = await env.anonymous().get('/api/me');
    expect(it_.statusCode).toBe(401);
    expect(it_.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(it_.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'Accedi per continuare.' });
    const en = await env.anonymous().get('/api/me', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.json().detail).toBe('Log in to continue.');
  });

  it('refuses a cookie-authenticated write without the CSRF token, or with a wrong one', async () => {
    const client = await env.login('richiedente');
    const noToken = new Client(env.app, client.cookie, null);
    const res = await noToken.patch('/api/me', { language: 'en' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
    const wrong = new Client(env.app, client.cookie, 'not-the-token');
    expect((await wrong.patch('/api/me', { language: 'en' })).statusCode).toBe(403);
    expect((await client.get('/api/me')).json().language).toBe('it');
    const ok = await client.patch('/api/me', { language: 'en' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().language).toBe('en');
    await client.patch('/api/me', { language: 'it' });
  });

  it('rejects unknown fields instead of dropping them, naming the field', async () => {
    const client = await env.login('richiedente');
    const res = await client.patch('/api/me', { language: 'en', isAdmin: true });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'isAdmin', code: 'unknownField' }] });
    expect((await client.get('/api/me')).json().language).toBe('it');
  });

  it('names the field and the rule of a bad value', async () => {
    const client = await env.login('richiedente');
    const res = await client.patch('/api/me', { language: 'fr' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'language' });
    const noBody = await env.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin' } });
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json().errors).toEqual([{ field: 'password', code: 'required', message: 'Campo obbligatorio.' }]);
  });

  it('personal API tokens: shown once, stored hashed, work as Bearer without CSRF, revocable', async () => {
    const client = await env.login('callcenter');
    const made = await client.post('/api/me/tokens', { name: 'integrazione OTRS' });
    expect(made.statusCode).toBe(201);
    const { token, id } = made.json();
    expect(token).toMatch(/^prs_/);
    const stored = await env.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect((await client.get('/api/me/tokens')).json().items[0]).not.toHaveProperty('token');

    const bearer = new Client(env.app, null, null, token);
    expect((await bearer.get('/api/me')).json().username).toBe('callcenter');
    expect((await bearer.patch('/api/me', { phone: '+39 02 1234' })).json().phone).toBe('+39 02 1234');
    expect((await bearer.patch('/api/me', { phone: null })).json().phone).toBeNull();

    expect((await client.delete(`/api/me/tokens/${id}`)).statusCode).toBe(204);
    expect((await bearer.get('/api/me')).statusCode).toBe(401);
    expect((await client.delete(`/api/me/tokens/${id}`)).statusCode).toBe(404);
  });

  it('serves health, the OpenAPI 3.1 spec and its browser', async () => {
    expect((await env.anonymous().get('/healthz')).json()).toEqual({ status: 'ok' });
    const spec = (await env.anonymous().get('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/api/session');
    expect((await env.anonymous().get('/api/docs')).statusCode).toBeLessThan(400);
  });
});

type LoginAttempt = { username: string; password: string; from: string; headers?: Record<string, string> };

function tryLogin(env: TestEnv, a: LoginAttempt) {
  return env.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username: a.username, password: a.password },
    remoteAddress: a.from,
    headers: a.headers,
  });
}

const later = (env: TestEnv, seconds: number) => {
  env.clock.now = new Date(env.clock.now.getTime() + seconds * 1000);
};

describeEachDb(
  'login back-off per username and address, never a lock-out',
  (env) => {
    it('makes the guessing pair wait, doubling, while the owner logs in from their own address', async () => {
      const guesser = '198.51.100.7';
      for (let i = 1; i <= 5; i++) {
        const res = await tryLogin(env, { username: 'bm.deib', password: `wrong-${i}`, from: guesser });
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('INVALID_CREDENTIALS');
      }
      // Even the right password waits: the guesser must not learn it by trying it now.
      const waiting = await tryLogin(env, { username: 'bm.deib', password: 'presidio', from: guesser });
      expect(waiting.statusCode).toBe(429);
      expect(waiting.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(waiting.json()).toMatchObject({ code: 'LOGIN_BACKOFF', detail: expect.stringContaining('30 secondi') });
      expect(waiting.headers['retry-after']).toBe('30');

      const owner = await tryLogin(env, { username: 'bm.deib', password: 'presidio', from: '192.0.2.10' });
      expect(owner.statusCode).toBe(200);

      later(env, 31);
      expect((await tryLogin(env, { username: 'bm.deib', password: 'wrong-6', from: guesser })).statusCode).toBe(401);
      const doubled = await tryLogin(env, { username: 'bm.deib', password: 'wrong-7', from: guesser });
      expect(doubled.statusCode).toBe(429);
      expect(doubled.headers['retry-after']).toBe('60');

      later(env, 61);
      expect((await tryLogin(env, { username: 'bm.deib', password: 'presidio', from: guesser })).statusCode).toBe(200);
      // Success wipes the pair's count: the next mistake is a plain 401 again.
      expect((await tryLogin(env, { username: 'bm.deib', password: 'wrong', from: guesser })).statusCode).toBe(401);
      const rows = await env.db
        .selectFrom('users')
        .select(['failed_logins', 'locked_until'])
        .where('username', '=', 'bm.deib')
        .executeTakeFirstOrThrow();
      expect(rows).toEqual({ failed_logins: 0, locked_until: null });
    });

    it('caps the wait at LOGIN_BACKOFF_MAX_MINUTES', async () => {
      const from = '198.51.100.8';
      for (let i = 0; i < 5; i++) await tryLogin(env, { username: 'richiedente', password: 'x', from });
      let retry = Number((await tryLogin(env, { username: 'richiedente', password: 'x', from })).headers['retry-after']);
      const waits = [retry];
      for (let round = 0; round < 3; round++) {
        later(env, retry + 1);
        expect((await tryLogin(env, { username: 'richiedente', password: 'x', from })).statusCode).toBe(401);
        retry = Number((await tryLogin(env, { username: 'richiedente', password: 'x', from })).headers['retry-after']);
        waits.push(retry);
      }
      expect(waits).toEqual([30, 60, 120, 120]);
    });

    it('lets one of several attempts racing for the same turn through, the others wait', async () => {
      const from = '198.51.100.9';
      for (let i = 0; i < 5; i++) await tryLogin(env, { username: 'callcenter', password: 'x', from });
      later(env, 31);
      const answers = await Promise.all(Array.from({ length: 6 }, () => tryLogin(env, { username: 'callcenter', password: 'x', from })));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([401, 429, 429, 429, 429, 429]);
    });

    it('answers an unknown username exactly like a known one, back-off included', async () => {
      const from = '198.51.100.10';
      const known: string[] = [];
      const unknown: string[] = [];
      for (let i = 0; i < 6; i++) {
        const k = await tryLogin(env, { username: 'admin', password: 'wrong', from });
        const u = await tryLogin(env, { username: 'nessuno.qui', password: 'wrong', from });
        known.push(`${k.statusCode} ${k.headers['retry-after']} ${k.body}`);
        unknown.push(`${u.statusCode} ${u.headers['retry-after']} ${u.body}`);
      }
      expect(unknown).toEqual(known);
      expect(known[5]).toMatch(/^429 30 /);
      // An inactive account is one more name that does not log in, answered the same way.
      await env.db.updateTable('users').set({ active: 0 }).where('username', '=', 'contabile').execute();
      const inactive = await tryLogin(env, { username: 'contabile', password: 'presidio', from: '198.51.100.11' });
      const nobody = await tryLogin(env, { username: 'nessuno', password: 'presidio', from: '198.51.100.11' });
      expect([inactive.statusCode, inactive.body]).toEqual([nobody.statusCode, nobody.body]);
      expect(inactive.statusCode).toBe(401);
    });
  },
  { env: { LOGIN_BACKOFF_MAX_MINUTES: '2' } },
);

describeEachDb(
  'client address: X-Forwarded-For believed from the configured proxy only',
  (env) => {
    it('takes the address the trusted proxy forwards, and ignores the header from anyone else', async () => {
      await tryLogin(env, { username: 'x', password: 'x', from: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.60' } });
      await tryLogin(env, { username: 'x', password: 'x', from: '10.20.30.40', headers: { 'x-forwarded-for': '203.0.113.61' } });
      // A client's own X-Forwarded-For before the proxy's entry is not believed either.
      await tryLogin(env, { username: 'x', password: 'x', from: '127.0.0.1', headers: { 'x-forwarded-for': '1.2.3.4, 203.0.113.62' } });
      const keys = (await env.db.selectFrom('rate_limits').select('key').where('key', 'like', 'login:%').orderBy('key').execute()).map(
        (r) => r.key,
      );
      expect(keys).toEqual(['login:10.20.30.40', 'login:203.0.113.60', 'login:203.0.113.62']);
    });

    it('over HTTPS from the trusted proxy: __Host- cookie, Secure, Path=/, no Domain, and HSTS', async () => {
      const https = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.70' };
      const res = await tryLogin(env, { username: 'admin', password: 'presidio', from: '127.0.0.1', headers: https });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.map((c) => c.name)).toEqual(['__Host-presidio_session']);
      const cookie = res.cookies[0];
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
      expect(cookie.domain).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      const csrf = res.json().csrfToken as string;

      const me = (name: string, headers: Record<string, string>) =>
        env.app.inject({
          method: 'GET',
          url: '/api/me',
          remoteAddress: '127.0.0.1',
          headers: { ...headers, cookie: `${name}=${cookie.value}` },
        });
      expect((await me('__Host-presidio_session', https)).statusCode).toBe(200);
      // Each scheme reads only its own name: a plain cookie is ignored over HTTPS, and the reverse.
      expect((await me('presidio_session', https)).statusCode).toBe(401);
      expect((await me('__Host-presidio_session', {})).statusCode).toBe(401);

      const out = await env.app.inject({
        method: 'DELETE',
        url: '/api/session',
        remoteAddress: '127.0.0.1',
        headers: { ...https, cookie: `__Host-presidio_session=${cookie.value}`, 'x-csrf-token': csrf },
      });
      expect(out.statusCode).toBe(204);
      expect(out.cookies[0]).toMatchObject({ name: '__Host-presidio_session', value: '', secure: true, path: '/' });
    });

    it('over plain HTTP, or with X-Forwarded-Proto from an untrusted address: plain cookie, no HSTS', async () => {
      for (const from of ['127.0.0.1', '10.20.30.41']) {
        const headers: Record<string, string> = from === '127.0.0.1' ? {} : { 'x-forwarded-proto': 'https' };
        const res = await tryLogin(env, { username: 'admin', password: 'presidio', from, headers });
        expect(res.statusCode).toBe(200);
        expect(res.cookies.map((c) => [c.name, c.secure ?? false])).toEqual([['presidio_session', false]]);
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });
  },
  { env: { TRUST_PROXY: '127.0.0.1, ::1', HSTS_MAX_AGE: '31536000' } },
);

describeEachDb(
  'COOKIE_SECURE forces the HTTPS cookie',
  (env) => {
    it('sets __Host-presidio_session Secure even when the request looks like plain HTTP; no HSTS unless asked', async () => {
      const res = await tryLogin(env, { username: 'admin', password: 'presidio', from: '127.0.0.1' });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.map((c) => [c.name, c.secure])).toEqual([['__Host-presidio_session', true]]);
      expect(res.headers['strict-transport-security']).toBeUndefined();
      const me = await env.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { cookie: `__Host-presidio_session=${res.cookies[0].value}` },
      });
      expect(me.statusCode).toBe(200);
    });
  },
  { env: { COOKIE_SECURE: '1' } },
);

describeEachDb(
  'login rate limit per client address',
  (env) => {
    it('answers 429 with Retry-After past the limit, whatever the account', async () => {
      for (let i = 0; i < 3; i++) {
        expect((await env.anonymous().post('/api/session', { username: `u${i}`, password: 'x' })).statusCode).toBe(401);
      }
      const res = await env.anonymous().post('/api/session', { username: 'admin', password: 'presidio' });
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      env.clock.now = new Date(env.clock.now.getTime() + 61_000);
      expect((await env.anonymous().post('/api/session', { username: 'admin', password: 'presidio' })).statusCode).toBe(200);
    });

    it('counts the socket address, whatever X-Forwarded-For claims, when no proxy is configured', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await tryLogin(env, {
          username: 'x',
          password: 'x',
          from: '203.0.113.50',
          headers: { 'x-forwarded-for': `10.9.9.${i}` },
        });
        expect(res.statusCode).toBe(401);
      }
      const fourth = await tryLogin(env, {
        username: 'admin',
        password: 'presidio',
        from: '203.0.113.50',
        headers: { 'x-forwarded-for': '10.9.9.99' },
      });
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json().code).toBe('RATE_LIMITED');
      const keys = (await env.db.selectFrom('rate_limits').select('key').where('key', 'like', 'login:%').execute()).map((r) => r.key);
      expect(keys).toContain('login:203.0.113.50');
      expect(keys.filter((k) => k.startsWith('login:10.'))).toEqual([]);
    });

    it('counts an IPv6 client by its /64 and an IPv4-mapped address as the IPv4 one (#7)', async () => {
      // Three addresses of one /64, each spelled differently: one client, whose fourth try is refused.
      for (const from of ['2001:db8:7:1::a', '2001:DB8:7:1:ffff:1:2:3', '2001:db8:7:1::b%eth0']) {
        expect((await tryLogin(env, { username: 'x', password: 'x', from })).statusCode).toBe(401);
      }
      const rotated = await tryLogin(env, { username: 'admin', password: 'presidio', from: '2001:db8:7:1:dead:beef:0:1' });
      expect(rotated.statusCode).toBe(429);
      expect(rotated.json().code).toBe('RATE_LIMITED');
      // The next /64 is another client.
      expect((await tryLogin(env, { username: 'admin', password: 'presidio', from: '2001:db8:7:2::a' })).statusCode).toBe(200);

      for (let i = 0; i < 3; i++)
        expect((await tryLogin(env, { username: 'x', password: 'x', from: '198.51.100.7' })).statusCode).toBe(401);
      expect((await tryLogin(env, { username: 'admin', password: 'presidio', from: '::ffff:198.51.100.7' })).statusCode).toBe(429);
      const keys = (await env.db.selectFrom('rate_limits').select('key').where('key', 'like', 'login:%').execute()).map((r) => r.key);
      expect(keys).toEqual(expect.arrayContaining(['login:2001:db8:7:1::/64', 'login:198.51.100.7']));
      expect(keys.filter((k) => k.includes('ffff') || k.includes('dead'))).toEqual([]);
    });
  },
  { env: { LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '60' } },
);

describe('configuration', () => {
  it('names every bad variable', async () => {
    const { loadConfig, ConfigError } = await import('../src/server/config.ts');
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', PRESIDIO_DEMO: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('PORT="abc"');
      expect(msg).toContain('DATABASE_URL');
      expect(msg).toContain('PRESIDIO_DEMO="maybe"');
    }
  });

  it('takes trusted proxies as IPs or CIDRs only, none by default, and names the retired lock-out variables', async () => {
    const { loadConfig } = await import('../src/server/config.ts');
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: "true" is not an IP address/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/10\.0\.0\.0\/33/);
    expect(() => loadConfig({ LOGIN_MAX_FAILURES: '5' })).toThrow(/LOGIN_MAX_FAILURES is no longer read/);
  });
});
