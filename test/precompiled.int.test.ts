// Queries compiled once (src/server/db/precompiled.ts) answer as the same query built anew, on both
// engines, inside and outside a transaction. On SQLite (src/server/db/create-db.ts): rows read as
// arrays come back as the same objects better-sqlite3 would make, and a database opened by
// Presidio keeps stat4 samples only of state indexes (with them on a key, a read by that key would be
// compiled again on each run), and the overdue work list reads the partial index of running clocks.
// On PostgreSQL: no JIT on the pool's connections.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql, type InsertObject } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrateToLatest, type Db } from '../src/server/db/create-db.ts';
import { precompiled, precompiledRow } from '../src/server/db/precompiled.ts';
import type { Database } from '../src/server/db/schema.ts';
import { dialects } from './helpers/db.ts';
import type { DatabaseConfig } from '../src/server/config.ts';

const byCode = (db: Db, code: string, active: number) =>
  db.selectFrom('technology_classes').select(['code', 'name_it']).where('code', '=', code).where('active', '=', active);
const findClass = precompiled((db: Db, code: string) => byCode(db, code, 1));
// Arguments in another order than they appear in the SQL, and one used twice.
const between = precompiled((db: Db, to: string, from: string) =>
  db
    .selectFrom('technology_classes')
    .select('code')
    .where('code', '>=', from)
    .where('code', '<=', to)
    .where((eb) => eb.or([eb('code', '=', from), eb('code', '!=', from)]))
    .orderBy('code'),
);

for (const dialect of dialects()) {
  describe(`precompiled queries (${dialect.name})`, () => {
    let db: Db;
    let config: DatabaseConfig;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, config, drop } = await dialect.create());
      await db
        .insertInto('technology_classes')
        .values(
          ['A', 'B', 'C', 'D'].map((code, i) => ({
            id: `tc-${code}`,
            code,
            name_it: `Classe ${code}`,
            name_en: `Class ${code}`,
            active: i === 3 ? 0 : 1,
            dm37_letter: null,
            created_at: '2026-01-01T00:00:00.000Z',
            updated_at: '2026-01-01T00:00:00.000Z',
          })),
        )
        .execute();
    });
    afterAll(() => drop());

    it('binds each call its own values and keeps the constants', async () => {
      expect(await findClass.executeTakeFirst(db, 'B')).toEqual({ code: 'B', name_it: 'Classe B' });
      expect(await findClass.executeTakeFirst(db, 'C')).toEqual(await byCode(db, 'C', 1).executeTakeFirst());
      // D is inactive: the constant 1 stayed in its place.
      expect(await findClass.executeTakeFirst(db, 'D')).toBeUndefined();
      expect((await between.execute(db, 'C', 'B')).map((r) => r.code)).toEqual(['B', 'C']);
      expect((await between.execute(db, 'D', 'A')).map((r) => r.code)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('runs inside a transaction, seeing its uncommitted rows', async () => {
      await db
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('technology_classes').set({ name_it: 'Rinominata' }).where('code', '=', 'A').execute();
          expect(await findClass.executeTakeFirst(trx, 'A')).toEqual({ code: 'A', name_it: 'Rinominata' });
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(await findClass.executeTakeFirst(db, 'A')).toEqual({ code: 'A', name_it: 'Classe A' });
    });

    it('inserts rows of any set of columns, each with its own values', async () => {
      const insert = precompiledRow((d: Db, row: InsertObject<Database, 'technology_classes'>) =>
        d.insertInto('technology_classes').values(row),
      );
      const at = '2026-02-01T00:00:00.000Z';
      await insert(db, { id: 'tc-E', code: 'E', name_it: 'E it', name_en: 'E en', dm37_letter: null, created_at: at, updated_at: at });
      await insert(db, { id: 'tc-F', code: 'F', name_it: 'F it', name_en: 'F en', dm37_letter: 'a', created_at: at, updated_at: at });
      // Undefined is left out (the column's default), as Kysely does; an expression is built as usual.
      await insert(db, {
        id: 'tc-G',
        code: 'G',
        name_it: 'G it',
        name_en: 'G en',
        dm37_letter: undefined,
        created_at: at,
        updated_at: at,
        active: 0,
      });
      await insert(db, { id: 'tc-H', code: sql<string>`${'H'}`, name_it: 'H it', name_en: 'H en', created_at: at, updated_at: at });
      const rows = await db
        .selectFrom('technology_classes')
        .select(['code', 'name_it', 'dm37_letter', 'active'])
        .where('code', 'in', ['E', 'F', 'G', 'H'])
        .orderBy('code')
        .execute();
      expect(rows).toEqual([
        { code: 'E', name_it: 'E it', dm37_letter: null, active: 1 },
        { code: 'F', name_it: 'F it', dm37_letter: 'a', active: 1 },
        { code: 'G', name_it: 'G it', dm37_letter: null, active: 0 },
        { code: 'H', name_it: 'H it', dm37_letter: null, active: 1 },
      ]);
    });

    if (dialect.name === 'postgres')
      it('runs on PostgreSQL as a named prepared statement, prepared once per connection', async () => {
        await db.transaction().execute(async (trx) => {
          await findClass.execute(trx, 'A');
          await findClass.execute(trx, 'B');
          const text = byCode(trx, 'A', 1).compile().sql;
          const prepared = await sql<{ name: string }>`select name from pg_prepared_statements where statement = ${text}`.execute(trx);
          expect(prepared.rows).toHaveLength(1);
          expect(prepared.rows[0].name).toMatch(/^presidio_\d+$/);
        });
      });

    if (dialect.name === 'postgres')
      it('runs on PostgreSQL without JIT, on every connection of the pool, in the schema configured', async () => {
        await sql`create schema own`.execute(db);
        const inSchema = createDb({ ...(config as Extract<DatabaseConfig, { kind: 'postgres' }>), schema: 'own' });
        try {
          // JIT compiled a 6 ms word-search query for 200 ms (docs/BENCHMARKS.md, word search).
          const settings = await Promise.all(
            [1, 2, 3].map(() =>
              sql<{ jit: string; path: string }>`select current_setting('jit') as jit, current_schema() as path`.execute(inSchema),
            ),
          );
          for (const r of settings) expect(r.rows[0]).toEqual({ jit: 'off', path: 'own' });
        } finally {
          await inSchema.destroy();
        }
      });

    it('refuses a builder that does not bind an argument', async () => {
      const unbound = precompiled((d: Db, _code: string) => d.selectFrom('technology_classes').select('code'));
      await expect(unbound.execute(db, 'A')).rejects.toThrow(/argument 0 is not a bound parameter/);
    });
  });
}

