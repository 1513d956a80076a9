// SQLite's write-ahead log is copied into the database file by a worker thread (src/server/db/
// checkpointer.ts), not by the request whose commit passes the log's size limit: what a commit
// wrote reaches the database file with no further commit, and closing the database leaves all of it
// there (a copy of the file alone is whole).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDb, migrateToLatest } from '../src/server/db/create-db.ts';

/** How many rows of `key` prefix the database file holds by itself (its log left out). */
function rowsInFileAlone(file: string, prefix: string): number {
  const copy = `${file}.copy-${Math.random().toString(36).slice(2)}`;
  fs.copyFileSync(file, copy);
  try {
    const c = new SQLite(copy, { readonly: true });
    try {
      return (c.prepare('select count(*) as n from rate_limits where key like ?').get(`${prefix}%`) as { n: number }).n;
    } finally {
      c.close();
    }
  } finally {
    fs.rmSync(copy, { force: true });
  }
}

async function writeRows(db: ReturnType<typeof createDb>, prefix: string, n: number) {
  // A few hundred log pages: under SQLite's own autocheckpoint (1,000) and the server's (10,000).
  for (let i = 0; i < n; i++) {
    await db
      .insertInto('rate_limits')
      .values({ key: `${prefix}${i}:${'x'.repeat(500)}`, window_start: '2026-03-10T09:00:00.000Z', count: 1 })
      .execute();
  }
}

describe('SQLite checkpoints', () => {
  it('copies what commits wrote into the database file with no further commit', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'presidio-ckpt-')), 'db.sqlite');
    const db = createDb({ kind: 'sqlite', file });
    try {
      await migrateToLatest(db);
      await writeRows(db, 'a', 400);
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      // Nothing is written after the rows: only the worker can move them into the file.
      await expect.poll(() => rowsInFileAlone(file, 'a'), { timeout: 15_000, interval: 100 }).toBe(400);
    } finally {
      await db.destroy();
    }
  });

  it('leaves every row in the database file when closed', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'presidio-ckpt-')), 'db.sqlite');
    const db = createDb({ kind: 'sqlite', file });
    await migrateToLatest(db);
    await writeRows(db, 'b', 300);
    await db.destroy();
    expect(rowsInFileAlone(file, 'b')).toBe(300);
  });
});
