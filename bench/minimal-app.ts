// The floor for bench/http.ts: a plain Fastify + better-sqlite3 app answering the same four
// requests as Presidio from the same SQLite file and the same rows, with only what any such
// app must do — find the session by its cookie (one indexed query), read or write the rows,
// answer JSON. No scope rules, no presenting, no notices logic, no logging. Not a product:
// what Presidio does on top of this is what the ratios in docs/BENCHMARKS.md price.
//
//   npx tsx bench/minimal-app.ts --db /tmp/http-bench.sqlite --port 3901
import { createHash, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import SQLite from 'better-sqlite3';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const file = arg('db', '/tmp/http-bench.sqlite')!;
const port = Number(arg('port', '3901'));

const db = new SQLite(file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
// Presidio's own durability settings (src/server/db/create-db.ts): the floor commits the same way.
db.pragma('synchronous = NORMAL');

const sessionStmt = db.prepare('select user_id from sessions where id = ? and expires_at > ?');
const managesStmt = db.prepare('select 1 from building_managers where user_id = ? limit 1');
const ticketStmt = db.prepare('select t.*, b.name as building_name from tickets t join buildings b on b.id = t.building_id where t.id = ?');
const pageStmt = db.prepare(
  'select t.*, b.name as building_name from tickets t join buildings b on b.id = t.building_id order by t.created_at desc, t.id desc limit 51',
);
const scopedPageStmt = db.prepare(
  'select t.*, b.name as building_name from tickets t join buildings b on b.id = t.building_id ' +
    'where t.building_id in (select building_id from building_managers where user_id = ?) order by t.created_at desc, t.id desc limit 51',
);
const insertTicket = db.prepare(
  `insert into tickets (id, number, status, channel, requester_id, opened_by_id, building_id, subject, description, created_at, updated_at)
   values (?, ?, 'new', 'web', ?, ?, ?, ?, ?, ?, ?)`,
);
const insertEvent = db.prepare(
  `insert into events (id, ticket_id, at, actor_id, actor_label, action, to_state, data) values (?, ?, ?, ?, '', 'open', 'new', '{}')`,
);
const insertOutbox = db.prepare(
  `insert into outbox (id, idempotency_key, kind, to_address, to_user_id, language, subject, text_body, html_body, ticket_id, status, next_attempt_at, created_at)
   values (?, ?, 'ticket_opened', 'req@bench.example', ?, 'it', 'Segnalazione aperta', 'Testo', '<p>Testo</p>', ?, 'pending', ?, ?)`,
);
const open = db.transaction((userId: string, body: { buildingId: string; description: string }) => {
  const id = randomUUID();
  const at = new Date().toISOString();
  insertTicket.run(id, `M-${id}`, userId, userId, body.buildingId, body.description.slice(0, 80), body.description, at, at);
  insertEvent.run(randomUUID(), id, at, userId);
  insertOutbox.run(randomUUID(), `minimal:${id}`, userId, id, at, at);
  return id;
});

const app = Fastify({ logger: false });
await app.register(cookie);
app.decorateRequest('userId', '');
app.addHook('onRequest', async (request, reply) => {
  const c = request.cookies.presidio_session;
  const s = c
    ? (sessionStmt.get(createHash('sha256').update(c).digest('hex'), new Date().toISOString()) as { user_id: string } | undefined)
    : undefined;
  if (!s) return reply.code(401).send({ status: 401 });
  (request as unknown as { userId: string }).userId = s.user_id;
});
const userOf = (request: unknown) => (request as { userId: string }).userId;

app.get<{ Params: { id: string } }>('/api/tickets/:id', async (request, reply) => {
  const row = ticketStmt.get(request.params.id);
  return row ?? reply.code(404).send({ status: 404 });
});
app.get('/api/tickets', async (request) => {
  const userId = userOf(request);
  const rows = (managesStmt.get(userId) ? scopedPageStmt.all(userId) : pageStmt.all()) as Array<{ id: string }>;
  return { items: rows.slice(0, 50), nextCursor: rows.length > 50 ? rows[49].id : null };
});
app.post<{ Body: { buildingId: string; description: string } }>('/api/tickets', async (request, reply) => {
  const id = open(userOf(request), request.body);
  return reply.code(201).send(ticketStmt.get(id));
});

await app.listen({ port, host: '127.0.0.1' });
console.log(`minimal app on http://127.0.0.1:${port} (${file})`);
