// A large, realistic dataset for the work-list benchmarks (docs/BENCHMARKS.md): the demo
// university grown to 500 buildings with floors and rooms, 40 more building managers, 5,000
// requesters, and N tickets (default 1,000,000) over five years with their work orders and
// timeline events, in every state of workflow 1 (most old ones closed, recent ones open).
//
//   npx tsx bench/generate.ts --db sqlite:/tmp/presidio-bench.sqlite [--tickets 1000000]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/generate.ts --schema bench
//   … --stop-before 2026-11-26T0003-worklist-indexes   (the lists without migration 0003's indexes)
//   … --migrate-only                                   (then: run the remaining migrations over the data)
//
// The database is created from scratch with the app's migrations (SQLite: the file is replaced;
// PostgreSQL: the schema is dropped and recreated). Rows go in batches inside transactions:
// prepared statements on SQLite, multi-row `insert … select from unnest($1::text[], …)` on
// PostgreSQL; secondary indexes are dropped during the load and rebuilt after (their definitions
// read back from the catalogue, so they stay the migrations' own). The shape of the data is
// deterministic (seeded generator); ids are random UUIDs, as the app makes them.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { Migrator, sql, type Kysely } from 'kysely';
import { createDb, migrateToLatest, type Db } from '../src/server/db/create-db.ts';
import { migrations } from '../src/server/db/migrations/index.ts';
import { seedDemo } from '../src/server/db/seed/demo.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import type { Database } from '../src/server/db/schema.ts';

// --- arguments ------------------------------------------------------------------------------

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const TICKETS = Number(arg('tickets', '1000000'));
const BUILDINGS = Number(arg('buildings', '500'));
const REQUESTERS = Number(arg('requesters', '5000'));
const NOW = new Date(arg('now', '2026-03-10T09:00:00.000Z')!);
const YEARS = 5;
const dbArg = arg('db') ?? process.env.DATABASE_URL ?? 'sqlite:/tmp/presidio-bench.sqlite';
const isPg = /^postgres(ql)?:\/\//.test(dbArg);
const SCHEMA = arg('schema', 'bench')!;
const BATCH = 10_000;

// --- deterministic randomness ---------------------------------------------------------------

let seed = 20261126;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
function weighted<T extends string>(table: Record<T, number>): T {
  const entries = Object.entries(table) as Array<[T, number]>;
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [k, w] of entries) if ((x -= w) < 0) return k;
  return entries[entries.length - 1][0];
}
/** Zipf-like: low indexes much more often (a few people report most faults). */
const skewed = (n: number, power = 3) => Math.min(n - 1, Math.floor(n * rnd() ** power));

// --- vocabulary -----------------------------------------------------------------------------

