// The public rating link: what it shows, single use, forged / expired / used links all alike,
// the link stored only as a hash, rate limit per client address.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDb, type Client, type TestEnv } from './helpers/app.ts';
import { move, ok, openTicket, ratingToken, refs, type Obj } from './fixtures/workflow/workflow.ts';

const DIR = path.join(os.tmpdir(), `presidio-wf-rate-${process.pid}`);

/** A ticket taken to closed (emergency work straight away), returning its id and rating token. */
async function closedTicket(env: TestEnv, c: { requester: Client; bm: Client; ele: Client; cc: Client }) {
  const r = await refs(env);
  const t = await openTicket(c.requester, { buildingId: await r.building('MI-B01'), description: 'Presa in corto' });
  const w = (await move(c.bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'emergency', description: 'x' }))
    .workOrders[0];
  for (const [a, f] of [
    ['acknowledge', {}],
    ['start_work', {}],
    ['complete', { report: 'ok', hours: 1 }],
  ] as const)
    await move(c.ele, 'work-orders', w.id, a, f);
  await move(c.bm, 'work-orders', w.id, 'verify');
  await move(c.cc, 'tickets', t.id, 'close', { note: 'Risolto' });
  return { ticket: t, token: await ratingToken(env, t.id) };
}

describeEachDb(
  'workflow 1 rating links',
  (env) => {
    let c: { requester: Client; bm: Client; ele: Client; cc: Client };
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };

    it('logs in', async () => {
      at('2026-03-10T09:00:00Z');
      const [requester, bm, ele, cc] = await Promise.all(
        ['richiedente', 'bm.centrale', 'ditta.elettrica', 'callcenter'].map((u) => env.login(u)),
      );
      c = { requester, bm, ele, cc };
    });

    it('the link in notice 3 is public, stored as sha256 only, and valid for 30 days', async () => {
      const { ticket, token } = await closedTicket(env, c);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
      const row = await env.db.selectFrom('rating_tokens').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(row.expires_at).toBe('2026-04-09T09:00:00.000Z');
      const text = (
        await env.db
          .selectFrom('outbox')
          .select('text_body')
          .where('ticket_id', '=', ticket.id)
          .where('kind', '=', 'ticket_closed')
          .executeTakeFirstOrThrow()
      ).text_body;
      expect(text).toContain(`https://presidio.example/rate/${token}`);
      const info = await env.anonymous().get(`/api/ratings/${token}`);
      expect(info.statusCode).toBe(200);
      expect(info.json()).toEqual({
        ticketNumber: ticket.number,
        subject: 'Presa in corto',
        building: { code: 'MI-B01', name: 'Palazzo del Rettorato' },
        closedAt: '2026-03-10T09:00:00.000Z',
        expiresAt: '2026-04-09T09:00:00.000Z',
      });
      // The timeline never shows the link.
      const items = ok(await c.bm.get(`/api/tickets/${ticket.id}/timeline`)).items;
      expect(JSON.stringify(items.filter((i: Obj) => i.type === 'event'))).not.toContain(token);
    });

    it('the in-app notification of the closing carries no rating link, the e-mail does (#7)', async () => {
      const { ticket, token } = await closedTicket(env, c);
      const outbox = await env.db
        .selectFrom('outbox')
        .select(['text_body', 'html_body'])
        .where('ticket_id', '=', ticket.id)
        .where('kind', '=', 'ticket_closed')
        .execute();
      expect(outbox.some((o) => o.text_body.includes(`/rate/${token}`))).toBe(true);
      const stored = await env.db.selectFrom('notifications').selectAll().where('ticket_id', '=', ticket.id).execute();
      const closing = stored.filter((n) => n.kind === 'ticket_closed');
      expect(closing.length).toBeGreaterThan(0);
      const raw = JSON.stringify(stored);
      expect(raw).not.toContain(token);
      expect(raw).not.toContain('/rate/');
      // The requester is pointed to the ticket page, where they rate while logged in.
      const mine = ok(await c.requester.get('/api/notifications')).items.find(
        (n: Obj) => n.ticketId === ticket.id && n.kind === 'ticket_closed',
      );
      expect(mine.body).toContain('pagina della segnalazione');
      expect(JSON.stringify(mine)).not.toContain(token);
    });

    it('used, forged and expired links get the same 404 RATING_LINK_INVALID', async () => {
      const { ticket, token } = await closedTicket(env, c);
      const first = await env.anonymous().post(`/api/ratings/${token}`, { stars: 4, workDone: true });
      expect(first.statusCode).toBe(200);
      const used = await env.anonymous().post(`/api/ratings/${token}`, { stars: 1, workDone: false });
      const usedGet = await env.anonymous().get(`/api/ratings/${token}`);
      const forged = await env.anonymous().post(`/api/ratings/${token.slice(0, -2)}xx`, { stars: 1, workDone: false });
      const garbage = await env.anonymous().get('/api/ratings/not-a-token');
      for (const res of [used, usedGet, forged, garbage]) {
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ code: 'RATING_LINK_INVALID', detail: used.json().detail });
      }
      expect(ok(await c.requester.get(`/api/tickets/${ticket.id}`))).toMatchObject({
        status: 'closed',
        rating: { stars: 4, workDone: true },
      });

      const second = await closedTicket(env, c);
      at('2026-04-09T09:00:01Z'); // 30 days and a second later
      const expired = await env.anonymous().post(`/api/ratings/${second.token}`, { stars: 5, workDone: true });
      expect(expired.statusCode).toBe(404);
      expect(expired.json().code).toBe('RATING_LINK_INVALID');
      expect((await env.anonymous().get(`/api/ratings/${second.token}`)).statusCode).toBe(404);
      at('2026-03-10T09:00:00Z');
    });

    it('a ticket reopened meanwhile cannot be rated with its old link; bad bodies are refused without using the link', async () => {
      const { ticket, token } = await closedTicket(env, c);
      const bad = await env.anonymous().post(`/api/ratings/${token}`, { stars: 6, workDone: true });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ field: 'stars' });
      const extra = await env.anonymous().post(`/api/ratings/${token}`, { stars: 3, workDone: true, ticketId: 'x' });
      expect(extra.json().errors[0]).toMatchObject({ field: 'ticketId', code: 'unknownField' });
      await move(c.cc, 'tickets', ticket.id, 'reopen', { reason: 'Richiamato' });
      expect((await env.anonymous().get(`/api/ratings/${token}`)).statusCode).toBe(404);
      expect((await env.anonymous().post(`/api/ratings/${token}`, { stars: 3, workDone: true })).statusCode).toBe(404);
      const row = await env.db.selectFrom('rating_tokens').select('used_at').where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
      expect(row.used_at).toBeNull();
    });
  },
  { env: { ATTACHMENTS_DIR: DIR, PUBLIC_URL: 'https://presidio.example/' } },
);

