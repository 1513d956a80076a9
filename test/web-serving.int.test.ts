import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
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
    // What the build writes (vite.config.ts precompress): a hashed file, its .br/.gz, a source map.
    const code = 'export const page = "light";\n'.repeat(200);
    fs.writeFileSync(path.join(dist, 'assets/page-Ab12Cd.js'), code);
    fs.writeFileSync(path.join(dist, 'assets/page-Ab12Cd.js.br'), zlib.brotliCompressSync(code));
    fs.writeFileSync(path.join(dist, 'assets/page-Ab12Cd.js.gz'), zlib.gzipSync(code));
    fs.writeFileSync(path.join(dist, 'assets/page-Ab12Cd.js.map'), '{"version":3,"sources":["secret.ts"]}');
    fs.writeFileSync(path.join(dist, 'index.html.br'), zlib.brotliCompressSync('<!doctype html><title>Presidio</title>'));
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

  // #12: hashed files cached for good, index.html revalidated, precompressed files sent to whoever
  // accepts them, source maps never served.
  it('sends a hashed file precompressed and immutable', async () => {
    const br = await app.inject({ url: '/assets/page-Ab12Cd.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toContain('export const page');

    const gz = await app.inject({ url: '/assets/page-Ab12Cd.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toContain('export const page');

    const plain = await app.inject({ url: '/assets/page-Ab12Cd.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('export const page');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html on every load, for / and for client routes', async () => {
    for (const url of ['/', '/index.html', '/tickets/12']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toContain('<title>Presidio</title>');
    }
  });

  it('never serves a source map, even one on disk', async () => {
    for (const url of ['/assets/page-Ab12Cd.js.map', '/page.js.map']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/problem\+json/);
      expect(res.body, url).not.toContain('secret.ts');
    }
  });

  it('compresses API answers for clients that accept it, and problem+json stays readable', async () => {
    const docs = await app.inject({ url: '/api/docs/json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-encoding']).toBe('br');
    expect(docs.headers['cache-control']).toBe('no-store');
    const spec = JSON.parse(zlib.brotliDecompressSync(docs.rawPayload).toString()) as { openapi: string };
    expect(spec.openapi).toMatch(/^3\./);

    const gz = await app.inject({ url: '/api/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');

    const plain = await app.inject({ url: '/api/docs/json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect((plain.json() as { openapi: string }).openapi).toMatch(/^3\./);

    const problem = await app.inject({ url: '/api/nope', headers: { 'accept-encoding': 'br' } });
    expect(problem.statusCode).toBe(404);
    expect(problem.headers['content-type']).toMatch(/problem\+json/);
    const body = problem.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(problem.rawPayload).toString() : problem.body;
    expect(JSON.parse(body)).toMatchObject({ status: 404 });
  });
});
