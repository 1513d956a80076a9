// The satisfaction loop (#11 item 4): a low rating (or work not done) opens a follow-up and tells
// the building managers; the follow-up is assigned, gets an outcome and is closed (stale version
// 409, bad bodies 400); the comments stream and the response rate per building, each in the
// caller's scope; the one reminder to rate, with a new link, sent once, never after the link's
// validity, never to who rated, and the ticket still rated only once.
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDb, type Client, type TestEnv } from './helpers/app.ts';
import { MAIL, move, ok, openTicket, ratingToken, refs, type Obj } from './fixtures/workflow/workflow.ts';
import { createRatingReminder } from '../src/server/jobs/rating-reminder.ts';

const DIR = path.join(os.tmpdir(), `presidio-satisfaction-${process.pid}`);
const quiet = { info() {}, warn() {}, error() {} };

type Clients = Record<'requester' | 'requesterEn' | 'bm' | 'bmDeib' | 'ele' | 'asc' | 'cc' | 'capo' | 'ter', Client>;

/** A ticket of `building` taken to closed by its contractor's emergency work; its id, number and rating token. */
async function closedTicket(env: TestEnv, c: Clients, o: { building?: 'MI-B01' | 'MI-B03'; description?: string } = {}) {
  const r = await refs(env);
  const inB03 = o.building === 'MI-B03';
  const requester = inB03 ? c.requesterEn : c.requester;
  const bm = inB03 ? c.bmDeib : c.bm;
  const contractor = inB03 ? c.asc : c.ele;
  const t = await openTicket(requester, {
    buildingId: await r.building(o.building ?? 'MI-B01'),
    description: o.description ?? 'Presa in corto',
  });
  const w = (
    await move(bm, 'tickets', t.id, 'issue', {
      technologyClassId: await r.cls(inB03 ? 'ASC' : 'ELE'),
      priority: 'emergency',
      description: 'x',
    })
  ).workOrders[0];
  for (const [a, f] of [
    ['acknowledge', {}],
    ['start_work', {}],
    ['complete', { report: 'ok', hours: 1 }],
  ] as const)
    await move(contractor, 'work-orders', w.id, a, f);
  await move(bm, 'work-orders', w.id, 'verify');
  await move(c.cc, 'tickets', t.id, 'close', { note: 'Risolto' });
  return { id: t.id as string, number: t.number as string, token: await ratingToken(env, t.id) };
}

const rate = (env: TestEnv, token: string, body: Obj) => env.anonymous().post(`/api/ratings/${token}`, body);

