import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { createDb, migrateToLatest, type Db } from '../../src/server/db/create-db.ts';
import type { DatabaseConfig } from '../../src/server/config.ts';

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
 * The engines every integration test runs on. PostgreSQL comes from TEST_DATABASE_URL; on CI its
 * absence is an error, never a silent skip.
 */
export function dialects(): Dialect[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI) throw new Error('TEST_DATABASE_URL is required on CI: the PostgreSQL run is mandatory');
    console.warn('TEST_DATABASE_URL not set: integration tests run on SQLite only (CI refuses this)');
    return [sqlite];
  }
  return [sqlite, postgres(url)];
}
