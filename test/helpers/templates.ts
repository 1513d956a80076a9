// Vitest global setup of the integration project: the databases every test copies, made once per run.
// Migrating and seeding the demo university took 2–5 s per test file and engine (PostgreSQL's 35
// migrations alone ~1.8 s on a loaded machine); a copy takes a tenth of a second: PostgreSQL's
// `create database … template`, a file copy for SQLite. The migrations and the seed still run on
// every run, exactly as before (test/helpers/fill-templates.ts, in a process of its own: Vitest's
// global setup loads modules through Vite, which does not give CommonJS packages a default export).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { adminQuery, type Templates } from './db.ts';
import { testDatabaseUrl } from '../../scripts/test-database-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templates: Templates;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presidio-templates-'));
  const url = testDatabaseUrl(process.env);
  const prefix = `presidio_tpl_${randomBytes(4).toString('hex')}`;
  const templates: Templates = {
    sqlite: { migrated: path.join(dir, 'migrated.sqlite'), demo: path.join(dir, 'demo.sqlite') },
    postgres: url ? { url, migrated: `${prefix}_migrated`, demo: `${prefix}_demo` } : null,
  };
  const admin = (query: string) => adminQuery(url!, query);
  if (templates.postgres) for (const name of [templates.postgres.migrated, templates.postgres.demo]) await admin(`create database ${name}`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fill-templates.ts'), JSON.stringify(templates)], {
    stdio: 'inherit',
  });
  if (templates.postgres)
    for (const name of [templates.postgres.migrated, templates.postgres.demo])
      // No connection (autovacuum's included) may hold a template while a test copies it.
      await admin(`alter database ${name} with is_template true allow_connections false`);
  project.provide('templates', templates);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (templates.postgres)
      for (const name of [templates.postgres.migrated, templates.postgres.demo]) {
        await admin(`alter database ${name} with is_template false`);
        await admin(`drop database ${name}`);
      }
  };
}
