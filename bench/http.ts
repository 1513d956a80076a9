// The HTTP path against its floor (#12): the real server (src/server/main.ts as a child process,
// production-like: NODE_ENV=production, LOG_LEVEL info; its background jobs off, see presidio()) and bench/minimal-app.ts
// (plain Fastify + better-sqlite3) on the same 10,000-ticket dataset, both driven by autocannon
// over real sockets, interleaved (minimal, Presidio SQLite, Presidio PostgreSQL, minimal, …), the
// median of the rounds per target. Prints a markdown table for docs/BENCHMARKS.md.
//
//   npm run bench:http [-- --duration 8 --rounds 3 --connections 10 --no-pg --only id,page,bm,post --prof]
//
// Data: bench/generate.ts --tickets 10000 into --file (default /tmp/http-bench.sqlite; made when
// missing or with --regenerate) and the PostgreSQL schema --schema (default httpbench) of --pg
// (default postgres://postgres@127.0.0.1:5432/test; remade every run, as POSTs add tickets).
// The SQLite file is copied before each run so both apps start from the same rows.
// --prof: Presidio runs with --cpu-prof; the profiles land in /tmp/http-bench-prof.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { withoutStat4Samples } from '../src/server/db/create-db.ts';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const FILE = arg('file', '/tmp/http-bench.sqlite')!;
const RUN_FILE = FILE.replace(/\.sqlite$/, '') + '.run.sqlite';
const PG_URL = arg('pg', 'postgres://postgres@127.0.0.1:5432/test')!;
const SCHEMA = arg('schema', 'httpbench')!;
const WITH_PG = !flag('no-pg');
const DURATION = Number(arg('duration', '8'));
const ROUNDS = Number(arg('rounds', '3'));
const CONNECTIONS = Number(arg('connections', '10'));
const ONLY = arg('only')?.split(',');
const PROF = flag('prof');
const PROF_DIR = '/tmp/http-bench-prof';
const PORT = Number(arg('port', '3901'));
const root = path.resolve(import.meta.dirname, '..');
const tsx = ['--import', 'tsx'];

const uptime = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
const loadBefore = uptime();

// --- data -----------------------------------------------------------------------------------

