// Latency of the work lists through the real app (Fastify inject: routing, validation, session,
// scope, SQL, presenting, serialisation), and how many tickets per second can be opened, on a
// dataset made by bench/generate.ts. Not a test: run by hand, results go to docs/BENCHMARKS.md.
//
//   npx tsx bench/load.ts --db sqlite:/tmp/presidio-bench.sqlite [--runs 100] [--rounds 3] [--only lists|open]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/load.ts --schema bench
//
// Each scenario: a few warm-up requests, then `rounds` rounds of `runs` sequential requests; for
// each round p50/p95/p99; the report gives the median over rounds. --no-fts skips the text
// searches (for a database generated with --stop-before 2026-11-26T0003-worklist-indexes).
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { buildApp } from '../src/server/app.ts';
import { createDb } from '../src/server/db/create-db.ts';
import { openTicket } from '../src/server/modules/tickets/tickets.service.ts';
import type { Principal, Role } from '../src/server/auth/principal.ts';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const dbArg = arg('db') ?? process.env.DATABASE_URL ?? 'sqlite:/tmp/presidio-bench.sqlite';
const isPg = /^postgres(ql)?:\/\//.test(dbArg);
const SCHEMA = arg('schema', 'bench')!;
const RUNS = Number(arg('runs', '100'));
const ROUNDS = Number(arg('rounds', '3'));
const ONLY = arg('only');
const OPENS = Number(arg('opens', '3000'));
/** Time budget of one scenario (all rounds): slow ones stop early, after at least 5 requests a round. */
const BUDGET_MS = Number(arg('max-seconds', '15')) * 1000;
const NOW = new Date(arg('now', '2026-03-10T09:00:00.000Z')!);
const OUT = arg('out');
const FTS = !flag('no-fts');
/** Only the scenarios whose name contains this text. */
const MATCH = arg('match');

const db = isPg
  ? createDb({ kind: 'postgres', url: dbArg, schema: SCHEMA })
  : createDb({ kind: 'sqlite', file: dbArg.replace(/^sqlite:/, '') });
const config = loadConfig({
  LOG_LEVEL: 'silent',
  LOGIN_RATE_LIMIT: '10000',
  DATABASE_URL: isPg ? dbArg : `sqlite:${dbArg.replace(/^sqlite:/, '')}`,
});
let clock = NOW;
const app = await buildApp(config, { db, now: () => clock, logger: false });

const sessions = new Map<string, string>();
async function cookie(username: string): Promise<string> {
  let c = sessions.get(username);
  if (!c) {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: 'presidio' } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    c = `presidio_session=${res.cookies.find((k) => k.name === 'presidio_session')!.value}`;
    sessions.set(username, c);
  }
  return c;
}
async function get(username: string, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: await cookie(username) } });
  if (res.statusCode !== 200) throw new Error(`${username} GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

const idOf = async (table: string, column: string, value: string) =>
  (await sql<{ id: string }>`select id from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(db)).rows[0].id;

// --- scenarios ------------------------------------------------------------------------------

const ids = {
  building: await idOf('buildings', 'code', 'MI-B02'),
  ter: await idOf('technology_classes', 'code', 'TER'),
  elettrica: await idOf('contractors', 'name', 'Elettrosistemi Lombardi S.p.A.'),
};
const total = Number((await sql<{ n: number }>`select count(*) as n from tickets`.execute(db)).rows[0].n);
// A rare word: the asset tag of one ticket; a ticket number in the middle of the data.
const sample = (
  await sql<{
    description: string;
    number: string;
  }>`select description, number from tickets order by created_at limit 1 offset ${Math.floor(total * 0.4)}`.execute(db)
).rows[0];
const rareTag = /MT[A-Z0-9]{5}/.exec(sample.description)![0];

