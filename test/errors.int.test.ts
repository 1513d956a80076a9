// Every error the server sends is problem+json in the caller's language, whatever raised it
// (#7 item 15): Fastify's body parsers and limits, @fastify/multipart, Node's HTTP parser (over a
// real socket), unknown routes, and an empty PATCH on every PATCH route of the OpenAPI.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDb, type Client } from './helpers/app.ts';
import { FILES, multipart, ok } from './fixtures/workflow/workflow.ts';
import type { Principal } from '../src/server/auth/principal.ts';
import { updateClosure } from '../src/server/modules/sla/sla.service.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const PROBLEM = /^application\/problem\+json; charset=utf-8$/;

function problem(res: LightMyRequestResponse, status: number, code: string): Obj {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  const body = res.json();
  expect(body).toMatchObject({
    status,
    code,
    type: expect.stringMatching(/^https:\/\/presidio\.dev\/problems\//),
    title: expect.any(String),
    detail: expect.any(String),
  });
  return body;
}

/** Sends raw bytes to a listening server and returns everything it answers before closing. */
function rawExchange(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve(Buffer.concat(chunks).toString()) : reject(e),
    );
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
  });
}

function parseRaw(raw: string) {
  const [head, body] = [raw.slice(0, raw.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n') + 4)];
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as Obj };
}

describeEachDb('errors are problem+json', (env) => {
  let admin: Client;
  let en: Client;
  let requester: Client;
  const json = (lang: string) => ({ 'content-type': 'application/json', 'accept-language': lang });

  beforeAll(async () => {
    admin = await env.login('admin');
    en = await env.login('requester.en');
    requester = await env.login('richiedente');
  });

  describe('HTTP layer', () => {
    it("malformed JSON: 400 in the caller's language (Accept-Language, then the user setting)", async () => {
      const it_ = problem(
        await env.app.inject({ method: 'POST', url: '/api/session', headers: json('it-IT,it;q=0.9'), payload: '{"username": ' }),
        400,
        'BAD_REQUEST',
      );
      expect(it_.detail).toBe('La richiesta non è valida: il corpo non è JSON valido');
      const en_ = problem(
        await env.app.inject({ method: 'POST', url: '/api/session', headers: json('en-GB'), payload: '{"username": ' }),
        400,
        'BAD_REQUEST',
      );
      expect(en_.detail).toBe('The request is not valid: the body is not valid JSON');
      const user = problem(await en.request('POST', '/api/tickets', '{oops', { 'content-type': 'application/json' }), 400, 'BAD_REQUEST');
      expect(user.detail).toContain('the body is not valid JSON');
      problem(await env.app.inject({ method: 'POST', url: '/api/session', headers: json('en'), payload: '' }), 400, 'BAD_REQUEST');
    });

    it('JSON body over the limit: 413 naming the 1 MB limit', async () => {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: json('en'),
        payload: `{"username":"${'x'.repeat(1024 * 1024)}"}`,
      });
      expect(problem(res, 413, 'PAYLOAD_TOO_LARGE').detail).toContain('1 MB');
    });

    it('unsupported content type: 415 naming it', async () => {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': 'text/xml', 'accept-language': 'en' },
        payload: '<a/>',
      });
      expect(problem(res, 415, 'UNSUPPORTED_MEDIA_TYPE').detail).toContain('"text/xml"');
    });

    it('unknown API route and unknown method: 404 (no 405: a method a path lacks is a missing route)', async () => {
      problem(await admin.get('/api/no-such-thing'), 404, 'NOT_FOUND');
      problem(await admin.request('PUT', '/api/sites', {}), 404, 'NOT_FOUND');
      problem(await admin.get('/api/docs/static/no-such-file.js'), 404, 'NOT_FOUND');
    });

    it('a malformed URL: 400', async () => {
      const res = await env.app.inject({ method: 'GET', url: '/api/sites/%zz', headers: { 'accept-language': 'en' } });
      expect(problem(res, 400, 'BAD_REQUEST').detail).toContain('the address is not valid');
    });
  });

  describe("Node's HTTP parser, over a real socket", () => {
    let port = 0;
    beforeAll(async () => {
      await env.app.listen({ port: 0, host: '127.0.0.1' });
      port = (env.app.server.address() as AddressInfo).port;
    });

    it("headers over the limit: 431 problem+json in the caller's language", async () => {
      const big = 'a'.repeat(20 * 1024);
      const en_ = parseRaw(await rawExchange(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nX-Big: ${big}\r\n\r\n`));
      expect(en_.status).toBe(431);
      expect(en_.headers['content-type']).toMatch(PROBLEM);
      expect(en_.body).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE', title: 'Headers too large' });
      expect(en_.body.detail).toContain('16 KB');
      const it_ = parseRaw(await rawExchange(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\n\r\n`));
      expect(it_.body).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE', title: 'Intestazioni troppo grandi' });
    });

    it('a request line the parser cannot read: 400 problem+json', async () => {
      const res = parseRaw(await rawExchange(port, 'BREW /coffee HTCPCP/1.0 nonsense\r\n\r\n'));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    });

    it('the server keeps answering afterwards', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
    });
  });

  describe('multipart', () => {
    let ticketId = '';
    beforeAll(async () => {
      const building = await env.db.selectFrom('buildings').select('id').where('code', '=', 'MI-B01').executeTakeFirstOrThrow();
      ticketId = ok(await requester.post('/api/tickets', { buildingId: building.id, subject: 'Perdita', description: 'Perdita.' }), 201).id;
    });

    const cutShort = () => {
      const { payload, headers } = multipart({ kind: 'photo' }, { filename: 'a.jpg', data: FILES.jpeg, contentType: 'image/jpeg' });
      // The body ends inside the file part: no closing boundary.
      return { payload: payload.subarray(0, payload.length - 60), headers };
    };

    it('a body that ends inside a part: 400, on every upload route', async () => {
      const { payload, headers } = cutShort();
      const en_ = problem(await en.request('POST', `/api/tickets/${ticketId}/attachments`, payload, headers), 400, 'BAD_REQUEST');
      expect(en_.detail).toContain('the multipart upload is cut short or malformed');
      const it_ = problem(await requester.request('POST', `/api/tickets/${ticketId}/attachments`, payload, headers), 400, 'BAD_REQUEST');
      expect(it_.detail).toContain('il caricamento multipart è interrotto o malformato');
      for (const url of [`/api/work-orders/${randomUUID()}/attachments`, '/api/price-lists', '/api/imports/buildings']) {
        problem(await admin.request('POST', url, payload, headers), 400, 'BAD_REQUEST');
      }
    });

    it('two files where one is allowed: 400 naming the rule', async () => {
      const boundary = 'xx-boundary';
      const filePart = (n: number) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a${n}.pdf"\r\nContent-Type: application/pdf\r\n\r\n${FILES.pdf.toString('latin1')}\r\n`;
      const payload = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nphoto\r\n${filePart(1)}${filePart(2)}--${boundary}--\r\n`,
        'latin1',
      );
      const res = await en.request('POST', `/api/tickets/${ticketId}/attachments`, payload, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
      expect(problem(res, 400, 'BAD_REQUEST').detail).toContain('too many files');
    });

    it('a file over the limit: 413 naming the limit', async () => {
      const { payload, headers } = multipart(
        { kind: 'photo' },
        {
          filename: 'a.jpg',
          data: Buffer.concat([FILES.jpeg, Buffer.alloc(env.config.attachmentMaxBytes + 1)]),
          contentType: 'image/jpeg',
        },
      );
      const res = await en.request('POST', `/api/tickets/${ticketId}/attachments`, payload, headers);
      expect(problem(res, 413, 'PAYLOAD_TOO_LARGE').detail).toContain(' MB');
    });
  });

  describe('empty changes', () => {
    it('PATCH /api/closures/{id} with {}: 400 emptyChange, not a SQL error', async () => {
      const created = ok(await admin.post('/api/closures', { siteId: null, date: '2026-08-14', reason: 'Ponte di Ferragosto' }), 201);
      const res = await admin.patch(`/api/closures/${created.id}`, {});
      expect(problem(res, 400, 'VALIDATION_FAILED').errors).toEqual([
        { field: 'body', code: 'emptyChange', message: expect.stringContaining('«version»') },
      ]);
      expect(ok(await admin.get(`/api/closures/${created.id}`))).toMatchObject({ reason: 'Ponte di Ferragosto' });
      // The service refuses it too, for callers other than the HTTP layer.
      const adminId = (await env.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
      const p: Principal = {
        userId: adminId,
        username: 'admin',
        displayName: 'Admin',
        language: 'it',
        roles: new Set(['admin']),
        contractorId: null,
        departmentId: null,
        via: 'session',
      };
      await expect(updateClosure(env.app.ctx, p, created.id, {})).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ field: 'body', rule: 'emptyChange' }],
      });
    });

    it('a body with only the version changes nothing and says so, without bumping the version', async () => {
      const site = ok(await admin.get('/api/sites')).items[0];
      const res = await en.request('PATCH', `/api/sites/${site.id}`, { version: site.version });
      // requester.en may not change sites at all: the empty change is refused first, like any invalid body.
      expect(problem(res, 400, 'VALIDATION_FAILED').errors).toEqual([
        { field: 'body', code: 'emptyChange', message: 'The change names no field: send at least one field to change besides "version".' },
      ]);
      problem(await admin.patch(`/api/sites/${site.id}`, { version: site.version }), 400, 'VALIDATION_FAILED');
      expect(ok(await admin.get(`/api/sites/${site.id}`)).version).toBe(site.version);
    });

    it('every PATCH route of the OpenAPI refuses an empty change with 400 emptyChange', async () => {
      const spec = ok(await admin.get('/api/openapi.json'));
      const routes = Object.entries<Obj>(spec.paths)
        .filter(([, ops]) => ops.patch)
        .map(([path, ops]) => ({ path, op: ops.patch as Obj }));
      expect(routes.length).toBeGreaterThanOrEqual(13);
      for (const { path, op } of routes) {
        const schema = op.requestBody?.content?.['application/json']?.schema as Obj | undefined;
        const hasVersion = !!schema?.properties?.version;
        const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
        const res = await admin.patch(url, hasVersion ? { version: 1 } : {});
        const body = problem(res, 400, 'VALIDATION_FAILED');
        expect(body.errors, path).toEqual([expect.objectContaining({ field: 'body', code: 'emptyChange' })]);
        // {} is a 400 too: emptyChange, or the version it lacks.
        problem(await admin.patch(url, {}), 400, 'VALIDATION_FAILED');
      }
    });
  });
});