describeEachDb(
  'satisfaction loop',
  (env) => {
    let c: Clients;
    const names = [
      'richiedente',
      'requester.en',
      'bm.centrale',
      'bm.deib',
      'ditta.elettrica',
      'ditta.ascensori',
      'callcenter',
      'capo.servizio',
      'ditta.termica',
    ];
    const at = async (iso: string) => {
      env.clock.now = new Date(iso);
    };
    /** Sessions last SESSION_TTL_HOURS (30 days here): after a longer jump of the clock, everybody logs in again. */
    const login = async () => {
      const [requester, requesterEn, bm, bmDeib, ele, asc, cc, capo, ter] = await Promise.all(names.map((u) => env.login(u)));
      c = { requester, requesterEn, bm, bmDeib, ele, asc, cc, capo, ter };
    };
    const tickets: Record<string, { id: string; number: string; token: string }> = {};

    it('logs in', async () => {
      await at('2026-03-10T09:00:00Z');
      await login();
    });

    it('a low rating opens a follow-up in the same transaction and tells the building managers (e-mail and in-app)', async () => {
      const low = (tickets.low = await closedTicket(env, c, { description: 'Luce sfarfallante' }));
      await at('2026-03-10T10:00:00Z');
      ok(await rate(env, low.token, { stars: 1, workDone: true, comment: 'Tecnico in ritardo di due ore' }));
      const fu = await env.db.selectFrom('rating_follow_ups').selectAll().where('ticket_id', '=', low.id).executeTakeFirstOrThrow();
      expect(fu).toMatchObject({ status: 'open', assigned_to_id: null, outcome: null, created_at: '2026-03-10T10:00:00.000Z' });
      const mail = await env.db
        .selectFrom('outbox')
        .select(['to_address', 'text_body'])
        .where('ticket_id', '=', low.id)
        .where('kind', '=', 'low_rating')
        .execute();
      expect(mail.map((m) => m.to_address)).toEqual([MAIL.bmCentrale]);
      expect(mail[0].text_body).toContain('1 su 5');
      expect(mail[0].text_body).toContain('Tecnico in ritardo di due ore');
      expect(mail[0].text_body).toContain('pagina Soddisfazione');
      const inApp = ok(await c.bm.get('/api/notifications')).items.filter((n: Obj) => n.ticketId === low.id && n.kind === 'low_rating');
      expect(inApp).toHaveLength(1);

      // Work not done with a good score is followed up too; a good rating is not.
      const notDone = (tickets.notDone = await closedTicket(env, c, { description: 'Interruttore rotto' }));
      await at('2026-03-10T11:00:00Z');
      ok(await rate(env, notDone.token, { stars: 4, workDone: false }));
      const good = (tickets.good = await closedTicket(env, c, { description: 'Lampada da cambiare' }));
      await at('2026-03-10T12:00:00Z');
      ok(await rate(env, good.token, { stars: 5, workDone: true, comment: 'Ottimo lavoro' }));
      const other = (tickets.other = await closedTicket(env, c, { building: 'MI-B03', description: 'Lift stuck' }));
      await at('2026-03-10T13:00:00Z');
      ok(await rate(env, other.token, { stars: 2, workDone: true, comment: 'Slow' }));
      const rows = await env.db.selectFrom('rating_follow_ups').select(['ticket_id', 'status']).execute();
      expect(rows.map((r) => r.ticket_id).sort()).toEqual([low.id, notDone.id, other.id].sort());
    });

    it('the comments stream: newest first, keyset paged, filtered, each role in its scope', async () => {
      const all = ok(await c.capo.get('/api/ratings'));
      expect(all.items.map((i: Obj) => i.ticketNumber)).toEqual(
        [tickets.other, tickets.good, tickets.notDone, tickets.low].map((t) => t.number),
      );
      expect(all.items[3]).toMatchObject({
        stars: 1,
        workDone: true,
        comment: 'Tecnico in ritardo di due ore',
        building: { code: 'MI-B01' },
        followUp: { status: 'open' },
      });
      expect(all.items[3].work[0]).toMatch(/^Lotto 2 — /);
      expect(all.items[1].followUp).toBeNull();

      const first = ok(await c.capo.get('/api/ratings?limit=2'));
      expect(first.items).toHaveLength(2);
      const second = ok(await c.capo.get(`/api/ratings?limit=2&cursor=${first.nextCursor}`));
      expect([...first.items, ...second.items].map((i: Obj) => i.ticketId)).toEqual(all.items.map((i: Obj) => i.ticketId));
      expect(second.nextCursor).toBeNull();

      const r = await refs(env);
      const numbers = async (client: Client, query = '') =>
        ok(await client.get(`/api/ratings${query}`)).items.map((i: Obj) => i.ticketNumber);
      expect(await numbers(c.capo, '?score=1')).toEqual([tickets.low.number]);
      expect(await numbers(c.capo, '?withComment=true')).toEqual([tickets.other, tickets.good, tickets.low].map((t) => t.number));
      expect(await numbers(c.capo, `?buildingId=${await r.building('MI-B03')}`)).toEqual([tickets.other.number]);
      const lotto5 = (await env.db.selectFrom('contracts').select('id').where('lot', '=', 'Lotto 5').executeTakeFirstOrThrow()).id;
      expect(await numbers(c.capo, `?contractId=${lotto5}`)).toEqual([tickets.other.number]);
      expect(await numbers(c.capo, '?from=2026-03-11')).toEqual([]);
      expect(await numbers(c.capo, '?from=2026-03-10&to=2026-03-10')).toHaveLength(4);

      // A building manager: its buildings; a contractor: its own work; others 403.
      expect(await numbers(c.bmDeib)).toEqual([tickets.other.number]);
      expect(await numbers(c.bm)).toEqual([tickets.good, tickets.notDone, tickets.low].map((t) => t.number));
      expect(await numbers(c.ele)).toEqual([tickets.good, tickets.notDone, tickets.low].map((t) => t.number));
      expect(await numbers(c.ter)).toEqual([]);
      for (const who of [c.cc, c.requester]) expect((await who.get('/api/ratings')).statusCode).toBe(403);
      const bad = await c.capo.get('/api/ratings?score=6');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ field: 'score' });
    });

    it('follow-ups: open first, in scope; assigned, outcome recorded and closed; stale version 409; bad bodies 400', async () => {
      const list = ok(await c.bm.get('/api/rating-follow-ups')).items;
      expect(list.map((f: Obj) => f.ticketNumber)).toEqual([tickets.low.number, tickets.notDone.number]);
      expect(ok(await c.bmDeib.get('/api/rating-follow-ups')).items.map((f: Obj) => f.ticketNumber)).toEqual([tickets.other.number]);
      const fu = list[0];
      expect(fu).toMatchObject({ status: 'open', stars: 1, comment: 'Tecnico in ritardo di due ore', version: 1, assignedTo: null });
      // Who may be given it: the building's manager, then the service heads.
      expect(fu.assignees.map((a: Obj) => a.id)).toEqual([
        await (await refs(env)).user('bm.centrale'),
        await (await refs(env)).user('capo.servizio'),
      ]);
      expect((await c.bmDeib.get(`/api/rating-follow-ups/${fu.id}`)).statusCode).toBe(404);
      for (const who of [c.ele, c.cc, c.requester]) expect((await who.get('/api/rating-follow-ups')).statusCode).toBe(403);
      expect((await c.bmDeib.patch(`/api/rating-follow-ups/${fu.id}`, { version: 1, outcome: 'x' })).statusCode).toBe(404);

      const url = `/api/rating-follow-ups/${fu.id}`;
      const r = await refs(env);
      const problem = (res: Awaited<ReturnType<Client['patch']>>, status: number) => {
        expect(res.statusCode, res.body).toBe(status);
        return res.json();
      };
      expect(problem(await c.bm.patch(url, { version: 1 }), 400).errors[0]).toMatchObject({ field: 'body', code: 'emptyChange' });
      expect(problem(await c.bm.patch(url, {}), 400).errors[0]).toMatchObject({ field: 'version' });
      expect(problem(await c.bm.patch(url, { version: 1, outcome: '   ' }), 400).errors[0]).toMatchObject({
        field: 'outcome',
        code: 'required',
      });
      expect(problem(await c.bm.patch(url, { version: 1, done: true }), 400).errors[0]).toMatchObject({
        field: 'outcome',
        code: 'required',
      });
      // Only a building manager of the building or a service head may be given it.
      for (const u of ['ditta.elettrica', 'bm.deib'])
        expect(problem(await c.bm.patch(url, { version: 1, assignedToId: await r.user(u) }), 400).errors[0]).toMatchObject({
          field: 'assignedToId',
          code: 'followUpAssignee',
        });

      await at('2026-03-11T09:00:00Z');
      const assigned = ok(await c.bm.patch(url, { version: 1, assignedToId: await r.user('capo.servizio') }));
      expect(assigned).toMatchObject({
        version: 2,
        status: 'open',
        assignedTo: { id: await r.user('capo.servizio') },
        assignedAt: '2026-03-11T09:00:00.000Z',
      });
      const stale = problem(await c.capo.patch(url, { version: 1, outcome: 'Chiamato il richiedente' }), 409);
      expect(stale).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: 2 } });
      await at('2026-03-11T10:00:00Z');
      const done = ok(
        await c.capo.patch(url, { version: 2, outcome: 'Chiamato il richiedente: ritardo per traffico, scuse presentate', done: true }),
      );
      expect(done).toMatchObject({
        status: 'done',
        version: 3,
        outcome: 'Chiamato il richiedente: ritardo per traffico, scuse presentate',
        doneBy: { id: await r.user('capo.servizio') },
        doneAt: '2026-03-11T10:00:00.000Z',
      });
      expect(problem(await c.capo.patch(url, { version: 3, outcome: 'altro' }), 400).errors[0]).toMatchObject({ code: 'followUpDone' });
      expect(ok(await c.capo.get(url))).toEqual(done);
      // Open ones first now.
      expect(ok(await c.bm.get('/api/rating-follow-ups')).items.map((f: Obj) => f.status)).toEqual(['open', 'done']);
      expect(ok(await c.bm.get('/api/rating-follow-ups?status=done')).items.map((f: Obj) => f.id)).toEqual([fu.id]);
    });

    it('the response rate per building: links sent, ratings given, rate, average, in scope', async () => {
      const unrated = (tickets.unrated = await closedTicket(env, c, { description: 'Presa staccata' }));
      expect(unrated.token).toBeTruthy();
      const res = ok(await c.capo.get('/api/ratings/response-rate?from=2026-03-01&to=2026-03-31'));
      expect(res.buildings.map((b: Obj) => [b.building.code, b.sent, b.rated, b.low])).toEqual([
        ['MI-B01', 4, 3, 1],
        ['MI-B03', 1, 1, 1],
      ]);
      expect(res.buildings[0].rate).toBeCloseTo(0.75);
      expect(res.buildings[0].average).toBeCloseTo(10 / 3);
      expect(res.total).toMatchObject({ sent: 5, rated: 4, low: 2 });
      expect(
        ok(await c.bmDeib.get('/api/ratings/response-rate?from=2026-03-01&to=2026-03-31')).buildings.map((b: Obj) => b.building.code),
      ).toEqual(['MI-B03']);
      expect(ok(await c.capo.get('/api/ratings/response-rate?from=2026-04-01&to=2026-04-30')).buildings).toEqual([]);
      expect((await c.capo.get('/api/ratings/response-rate?from=2026-03-31&to=2026-03-01')).statusCode).toBe(400);
      expect((await c.requester.get('/api/ratings/response-rate?from=2026-03-01&to=2026-03-31')).statusCode).toBe(403);
    });

    it('one reminder, with a new link, to who has not rated, after RATING_REMINDER_DAYS, never twice', async () => {
      const job = () => createRatingReminder(env.app.ctx, quiet).runOnce();
      const reminders = async (ticketId: string) =>
        env.db
          .selectFrom('outbox')
          .select(['to_address', 'text_body', 'idempotency_key'])
          .where('ticket_id', '=', ticketId)
          .where('kind', '=', 'rating_reminder')
          .execute();
      const t = tickets.unrated; // closed on 2026-03-11T10:00Z, not rated
      await at('2026-03-14T09:59:59Z');
      expect(await job()).toEqual({ reminded: 0, failed: 0 });
      await at('2026-03-14T10:00:00Z');
      // Two instances at once: one reminder.
      const [a, b] = await Promise.all([job(), job()]);
      expect(a.reminded + b.reminded).toBe(1);
      expect(await job()).toEqual({ reminded: 0, failed: 0 });
      await at('2026-03-20T10:00:00Z');
      expect(await job()).toEqual({ reminded: 0, failed: 0 });
      const sent = await reminders(t.id);
      expect(sent.map((s) => s.to_address)).toEqual([MAIL.richiedente]);
      const m = /\/rate\/([A-Za-z0-9_-]{43})/.exec(sent[0].text_body);
      expect(m).not.toBeNull();
      const fresh = m![1];
      expect(fresh).not.toBe(t.token);
      expect(sent[0].text_body).toContain('unico promemoria');
      // The rated tickets got none.
      for (const k of ['low', 'notDone', 'good', 'other']) expect(await reminders(tickets[k].id)).toEqual([]);
      const tokens = await env.db
        .selectFrom('rating_tokens')
        .select(['expires_at', 'reminded_at'])
        .where('ticket_id', '=', t.id)
        .orderBy('created_at')
        .execute();
      expect(tokens).toEqual([
        { expires_at: '2026-04-10T10:00:00.000Z', reminded_at: '2026-03-14T10:00:00.000Z' },
        { expires_at: '2026-04-10T10:00:00.000Z', reminded_at: '2026-03-14T10:00:00.000Z' },
      ]);

      // The new link works, and the ticket is rated once: both links are used by it.
      expect(ok(await env.anonymous().get(`/api/ratings/${fresh}`))).toMatchObject({
        ticketNumber: t.number,
        expiresAt: '2026-04-10T10:00:00.000Z',
      });
      ok(await rate(env, fresh, { stars: 4, workDone: true }));
      for (const token of [t.token, fresh]) {
        const again = await rate(env, token, { stars: 1, workDone: false });
        expect(again.statusCode).toBe(404);
        expect(again.json().code).toBe('RATING_LINK_INVALID');
      }
      expect(ok(await c.requester.get(`/api/tickets/${t.id}`))).toMatchObject({ status: 'closed', rating: { stars: 4, workDone: true } });
    });

    it('no reminder once the link has less than a day left, nor after it expired; the first link still rates once', async () => {
      const job = () => createRatingReminder(env.app.ctx, quiet).runOnce();
      await at('2026-03-20T10:00:00Z');
      await login();
      const late = await closedTicket(env, c, { description: 'Neon guasto' }); // link valid until 2026-04-19T10:00Z
      await at('2026-04-18T10:00:01Z'); // less than a day of validity left
      expect(await job()).toEqual({ reminded: 0, failed: 0 });
      await at('2026-04-20T10:00:00Z'); // expired
      expect(await job()).toEqual({ reminded: 0, failed: 0 });
      expect(
        await env.db.selectFrom('outbox').select('id').where('ticket_id', '=', late.id).where('kind', '=', 'rating_reminder').execute(),
      ).toEqual([]);

      // The first link, used after a reminder went: the reminder's link is then dead too.
      await at('2026-04-20T10:00:00Z');
      await login();
      const early = await closedTicket(env, c, { description: 'Presa bruciata' });
      await at('2026-04-24T10:00:00Z');
      expect((await job()).reminded).toBe(1);
      ok(await rate(env, early.token, { stars: 2, workDone: true }));
      const row = await env.db
        .selectFrom('outbox')
        .select('text_body')
        .where('ticket_id', '=', early.id)
        .where('kind', '=', 'rating_reminder')
        .executeTakeFirstOrThrow();
      const fresh = /\/rate\/([A-Za-z0-9_-]{43})/.exec(row.text_body)![1];
      expect((await rate(env, fresh, { stars: 5, workDone: true })).statusCode).toBe(404);
      const used = await env.db.selectFrom('rating_tokens').select('used_at').where('ticket_id', '=', early.id).execute();
      expect(used.map((u) => u.used_at)).toEqual(['2026-04-24T10:00:00.000Z', '2026-04-24T10:00:00.000Z']);
    });
  },
  { env: { ATTACHMENTS_DIR: DIR, PUBLIC_URL: 'https://presidio.example/', RATING_RATE_LIMIT: '10000', SESSION_TTL_HOURS: '720' } },
);