describeEachDb(
  'workflow 1 rating links: rate limit',
  (env) => {
    it('limits rating requests per client address (429 RATE_LIMITED with Retry-After)', async () => {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await env.anonymous().get(`/api/ratings/guess-${i}`));
      expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404, 429]);
      expect(answers[3].json().code).toBe('RATE_LIMITED');
      expect(Number(answers[3].headers['retry-after'])).toBeGreaterThan(0);
      env.clock.now = new Date(env.clock.now.getTime() + 61_000);
      expect((await env.anonymous().get('/api/ratings/guess-again')).statusCode).toBe(404);
    });

    it('counts an IPv6 client by its /64: rotating addresses does not reset the count (#7)', async () => {
      const get = (from: string, i: number) => env.app.inject({ method: 'GET', url: `/api/ratings/v6-${i}`, remoteAddress: from });
      const codes = [];
      for (const [i, from] of ['2001:db8:9:9::1', '2001:db8:9:9::2', '2001:db8:9:9:abcd::3', '2001:db8:9:9::4'].entries())
        codes.push((await get(from, i)).statusCode);
      expect(codes).toEqual([404, 404, 404, 429]);
      expect((await get('2001:db8:9:a::1', 9)).statusCode).toBe(404);
    });
  },
  { demo: false, env: { ATTACHMENTS_DIR: DIR, RATING_RATE_LIMIT: '3', RATING_RATE_WINDOW_SECONDS: '60' } },
);
