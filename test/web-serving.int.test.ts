import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/server/config.ts';
import { buildApp } from '../src/server/app.ts';
import { createDb, migrateToLatest } from '../src/server/db/create-db.ts';

// The built single-page app: client routes get index.html, built files are served as they are now
// on disk (a rebuild needs no restart), a missing built file is a 404, never HTML in its place.
describe('serving the web app', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'presidio-web-'));
  const dist = path.join(root, 'dist/web');
  let app: FastifyInstance;
  beforeAll(async () => {
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Presidio</title>');
    fs.writeFileSync(path.join(dist, 'assets/app-1.js'), 'console.log(1)');
    const db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }, root), { db, logger: false });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers the app for / and for client routes, with security headers', async () => {
    for (const url of ['/', '/registry/buildings', '/rate/abc']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>Presidio</title>');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves a file built after the start, and 404s a missing one', async () => {
    fs.writeFileSync(path.join(dist, 'assets/app-2.js'), 'console.log(2)');
    const fresh = await app.inject({ url: '/assets/app-2.js' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['content-type']).toMatch(/javascript/);
    const missing = await app.inject({ url: '/assets/app-0.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
  });

  it('never answers an unknown API path with the app', async () => {
    const res = await app.inject({ url: '/api/nope' });
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
