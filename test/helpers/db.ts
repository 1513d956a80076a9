import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { createDb, migrateToLatest, type Db } from '../../src/server/db/create-db.ts';
import type { DatabaseConfig } from '../../src/server/config.ts';
import { testDatabaseUrl } from '../../scripts/test-database-url.ts';

export interface Dialect {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty database of its own; `drop` removes it. */
  create(): Promise<{ db: Db; config: DatabaseConfig; drop(): Promise<void> }>;
}

const sqlite: Dialect = {
  name: 'sqlite',
  async create() {
    const config: DatabaseConfig = { kind: 'sqlite', file: ':memory:' };
    const db = createDb(config);
    await migrateToLatest(db);
    return { db, config, drop: () => db.destroy() };
  },
};

function postgres(url: string): Dialect {
  return {
    name: 'postgres',
    async create() {
      // One schema per test file keeps files independent and parallel on one server.
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const config: DatabaseConfig = { kind: 'postgres', url, schema };
      const db = createDb(config);
      await migrateToLatest(db, schema);
      return {
        db,
        config,
        async drop() {
          await db.destroy();
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          await c.query(`drop schema ${schema} cascade`);
          await c.end();
        },
      };
    },
  };
}

/**
 * The engines every integration test runs on: SQLite, and PostgreSQL at TEST_DATABASE_URL or the
 * local default (scripts/test-database-url.ts). `npm test` checks first that it answers (scripts/test-prereqs.ts).
 */
export function dialects(): Dialect[] {
  const url = postgresUrl();
  if (!url) {
    console.warn('TEST_SQLITE_ONLY set: integration tests run on SQLite only');
    return [sqlite];
  }
  return [sqlite, postgres(url)];
}

/** The PostgreSQL URL of this run, or null on an explicit SQLite-only run. */
export function postgresUrl(): string | null {
  return testDatabaseUrl(process.env);
}