function generate(args: string[], env: Record<string, string> = {}) {
  execFileSync(process.execPath, [...tsx, 'bench/generate.ts', '--tickets', '10000', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
if (flag('regenerate') || !fs.existsSync(FILE)) {
  console.error(`generating ${FILE}…`);
  generate(['--db', `sqlite:${FILE}`]);
}
for (const f of [RUN_FILE, `${RUN_FILE}-wal`, `${RUN_FILE}-shm`]) fs.rmSync(f, { force: true });
fs.copyFileSync(FILE, RUN_FILE);
{
  // Both apps read the copy without the stat4 samples Presidio drops at its start (all but the
  // state indexes'), with which better-sqlite3's SQLite compiles a read by id again on every run
  // (src/server/db/create-db.ts withoutStat4Samples): the floor must not pay what Presidio does not.
  const db = new SQLite(RUN_FILE);
  withoutStat4Samples(db);
  db.close();
}
if (WITH_PG) {
  console.error(`generating PostgreSQL schema ${SCHEMA}…`);
  generate(['--schema', SCHEMA], { DATABASE_URL: PG_URL });
}
const pgUrl = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;

interface Ids {
  tickets: string[];
  building: string;
}
function sqliteIds(): Ids {
  const db = new SQLite(RUN_FILE, { readonly: true });
  const tickets = (db.prepare('select id from tickets order by id').all() as Array<{ id: string }>).map((r) => r.id);
  const building = (db.prepare("select id from buildings where code = 'MI-B01'").get() as { id: string }).id;
  db.close();
  return { tickets, building };
}
async function pgIds(): Promise<Ids> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  const tickets = (await c.query<{ id: string }>('select id from tickets order by id')).rows.map((r) => r.id);
  const building = (await c.query<{ id: string }>("select id from buildings where code = 'MI-B01'")).rows[0].id;
  await c.end();
  return { tickets, building };
}

// --- servers --------------------------------------------------------------------------------

interface Target {
  name: string;
  port: number;
  child: ChildProcess;
  ids: Ids;
  cookies: Record<string, { cookie: string; csrf: string }>;
}
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGTERM')));

async function start(name: string, port: number, args: string[], env: Record<string, string>, ids: Ids): Promise<Target> {
  const log = fs.openSync(`/tmp/http-bench-${PORT}-${name.replace(/\W+/g, '-').toLowerCase()}.log`, 'w');
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
  children.push(child);
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || i > 3000) throw new Error(`${name} did not start (see /tmp/http-bench-*.log)`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { name, port, child, ids, cookies: {} };
}

function presidio(name: string, port: number, databaseUrl: string, ids: Ids) {
  const prof = PROF ? ['--cpu-prof', '--cpu-prof-dir', PROF_DIR] : [];
  return start(
    name,
    port,
    [...prof, ...tsx, 'src/server/main.ts'],
    {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      // The request path alone: the background jobs off. On a freshly generated dataset the SLA
      // watcher's first pass refreshes every work order's clocks and KPI facts — half the CPU of
      // the first minutes in the profile — which is no request's cost.
      SLA_WATCH_INTERVAL_SECONDS: '0',
      PLANNED_LATENESS_INTERVAL_SECONDS: '0',
      PROGRAM_GENERATOR_INTERVAL_SECONDS: '0',
      RATING_REMINDER_INTERVAL_SECONDS: '0',
    },
    ids,
  );
}

/** A real login through POST /api/session; the minimal app shares the SQLite sessions table. */
async function login(via: Target, username: string) {
  const res = await fetch(`http://127.0.0.1:${via.port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'presidio' }),
  });
  if (res.status !== 200) throw new Error(`login ${username} on ${via.name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('presidio_session='))!
    .split(';')[0];
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

// --- scenarios ------------------------------------------------------------------------------

interface Scenario {
  key: string;
  name: string;
  user: string;
  request: (t: Target) => autocannon.Request[];
}
const USERS = { admin: 'admin', bm: 'bm.bench.big', requester: 'req.0042' };
const ALL: Scenario[] = [
  {
    key: 'id',
    name: 'GET /api/tickets/{id} (admin, 10,000 ids rotated)',
    user: USERS.admin,
    request: (t) => {
      let i = 0;
      return [
        {
          method: 'GET',
          setupRequest: (r: autocannon.Request) => ({ ...r, path: `/api/tickets/${t.ids.tickets[i++ % t.ids.tickets.length]}` }),
        },
      ];
    },
  },
  {
    key: 'page',
    name: 'GET /api/tickets, first page of 50 (admin)',
    user: USERS.admin,
    request: () => [{ method: 'GET', path: '/api/tickets?limit=50' }],
  },
  {
    key: 'bm',
    name: 'GET /api/tickets, first page of 50 (building manager of 100 buildings)',
    user: USERS.bm,
    request: () => [{ method: 'GET', path: '/api/tickets?limit=50' }],
  },
  {
    key: 'post',
    name: 'POST /api/tickets (requester)',
    user: USERS.requester,
    request: (t) => {
      let i = 0;
      return [
        {
          method: 'POST',
          path: '/api/tickets',
          setupRequest: (r: autocannon.Request) => ({
            ...r,
            headers: { ...r.headers, 'x-csrf-token': t.cookies[USERS.requester].csrf, 'content-type': 'application/json' },
            body: JSON.stringify({
              buildingId: t.ids.building,
              description: `Prova di carico ${i++}: la luce del corridoio non si accende`,
            }),
          }),
        },
      ];
    },
  },
];
const SCENARIOS = ALL.filter((s) => !ONLY || ONLY.includes(s.key));

interface Run {
  rps: number;
  p99: number;
  /** CPU time the server process spent per request (user + system): steadier than req/s on a shared machine. */
  cpuMs: number;
}
/** The process's CPU time so far in ms (/proc/<pid>/stat utime + stime, in clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
async function drive(t: Target, s: Scenario, seconds: number): Promise<Run> {
  const cpu0 = cpuOf(t.child.pid!);
  const result = await autocannon({
    url: `http://127.0.0.1:${t.port}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { cookie: t.cookies[s.user].cookie },
    requests: s.request(t),
  });
  // autocannon stops sending at the deadline with requests still in the server; the next target's
  // writes on the same SQLite file must not meet them (a deferred transaction that read before
  // another process committed cannot upgrade to a write: SQLITE_BUSY), so a pause between runs.
  await new Promise((r) => setTimeout(r, 1000));
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad) throw new Error(`${t.name} ${s.name}: ${bad} failed requests of ${result.requests.total}`);
  return { rps: result.requests.average, p99: result.latency.p99, cpuMs: (cpuOf(t.child.pid!) - cpu0) / result.requests.total };
}

// --- run ------------------------------------------------------------------------------------

const sqliteData = sqliteIds();
const targets: Target[] = [];
const minimal = await start('minimal', PORT, [...tsx, 'bench/minimal-app.ts', '--db', RUN_FILE, '--port', String(PORT)], {}, sqliteData);
const presidioSqlite = await presidio('Presidio SQLite', PORT + 1, `sqlite:${RUN_FILE}`, sqliteData);
targets.push(minimal, presidioSqlite);
if (WITH_PG) targets.push(await presidio('Presidio PostgreSQL', PORT + 2, pgUrl, await pgIds()));

for (const user of new Set(SCENARIOS.map((s) => s.user))) {
  // The minimal app reads Presidio's sessions table: a session opened on the SQLite server.
  presidioSqlite.cookies[user] = await login(presidioSqlite, user);
  minimal.cookies[user] = presidioSqlite.cookies[user];
  if (WITH_PG) targets[2].cookies[user] = await login(targets[2], user);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = new Map<string, Map<string, Run[]>>();
for (const s of SCENARIOS) {
  const per = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
  results.set(s.key, per);
  for (const t of targets) await drive(t, s, 2); // warm-up: JIT, caches, pools
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) {
      const r = await drive(t, s, DURATION);
      per.get(t.name)!.push(r);
      console.error(
        `${s.key} round ${round + 1} ${t.name}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, ${r.cpuMs.toFixed(2)} CPU ms/request`,
      );
    }
  }
}

const med = (runs: Run[], k: keyof Run) => median(runs.map((r) => r[k]));
const fmt = (runs: Run[]) =>
  `**${Math.round(med(runs, 'rps')).toLocaleString('en')}** (${runs.map((r) => Math.round(r.rps)).join(', ')}), p99 ${med(runs, 'p99')} ms, ${med(runs, 'cpuMs').toFixed(2)} CPU ms/req`;
console.log(
  `\nautocannon: ${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} rounds interleaved; median req/s (the rounds), median p99, ` +
    `median CPU time of the server process per request; load average before ${loadBefore}, after ${uptime()}; ${os.cpus().length} CPUs; Node ${process.version}\n`,
);
console.log(`| request | Presidio SQLite | minimal app | ratio (req/s) | ratio (CPU/req) |${WITH_PG ? ' Presidio PostgreSQL |' : ''}`);
console.log(`| --- | --- | --- | --- | --- |${WITH_PG ? ' --- |' : ''}`);
for (const s of SCENARIOS) {
  const per = results.get(s.key)!;
  const p = per.get('Presidio SQLite')!;
  const m = per.get('minimal')!;
  const ratio = med(p, 'rps') / med(m, 'rps');
  const cpuRatio = med(m, 'cpuMs') / med(p, 'cpuMs');
  const pgCell = WITH_PG ? ` ${fmt(per.get('Presidio PostgreSQL')!)} |` : '';
  console.log(`| ${s.name} | ${fmt(p)} | ${fmt(m)} | **${ratio.toFixed(2)}** | ${cpuRatio.toFixed(2)} |${pgCell}`);
}

for (const t of targets) t.child.kill('SIGINT');
await Promise.all(targets.map((t) => new Promise((r) => (t.child.exitCode !== null ? r(null) : t.child.on('exit', r)))));