const FAULTS: Array<[string, string, string]> = [
  // subject, description, class
  ["Perdita d'acqua", "Perdita d'acqua dal rubinetto del lavandino, l'acqua scende sul pavimento", 'IDR'],
  ['Scarico intasato', "Lo scarico del lavandino è intasato e l'acqua non defluisce", 'IDR'],
  ['WC guasto', 'Lo sciacquone del WC non funziona e perde continuamente', 'IDR'],
  ['Luce guasta', 'Le lampade della plafoniera non si accendono, locale al buio', 'ELE'],
  ['Presa elettrica rotta', 'Presa elettrica staccata dal muro con fili scoperti', 'ELE'],
  ['Salta la corrente', 'Scatta il differenziale del quadro di piano più volte al giorno', 'ELE'],
  ['Luci di emergenza spente', 'Le lampade di emergenza del corridoio non si accendono al test', 'ELE'],
  ['Proiettore non funziona', "Il videoproiettore dell'aula non si accende", 'SPE'],
  ['Rete dati assente', 'La presa di rete non dà connessione, switch di piano spento', 'SPE'],
  ['Impianto audio guasto', "Microfoni e casse dell'aula non funzionano", 'SPE'],
  ['Riscaldamento spento', 'I radiatori sono freddi, temperatura in aula sotto i 16 gradi', 'TER'],
  ['Aria condizionata guasta', 'Il condizionatore non raffredda e fa rumore', 'TER'],
  ['Odore di bruciato dalla UTA', 'Dal locale UTA esce odore di bruciato e fumo leggero', 'TER'],
  ['Odore di gas', 'Si sente odore di gas vicino alla centrale termica', 'GAS'],
  ['Ascensore bloccato', "L'ascensore è fermo al piano con le porte chiuse", 'ASC'],
  ['Ascensore rumoroso', "L'ascensore fa rumore e si ferma fuori livello", 'ASC'],
  ['Rilevatore di fumo in allarme', 'La centrale antincendio segnala guasto al rilevatore', 'ANT'],
  ['Estintore scaduto', "L'estintore del corridoio ha la revisione scaduta", 'ANT'],
  ['Porta antipanico bloccata', 'Il maniglione antipanico della porta non si apre', 'ANT'],
  ['Infiltrazione dal soffitto', "Macchia di umidità e infiltrazione d'acqua dal soffitto", 'EDI'],
  ['Porta bloccata', 'La porta non si chiude, serratura rotta', 'EDI'],
  ['Finestra rotta', 'Vetro della finestra incrinato, pericolo di caduta', 'EDI'],
  ['Pavimento danneggiato', 'Piastrelle sollevate, rischio di inciampo', 'EDI'],
  ['Intonaco che si stacca', 'Pezzi di intonaco caduti dal muro del corridoio', 'EDI'],
];
const EXTRA = [
  'urgente',
  'da ieri',
  'segnalato dagli studenti',
  'durante la lezione',
  'di nuovo',
  'come la settimana scorsa',
  'nel pomeriggio',
  'al mattino presto',
  'vicino alle scale',
  'in fondo al corridoio',
  'lato cortile',
  'lato strada',
];
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A rare word (an asset tag the caller reads off the label): finds a handful of tickets. */
const tag = () => `MT${Array.from({ length: 5 }, () => LETTERS[int(LETTERS.length)]).join('')}`;

const CLASS_LOT: Record<string, string> = {
  EDI: 'Lotto 1',
  ELE: 'Lotto 2',
  SPE: 'Lotto 2',
  TER: 'Lotto 3',
  IDR: 'Lotto 3',
  GAS: 'Lotto 3',
  ANT: 'Lotto 4',
  ASC: 'Lotto 5',
};

// --- the writer: one interface over both engines -------------------------------------------

type Val = string | number | null;
interface TableSpec {
  name: string;
  columns: Array<[string, 'text' | 'int']>;
}
const T = {
  tickets: {
    name: 'tickets',
    columns: [
      ['id', 'text'],
      ['number', 'text'],
      ['status', 'text'],
      ['channel', 'text'],
      ['requester_id', 'text'],
      ['caller_name', 'text'],
      ['caller_phone', 'text'],
      ['caller_email', 'text'],
      ['opened_by_id', 'text'],
      ['building_id', 'text'],
      ['space_id', 'text'],
      ['subject', 'text'],
      ['description', 'text'],
      ['danger', 'int'],
      ['priority', 'text'],
      ['language', 'text'],
      ['reopen_count', 'int'],
      ['reminder_count', 'int'],
      ['rating_stars', 'int'],
      ['rating_work_done', 'int'],
      ['rated_at', 'text'],
      ['created_at', 'text'],
      ['updated_at', 'text'],
      ['closed_at', 'text'],
    ],
  },
  workOrders: {
    name: 'work_orders',
    columns: [
      ['id', 'text'],
      ['number', 'text'],
      ['kind', 'text'],
      ['ticket_id', 'text'],
      ['status', 'text'],
      ['outcome', 'text'],
      ['building_id', 'text'],
      ['space_id', 'text'],
      ['technology_class_id', 'text'],
      ['contract_id', 'text'],
      ['contractor_id', 'text'],
      ['priority', 'text'],
      ['description', 'text'],
      ['location', 'text'],
      ['extra_fee', 'int'],
      ['inspection_at', 'text'],
      ['scheduled_at', 'text'],
      ['expected_on', 'text'],
      ['issued_by_id', 'text'],
      ['issued_at', 'text'],
      ['acknowledged_at', 'text'],
      ['completed_at', 'text'],
      ['verified_at', 'text'],
      ['closed_at', 'text'],
      ['created_at', 'text'],
      ['updated_at', 'text'],
    ],
  },
  events: {
    name: 'events',
    columns: [
      ['id', 'text'],
      ['ticket_id', 'text'],
      ['work_order_id', 'text'],
      ['at', 'text'],
      ['actor_id', 'text'],
      ['actor_label', 'text'],
      ['action', 'text'],
      ['from_state', 'text'],
      ['to_state', 'text'],
      ['data', 'text'],
    ],
  },
} satisfies Record<string, TableSpec>;