describe('SQLite rows', () => {
  it('come as objects with the columns in order, named as selected, after a schema change too', async () => {
    const db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    const rows = await sql<Record<string, unknown>>`select 1 as b, 'x' as a, null as c, 2.5 as b2, 3 as a`.execute(db);
    // A later column of the same name wins, as in better-sqlite3's own objects.
    expect(rows.rows).toEqual([{ b: 1, a: 3, c: null, b2: 2.5 }]);
    expect(Object.keys(rows.rows[0])).toEqual(['b', 'a', 'c', 'b2']);
    const inserted = await db
      .insertInto('technology_classes')
      .values({ id: 'r', code: 'R', name_it: 'R it', name_en: 'R en', created_at: 'now', updated_at: 'now' })
      .returning(['code', 'name_en'])
      .execute();
    expect(inserted).toEqual([{ code: 'R', name_en: 'R en' }]);
    const all = () => sql<Record<string, unknown>>`select * from technology_classes where id = 'r'`.execute(db);
    expect(Object.keys((await all()).rows[0])).not.toContain('extra');
    await db.schema
      .alterTable('technology_classes')
      .addColumn('extra', 'text', (c) => c.defaultTo('yes'))
      .execute();
    expect((await all()).rows[0]).toMatchObject({ code: 'R', extra: 'yes' });
    await db.destroy();
  });
});

/** A migrated SQLite file of its own, closed again: the tests below read and write it directly. */
async function migratedFile(prefix: string): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), 'db.sqlite');
  const db = createDb({ kind: 'sqlite', file });
  await migrateToLatest(db);
  await db.destroy();
  return file;
}

