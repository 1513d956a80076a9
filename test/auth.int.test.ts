import { describe, expect, it } from 'vitest';
import { describeEachDb, Client } from './helpers/app.ts';

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

  it('refuses anonymous API calls with problem+json in the caller\'s language', async () => {
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

describeEachDb('login lock-out', (env) => {
  it('locks an account after 5 failures, even for the right password, until the lock ends', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await env.anonymous().post('/api/session', { username: 'bm.deib', password: `wrong-${i}` });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await env.anonymous().post('/api/session', { username: 'bm.deib', password: 'wrong-5' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    const right = await env.anonymous().post('/api/session', { username: 'bm.deib', password: 'presidio' });
    expect(right.statusCode).toBe(423);

    env.clock.now = new Date(env.clock.now.getTime() + 16 * 60_000);
    const later = await env.anonymous().post('/api/session', { username: 'bm.deib', password: 'presidio' });
    expect(later.statusCode).toBe(200);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await env.anonymous().post('/api/session', { username: 'nobody', password: 'x' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
  });
});

describeEachDb('login rate limit per client address', (env) => {
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
}, { env: { LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '60' } });

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
});