interface Writer {
  insert(t: TableSpec, rows: Val[][]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  dropIndexes(tables: string[]): Promise<string[]>;
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
}

function sqliteWriter(file: string): Writer {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000'); // 1 GB
  db.pragma('temp_store = MEMORY');
  const stmts = new Map<string, SQLite.Statement>();
  const stmt = (t: TableSpec, n: number) => {
    const key = `${t.name}/${n}`;
    let s = stmts.get(key);
    if (!s) {
      const one = `(${t.columns.map(() => '?').join(',')})`;
      s = db.prepare(`insert into ${t.name} (${t.columns.map((c) => c[0]).join(',')}) values ${Array(n).fill(one).join(',')}`);
      stmts.set(key, s);
    }
    return s;
  };
  return {
    async insert(t, rows) {
      const per = Math.floor(30_000 / t.columns.length);
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per);
        stmt(t, part.length).run(part.flat());
      }
    },
    async begin() {
      db.exec('begin');
    },
    async commit() {
      db.exec('commit');
    },
    async dropIndexes(tables) {
      const rows = db
        .prepare(
          `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(',')})`,
        )
        .all(...tables) as Array<{ name: string; sql: string }>;
      for (const r of rows) db.exec(`drop index ${r.name}`);
      return rows.map((r) => r.sql);
    },
    async exec(s) {
      db.exec(s);
    },
    async close() {
      db.close();
    },
  };
}

async function pgWriter(url: string, schema: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query('set synchronous_commit = off');
  await client.query("set maintenance_work_mem = '512MB'");
  // Rows are consistent by construction: skip foreign-key triggers during the load when allowed.
  await client.query('set session_replication_role = replica').catch(() => undefined);
  // Replica mode skips every ordinary trigger, the KPI rows' mirror too (migration
  // 2026-12-14T0003): those fire during the load as in the application, and are set back after it.
  const mirrors = await client.query<{ tgname: string; relname: string }>(
    `select t.tgname, c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where c.relnamespace = $1::regnamespace and not t.tgisinternal and t.tgname like '%kpi%sync'`,
    [schema],
  );
  for (const m of mirrors.rows) await client.query(`alter table ${m.relname} enable always trigger ${m.tgname}`);
  return {
    async insert(t, rows) {
      if (rows.length === 0) return;
      const cols = t.columns.map((c, j) => rows.map((r) => (r[j] === null ? null : c[1] === 'int' ? Number(r[j]) : String(r[j]))));
      const types = t.columns.map((c, j) => `$${j + 1}::${c[1] === 'int' ? 'int' : 'text'}[]`).join(', ');
      await client.query(`insert into ${t.name} (${t.columns.map((c) => c[0]).join(', ')}) select * from unnest(${types})`, cols);
    },
    async begin() {
      await client.query('begin');
    },
    async commit() {
      await client.query('commit');
    },
    async dropIndexes(tables) {
      const { rows } = await client.query(
        `select i.indexname, i.indexdef from pg_indexes i
          where i.schemaname = $1 and i.tablename = any($2)
            and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = $1::regnamespace)`,
        [schema, tables],
      );
      for (const r of rows) await client.query(`drop index ${r.indexname}`);
      return rows.map((r) => r.indexdef as string);
    },
    async exec(s) {
      await client.query(s);
    },
    async close() {
      for (const m of mirrors.rows) await client.query(`alter table ${m.relname} enable trigger ${m.tgname}`);
      await client.end();
    },
  };
}

// --- main -----------------------------------------------------------------------------------

const t0 = performance.now();
const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);
const log = (msg: string) => console.log(`[${seconds()} s] ${msg}`);

// The migrations after 0002, run over the data (all of them, or up to --stop-before), then
// statistics. `--migrate-only` does just this on an existing dataset (made with --stop-before).
const migrator = (d: Db) =>
  new Migrator({
    db: d as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    ...(isPg ? { migrationTableSchema: SCHEMA } : {}),
  });
