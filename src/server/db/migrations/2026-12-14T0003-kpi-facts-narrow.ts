// Frozen migration (#11): the service indicators' facts table becomes one narrow row per work
// order (planned work too), so a contract-year's report reads one index range of short rows and
// no work_orders row (2026-12-13T0002's join of 62,000 wide, scattered work orders was ~2.5 s of I/O).
//   work_order_kpi_facts  keyed (contract_id, issued_at, work_order_id) — SQLite `WITHOUT ROWID`,
//     so the range is the table itself; unique on work_order_id for the writers.
//     - what the figures group, filter and scope by, mirrored from work_orders (`version` is the
//       work order's) and the ticket's rating (score, link sent, follow-up state): kept by the
//       triggers below in the writing statement's own transaction, never by the application;
//     - the KPI engine's facts (facts_version … computed_at, null until computed), written by the
//       application (refreshWorkOrderSla, the filler: modules/kpi/facts.ts) from the timeline;
//       trusted when facts_version = version and final = 1.
//   rating_tokens (ticket_id)  the triggers' and the ratings' lookup by ticket.
// Existing facts are carried over; nothing to recompute after the upgrade.
import { sql, type Kysely } from 'kysely';

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name.startsWith('Postgres');

/** The work order's columns the rows mirror, as (row column, work_orders column). */
const MIRRORED: Array<[string, string]> = [
  ['contract_id', 'contract_id'],
  ['issued_at', 'issued_at'],
  ['number', 'number'],
  ['kind', 'kind'],
  ['status', 'status'],
  ['outcome', 'outcome'],
  ['priority', 'priority'],
  ['version', 'version'],
  ['contractor_id', 'contractor_id'],
  ['building_id', 'building_id'],
  ['technology_class_id', 'technology_class_id'],
  ['ticket_id', 'ticket_id'],
  ['wo_completed_at', 'completed_at'],
  ['due_on', 'due_on'],
];
const FACTS = [
  'facts_version',
  'final',
  'take_charge_status',
  'take_charge_ms',
  'on_site_status',
  'on_site_ms',
  'resolution_status',
  'resolution_ms',
  'completed_at',
  'reopened',
  'rejected_completions',
  'visits',
  'closed_outcome',
  'computed_at',
];

/** The ticket's rating as of now, for the work order `w` (`new`/`old` in a trigger, a table alias otherwise). */
const ratingOf = (w: string) => [
  `(select t.rating_stars from tickets t where t.id = ${w}.ticket_id)`,
  `case when exists (select 1 from rating_tokens rt where rt.ticket_id = ${w}.ticket_id) then 1 else 0 end`,
  `(select fu.status from rating_follow_ups fu where fu.ticket_id = ${w}.ticket_id)`,
];
const RATING = ['rating_stars', 'rating_link', 'follow_up'];

const INSERT_COLUMNS = ['work_order_id', ...MIRRORED.map(([c]) => c), ...RATING].join(', ');
const insertValues = (w: string) => [`${w}.id`, ...MIRRORED.map(([, c]) => `${w}.${c}`), ...ratingOf(w)].join(', ');
const updateSet = (w: string) =>
  [...MIRRORED.map(([r, c]) => `${r} = ${w}.${c}`), ...RATING.map((r, i) => `${r} = ${ratingOf(w)[i]}`)].join(', ');
const WATCHED = MIRRORED.map(([, c]) => c).join(', ');

/** Statements that keep the rows' mirrored and rating columns (each a complete trigger on SQLite). */
const SQLITE_TRIGGERS = [
  `create trigger work_order_kpi_facts_ai after insert on work_orders begin
     insert into work_order_kpi_facts (${INSERT_COLUMNS}) values (${insertValues('new')}); end`,
  `create trigger work_order_kpi_facts_au after update of ${WATCHED} on work_orders begin
     update work_order_kpi_facts set ${updateSet('new')} where work_order_id = old.id; end`,
  `create trigger work_order_kpi_facts_ad after delete on work_orders begin
     delete from work_order_kpi_facts where work_order_id = old.id; end`,
  `create trigger tickets_kpi_rating_au after update of rating_stars on tickets begin
     update work_order_kpi_facts set rating_stars = new.rating_stars where ticket_id = new.id; end`,
  `create trigger rating_tokens_kpi_ai after insert on rating_tokens begin
     update work_order_kpi_facts set rating_link = 1 where ticket_id = new.ticket_id; end`,
  `create trigger rating_tokens_kpi_ad after delete on rating_tokens begin
     update work_order_kpi_facts set rating_link = ${ratingOf('old')[1]} where ticket_id = old.ticket_id; end`,
  `create trigger rating_follow_ups_kpi_ai after insert on rating_follow_ups begin
     update work_order_kpi_facts set follow_up = new.status where ticket_id = new.ticket_id; end`,
  `create trigger rating_follow_ups_kpi_au after update of status, ticket_id on rating_follow_ups begin
     update work_order_kpi_facts set follow_up = ${ratingOf('old')[2]} where ticket_id = old.ticket_id;
     update work_order_kpi_facts set follow_up = new.status where ticket_id = new.ticket_id; end`,
  `create trigger rating_follow_ups_kpi_ad after delete on rating_follow_ups begin
     update work_order_kpi_facts set follow_up = ${ratingOf('old')[2]} where ticket_id = old.ticket_id; end`,
];

