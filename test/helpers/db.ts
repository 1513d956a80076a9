import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, type Db } from '../../src/server/db/create-db.ts';
import type { DatabaseConfig } from '../../src/server/config.ts';
import { testDatabaseUrl } from '../../scripts/test-database-url.ts';

/** The instant the demo university of the integration tests is seeded at (their clocks start here). */
export const DEMO_SEEDED_AT = new Date('2026-03-10T09:00:00Z');

/** The migrated databases a run's tests copy, made once by test/helpers/templates.ts. */
export interface Templates {
  /** SQLite files. */
  sqlite: { migrated: string; demo: string };
  /** PostgreSQL template databases on the server at `url`; null on a SQLite-only run. */
  postgres: { url: string; migrated: string; demo: string } | null;
}

export interface Dialect {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated database of its own, empty or with the demo university; `drop` removes it. */
  create(options?: { demo?: boolean }): Promise<{ db: Db; config: DatabaseConfig; drop(): Promise<void> }>;
}

const sqlite: Dialect = {
  name: 'sqlite',
  async create({ demo = false } = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presidio-test-'));
    const file = path.join(dir, 'presidio.sqlite');
    const { sqlite: templates } = inject('templates');
    fs.copyFileSync(demo ? templates.demo : templates.migrated, file);
    const config: DatabaseConfig = { kind: 'sqlite', file };
    const db = createDb(config);
    return {
      db,
      config,
      async drop() {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** `url` with its database replaced by `name`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement (`create database`, `drop database`…) on a connection of its own. */
export async function adminQuery(url: string, query: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

function postgres(url: string): Dialect {
  const admin = (query: string) => adminQuery(url, query);
  return {
    name: 'postgres',
    async create({ demo = false } = {}) {
      // A database per test file keeps files independent and parallel on one server.
      const templates = inject('templates').postgres!;
      const name = `t_${randomBytes(6).toString('hex')}`;
      await admin(`create database ${name} template ${demo ? templates.demo : templates.migrated}`);
      const config: DatabaseConfig = { kind: 'postgres', url: databaseUrl(url, name) };
      const db = createDb(config);
      return {
        db,
        config,
        async drop() {
          await db.destroy();
          // Not `with (force)` at once: the pool's end does not wait for its connections to close,
          // and a backend killed while closing sends its client an error nothing catches. A plain
          // drop waits up to 5 s for them to go; force is for a connection a test left open.
          try {
            await admin(`drop database ${name}`);
          } catch (e) {
            if ((e as { code?: string }).code !== '55006') throw e;
            await admin(`drop database ${name} with (force)`);
          }
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