async function laterMigrations(): Promise<void> {
  const stopBefore = arg('stop-before');
  const d = isPg
    ? createDb({ kind: 'postgres', url: dbArg, schema: SCHEMA })
    : createDb({ kind: 'sqlite', file: dbArg.replace(/^sqlite:/, '') });
  // Only those not run yet (migrateTo an earlier name would migrate down).
  const done = new Set((await migrator(d).getMigrations()).filter((m) => m.executedAt).map((m) => m.name));
  const later = Object.keys(migrations).filter(
    (name) => name > '2026-11-26T0002-fault-workflow' && !done.has(name) && (!stopBefore || name < stopBefore),
  );
  for (const name of later) {
    const m0 = performance.now();
    const { error } = await migrator(d).migrateTo(name);
    if (error) throw error;
    log(`migration ${name} over the data: ${((performance.now() - m0) / 1000).toFixed(1)} s`);
  }
  if (!stopBefore) {
    await migrateToLatest(d, isPg ? SCHEMA : undefined);
    await runningClocks(d);
  }
  // PostgreSQL: VACUUM too, as autovacuum would after a load (later migrations may leave dead rows).
  await (isPg ? sql`vacuum analyze` : sql`analyze`).execute(d);
  log('analyzed');
  await d.destroy();
}
/**
 * The SLA watcher keeps a due instant on every open fault work order whose clock runs (null once it
 * stops or while it waits): the generated ones get theirs, two days after issue, so the lists that
 * read it (overdue, due soon, the SLA filters) meet the share of rows they meet in use. Idempotent.
 */
async function runningClocks(d: Db): Promise<void> {
  const due = isPg
    ? sql`to_char((issued_at::timestamptz + interval '2 days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ', issued_at, '+2 days')`;
  const r = await sql`update work_orders set sla_state = 'running', sla_due_at = ${due}
    where kind = 'corrective' and sla_due_at is null
      and status not in ('completed', 'verified', 'closed', 'waiting_materials', 'awaiting_authorization')`.execute(d);
  log(`running SLA clocks on ${r.numAffectedRows ?? 0} open work orders`);
}
if (flag('migrate-only')) {
  await laterMigrations();
  process.exit(0);
}

let db;
if (isPg) {
  const admin = new pg.Client({ connectionString: dbArg });
  await admin.connect();
  await admin.query(`drop schema if exists ${SCHEMA} cascade`);
  await admin.query(`create schema ${SCHEMA}`);
  await admin.end();
  db = createDb({ kind: 'postgres', url: dbArg, schema: SCHEMA });
} else {
  const file = dbArg.replace(/^sqlite:/, '');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  db = createDb({ kind: 'sqlite', file });
}
// The schema before the load: the demo seed writes tables of nearly every migration (#10's class
// documents, price lists per lot…), so it can no longer stop at 0002. Every migration runs first
// (up to `--stop-before`, whose seed may then fail on a missing table); the full-text triggers of
// 0003 fill their tables during the load.
{
  const stopBefore = arg('stop-before');
  const names = Object.keys(migrations).filter((name) => !stopBefore || name < stopBefore);
  const { error } = await migrator(db).migrateTo(names[names.length - 1]);
  if (error) throw error;
}
await seedDemo(db, { now: NOW });
log(`the schema and the demo university on ${isPg ? `PostgreSQL (schema ${SCHEMA})` : dbArg}`);

// --- registry: grow to BUILDINGS buildings, 40 more building managers, REQUESTERS requesters
const ts = NOW.toISOString();
const audit = () => ({ id: randomUUID(), active: 1, version: 1, created_at: ts, updated_at: ts });
const sites = await db.selectFrom('sites').select(['id', 'code']).execute();
const classes = new Map((await db.selectFrom('technology_classes').select(['id', 'code']).execute()).map((c) => [c.code, c.id]));
const contracts = await db.selectFrom('contracts').select(['id', 'lot', 'contractor_id']).execute();
const contractByLot = new Map(contracts.map((c) => [c.lot, c]));
const demoUsers = await db.selectFrom('users').select(['id', 'username', 'display_name', 'contractor_id']).execute();
const users = new Map(demoUsers.map((u) => [u.username, u]));
const contractorUser = new Map(
  demoUsers.filter((u) => u.contractor_id).map((u) => [u.contractor_id!, { id: u.id, label: u.display_name }]),
);
const pwHash = await hashPassword('presidio');

