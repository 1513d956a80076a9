// Demo seed timing (#9 item 18): the whole demo a starting server writes into an empty database
// (the registry demo, then seedOnStart's six weeks of activity, programs and planned work), on
// SQLite in memory and on PostgreSQL in a schema of its own, median of RUNS runs per engine. The
// figure lives here and in docs/BENCHMARKS.md, never as a limit in a test.
//
//   npx tsx bench/demo-seed.ts [--runs 3]                      SQLite only
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/demo-seed.ts   both engines
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig, type DatabaseConfig } from '../src/server/config.ts';
import { createDb, migrateToLatest } from '../src/server/db/create-db.ts';
import { seedOnStart } from '../src/server/db/seed/on-start.ts';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const RUNS = Number(arg('runs', '3'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = new Date('2026-03-10T09:00:00Z');
const config = loadConfig({ LOG_LEVEL: 'silent', PRESIDIO_DEMO: '1' });
const errors: unknown[] = [];
const log = {
  info: () => {},
  warn: () => {},
  error: (_m: string, e?: unknown) => {
    errors.push(e);
  },
};

async function withPg(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function once(engine: 'sqlite' | 'postgres'): Promise<{ ms: number; tickets: number }> {
  const url = process.env.DATABASE_URL!;
  const schema = `bench_demo_${randomBytes(4).toString('hex')}`;
  const dbConfig: DatabaseConfig = engine === 'sqlite' ? { kind: 'sqlite', file: ':memory:' } : { kind: 'postgres', url, schema };
  if (engine === 'postgres') await withPg(url, `create schema ${schema}`);
  const db = createDb(dbConfig);
  try {
    await migrateToLatest(db, engine === 'postgres' ? schema : undefined);
    const t0 = performance.now();
    const seeded = await seedOnStart(db, config, { now, log });
    const ms = performance.now() - t0;
    if (!seeded.seeded || errors.length) throw new Error(`demo seed failed: ${String(errors[0] ?? 'not seeded')}`);
    const tickets = (await db.selectFrom('tickets').select('id').execute()).length;
    return { ms, tickets };
  } finally {
    await db.destroy();
    if (engine === 'postgres') await withPg(url, `drop schema ${schema} cascade`);
  }
}

const engines: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
console.log(`demo seed (registry + activity + programs + planned work), median of ${RUNS} runs`);
for (const engine of engines) {
  const times: number[] = [];
  let tickets = 0;
  for (let r = 0; r < RUNS; r++) {
    const run = await once(engine);
    times.push(run.ms / 1000);
    tickets = run.tickets;
  }
  console.log(`  ${engine.padEnd(9)} ${median(times).toFixed(2)} s  (${times.map((t) => t.toFixed(2)).join(', ')})  ${tickets} tickets`);
}
