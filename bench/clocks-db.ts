// Recomputes the SLA clocks of the work orders of a database (default: all of them) the way the
// server does (src/server/modules/sla/clocks.ts: SLA version, contract calendar, site patron saint,
// closures, computeClocks) and reports the time, split into reading and computing. Reads only.
// The dataset is bench/generate.ts's (docs/BENCHMARKS.md).
//
//   npx tsx bench/clocks-db.ts --db sqlite:/tmp/presidio-bench.sqlite [--limit N] [--runs 3] [--batch 20000]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/clocks-db.ts --schema bench [--read json]
//
// --read rows (default, both engines, what the server does): one query for a batch's facts, one for
// their events. --read json (PostgreSQL): one query, each work order with its events aggregated
// by the server (json_agg over the events index), fewer rows to move and parse.
// Work orders are read in keyset batches in issue order (the work_orders_issued_idx index); each
// batch's events in one query by their ids: work issued together was written together, so its
// events sit on neighbouring pages (a range of random UUIDs would touch a page per event). A
// database without the SLA tables (generated before migration 0004) is computed with the
// defaults (DOMAIN.md).
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { createDb, type Db } from '../src/server/db/create-db.ts';
import type { Database } from '../src/server/db/schema.ts';
import { DEFAULT_WEEK } from '../src/domain/calendar.ts';
import { DEFAULT_SLA, type ClockResult } from '../src/domain/sla.ts';
import { SlaContext, clocksOf, workingCalendar, type SlaInputs } from '../src/server/modules/sla/clocks.ts';
import type { EventLite, WorkOrderFacts } from '../src/server/modules/sla/sla.repository.ts';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const dbArg = arg('db') ?? process.env.DATABASE_URL ?? 'sqlite:/tmp/presidio-bench.sqlite';
const isPg = /^postgres(ql)?:\/\//.test(dbArg);
const SCHEMA = arg('schema', 'bench')!;
const LIMIT = Number(arg('limit', String(Number.MAX_SAFE_INTEGER)));
const RUNS = Number(arg('runs', '3'));
const BATCH = Number(arg('batch', '20000'));
const NOW = new Date(arg('now', '2026-03-10T09:00:00.000Z')!).getTime();
const READ = arg('read', 'rows') as 'rows' | 'json';

const db: Db = isPg
  ? createDb({ kind: 'postgres', url: dbArg, schema: SCHEMA })
  : new Kysely<Database>({
      dialect: new SqliteDialect({ database: new SQLite(dbArg.replace(/^sqlite:/, ''), { readonly: true, fileMustExist: true }) }),
    });

