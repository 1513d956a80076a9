// Frozen migration (#9, call center): the ticket list's search also finds a ticket by who called —
// the caller's name, e-mail or phone as stored on the ticket. Each word typed must begin a word of
// that text (as for subject and description, migration 0003), and a phone number also matches
// typed as one run of digits, with or without the country code (0255507712 finds "+39 02 5550 7712").
//
// SQLite: a contentless FTS5 table kept by triggers, keyed through a small table (as in 0003);
// only tickets with a caller have a row. PostgreSQL: a GIN index on to_tsvector('simple', …) —
// the list query repeats the expression exactly (worklists.repository.ts CALLER_TEXT_PG).
import { sql, type Kysely } from 'kysely';

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name.startsWith('Postgres');

/** The phone's digits, without a leading Italian country code (SQLite has no regexp_replace). */
function sqliteDigits(col: string): string {
  let d = `coalesce(${col}, '')`;
  for (const ch of [' ', '+', '-', '.', '/', '(', ')']) d = `replace(${d}, '${ch}', '')`;
  return `(case when ${d} like '0039%' then substr(${d}, 5) when ${d} like '39%' then substr(${d}, 3) else ${d} end)`;
}

function sqliteCallerText(row: 'new' | 't'): string {
  return `coalesce(${row}.caller_name, '') || ' ' || coalesce(${row}.caller_email, '') || ' ' || coalesce(${row}.caller_phone, '') || ' ' || ${sqliteDigits(`${row}.caller_phone`)}`;
}

const HAS_CALLER = (row: string) =>
  `(${row}.caller_name is not null or ${row}.caller_email is not null or ${row}.caller_phone is not null)`;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create index tickets_caller_search_idx on tickets using gin (to_tsvector('simple',
      regexp_replace(coalesce(caller_name, '') || ' ' || coalesce(caller_email, '') || ' ' || coalesce(caller_phone, ''), '[^[:alnum:]]+', ' ', 'g')
      || ' ' || regexp_replace(regexp_replace(coalesce(caller_phone, ''), '[^0-9]+', '', 'g'), '^(00)?39', '')))`.execute(db);
    return;
  }
  const text = sqliteCallerText('new');
  for (const s of [
    `create table tickets_callers_fts_keys (id integer primary key, ticket_id text not null unique)`,
    `create virtual table tickets_callers_fts using fts5(caller, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`,
    `create trigger tickets_callers_fts_ai after insert on tickets when ${HAS_CALLER('new')} begin
       insert into tickets_callers_fts_keys(ticket_id) values (new.id);
       insert into tickets_callers_fts(rowid, caller) values ((select id from tickets_callers_fts_keys where ticket_id = new.id), ${text});
     end`,
    `create trigger tickets_callers_fts_au after update of caller_name, caller_email, caller_phone on tickets
     when old.caller_name is not new.caller_name or old.caller_email is not new.caller_email or old.caller_phone is not new.caller_phone begin
       delete from tickets_callers_fts where rowid = (select id from tickets_callers_fts_keys where ticket_id = old.id);
       insert or ignore into tickets_callers_fts_keys(ticket_id) select new.id where ${HAS_CALLER('new')};
       insert into tickets_callers_fts(rowid, caller)
         select k.id, ${text} from tickets_callers_fts_keys k where k.ticket_id = new.id and ${HAS_CALLER('new')};
     end`,
    `create trigger tickets_callers_fts_ad after delete on tickets begin
       delete from tickets_callers_fts where rowid = (select id from tickets_callers_fts_keys where ticket_id = old.id);
       delete from tickets_callers_fts_keys where ticket_id = old.id;
     end`,
    `insert into tickets_callers_fts_keys(ticket_id) select id from tickets t where ${HAS_CALLER('t')} order by created_at`,
    `insert into tickets_callers_fts(rowid, caller) select k.id, ${sqliteCallerText('t')} from tickets t join tickets_callers_fts_keys k on k.ticket_id = t.id`,
  ]) {
    await sql.raw(s).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index tickets_caller_search_idx`.execute(db);
    return;
  }
  for (const name of ['tickets_callers_fts_ad', 'tickets_callers_fts_au', 'tickets_callers_fts_ai'])
    await sql`drop trigger ${sql.id(name)}`.execute(db);
  for (const name of ['tickets_callers_fts', 'tickets_callers_fts_keys']) await sql`drop table ${sql.id(name)}`.execute(db);
}
