import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider, type SqliteStatement } from 'kysely';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './schema.ts';
import { migrations } from './migrations/index.ts';
import { statementName } from './precompiled.ts';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from './checkpointer.ts';

export type Db = Kysely<Database>;
export type Engine = DatabaseConfig['kind'];

// pg returns int8 (counts, bigint money) as strings; our amounts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export function createDb(config: DatabaseConfig): Db {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const stopCheckpointer = config.file === ':memory:' ? null : startCheckpointer(config.file);
    if (stopCheckpointer) sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    // Keeps the planner's statistics current on a long-lived connection (SQLite's advice), so the
    // list queries get the plans measured in docs/BENCHMARKS.md.
    sqlite.pragma('optimize = 0x10002');
    withoutStat4Samples(sqlite);
    const close = () => {
      if (stopCheckpointer) {
        stopCheckpointer();
        // Everything into the database file now: the worker's connection may outlive this one
        // (the process can exit first), and a file copied without its log must still be whole.
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
      }
      sqlite.close();
    };
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, close) }) });
  }
  // No JIT: its compile time (50–200 ms, at the default thresholds, for queries whose estimates are
  // high but which run in milliseconds, e.g. the word search's bitmap-only collect) is never repaid by
  // the short queries of a work list (docs/BENCHMARKS.md, "Word search at 1,000,000 tickets").
  const options = ['-c jit=off', ...(config.schema ? [`-c search_path=${config.schema}`] : [])].join(' ');
  const pool = new pg.Pool({ connectionString: config.url, max: 10, options });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
}

const NAMED = Symbol('presidio named statements');
type NamingClient = pg.PoolClient & { [NAMED]?: true };

/**
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it on each run; the
 * precompiled ones (precompiled.ts) go as named prepared statements instead, which each
 * connection of the pool prepares once and PostgreSQL plans once.
 */
function withNamedStatements(pool: pg.Pool) {
  return {
    async connect() {
      const client: NamingClient = await pool.connect();
      if (!client[NAMED]) {
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        client.query = ((text: unknown, values?: unknown) => {
          const name = typeof text === 'string' ? statementName(text) : undefined;
          return name ? query({ name, text, values }) : query(text, values);
        }) as typeof client.query;
        client[NAMED] = true;
      }
      return client;
    },
    end: () => pool.end(),
  };
}

/**
 * better-sqlite3's SQLite is built with STAT4: with ANALYZE's index samples in sqlite_stat4, a
 * statement whose plan the planner weighed on a bound value is compiled again on each run
 * (sqlite3_prepare_v2's documented behaviour) — 30–100 µs for a ticket read by id that runs in 10,
 * which the statement cache below cannot save. The samples matter only where a value's share of
 * the rows does: a state (a manager's tickets to qualify are a few among 43,000 of
 * their buildings; without samples SQLite assumed a sixth of them and walked the buildings, 160 ms
 * instead of 10 at 1,000,000 tickets). So the samples of those indexes stay and every other
 * index's go (keys, dates, buildings, people: stat1's per-index figures plan those), and the
 * planner reloads its statistics.
 */
export function withoutStat4Samples(sqlite: SQLite.Database) {
  const stat4 = sqlite.prepare("select 1 from sqlite_schema where type = 'table' and name = 'sqlite_stat4'").get();
  if (!stat4) return;
  const dropped = sqlite
    .prepare(
      `delete from sqlite_stat4 where idx not in (
         select il.name from sqlite_schema s, pragma_index_list(s.name) il, pragma_index_info(il.name) ii
         where s.type = 'table' and ii.seqno = 0 and ii.name in (${SAMPLED_COLUMNS.map((c) => `'${c}'`).join(', ')}))`,
    )
    .run();
  if (dropped.changes > 0) sqlite.exec('analyze sqlite_schema');
}
/**
 * Leading columns whose values are few and unevenly shared: their indexes keep stat4 samples. (The
 * priority indexes lead with the priority's rank, an expression, and keep none.)
 */
const SAMPLED_COLUMNS = ['status', 'sla_state', 'kind'];

const DDL = /^\s*(create|alter|drop)\b/i;

/**
 * Kysely's SQLite driver prepares every statement anew; compiling the same SQL again costs about a
 * quarter of a millisecond per query. Statements are reusable in better-sqlite3 (one at a time,
 * and nothing here streams), so keep the compiled ones, bounded.
 */
function withStatementCache(sqlite: SQLite.Database, close: () => void, max = 1000) {
  const cache = new Map<string, SqliteStatement>();
  return {
    close,
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        // A change of the schema (a migration) may change what a kept statement returns: start afresh.
        if (cache.size >= max || DDL.test(sql)) cache.clear();
        stmt = withRowsAsObjects(sqlite.prepare(sql));
        if (!DDL.test(sql)) cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * better-sqlite3 builds each row object one property at a time through V8's slow path (about a
 * quarter of a microsecond each: 0.3 ms for a list page of 50 tickets). Read as arrays instead, a
 * statement's rows become objects through one object literal made for its columns, in the same
 * order and with the same names (a later column of the same name wins, as there).
 */
function withRowsAsObjects(stmt: SQLite.Statement): SqliteStatement {
  if (!stmt.reader) return stmt;
  const names = stmt.columns().map((c) => c.name);
  if (names.includes('__proto__')) return stmt;
  const make = new Function('r', `return {${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')}};`) as (
    r: unknown[],
  ) => Record<string, unknown>;
  const raw = stmt.raw(true);
  return {
    reader: true,
    all(parameters: ReadonlyArray<unknown>) {
      const rows = raw.all(parameters) as unknown[][];
      const out = new Array<Record<string, unknown>>(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = make(rows[i]);
      return out;
    },
    run: (parameters: ReadonlyArray<unknown>) => raw.run(parameters),
    *iterate(parameters: ReadonlyArray<unknown>) {
      for (const r of raw.iterate(parameters) as IterableIterator<unknown[]>) yield make(r);
    },
  };
}

export function engineOf(db: Db): Engine {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Runs every pending migration. On PostgreSQL with a dedicated schema (tests), Kysely's own
 * bookkeeping tables must live in that schema too, or another schema's tables are mistaken for ours.
 */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