const hasSlaTables = await (
  isPg
    ? sql<{
        n: number;
      }>`select count(*)::int as n from information_schema.tables where table_schema = ${SCHEMA} and table_name = 'sla_versions'`.execute(
        db,
      )
    : sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'sla_versions'`.execute(db)
).then((r) => Number(r.rows[0].n) > 0);

function factsQuery(after: [string, string] | null, limit: number) {
  let q = db
    .selectFrom('work_orders as w')
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .innerJoin('sites as st', 'st.id', 'b.site_id')
    .select([
      'w.id',
      'w.number',
      'w.status',
      'w.outcome',
      'w.priority',
      'w.version',
      'w.contract_id',
      'w.contractor_id',
      'w.building_id',
      'w.technology_class_id',
      'w.ticket_id',
      'w.issued_at',
      hasSlaTables ? 'w.sla_version_id' : sql<null>`null`.as('sla_version_id'),
      'st.id as site_id',
      'st.patron_saint',
    ])
    .orderBy('w.issued_at')
    .orderBy('w.id')
    .limit(limit);
  if (after) {
    const [at, id] = after;
    q = q.where((eb) => eb.or([eb('w.issued_at', '>', at), eb.and([eb('w.issued_at', '=', at), eb('w.id', '>', id)])]));
  }
  return q;
}

const defaults = new Map<string | null, SlaInputs>();
const defaultInputs = (patron: string | null): SlaInputs => {
  let i = defaults.get(patron);
  if (!i) defaults.set(patron, (i = { sla: DEFAULT_SLA, slaVersion: null, working: workingCalendar(DEFAULT_WEEK, patron, []) }));
  return i;
};

interface Run {
  workOrders: number;
  events: number;
  readMs: number;
  computeMs: number;
  totalMs: number;
  breached: number;
}

async function run(): Promise<Run> {
  const out: Run = { workOrders: 0, events: 0, readMs: 0, computeMs: 0, totalMs: 0, breached: 0 };
  const t0 = performance.now();
  let after: [string, string] | null = null;
  while (out.workOrders < LIMIT) {
    const r0 = performance.now();
    const limit = Math.min(BATCH, LIMIT - out.workOrders);
    const byId = new Map<string, EventLite[]>();
    let facts: WorkOrderFacts[];
    let events = 0;
    if (READ === 'json') {
      // [at, action, from, to, data] per event, ordered, aggregated by PostgreSQL per work order.
      const agg = sql<Array<
        [string, string, string | null, string | null, string | null]
      > | null>`(select json_agg(json_build_array(e.at, e.action, e.from_state, e.to_state,
        case when e.action in ('issue', 'change_priority') then e.data end) order by e.at, e.id) from events e where e.work_order_id = w.id)`;
      const rows = await factsQuery(after, limit).select(agg.as('ev')).execute();
      facts = rows as unknown as WorkOrderFacts[];
      for (const r of rows) {
        const list = (r.ev ?? []).map(([at, action, from, to, data]) => ({
          work_order_id: r.id,
          at,
          action,
          from_state: from,
          to_state: to,
          data: data ?? '{}',
        }));
        byId.set(r.id, list);
        events += list.length;
      }
    } else {
      facts = (await factsQuery(after, limit).execute()) as WorkOrderFacts[];
      if (facts.length === 0) break;
      const rows = await db
        .selectFrom('events')
        .select(['work_order_id', 'at', 'action', 'from_state', 'to_state', 'data'])
        .where(
          'work_order_id',
          'in',
          facts.map((f) => f.id),
        )
        .orderBy('work_order_id')
        .orderBy('at')
        .orderBy('id')
        .execute();
      for (const e of rows as EventLite[]) {
        const list = byId.get(e.work_order_id);
        if (list) list.push(e);
        else byId.set(e.work_order_id, [e]);
      }
      events = rows.length;
    }
    if (facts.length === 0) break;
    const ctx = hasSlaTables ? await SlaContext.load(db, facts) : null;
    const c0 = performance.now();
    out.readMs += c0 - r0;
    for (const f of facts) {
      const inputs = ctx ? ctx.inputsOf(f) : defaultInputs(f.patron_saint);
      const clocks: ClockResult[] = clocksOf(f, byId.get(f.id) ?? [], inputs, NOW);
      for (const c of clocks) if (c.status === 'breached') out.breached++;
    }
    out.computeMs += performance.now() - c0;
    out.workOrders += facts.length;
    out.events += events;
    const last = facts[facts.length - 1];
    after = [last.issued_at, last.id];
  }
  out.totalMs = performance.now() - t0;
  return out;
}

const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(await run());
  const r = runs[runs.length - 1];
  console.error(
    `run ${i + 1}: ${r.workOrders} work orders, ${r.events} events, ${(r.totalMs / 1000).toFixed(2)} s (read ${(r.readMs / 1000).toFixed(2)} s, compute ${(r.computeMs / 1000).toFixed(2)} s)`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => +(ms / 1000).toFixed(2);
console.log(
  JSON.stringify({
    engine: isPg ? 'postgres' : 'sqlite',
    read: READ,
    slaTables: hasSlaTables,
    workOrders: runs[0].workOrders,
    events: runs[0].events,
    runs: RUNS,
    batch: BATCH,
    medianSeconds: s(median(runs.map((r) => r.totalMs))),
    medianReadSeconds: s(median(runs.map((r) => r.readMs))),
    medianComputeSeconds: s(median(runs.map((r) => r.computeMs))),
    allSeconds: runs.map((r) => s(r.totalMs)),
    breachedClocks: runs[0].breached,
  }),
);
await db.destroy();