type Row<K extends keyof Database> = Insertable<Database[K]> & { id: string };
const newBuildings: Row<'buildings'>[] = [];
const floors: Row<'floors'>[] = [];
const spaces: Row<'spaces'>[] = [];
const managers: Insertable<Database['building_managers']>[] = [];
const demoBuildings = await db.selectFrom('buildings').select(['id', 'code']).execute();
const bmUsers: Row<'users'>[] = [];
for (let i = 1; i <= 40; i++)
  bmUsers.push({
    ...audit(),
    username: `bm.bench.${String(i).padStart(2, '0')}`,
    display_name: `Responsabile ${i}`,
    email: `bm${i}@bench.example`,
    phone: null,
    language: 'it',
    password_hash: pwHash,
    failed_logins: 0,
    locked_until: null,
    contractor_id: null,
    department_id: null,
  });
for (let i = demoBuildings.length + 1; i <= BUILDINGS; i++) {
  const b = {
    ...audit(),
    site_id: pick(sites).id,
    code: `BN-${String(i).padStart(3, '0')}`,
    name: `Edificio ${i}`,
    address: `Via del Politecnico ${i}, Milano`,
    competence: 'central',
    competence_department_id: null,
  };
  newBuildings.push(b);
  managers.push({ building_id: b.id, user_id: bmUsers[(i - demoBuildings.length - 1) % bmUsers.length].id });
  const nFloors = 2 + int(4);
  for (let f = 0; f < nFloors; f++) {
    const floor = { ...audit(), building_id: b.id, code: `P${f}`, name: `Piano ${f}`, level: f };
    floors.push(floor);
    for (let s = 1; s <= 3 + int(4); s++)
      spaces.push({
        ...audit(),
        building_id: b.id,
        floor_id: floor.id,
        code: `P${f}.${String(s).padStart(2, '0')}`,
        name: pick(['Aula', 'Ufficio', 'Laboratorio', 'Servizi igienici', 'Corridoio', 'Locale tecnico']) + ` ${f}.${s}`,
        use: null,
        area_cm2: (10 + int(200)) * 10000,
      });
  }
}
// bm.bench.big manages a fifth of all buildings (the worst case of a building manager's lists).
const bigBm = {
  ...audit(),
  username: 'bm.bench.big',
  display_name: 'Responsabile di area',
  email: 'bm.big@bench.example',
  phone: null,
  language: 'it',
  password_hash: pwHash,
  failed_logins: 0,
  locked_until: null,
  contractor_id: null,
  department_id: null,
};
bmUsers.push(bigBm);
newBuildings.slice(0, Math.floor(BUILDINGS / 5)).forEach((b) => managers.push({ building_id: b.id, user_id: bigBm.id }));
const reqUsers: Row<'users'>[] = [];
for (let i = 1; i <= REQUESTERS; i++)
  reqUsers.push({
    ...audit(),
    username: `req.${String(i).padStart(4, '0')}`,
    display_name: `Utente ${i}`,
    email: `req${i}@bench.example`,
    phone: null,
    language: i % 10 === 0 ? 'en' : 'it',
    password_hash: pwHash,
    failed_logins: 0,
    locked_until: null,
    contractor_id: null,
    department_id: null,
  });

const chunked = async <R>(rows: R[], fn: (part: R[]) => Promise<unknown>) => {
  for (let i = 0; i < rows.length; i += 500) await fn(rows.slice(i, i + 500));
};
await db.transaction().execute(async (trx) => {
  await chunked(newBuildings, (p) => trx.insertInto('buildings').values(p).execute());
  await chunked(floors, (p) => trx.insertInto('floors').values(p).execute());
  await chunked(spaces, (p) => trx.insertInto('spaces').values(p).execute());
  await chunked([...bmUsers, ...reqUsers], (p) => trx.insertInto('users').values(p).execute());
  await chunked(
    [...bmUsers.map((u) => ({ user_id: u.id, role: 'building_manager' })), ...reqUsers.map((u) => ({ user_id: u.id, role: 'requester' }))],
    (p) => trx.insertInto('user_roles').values(p).execute(),
  );
  await chunked(managers, (p) => trx.insertInto('building_managers').values(p).execute());
  await chunked(
    contracts.flatMap((c) => newBuildings.map((b) => ({ contract_id: c.id, building_id: b.id }))),
    (p) => trx.insertInto('contract_buildings').values(p).execute(),
  );
});
const allBuildings = [...demoBuildings.map((b) => b.id), ...newBuildings.map((b) => b.id)];
const spacesOf = new Map<string, string[]>();
for (const s of await db.selectFrom('spaces').select(['id', 'building_id']).execute()) {
  const l = spacesOf.get(s.building_id) ?? [];
  l.push(s.id);
  spacesOf.set(s.building_id, l);
}
log(
  `registry: ${allBuildings.length} buildings, ${spaces.length} new rooms, ${bmUsers.length} more building managers, ${reqUsers.length} requesters`,
);
await db.destroy();

