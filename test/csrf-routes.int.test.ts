import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDb, type TestEnv } from './helpers/app.ts';

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
const UNSAFE = ['post', 'patch', 'put', 'delete'] as const;

/** Public writes: they act through their own credential (a password, a rating link), not the session. */
// The only writes without a session: logging in and out, a rating link, an e-mail confirmation
// link (the token in the body is the credential).
const PUBLIC_WRITES = ['POST /api/session', 'DELETE /api/session', 'POST /api/ratings/{token}', 'POST /api/me/email/confirm'];

/** Spellings of one path that a lenient router, proxy or filesystem could take for the same thing. */
function variants(path: string): string[] {
  const [, first, ...rest] = path.split('/');
  const tail = rest.join('/');
  const enc = (s: string) => s.replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  const encOne = (s: string) => s.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [
    path,
    `/${enc(first)}/${tail}`, // the reported bypass: /%61%70%69/…
    `/${first}/${encOne(tail)}`, // one escaped letter further in
    `//${first}/${tail}`,
    `/${first}//${tail}`,
    `/./${first}/${tail}`,
    `/${first}/./${tail}`,
    `/x/../${first}/${tail}`,
    `/${first.toUpperCase()}/${tail}`,
    `/${first}/${tail.toUpperCase()}`,
    `${path}/`,
    `/${first}%2F${tail}`,
  ];
}

/** Raw HTTP, so the path reaches the server byte for byte (inject() resolves dot segments itself). */
function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** Row count, version sum and latest update of every table: any write shows up in one of them. */
async function snapshot(env: TestEnv): Promise<Record<string, string>> {
  const all = await env.db.introspection.getTables();
  // PostgreSQL lists the tables of every schema on the server (other test files', a benchmark's):
  // only this test's schema counts. SQLite has no schemas.
  const current = all.some((t) => t.schema)
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(env.db)).rows[0].s
    : undefined;
  const tables = all.filter((t) => !t.name.startsWith('kysely_') && (current === undefined || t.schema === current));
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: Record<string, string> = {};
  for (const [name, t] of byName) {
    const cols = new Set(t.columns.map((c) => c.name));
    const parts = [sql`count(*)`];
    if (cols.has('version')) parts.push(sql`sum(version)`);
    if (cols.has('updated_at')) parts.push(sql`max(updated_at)`);
    const row = await sql<Record<string, unknown>>`select ${sql.join(parts)} from ${sql.table(name)}`.execute(env.db);
    out[name] = JSON.stringify(Object.values(row.rows[0]).map(String));
  }
  return out;
}

describeEachDb('CSRF on every unsafe route of the OpenAPI, whatever the spelling of its path', (env) => {
  it('answers 403 CSRF_INVALID or 404 to a cookie write without the token, and writes nothing', async () => {
    const admin = await env.login('admin');
    const spec = (await env.anonymous().get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };

    const ops: { method: string; path: string }[] = [];
    const publicOps: string[] = [];
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const m of UNSAFE) {
        if (!item[m]) continue;
        const name = `${m.toUpperCase()} ${path}`;
        if (Array.isArray(item[m].security) && item[m].security.length === 0) publicOps.push(name);
        else ops.push({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, DUMMY_ID) });
      }
    }
    expect(publicOps.sort()).toEqual([...PUBLIC_WRITES].sort());
    // Uploads, admin imports and token creation are among them.
    expect(ops.map((o) => o.path)).toEqual(
      expect.arrayContaining(['/api/me/tokens', `/api/imports/${DUMMY_ID}`, `/api/tickets/${DUMMY_ID}/attachments`, '/api/price-lists']),
    );

    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (env.app.server.address() as AddressInfo).port;
    const before = await snapshot(env);
    // An explicit length: Node's client sends a DELETE body unframed otherwise.
    const headers = { cookie: admin.cookie!, 'content-type': 'application/json', 'content-length': '2' };
    const seen: string[] = [];
    for (const { method, path } of ops) {
      const answers = await Promise.all(variants(path).map((url) => rawRequest(port, method, url, headers)));
      for (const [i, url] of variants(path).entries()) {
        const res = answers[i];
        const code = (JSON.parse(res.body) as { code?: string }).code;
        seen.push(`${method} ${url} → ${res.status} ${code}`);
        // The plain path and its escaped spellings reach the route itself, so the gate must answer.
        const mustReachGate = i <= 2;
        const ok = (res.status === 403 && code === 'CSRF_INVALID') || (!mustReachGate && res.status === 404 && code === 'NOT_FOUND');
        if (!ok) expect.fail(`${method} ${url} answered ${res.status} ${res.body.slice(0, 200)}`);
      }
    }
    expect(seen.length).toBeGreaterThan(ops.length * 10);
    expect(await snapshot(env)).toEqual(before);
    expect(
      Number(
        (
          await env.db
            .selectFrom('api_tokens')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
  });

  it('refuses anonymous calls on an escaped path too, and does not cache API answers reached that way', async () => {
    const res = await env.anonymous().get('/%61pi/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
    expect(res.headers['cache-control']).toBe('no-store');
    const made = await env.anonymous().post('/%61pi/me/tokens', { name: 'x' });
    expect(made.statusCode).toBe(401);
    const miss = await env.anonymous().get('/%61pi/nothing-here');
    expect(miss.statusCode).toBe(404);
    expect(miss.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('still lets a write through with the token or a Bearer token, on the plain path', async () => {
    const client = await env.login('callcenter');
    const made = await client.post('/api/me/tokens', { name: 'controllo' });
    expect(made.statusCode).toBe(201);
    expect((await client.delete(`/api/me/tokens/${made.json().id}`)).statusCode).toBe(204);
  });
});