/** PostgreSQL: one function per source table, the same statements. */
const PG_FUNCTIONS: Array<{ name: string; table: string; events: string; body: string }> = [
  {
    name: 'work_order_kpi_facts_sync',
    table: 'work_orders',
    events: `insert or update of ${WATCHED} or delete`,
    body: `if tg_op = 'INSERT' then
             insert into work_order_kpi_facts (${INSERT_COLUMNS}) values (${insertValues('new')});
           elsif tg_op = 'UPDATE' then
             update work_order_kpi_facts set ${updateSet('new')} where work_order_id = old.id;
           else
             delete from work_order_kpi_facts where work_order_id = old.id;
           end if;`,
  },
  {
    name: 'tickets_kpi_rating_sync',
    table: 'tickets',
    events: 'update of rating_stars',
    body: `update work_order_kpi_facts set rating_stars = new.rating_stars where ticket_id = new.id;`,
  },
  {
    name: 'rating_tokens_kpi_sync',
    table: 'rating_tokens',
    events: 'insert or delete',
    body: `if tg_op = 'INSERT' then
             update work_order_kpi_facts set rating_link = 1 where ticket_id = new.ticket_id;
           else
             update work_order_kpi_facts set rating_link = ${ratingOf('old')[1]} where ticket_id = old.ticket_id;
           end if;`,
  },
  {
    name: 'rating_follow_ups_kpi_sync',
    table: 'rating_follow_ups',
    events: 'insert or update of status, ticket_id or delete',
    body: `if tg_op <> 'INSERT' then
             update work_order_kpi_facts set follow_up = ${ratingOf('old')[2]} where ticket_id = old.ticket_id;
           end if;
           if tg_op <> 'DELETE' then
             update work_order_kpi_facts set follow_up = new.status where ticket_id = new.ticket_id;
           end if;`,
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await sql`alter table work_order_kpi_facts rename to work_order_kpi_facts_old`.execute(db);
  await sql
    .raw(
      `create table work_order_kpi_facts (
         contract_id text not null,
         issued_at text not null,
         work_order_id text not null,
         number text not null,
         kind text not null,
         status text not null,
         outcome text,
         priority text not null,
         version integer not null,
         contractor_id text not null,
         building_id text not null,
         technology_class_id text not null,
         ticket_id text,
         wo_completed_at text,
         due_on text,
         rating_stars integer,
         rating_link integer not null,
         follow_up text,
         facts_version integer,
         final integer,
         take_charge_status text,
         take_charge_ms double precision,
         on_site_status text,
         on_site_ms double precision,
         resolution_status text,
         resolution_ms double precision,
         completed_at text,
         reopened integer,
         rejected_completions integer,
         visits integer,
         closed_outcome text,
         computed_at text,
         primary key (contract_id, issued_at, work_order_id)
       )${pg ? '' : ' without rowid'}`,
    )
    .execute(db);
  await db.schema.createIndex('rating_tokens_ticket_idx').on('rating_tokens').column('ticket_id').execute();
  // The rows in key order, the facts carried over from the old table.
  await sql
    .raw(
      `insert into work_order_kpi_facts (${INSERT_COLUMNS}, ${FACTS.join(', ')})
       select ${insertValues('w')}, o.version, ${FACTS.slice(1)
         .map((c) => `o.${c}`)
         .join(', ')}
       from work_orders w left join work_order_kpi_facts_old o on o.work_order_id = w.id
       order by w.contract_id, w.issued_at, w.id`,
    )
    .execute(db);
  await sql`drop table work_order_kpi_facts_old`.execute(db);
  await db.schema.createIndex('work_order_kpi_facts_wo_idx').unique().on('work_order_kpi_facts').column('work_order_id').execute();
  await db.schema.createIndex('work_order_kpi_facts_ticket_idx').on('work_order_kpi_facts').column('ticket_id').execute();
  if (pg) {
    for (const f of PG_FUNCTIONS) {
      await sql.raw(`create function ${f.name}() returns trigger language plpgsql as $$ begin ${f.body} return null; end $$`).execute(db);
      await sql.raw(`create trigger ${f.name} after ${f.events} on ${f.table} for each row execute function ${f.name}()`).execute(db);
    }
  } else {
    for (const t of SQLITE_TRIGGERS) await sql.raw(t).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const f of PG_FUNCTIONS) {
      await sql.raw(`drop trigger ${f.name} on ${f.table}`).execute(db);
      await sql.raw(`drop function ${f.name}()`).execute(db);
    }
  } else {
    for (const t of SQLITE_TRIGGERS) await sql.raw(`drop trigger ${/create trigger (\w+)/.exec(t)![1]}`).execute(db);
  }
  await db.schema.dropIndex('rating_tokens_ticket_idx').execute();
  await db.schema.dropTable('work_order_kpi_facts').execute();
  // The earlier table, empty: its filler recomputes it.
  let t = db.schema
    .createTable('work_order_kpi_facts')
    .addColumn('work_order_id', 'text', (c) => c.primaryKey().references('work_orders.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('final', 'integer', (c) => c.notNull());
  for (const clock of ['take_charge', 'on_site', 'resolution'])
    t = t.addColumn(`${clock}_status`, 'text').addColumn(`${clock}_ms`, 'double precision');
  await t
    .addColumn('completed_at', 'text')
    .addColumn('reopened', 'integer', (c) => c.notNull())
    .addColumn('rejected_completions', 'integer', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addColumn('closed_outcome', 'text')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
}