// --- workflow rows --------------------------------------------------------------------------

const w: Writer = isPg ? await pgWriter(dbArg, SCHEMA) : sqliteWriter(dbArg.replace(/^sqlite:/, ''));
const dropped = await w.dropIndexes(['tickets', 'work_orders', 'events']);
log(`dropped ${dropped.length} secondary indexes for the load`);

const callcenter = users.get('callcenter')!;
const bmCentrale = users.get('bm.centrale')!;
const H = 3600_000;
const DAY = 24 * H;
const end = NOW.getTime();
const start = end - YEARS * 365 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
/** Time-ordered ids for events, as the app makes them (UUIDv7 layout: milliseconds first). */
let evSeq = 0;
const sortableId = (ms: number) => {
  const hex =
    ms.toString(16).padStart(12, '0') + (evSeq++ & 0xfff).toString(16).padStart(4, '0') + randomUUID().replaceAll('-', '').slice(0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
const dayOf = (ms: number) => iso(ms).slice(0, 10);

const OPEN_WO = {
  issued: 10,
  acknowledged: 10,
  inspection_scheduled: 8,
  inspected: 5,
  in_plan_proposed: 3,
  awaiting_authorization: 7,
  authorized: 3,
  scheduled: 20,
  waiting_materials: 10,
  in_progress: 12,
  completed: 12,
};
const PATH = [
  'issued',
  'acknowledged',
  'inspection_scheduled',
  'inspected',
  'awaiting_authorization',
  'authorized',
  'scheduled',
  'in_progress',
  'completed',
  'verified',
];
const ACTION_TO: Record<string, string> = {
  acknowledged: 'acknowledge',
  inspection_scheduled: 'schedule_inspection',
  inspected: 'record_inspection',
  awaiting_authorization: 'submit_quote',
  authorized: 'approve_quote',
  scheduled: 'schedule_work',
  in_progress: 'start_work',
  completed: 'complete',
  verified: 'verify',
};

const counts = { tickets: 0, workOrders: 0, events: 0 };
const yearSeq = new Map<number, number>();
// Creation instants in order, so numbers rise with time as the app gives them.
const step = (end - start) / TICKETS;
let tickets: Val[][] = [];
let wos: Val[][] = [];
let events: Val[][] = [];
const loadStart = performance.now();

async function flush() {
  await w.begin();
  await w.insert(T.tickets, tickets);
  await w.insert(T.workOrders, wos);
  await w.insert(T.events, events);
  await w.commit();
  counts.tickets += tickets.length;
  counts.workOrders += wos.length;
  counts.events += events.length;
  tickets = [];
  wos = [];
  events = [];
}

for (let n = 0; n < TICKETS; n++) {
  const created = Math.floor(start + n * step + rnd() * step);
  const age = end - created;
  const year = new Date(created).getUTCFullYear();
  const seq = (yearSeq.get(year) ?? 0) + 1;
  yearSeq.set(year, seq);
  const number = `${year}-${String(seq).padStart(6, '0')}`;
  const id = randomUUID();
  const [subject, text, cls] = pick(FAULTS);
  const building = allBuildings[skewed(allBuildings.length, 1.5)];
  const space = rnd() < 0.8 ? pick(spacesOf.get(building) ?? [null]) : null;
  const channel = weighted({ web: 60, phone: 30, email: 10 });
  const requester =
    channel === 'web' ? reqUsers[skewed(reqUsers.length)] : channel === 'email' && rnd() < 0.5 ? reqUsers[int(reqUsers.length)] : null;
  const danger = cls === 'GAS' || rnd() < 0.02 ? 1 : 0;
  const description = `${text}, ${pick(EXTRA)}. Codice ${tag()}.`;

  let status: string;
  if (age > 30 * DAY) status = weighted({ closed: 96, resolved: 1, in_progress: 3 });
  else if (age > 3 * DAY) status = weighted({ qualified: 3, in_progress: 60, resolved: 12, closed: 25 });
  else status = weighted({ new: 30, qualifying: 10, qualified: 10, in_progress: 40, closed: 10 });
  const dismissed = status === 'closed' && rnd() < 0.06;

  const ticketEvents: Val[][] = [];
  const ev = (
    at: number,
    woId: string | null,
    actor: { id: string; label: string } | null,
    action: string,
    from: string | null,
    to: string | null,
  ) =>
    ticketEvents.push([
      sortableId(Math.min(at, end)),
      id,
      woId,
      iso(Math.min(at, end)),
      actor?.id ?? null,
      actor?.label ?? 'Sistema',
      action,
      from,
      to,
      '{}',
    ]);
  const opener =
    channel === 'phone'
      ? { id: callcenter.id, label: callcenter.display_name }
      : requester
        ? { id: requester.id, label: requester.display_name }
        : null;
  ev(created, null, opener, 'open', null, 'new');

  const priorities: string[] = [];
  let lastAt = created;
  if (!['new', 'qualifying', 'qualified'].includes(status) && !dismissed) {
    const nWo = rnd() < 0.1 ? 2 : 1;
    for (let k = 1; k <= nWo; k++) {
      const woClass = k === 1 ? cls : pick(Object.keys(CLASS_LOT));
      const contract = contractByLot.get(CLASS_LOT[woClass])!;
      const priority = danger ? 'emergency' : weighted({ emergency: 3, urgent: 17, ordinary: 60, deferrable: 20 });
      priorities.push(priority);
      const issued = Math.min(created + H + int(2 * DAY), end - H);
      let woStatus: string;
      let outcome: string | null = null;
      if (status === 'in_progress') woStatus = k === 2 && rnd() < 0.5 ? 'verified' : weighted(OPEN_WO);
      else if (rnd() < 0.05) {
        woStatus = 'closed';
        outcome = weighted({ in_plan: 2, not_manageable: 1, denied: 1, cancelled: 1 });
      } else woStatus = 'verified';
      const woId = randomUUID();
      const bm = { id: bmCentrale.id, label: bmCentrale.display_name };
      const tech = contractorUser.get(contract.contractor_id)!;
      ev(issued, woId, bm, 'issue', null, 'issued');
      // walk the main path up to the work order's state, a few hours to days per step
      let at = issued;
      const times: Record<string, number> = { issued };
      const target =
        woStatus === 'closed'
          ? 'inspected'
          : woStatus === 'waiting_materials'
            ? 'scheduled'
            : woStatus === 'in_plan_proposed'
              ? 'inspected'
              : woStatus;
      const extra = rnd() < 0.15; // extra-fee work goes through a quote
      for (let s = 1; s < PATH.length && PATH[s - 1] !== target; s++) {
        const st = PATH[s];
        if ((st === 'awaiting_authorization' || st === 'authorized') && !extra && target !== st) continue;
        if ((st === 'inspection_scheduled' || st === 'inspected') && rnd() < 0.3 && target !== st && target !== 'inspected') continue;
        at = Math.min(at + H + int(status === 'in_progress' ? DAY : 3 * DAY), end - H);
        times[st] = at;
        // the long timelines are summarised: every step of closed work orders is not worth 5M rows
        if (st === 'acknowledged' || st === 'completed' || st === 'verified' || st === target)
          ev(at, woId, st === 'verified' ? bm : tech, ACTION_TO[st], PATH[s - 1], st);
      }
      if (woStatus === 'waiting_materials') ev(at + H, woId, tech, 'wait_materials', 'scheduled', 'waiting_materials');
      if (woStatus === 'in_plan_proposed') ev(at + H, woId, tech, 'mark_in_plan', 'inspected', 'in_plan_proposed');
      if (woStatus === 'closed')
        ev(
          at + H,
          woId,
          outcome === 'denied' ? bm : tech,
          outcome === 'cancelled'
            ? 'cancel'
            : outcome === 'denied'
              ? 'deny_quote'
              : outcome === 'in_plan'
                ? 'confirm_in_plan'
                : 'mark_not_manageable',
          'inspected',
          'closed',
        );
      lastAt = Math.max(lastAt, at);
      const open = woStatus !== 'verified' && woStatus !== 'closed';
      // Planned dates around today for open work (some already past), in the past for done work.
      const scheduledAt =
        woStatus === 'scheduled' || woStatus === 'in_progress' || woStatus === 'waiting_materials' || !open
          ? iso(open ? end + (int(20) - 6) * DAY + int(10) * H : (times.scheduled ?? at))
          : null;
      wos.push([
        woId,
        `${number}/${k}`,
        'corrective',
        id,
        woStatus,
        outcome,
        building,
        space,
        classes.get(woClass)!,
        contract.id,
        contract.contractor_id,
        priority,
        description,
        rnd() < 0.3 ? `Vicino a ${pick(['scala A', 'scala B', 'ingresso', 'ascensore', 'bagni'])}` : null,
        extra ? 1 : 0,
        times.inspection_scheduled ? iso(times.inspection_scheduled + DAY) : null,
        scheduledAt,
        woStatus === 'waiting_materials' ? dayOf(end + (int(30) - 10) * DAY) : null,
        bmCentrale.id,
        iso(issued),
        times.acknowledged ? iso(times.acknowledged) : null,
        times.completed ? iso(times.completed) : null,
        times.verified ? iso(times.verified) : null,
        woStatus === 'closed' ? iso(at + H) : null,
        iso(issued),
        iso(Math.max(at, issued)),
      ]);
    }
  }
  const closedAt = status === 'closed' ? Math.min(lastAt + DAY, end) : null;
  if (status === 'closed')
    ev(
      closedAt!,
      null,
      { id: callcenter.id, label: callcenter.display_name },
      dismissed ? 'dismiss' : 'close',
      dismissed ? 'new' : 'resolved',
      'closed',
    );
  const rank = ['emergency', 'urgent', 'ordinary', 'deferrable'];
  const priority = priorities.length ? priorities.sort((a, b) => rank.indexOf(a) - rank.indexOf(b))[0] : danger ? 'emergency' : null;
  const rated = status === 'closed' && !dismissed && requester && rnd() < 0.3;
  tickets.push([
    id,
    number,
    status,
    channel === 'web' ? 'web' : channel,
    requester?.id ?? null,
    requester ? null : `Chiamante ${int(100000)}`,
    requester ? null : `+39 02 ${1000 + int(9000)} ${1000 + int(9000)}`,
    channel === 'email' && !requester ? `utente${int(100000)}@esempio.example` : null,
    opener?.id ?? null,
    building,
    space,
    subject,
    description,
    danger,
    priority,
    'it',
    0,
    rnd() < 0.05 ? 1 : 0,
    rated ? 1 + int(5) : null,
    rated ? 1 : null,
    rated ? iso(closedAt! + DAY) : null,
    iso(created),
    iso(Math.max(created, closedAt ?? lastAt)),
    closedAt ? iso(closedAt) : null,
  ]);
  events.push(...ticketEvents);
  if (tickets.length >= BATCH) await flush();
  if ((n + 1) % 100_000 === 0) {
    const s = (performance.now() - loadStart) / 1000;
    log(`${n + 1} tickets (${Math.round((counts.tickets + counts.workOrders + counts.events) / s)} rows/s)`);
  }
}
await flush();
const loadSeconds = (performance.now() - loadStart) / 1000;
const rows = counts.tickets + counts.workOrders + counts.events;
log(
  `loaded ${counts.tickets} tickets, ${counts.workOrders} work orders, ${counts.events} events: ${rows} rows in ${loadSeconds.toFixed(1)} s = ${Math.round(rows / loadSeconds)} rows/s`,
);

for (const [year, last] of yearSeq) await w.exec(`insert into ticket_counters (year, last) values (${year}, ${last})`);
const idxStart = performance.now();
for (const def of dropped) await w.exec(def);
log(`rebuilt ${dropped.length} indexes in ${((performance.now() - idxStart) / 1000).toFixed(1)} s`);
await w.close();

await laterMigrations();
log(`done: ${rows} rows; ${dbArg}${isPg ? ` schema ${SCHEMA}` : ''}`);
