// Frozen migration: what the work lists need to stay fast at a million tickets
// (docs/BENCHMARKS.md has the figures before and after).
//
// Text search: each word typed must begin a word of the ticket's subject or description, or of
// the work order's description or location. SQLite: FTS5 tables kept by triggers (contentless,
// keyed through a small table because tickets' rowids are not stable across VACUUM); PostgreSQL: GIN
// indexes on to_tsvector('simple', …) — the list queries repeat these expressions exactly.
import { sql, type Kysely } from 'kysely';

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name.startsWith('Postgres');

export async function up(db: Kysely<any>): Promise<void> {
  // "mine" for staff: the tickets they opened (call center on the phone).
  await db.schema.createIndex('tickets_opened_by_created_idx').on('tickets').columns(['opened_by_id', 'created_at', 'id']).execute();
  // A contractor's work orders, newest first, whatever their state.
  await db.schema
    .createIndex('work_orders_contractor_issued_idx')
    .on('work_orders')
    .columns(['contractor_id', 'issued_at', 'id'])
    .execute();
  // Work whose planned date has passed (scheduled, or waiting for materials expected earlier).
  await db.schema
    .createIndex('work_orders_status_scheduled_idx')
    .on('work_orders')
    .columns(['status', 'scheduled_at', 'ticket_id'])
    .execute();
  await db.schema
    .createIndex('work_orders_status_expected_idx')
    .on('work_orders')
    .columns(['status', 'expected_on', 'ticket_id'])
    .execute();
  // Sort by priority (emergency first): the lists repeat this expression exactly.
  const rank = sql`(case priority when 'emergency' then 0 when 'urgent' then 1 when 'ordinary' then 2 when 'deferrable' then 3 else 4 end)`;
  await sql`create index tickets_priority_created_idx on tickets (${rank}, created_at, id)`.execute(db);
  await sql`create index work_orders_priority_issued_idx on work_orders (${rank}, issued_at, id)`.execute(db);

  if (isPostgres(db)) {
    await sql`create index tickets_search_idx on tickets using gin (to_tsvector('simple', subject || ' ' || description))`.execute(db);
    await sql`create index work_orders_search_idx on work_orders using gin (to_tsvector('simple', description || ' ' || coalesce(location, '')))`.execute(
      db,
    );
    return;
  }

  for (const s of [
    sql`create table tickets_fts_keys (id integer primary key, ticket_id text not null unique)`,
    sql`create virtual table tickets_fts using fts5(subject, description, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`,
    sql`create trigger tickets_fts_ai after insert on tickets begin
          insert into tickets_fts_keys(ticket_id) values (new.id);
          insert into tickets_fts(rowid, subject, description)
            values ((select id from tickets_fts_keys where ticket_id = new.id), new.subject, new.description);
        end`,
    sql`create trigger tickets_fts_au after update of subject, description on tickets
        when old.subject is not new.subject or old.description is not new.description begin
          delete from tickets_fts where rowid = (select id from tickets_fts_keys where ticket_id = old.id);
          insert into tickets_fts(rowid, subject, description)
            values ((select id from tickets_fts_keys where ticket_id = new.id), new.subject, new.description);
        end`,
    sql`create trigger tickets_fts_ad after delete on tickets begin
          delete from tickets_fts where rowid = (select id from tickets_fts_keys where ticket_id = old.id);
          delete from tickets_fts_keys where ticket_id = old.id;
        end`,
    sql`insert into tickets_fts_keys(ticket_id) select id from tickets order by created_at`,
    sql`insert into tickets_fts(rowid, subject, description)
          select k.id, t.subject, t.description from tickets t join tickets_fts_keys k on k.ticket_id = t.id`,

    sql`create table work_orders_fts_keys (id integer primary key, work_order_id text not null unique)`,
    sql`create virtual table work_orders_fts using fts5(description, location, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`,
    sql`create trigger work_orders_fts_ai after insert on work_orders begin
          insert into work_orders_fts_keys(work_order_id) values (new.id);
          insert into work_orders_fts(rowid, description, location)
            values ((select id from work_orders_fts_keys where work_order_id = new.id), new.description, coalesce(new.location, ''));
        end`,
    sql`create trigger work_orders_fts_au after update of description, location on work_orders
        when old.description is not new.description or old.location is not new.location begin
          delete from work_orders_fts where rowid = (select id from work_orders_fts_keys where work_order_id = old.id);
          insert into work_orders_fts(rowid, description, location)
            values ((select id from work_orders_fts_keys where work_order_id = new.id), new.description, coalesce(new.location, ''));
        end`,
    sql`create trigger work_orders_fts_ad after delete on work_orders begin
          delete from work_orders_fts where rowid = (select id from work_orders_fts_keys where work_order_id = old.id);
          delete from work_orders_fts_keys where work_order_id = old.id;
        end`,
    sql`insert into work_orders_fts_keys(work_order_id) select id from work_orders order by issued_at`,
    sql`insert into work_orders_fts(rowid, description, location)
          select k.id, w.description, coalesce(w.location, '') from work_orders w join work_orders_fts_keys k on k.work_order_id = w.id`,
  ]) {
    await s.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index work_orders_search_idx`.execute(db);
    await sql`drop index tickets_search_idx`.execute(db);
  } else {
    for (const name of [
      'work_orders_fts_ad',
      'work_orders_fts_au',
      'work_orders_fts_ai',
      'tickets_fts_ad',
      'tickets_fts_au',
      'tickets_fts_ai',
    ]) {
      await sql`drop trigger ${sql.id(name)}`.execute(db);
    }
    for (const name of ['work_orders_fts', 'work_orders_fts_keys', 'tickets_fts', 'tickets_fts_keys']) {
      await sql`drop table ${sql.id(name)}`.execute(db);
    }
  }
  for (const name of [
    'work_orders_priority_issued_idx',
    'tickets_priority_created_idx',
    'work_orders_status_expected_idx',
    'work_orders_status_scheduled_idx',
    'work_orders_contractor_issued_idx',
    'tickets_opened_by_created_idx',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