/** A cursor N rows deep into the admin's full ticket list (sorted by creation, newest first). */
async function deepCursor(offset: number): Promise<string> {
  const r = (
    await sql<{
      id: string;
      created_at: string;
    }>`select id, created_at from tickets order by created_at desc, id desc limit 1 offset ${offset}`.execute(db)
  ).rows[0];
  return Buffer.from(JSON.stringify({ s: 'created.desc', v: [r.created_at, r.id] })).toString('base64url');
}
/** The cursor after `pages` pages of 200 (a list someone scrolled far into). */
async function cursorAfter(username: string, url: string, pages: number): Promise<string | null> {
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const body: { nextCursor: string | null } = (
      await get(username, `${url}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    ).json();
    if (!body.nextCursor) return cursor;
    cursor = body.nextCursor;
  }
  return cursor;
}

interface Scenario {
  name: string;
  user: string;
  url: string;
  fts?: boolean;
}
const S = (name: string, user: string, url: string, fts = false): Scenario => ({ name, user, url, fts });
const deep = Math.floor(total / 2);
const SCENARIOS: Scenario[] = [
  S('admin: all tickets, first page', 'admin', '/api/tickets'),
  S(`admin: all tickets, page ${deep.toLocaleString('en')} rows deep`, 'admin', `/api/tickets?cursor=${await deepCursor(deep)}`),
  S('admin: all tickets, with count', 'admin', '/api/tickets?count=true'),
  S('admin: tickets by priority', 'admin', '/api/tickets?sort=priority'),
  S('admin: tickets by number asc', 'admin', '/api/tickets?sort=number&order=asc'),
  S('admin: tickets status=in_progress', 'admin', '/api/tickets?status=in_progress'),
  S('admin: tickets status=closed', 'admin', '/api/tickets?status=closed'),
  S('admin: tickets of one building', 'admin', `/api/tickets?buildingId=${ids.building}`),
  S('admin: tickets of class TER', 'admin', `/api/tickets?technologyClassId=${ids.ter}`),
  S('admin: tickets of one contractor', 'admin', `/api/tickets?contractorId=${ids.elettrica}`),
  S('admin: tickets priority=urgent', 'admin', '/api/tickets?priority=urgent'),
  S('admin: tickets of one month', 'admin', '/api/tickets?from=2024-05-01&to=2024-05-31'),
  S('admin: tickets of one month by priority', 'admin', '/api/tickets?from=2024-05-01&to=2024-05-31&sort=priority'),
  S('admin: tickets q=number', 'admin', `/api/tickets?q=${sample.number}`),
  S('admin: tickets q=rare word', 'admin', `/api/tickets?q=${rareTag}`, true),
  S('admin: tickets q=common word', 'admin', '/api/tickets?q=perdita', true),
  S('admin: tickets q=two words', 'admin', `/api/tickets?q=${encodeURIComponent('ascensore bloccato')}`, true),
  S('admin: tickets to_qualify', 'admin', '/api/tickets?view=to_qualify'),
  S('admin: tickets past_planned_date', 'admin', '/api/tickets?view=past_planned_date'),
  S('admin: all work orders, first page', 'admin', '/api/work-orders'),
  S('admin: work orders awaiting_authorization', 'admin', '/api/work-orders?view=awaiting_authorization'),
  S('admin: work orders waiting_materials', 'admin', '/api/work-orders?view=waiting_materials'),
  S('admin: work orders past_planned_date', 'admin', '/api/work-orders?view=past_planned_date'),
  S('admin: work orders of class TER by priority', 'admin', `/api/work-orders?technologyClassId=${ids.ter}&sort=priority`),
  S('admin: work orders q=common word', 'admin', '/api/work-orders?q=rubinetto', true),
  S('admin: work orders q=two words', 'admin', `/api/work-orders?q=${encodeURIComponent('ascensore bloccato')}`, true),
  S('admin: tickets q=two words, no ticket has both', 'admin', `/api/tickets?q=${encodeURIComponent('perdita ascensore')}`, true),
  S('BM centrale: tickets q=common word', 'bm.centrale', '/api/tickets?q=perdita', true),
  S('BM (13 buildings): tickets q=common word', 'bm.bench.07', '/api/tickets?q=perdita', true),
  S('requester (heaviest): q=common word', 'req.0001', '/api/tickets?q=perdita', true),
  S('contractor: work orders q=common word', 'ditta.elettrica', '/api/work-orders?q=rubinetto', true),
  S('requester (heaviest): own tickets', 'req.0001', '/api/tickets'),
  S('requester (heaviest): mine', 'req.0001', '/api/tickets?view=mine'),
  S('requester (typical): own tickets', 'req.2500', '/api/tickets'),
  S('call center: mine (opened by me)', 'callcenter', '/api/tickets?view=mine'),
  S('call center: awaiting_my_action (resolved)', 'callcenter', '/api/tickets?view=awaiting_my_action'),
  S('call center: q=rare word', 'callcenter', `/api/tickets?q=${rareTag}`, true),
  S('BM centrale (5 busy buildings): tickets', 'bm.centrale', '/api/tickets'),
  S('BM centrale: to_qualify', 'bm.centrale', '/api/tickets?view=to_qualify'),
  S('BM centrale: work orders awaiting_my_action', 'bm.centrale', '/api/work-orders?view=awaiting_my_action'),
  S('BM centrale: work orders past_planned_date', 'bm.centrale', '/api/work-orders?view=past_planned_date'),
  S('BM centrale: work orders', 'bm.centrale', '/api/work-orders'),
  S('BM (100 buildings): tickets', 'bm.bench.big', '/api/tickets'),
  S('BM (100 buildings): to_qualify', 'bm.bench.big', '/api/tickets?view=to_qualify'),
  S('BM (13 buildings): tickets', 'bm.bench.07', '/api/tickets'),
  S('BM (13 buildings): tickets by priority', 'bm.bench.07', '/api/tickets?sort=priority'),
  S('service head: awaiting_my_action', 'capo.servizio', '/api/work-orders?view=awaiting_my_action'),
  S('contractor: work orders', 'ditta.elettrica', '/api/work-orders'),
  S('contractor: mine (open)', 'ditta.elettrica', '/api/work-orders?view=mine'),
  S('contractor: awaiting_my_action', 'ditta.elettrica', '/api/work-orders?view=awaiting_my_action'),
  S('contractor: tickets (having its work orders)', 'ditta.elettrica', '/api/tickets'),
  S('contractor: tickets to_qualify (none)', 'ditta.elettrica', '/api/tickets?view=to_qualify'),
  S('counts: BM centrale', 'bm.centrale', '/api/worklists/counts'),
  S('counts: contractor', 'ditta.elettrica', '/api/worklists/counts'),
  S('counts: call center', 'callcenter', '/api/worklists/counts'),
  S('counts: requester (heaviest)', 'req.0001', '/api/worklists/counts'),
];
// Deep pages of scoped lists: after 20 pages of 200 rows.
for (const [name, user, url] of [
  ['BM centrale: tickets, 4,000 rows deep', 'bm.centrale', '/api/tickets'],
  ['contractor: work orders, 4,000 rows deep', 'ditta.elettrica', '/api/work-orders'],
  ['call center: mine, 4,000 rows deep', 'callcenter', '/api/tickets?view=mine'],
  ['requester (heaviest): 4,000 rows deep', 'req.0001', '/api/tickets'],
] as const) {
  const c = await cursorAfter(user, url, 20);
  if (c) SCENARIOS.push(S(name, user, `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(c)}`));
}

// --- measuring ------------------------------------------------------------------------------

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const median = (xs: number[]) => pct(xs, 50);
const ms = (x: number) => x.toFixed(1).padStart(7);

interface Result {
  name: string;
  rows: number;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
const results: Result[] = [];

async function measure(s: Scenario): Promise<Result> {
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const body = (await get(s.user, s.url)).json();
    rows = Array.isArray(body.items) ? body.items.length : 0;
  }
  const rounds: Array<{ n: number; p50: number; p95: number; p99: number; max: number }> = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t: number[] = [];
    const started = performance.now();
    for (let i = 0; i < RUNS && (i < 5 || performance.now() - started < BUDGET_MS / ROUNDS); i++) {
      const t0 = performance.now();
      await get(s.user, s.url);
      t.push(performance.now() - t0);
    }
    rounds.push({ n: t.length, p50: pct(t, 50), p95: pct(t, 95), p99: pct(t, 99), max: Math.max(...t) });
  }
  return {
    name: s.name,
    rows,
    n: rounds.reduce((a, x) => a + x.n, 0),
    p50: median(rounds.map((x) => x.p50)),
    p95: median(rounds.map((x) => x.p95)),
    p99: median(rounds.map((x) => x.p99)),
    max: median(rounds.map((x) => x.max)),
  };
}

const engine = isPg ? `PostgreSQL (schema ${SCHEMA})` : 'SQLite';
console.log(`# ${engine}: ${total.toLocaleString('en')} tickets; ${RUNS} runs × ${ROUNDS} rounds per scenario; ms, median over rounds`);

if (ONLY !== 'open') {
  console.log(
    `${'scenario'.padEnd(58)} ${'rows'.padStart(5)} ${'n'.padStart(4)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}`,
  );
  for (const s of SCENARIOS) {
    if ((s.fts && !FTS) || (MATCH && !s.name.includes(MATCH))) continue;
    const r = await measure(s);
    results.push(r);
    console.log(
      `${r.name.padEnd(58)} ${String(r.rows).padStart(5)} ${String(r.n).padStart(4)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)}${r.p99 > 50 ? '  > 50 ms' : ''}`,
    );
  }
  const over = results.filter((r) => r.p99 > 50);
  console.log(`${results.length} scenarios, ${over.length} over 50 ms at p99`);
}

// --- opening tickets ------------------------------------------------------------------------

const opens: Record<string, number> = {};
if (ONLY !== 'lists') {
  const user = (await sql<{ id: string; display_name: string }>`select id, display_name from users where username = 'req.0042'`.execute(db))
    .rows[0];
  const principal: Principal = {
    userId: user.id,
    username: 'req.0042',
    displayName: user.display_name,
    language: 'it',
    roles: new Set<Role>(['requester']),
    contractorId: null,
    departmentId: null,
    via: 'session',
  };
  const building = await idOf('buildings', 'code', 'MI-B01');
  const outbox0 = Number((await sql<{ n: number }>`select count(*) as n from outbox`.execute(db)).rows[0].n);
  const input = (i: number) => ({ buildingId: building, description: `Prova di carico ${i}: la luce del corridoio non si accende` });
  for (let i = 0; i < 20; i++) await openTicket(app.ctx, principal, input(i)); // warm-up
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    for (let i = 0; i < OPENS; i++) {
      clock = new Date(NOW.getTime() + round * 1e6 + i);
      await openTicket(app.ctx, principal, input(i));
    }
    times.push(OPENS / ((performance.now() - t0) / 1000));
  }
  opens.service = median(times);
  const outbox = Number((await sql<{ n: number }>`select count(*) as n from outbox`.execute(db)).rows[0].n) - outbox0;
  console.log(
    `opening tickets (openTicket service, one transaction each: ticket + event + notices): ${Math.round(opens.service)} per second (median of ${ROUNDS} rounds of ${OPENS}; per round ${times.map(Math.round).join(', ')}); ${outbox} outbox rows written`,
  );

  // The floor under it: the same three rows (ticket, its "open" event, one outbox message) in one
  // transaction through Kysely, nothing else (no reference checks, no counter, no notices logic).
  const minTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    for (let i = 0; i < OPENS; i++) {
      const at = new Date(NOW.getTime() + i).toISOString();
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('tickets')
          .values({
            id,
            number: `9${round}${String(i).padStart(9, '0')}`,
            status: 'new',
            channel: 'web',
            requester_id: user.id,
            opened_by_id: user.id,
            building_id: building,
            subject: 'Prova di carico',
            description: input(i).description,
            created_at: at,
            updated_at: at,
            caller_name: null,
            caller_phone: null,
            caller_email: null,
            space_id: null,
            asset_id: null,
            priority: null,
            last_reminder_at: null,
            rating_stars: null,
            rating_work_done: null,
            rating_comment: null,
            rated_at: null,
            closed_at: null,
          })
          .execute();
        await trx
          .insertInto('events')
          .values({
            id: randomUUID(),
            ticket_id: id,
            work_order_id: null,
            at,
            actor_id: user.id,
            actor_label: user.display_name,
            action: 'open',
            from_state: null,
            to_state: 'new',
            data: '{}',
          })
          .execute();
        await trx
          .insertInto('outbox')
          .values({
            id: randomUUID(),
            idempotency_key: `bench:${id}`,
            kind: 'ticket_opened',
            to_address: 'req@bench.example',
            to_user_id: user.id,
            language: 'it',
            subject: 'Segnalazione aperta',
            text_body: 'Testo',
            html_body: '<p>Testo</p>',
            ticket_id: id,
            work_order_id: null,
            status: 'pending',
            next_attempt_at: at,
            locked_until: null,
            last_error: null,
            created_at: at,
            sent_at: null,
          })
          .execute();
      });
    }
    minTimes.push(OPENS / ((performance.now() - t0) / 1000));
  }
  opens.minimal = median(minTimes);
  console.log(
    `opening tickets (minimal: ticket + event + outbox row in one transaction, bench code): ${Math.round(opens.minimal)} per second (per round ${minTimes.map(Math.round).join(', ')})`,
  );

  const c = await cookie('req.0042');
  const me = (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: c } })).json();
  const httpTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const n = Math.round(OPENS / 3);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/tickets',
        payload: input(i),
        headers: { cookie: c, 'x-csrf-token': me.csrfToken },
      });
      if (res.statusCode !== 201) throw new Error(`POST /api/tickets: ${res.statusCode} ${res.body}`);
    }
    httpTimes.push(n / ((performance.now() - t0) / 1000));
  }
  opens.http = median(httpTimes);
  console.log(
    `opening tickets (POST /api/tickets through the app, answer included): ${Math.round(opens.http)} per second (per round ${httpTimes.map(Math.round).join(', ')})`,
  );
}

// The dataset stays as generated: remove what the opening measurements wrote (every ticket
// created from the benchmark's "now" on), or the next run's lists would see thousands more new tickets.
const removed = await removeOpened();
if (removed) console.log(`removed the ${removed} tickets opened by this run`);

async function removeOpened(): Promise<number> {
  const mine = sql`(select id from tickets where created_at >= ${NOW.toISOString()})`;
  return db.transaction().execute(async (trx) => {
    for (const t of ['notifications', 'outbox', 'events', 'comments', 'attachments', 'rating_tokens']) {
      await sql`delete from ${sql.table(t)} where ticket_id in ${mine}`.execute(trx);
    }
    const r = await sql`delete from tickets where created_at >= ${NOW.toISOString()}`.execute(trx);
    return Number(r.numAffectedRows ?? 0);
  });
}

if (OUT) fs.writeFileSync(OUT, JSON.stringify({ engine, tickets: total, runs: RUNS, rounds: ROUNDS, results, opens }, null, 2));
await app.close();
await db.destroy();
