// Monthly programs at scale (docs/BENCHMARKS.md "Planned maintenance"): one contract over the demo
// buildings with 50,000 assets, each with its maintenance plan (monthly, quarterly or weekly), then
// for three months: generate the month's program (the occurrences, working-day shift, insert-if-
// missing) and publish it (one planned ticket and work order per item, in one transaction).
// Prints each run and the medians of 3, per database.
//
//   npx tsx bench/programs.ts                                  (SQLite, a file under /tmp)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/programs.ts   (schema bench_programs)
//   … --assets 50000 --runs 3
import fs from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { execSync } from 'node:child_process';
import pg from 'pg';
import type { Insertable } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, type DatabaseConfig } from '../src/server/config.ts';
import { createDb, migrateToLatest, type Db } from '../src/server/db/create-db.ts';
import type { Database } from '../src/server/db/schema.ts';
import { seedDemo } from '../src/server/db/seed/demo.ts';
import type { Principal } from '../src/server/auth/principal.ts';
import { ensureProgram, programAction } from '../src/server/modules/programs/programs.service.ts';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const ASSETS = Number(arg('assets', '50000'));
const RUNS = Number(arg('runs', '3'));
const url = process.env.DATABASE_URL;
const NOW = new Date('2026-03-10T09:00:00Z');
const MONTHS = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-09'].slice(0, RUNS);

async function freshDb(): Promise<{ db: Db; engine: string }> {
  if (url) {
    const schema = 'bench_programs';
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.query(`create schema ${schema}`);
    await c.end();
    const config: DatabaseConfig = { kind: 'postgres', url, schema };
    const db = createDb(config);
    await migrateToLatest(db, schema);
    return { db, engine: 'PostgreSQL' };
  }
  const file = '/tmp/presidio-bench-programs.sqlite';
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = createDb({ kind: 'sqlite', file });
  await migrateToLatest(db);
  return { db, engine: 'SQLite' };
}

/** 50,000 assets over the demo buildings, each with a plan in one of the contract's classes. */
async function load(db: Db): Promise<{ contractId: string; headId: string }> {
  const contract = await db.selectFrom('contracts').select('id').where('lot', '=', 'Lotto 3').executeTakeFirstOrThrow();
  const classes = await db.selectFrom('contract_classes').select('technology_class_id').where('contract_id', '=', contract.id).execute();
  const buildings = await db.selectFrom('buildings').select('id').orderBy('code').execute();
  const head = await db.selectFrom('users').select('id').where('username', '=', 'capo.servizio').executeTakeFirstOrThrow();
  const at = NOW.toISOString();
  const assets: Insertable<Database['assets']>[] = [];
  const plans: Insertable<Database['maintenance_plans']>[] = [];
  for (let i = 0; i < ASSETS; i++) {
    const cls = classes[i % classes.length].technology_class_id;
    const building = buildings[i % buildings.length].id;
    const id = randomUUID();
    assets.push({
      id,
      code: `BA-${i}`,
      name: `Componente ${i}`,
      technology_class_id: cls,
      building_id: building,
      space_id: null,
      serial_number: null,
      created_at: at,
      updated_at: at,
    });
    // 60% monthly, 30% quarterly (a third of them in a given month), 10% weekly.
    const r = i % 10;
    const rrule =
      r < 6
        ? `FREQ=MONTHLY;BYMONTHDAY=${1 + (i % 28)}`
        : r < 9
          ? `FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=${1 + (i % 28)}`
          : `FREQ=WEEKLY;BYDAY=${['MO', 'TU', 'WE', 'TH', 'FR'][i % 5]}`;
    plans.push({
      id: randomUUID(),
      code: `BP-${i}`,
      activity: `Manutenzione periodica ${i % 40}`,
      description: null,
      building_id: building,
      technology_class_id: cls,
      asset_id: id,
      schedule_kind: 'calendar',
      rrule,
      starts_on: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      ends_on: null,
      season_from: null,
      season_to: null,
      shift: 'next',
      last_done_on: null,
      meter_id: null,
      meter_every_milli: null,
      meter_last_trigger_milli: null,
      checklist: '[{"key":"ok","label":"Funziona","kind":"yes_no"}]',
      required_documents: '[]',
      regulation: null,
      estimated_minutes: 60,
      active: 1,
      created_at: at,
      updated_at: at,
    });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < assets.length; i += 500)
      await trx
        .insertInto('assets')
        .values(assets.slice(i, i + 500))
        .execute();
    for (let i = 0; i < plans.length; i += 300)
      await trx
        .insertInto('maintenance_plans')
        .values(plans.slice(i, i + 300))
        .execute();
  });
  return { contractId: contract.id, headId: head.id };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { db, engine } = await freshDb();
  await seedDemo(db, { now: NOW });
  const t0 = performance.now();
  const { contractId, headId } = await load(db);
  console.log(`${engine}: ${ASSETS} assets and plans loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const app = await buildApp(config, { db, now: () => NOW, logger: false });
  const head: Principal = {
    userId: headId,
    username: 'capo.servizio',
    displayName: 'Roberto Marchetti',
    language: 'it',
    roles: new Set(['service_head']),
    contractorId: null,
    departmentId: null,
    via: 'session',
  };
  const gen: number[] = [];
  const pub: number[] = [];
  for (const month of MONTHS) {
    let t = performance.now();
    const { id } = await ensureProgram(app.ctx, { contractId, month }, { id: headId, label: 'bench' });
    const g = (performance.now() - t) / 1000;
    const items = await db
      .selectFrom('program_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('program_id', '=', id)
      .executeTakeFirstOrThrow();
    // The review round trip is not measured: straight to approved.
    await db.updateTable('programs').set({ status: 'approved' }).where('id', '=', id).execute();
    const version = Number((await db.selectFrom('programs').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
    t = performance.now();
    await programAction(app.ctx, head, id, 'publish', { version });
    const p = (performance.now() - t) / 1000;
    const wos = await db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'planned')
      .executeTakeFirstOrThrow();
    console.log(
      `${engine} ${month}: ${Number(items.n)} items generated in ${g.toFixed(2)} s; published (${Number(wos.n)} planned work orders in total) in ${p.toFixed(2)} s`,
    );
    gen.push(g);
    pub.push(p);
  }
  console.log(`${engine} medians of ${MONTHS.length}: generation ${median(gen).toFixed(2)} s, publication ${median(pub).toFixed(2)} s`);
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB; ${execSync('uptime').toString().trim()}`,
  );
  await app.close();
  await db.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