describe('SQLite statistics', () => {
  it('a database opened by Presidio keeps stat1, and stat4 samples only of state indexes', async () => {
    const file = await migratedFile('presidio-stat4-');
    const raw = new SQLite(file);
    raw.exec(
      'insert into technology_classes (id, code, name_it, name_en, created_at, updated_at) ' +
        "values ('x', 'X', 'X', 'X', '2026', '2026'), ('y', 'Y', 'Y', 'Y', '2026', '2026')",
    );
    // Tickets in two states (foreign keys off on this connection: no building needed).
    raw.pragma('foreign_keys = OFF');
    const ticket = raw.prepare(
      'insert into tickets (id, number, status, channel, building_id, subject, description, created_at, updated_at) ' +
        "values (?, ?, ?, 'web', 'b', 's', 'd', ?, ?)",
    );
    for (let i = 0; i < 40; i++) ticket.run(`t${i}`, `2026-${i}`, i < 35 ? 'closed' : 'new', `2026-01-${10 + (i % 20)}`, '2026');
    raw.exec('analyze');
    const count = (t: string) => (raw.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
    const sampled = (c: SQLite.Database) =>
      (c.prepare('select distinct idx from sqlite_stat4 order by idx').all() as Array<{ idx: string }>).map((r) => r.idx);
    expect(sampled(raw)).toEqual(
      expect.arrayContaining(['sqlite_autoindex_tickets_1', 'tickets_created_idx', 'tickets_status_created_idx']),
    );
    expect(count('sqlite_stat4')).toBeGreaterThan(0);
    raw.close();

    const reopened = createDb({ kind: 'sqlite', file });
    // A query first: Kysely closes only a database it has used.
    await sql`select 1`.execute(reopened);
    await reopened.destroy();
    const after = new SQLite(file);
    // The ticket's key and dates lose their samples (a read by id is not compiled again on each
    // run); the state keeps them (a few tickets to qualify among many closed ones).
    expect(sampled(after)).toEqual(['tickets_sla_state_idx', 'tickets_status_created_idx']);
    expect((after.prepare('select count(*) as n from sqlite_stat1').get() as { n: number }).n).toBeGreaterThan(0);
    after.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it("reads the overdue list's work orders from the index of running clocks, whoever asks", async () => {
    // The statistics ANALYZE finds on a large database (1,000,000 work orders, due instants only on
    // the few whose clock runs): on the full due index one value (null) for every row, so only the
    // partial index of running clocks (migration 2026-12-14T0004) tells the planner they are few.
    const file = await migratedFile('presidio-running-');
    const raw = new SQLite(file);
    raw.exec(`analyze;
      delete from sqlite_stat1 where tbl = 'work_orders';
      insert into sqlite_stat1 (tbl, idx, stat) values
        ('work_orders', 'work_orders_contractor_issued_idx', '1000000 200000 1 1'),
        ('work_orders', 'work_orders_contractor_status_idx', '1000000 200000 15000 1 1'),
        ('work_orders', 'work_orders_building_status_idx', '1000000 10000 1000 1'),
        ('work_orders', 'work_orders_sla_due_idx', '1000000 1000000 1'),
        ('work_orders', 'work_orders_sla_running_idx', '3000 1 1 1 1 1');
      analyze sqlite_schema;`);
    // The badge's count (worklists countRows with slaOverdue) for a contractor, a building manager, the admin.
    for (const [scope, args] of [
      ['w.contractor_id = ? and', ['c']],
      ['w.building_id in (?, ?) and', ['a', 'b']],
      ['', []],
    ] as const) {
      const plan = raw
        .prepare(
          `explain query plan select count(*) from (select 1 from work_orders w
             where ${scope} w.sla_due_at <= ? and w.status not in ('verified', 'closed') limit 10001)`,
        )
        .all(...args, '2026-03-10T09:00:00.000Z') as Array<{ detail: string }>;
      expect(plan.map((r) => r.detail).join(' | '), scope).toContain('COVERING INDEX work_orders_sla_running_idx');
    }
    raw.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
