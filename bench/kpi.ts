// The service indicators' report (#11) of one contract over one year on bench/generate.ts's dataset
// (docs/BENCHMARKS.md "Service indicators"): the busiest contract, the 12 months ending at the
// dataset's "now", read as the service head (every work order in scope). Migrates the database
// first (migrations 2026-12-13T0002 and 2026-12-14T0003: the narrow KPI facts rows), prints the facts' coverage of the
// period, optionally fills the missing facts (the filler the SLA watcher also runs), then times
// report() with the stored facts and once by full recomputation, and checks both are equal.
//
//   npx tsx bench/kpi.ts --db sqlite:/tmp/presidio-bench.sqlite [--backfill] [--runs 5] [--reference]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/kpi.ts --schema bench [--backfill]
//
// --backfill  fill every missing or outdated facts row (windows of --window work orders by id), timed
// --reference also time the full recomputation (report with { recompute: true }) and compare
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import type { AppContext } from '../src/server/context.ts';
import { createDb, migrateToLatest } from '../src/server/db/create-db.ts';
import type { Principal } from '../src/server/auth/principal.ts';
import { fillKpiFacts } from '../src/server/modules/kpi/facts.ts';
import { periodBounds, report } from '../src/server/modules/kpi/kpi.service.ts';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const dbArg = arg('db') ?? process.env.DATABASE_URL ?? 'sqlite:/tmp/presidio-bench.sqlite';
const isPg = /^postgres(ql)?:\/\//.test(dbArg);
const SCHEMA = arg('schema', 'bench')!;
const RUNS = Number(arg('runs', '5'));
const WINDOW = Number(arg('window', '5000'));
const NOW = new Date(arg('now', '2026-03-10T09:00:00.000Z')!);

const db = isPg
  ? createDb({ kind: 'postgres', url: dbArg, schema: SCHEMA })
  : createDb({ kind: 'sqlite', file: dbArg.replace(/^sqlite:/, '') });
const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: isPg ? dbArg : `sqlite:${dbArg.replace(/^sqlite:/, '')}` });
const ctx: AppContext = { db, config, now: () => NOW };
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const engine = isPg ? `PostgreSQL (schema ${SCHEMA})` : 'SQLite';

{
  const t0 = performance.now();
  const ran = await migrateToLatest(db, isPg ? SCHEMA : undefined);
  if (ran.length) {
    await (isPg ? sql`analyze` : sql`analyze`).execute(db);
    console.log(`migrated (${ran.join(', ')}) and analyzed in ${secs(performance.now() - t0)}`);
  }
}

// The service head sees every work order.
const head = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'capo.servizio').executeTakeFirstOrThrow();
const actor: Principal = {
  userId: head.id,
  username: 'capo.servizio',
  displayName: head.display_name,
  language: 'it',
  roles: new Set(['service_head']),
  contractorId: null,
  departmentId: null,
  via: 'session',
};

// 12 months ending at "now" (Rome dates, inclusive), the contract with the most work orders then.
const to = NOW.toISOString().slice(0, 10);
const fromDate = new Date(NOW);
fromDate.setUTCFullYear(fromDate.getUTCFullYear() - 1);
fromDate.setUTCDate(fromDate.getUTCDate() + 1);
const from = fromDate.toISOString().slice(0, 10);
const [start, end] = periodBounds({ from, to });
const busiest = await db
  .selectFrom('work_orders as w')
  .innerJoin('contracts as k', 'k.id', 'w.contract_id')
  .select((eb) => ['w.contract_id', 'k.lot', eb.fn.countAll<number>().as('n')])
  .where('w.issued_at', '>=', start)
  .where('w.issued_at', '<', end)
  .groupBy(['w.contract_id', 'k.lot'])
  .orderBy('n', 'desc')
  .limit(1)
  .executeTakeFirstOrThrow();
const q = { from, to, contractId: busiest.contract_id };

async function coverage(): Promise<string> {
  const r = await db
    .selectFrom('work_orders as w')
    .leftJoin('work_order_kpi_facts as kf', 'kf.work_order_id', 'w.id')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('w.kind', '=', 'planned').then(1).else(0).end()).as('planned'),
      eb.fn.sum<number>(eb.case().when('kf.facts_version', '=', eb.ref('w.version')).then(1).else(0).end()).as('current'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('kf.facts_version', '=', eb.ref('w.version')), eb('kf.final', '=', 1)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('final'),
    ])
    .where('w.contract_id', '=', busiest.contract_id)
    .where('w.issued_at', '>=', start)
    .where('w.issued_at', '<', end)
    .executeTakeFirstOrThrow();
  const [total, planned, current, final] = [r.total, r.planned, r.current, r.final].map(Number);
  return `${total.toLocaleString('en')} work orders (${planned} planned): ${current.toLocaleString('en')} with facts of the current version, ${final.toLocaleString('en')} of them final (read as stored), ${(total - planned - final).toLocaleString('en')} recomputed`;
}

console.log(`# ${engine}: lot ${busiest.lot}, ${from} … ${to}, now ${NOW.toISOString()}`);
console.log(`facts before: ${await coverage()}`);

if (flag('backfill')) {
  const t0 = performance.now();
  let after: string | null = null;
  let filled = 0;
  let windows = 0;
  do {
    const r = await fillKpiFacts(ctx, after, WINDOW);
    filled += r.filled;
    after = r.next;
    windows += 1;
    if (windows % 20 === 0) console.log(`  … ${filled.toLocaleString('en')} filled (${secs(performance.now() - t0)})`);
  } while (after !== null);
  const t = performance.now() - t0;
  console.log(
    `backfill: ${filled.toLocaleString('en')} facts rows in ${secs(t)} (${Math.round(filled / (t / 1000))} rows/s, ${windows} windows of ${WINDOW})`,
  );
  await (isPg ? sql`vacuum analyze work_order_kpi_facts` : sql`analyze`).execute(db);
  console.log(`facts after: ${await coverage()}`);
}

const times: number[] = [];
const cpu: number[] = [];
let fast = await report(ctx, actor, q); // warm-up (calendars, statement caches)
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  fast = await report(ctx, actor, q);
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
// This process's CPU time moves less than the wall clock when other jobs share the cores (on
// PostgreSQL it leaves out the server's own work).
console.log(
  `report with the facts: median ${secs(median(times))} (${times.map((t) => (t / 1000).toFixed(2)).join(', ')}), CPU of this process median ${secs(median(cpu))}; ${fast.workOrders.toLocaleString('en')} work orders; load ${os.loadavg()[0].toFixed(2)}`,
);

if (flag('reference')) {
  const t0 = performance.now();
  const full = await report(ctx, actor, q, { recompute: true });
  console.log(
    `report by full recomputation: ${secs(performance.now() - t0)}; equal to the facts' report: ${isDeepStrictEqual(full, fast)}`,
  );
  if (!isDeepStrictEqual(full, fast)) {
    console.log(JSON.stringify({ facts: fast, full }, null, 1).slice(0, 4000));
    process.exitCode = 1;
  }
}
await db.destroy();
