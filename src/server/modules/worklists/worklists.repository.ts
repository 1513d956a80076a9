// The SQL of the work lists: one keyset page of tickets or work orders (filters, scope and work
// list all in the WHERE clause), a capped count, the display columns of a page, the work orders
// of a page of tickets, and what the printable sheet needs. Column and table names come from
// this file only; every value from the client travels as a parameter.
import {
  expressionBuilder,
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import { engineOf, type Db } from '../../db/create-db.ts';
import type { SlaRowFilter } from '../sla/overdue.ts';
import { slaStateIs } from '../sla/sla.repository.ts';
import { userWordsWhere } from '../callers/callers.repository.ts';
import { scopeExpr, type Pred, type RowScope, type ViewPart } from './worklists.views.ts';

// Transaction<Database> is a Kysely<Database> too; the lists build their SQL untyped, like the
// registry's generic repository, because predicates address tables by alias.
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped by design, see above */
const any = (db: Db) => db as unknown as Kysely<any>;
const eb: ExpressionBuilder<any, any> = expressionBuilder<any, any>();
/** A selected row: the listed table's columns, plus the sort keys. */
export type Row = Record<string, any>;
/** A one-column subquery of ids. */
type Sub = SelectQueryBuilder<any, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */
const c = (alias: string, column: string) => eb.ref(`${alias}.${column}`);

export type Resource = 'tickets' | 'workOrders';
export type SortKey = 'created' | 'issued' | 'priority' | 'number' | 'due';
export type Direction = 'asc' | 'desc';
export interface Sort {
  key: SortKey;
  dir: Direction;
}

/**
 * What the search box holds: a number (the exact stored forms it may stand for) and/or words.
 * `matchIds`: the rows the words match, when the service found them few (see `wordMatches`).
 */
export type Search =
  | { kind: 'number'; ticketNumbers: string[]; workOrderNumbers: string[]; words: string[]; matchIds?: string[]; callers?: boolean }
  | { kind: 'words'; words: string[]; matchIds?: string[]; callers?: boolean };

export interface Filters {
  status?: string[];
  buildingId?: string;
  technologyClassId?: string;
  priority?: string[];
  contractorId?: string;
  ticketId?: string;
  kind?: string;
  /** ISO instants, [from, to) on created_at (tickets) / issued_at (work orders) */
  fromInstant?: string;
  toInstant?: string;
  search?: Search;
  /** SLA row states (any of them), split at `now` (migration 2026-12-09T0008's stored columns) */
  sla?: { states: SlaRowFilter[]; now: string };
}

export interface ListSpec {
  resource: Resource;
  filters: Filters;
  /** the caller's scope on the listed rows */
  scope: RowScope;
  /** the caller's scope on work orders, used inside "tickets having such a work order" */
  workOrderScope: RowScope;
  /** the named work list, or null */
  view: ViewPart[] | null;
  sort: Sort;
}

const A = { tickets: 't', workOrders: 'w' } as const;
const TABLE = { tickets: 'tickets', workOrders: 'work_orders' } as const;
const TIME = { tickets: 'created_at', workOrders: 'issued_at' } as const;

/** The SLA due instant; rows with none (paused, stopped, no clock) after every due one. */
export const slaDueKey = (alias: string): RawBuilder<string> =>
  sql<string>`coalesce(${sql.ref(`${alias}.sla_due_at`)}, '9999-12-31T23:59:59.999Z')`;

/** Emergency first; a ticket whose priority is not known yet comes last. */
export const priorityRank = (alias: string): RawBuilder<number> =>
  sql<number>`(case ${sql.ref(`${alias}.priority`)} when 'emergency' then 0 when 'urgent' then 1 when 'ordinary' then 2 when 'deferrable' then 3 else 4 end)`;

/** The sort keys before the id tiebreak, and whether each cursor value is a number. */
export function sortKeys(resource: Resource, key: SortKey): Array<{ expr: Expression<unknown>; numeric: boolean; column: string }> {
  const a = A[resource];
  const time = { expr: c(a, TIME[resource]), numeric: false, column: TIME[resource] };
  if (key === 'number') return [{ expr: c(a, 'number'), numeric: false, column: 'number' }];
  if (key === 'due') return [{ expr: slaDueKey(a), numeric: false, column: 'sla_due_key' }];
  if (key === 'priority') return [{ expr: priorityRank(a), numeric: true, column: 'priority_rank' }, time];
  return [time];
}

// --- text search ----------------------------------------------------------------------------
// Words: each word must begin a word of the indexed text (prefix match, AND), through the full-text
// index of each engine (migration 0003): FTS5 on SQLite, a GIN index on to_tsvector('simple', …)
// on PostgreSQL. The expressions below must stay identical to the indexed ones.
function ftsMatch(words: string[]): string {
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
}
const tsWord = (w: string) => w.replaceAll(/[^\p{L}\p{N}]/gu, '');
function tsQuery(words: string[]): string {
  return words.map((w) => `${tsWord(w)}:*`).join(' & ');
}
/**
 * PostgreSQL, a row at a time: the text holds each word (ILIKE, a fraction of a microsecond), then
 * its vector matches the query (to_tsvector, ~10 µs a ticket). Every word of a vector is a piece of
 * the text, so a text without the piece cannot match: the first test only spares vectors.
 */
function pgRowMatches(text: Expression<string>, words: string[]): Expression<SqlBool> {
  const pieces = sql.join(
    words.map((w) => sql`${text} ilike ${`%${tsWord(w)}%`}`),
    sql` and `,
  );
  return sql<SqlBool>`case when ${pieces} then to_tsvector('simple', ${text}) @@ to_tsquery('simple', ${tsQuery(words)}) else false end`;
}

/** Ids of tickets whose subject or description matches the words (and, with `callers`, who called): a subquery. */
function ticketWords(db: Db, words: string[], callers = false): Sub {
  let text: Sub;
  if (engineOf(db) === 'postgres') {
    text = any(db)
      .selectFrom('tickets as t_s')
      .select('t_s.id')
      .where(sql<SqlBool>`to_tsvector('simple', t_s.subject || ' ' || t_s.description) @@ to_tsquery('simple', ${tsQuery(words)})`);
  } else {
    text = any(db)
      .selectFrom('tickets_fts as f')
      .innerJoin('tickets_fts_keys as k', 'k.id', 'f.rowid')
      .select('k.ticket_id')
      .where(sql<SqlBool>`tickets_fts match ${ftsMatch(words)}`);
  }
  return callers ? text.union(callerWords(db, words)).union(requesterWords(db, words)) : text;
}

/**
 * The subqueries whose ids together are the rows the words match (ticketWords' union, taken
 * apart): those answered by a full-text index, then (staff's ticket search) the requesters'.
 */
function wordSets(db: Db, resource: Resource, words: string[], callers: boolean): { fullText: Sub[]; people: Sub | null } {
  if (resource === 'workOrders') return { fullText: [workOrderWords(db, words)], people: null };
  if (!callers) return { fullText: [ticketWords(db, words)], people: null };
  return { fullText: [ticketWords(db, words), callerWords(db, words)], people: requesterWords(db, words) };
}

// Who called (migration 2026-12-09T0004): the caller's name, e-mail and phone as the ticket stores
// them, the phone also as one run of digits without +39. The expression must stay identical to the index's.
const CALLER_TEXT_PG = sql`regexp_replace(coalesce(t_c.caller_name, '') || ' ' || coalesce(t_c.caller_email, '') || ' ' || coalesce(t_c.caller_phone, ''), '[^[:alnum:]]+', ' ', 'g')
      || ' ' || regexp_replace(regexp_replace(coalesce(t_c.caller_phone, ''), '[^0-9]+', '', 'g'), '^(00)?39', '')`;

function callerWords(db: Db, words: string[]): Sub {
  if (engineOf(db) === 'postgres') {
    return any(db)
      .selectFrom('tickets as t_c')
      .select('t_c.id')
      .where(sql<SqlBool>`to_tsvector('simple', ${CALLER_TEXT_PG}) @@ to_tsquery('simple', ${tsQuery(words)})`);
  }
  return any(db)
    .selectFrom('tickets_callers_fts as fc')
    .innerJoin('tickets_callers_fts_keys as kc', 'kc.id', 'fc.rowid')
    .select('kc.ticket_id')
    .where(sql<SqlBool>`tickets_callers_fts match ${ftsMatch(words)}`);
}

/** Tickets whose requester (a user, e.g. the caller the call center linked) has the words in name, e-mail or phone. */
function requesterWords(db: Db, words: string[]): Sub {
  return any(db).selectFrom('tickets as t_r').select('t_r.id').where('t_r.requester_id', 'in', usersMatching(db, words));
}

/** Ids of users whose name, e-mail or phone has the words. */
const usersMatching = (db: Db, words: string[]): Sub =>
  any(db).selectFrom('users as u_r').select('u_r.id').where(userWordsWhere('u_r', words));

/** Ids of work orders whose description or location matches the words: a subquery. */
function workOrderWords(db: Db, words: string[]): Sub {
  if (engineOf(db) === 'postgres') {
    return any(db)
      .selectFrom('work_orders as w_s')
      .select('w_s.id')
      .where(
        sql<SqlBool>`to_tsvector('simple', w_s.description || ' ' || coalesce(w_s.location, '')) @@ to_tsquery('simple', ${tsQuery(words)})`,
      );
  }
  return any(db)
    .selectFrom('work_orders_fts as f')
    .innerJoin('work_orders_fts_keys as k', 'k.id', 'f.rowid')
    .select('k.work_order_id')
    .where(sql<SqlBool>`work_orders_fts match ${ftsMatch(words)}`);
}

/**
 * Whether the listed row (alias t or w) matches the words, tested row by row: for walking the
 * list's order when the matches are many (a page needs ~50/share rows). Collecting every match
 * first (`id in (subquery)`) costs in proportion to the matches: on SQLite a key lookup per match
 * (42,000 for a word in 4% of a million tickets: 45 ms), on PostgreSQL, with the callers' union,
 * every match fetched and joined to a scan of all tickets (1 s). Here SQLite looks up the walked
 * row's full-text key and tests it against the index's own rowids (a list it builds once);
 * PostgreSQL computes the row's text vector; callers and requesters, few, are collected once.
 */
function rowMatchesWords(db: Db, resource: Resource, words: string[], callers = false): Expression<SqlBool> {
  const a = A[resource];
  const pg = engineOf(db) === 'postgres';
  if (resource === 'workOrders') {
    return pg
      ? pgRowMatches(sql<string>`${c(a, 'description')} || ' ' || coalesce(${c(a, 'location')}, '')`, words)
      : sql<SqlBool>`(select k.id from work_orders_fts_keys k where k.work_order_id = ${c(a, 'id')})
          in (select rowid from work_orders_fts where work_orders_fts match ${ftsMatch(words)})`;
  }
  const text = pg
    ? pgRowMatches(sql<string>`${c(a, 'subject')} || ' ' || ${c(a, 'description')}`, words)
    : sql<SqlBool>`(select k.id from tickets_fts_keys k where k.ticket_id = ${c(a, 'id')})
          in (select rowid from tickets_fts where tickets_fts match ${ftsMatch(words)})`;
  if (!callers) return text;
  // `+` keeps SQLite from answering the OR through the id and requester indexes (a union of all matches).
  const col = (name: string) => (pg ? c(a, name) : sql`+${c(a, name)}`);
  return eb.or([
    text,
    sql<SqlBool>`${col('id')} in (${callerWords(db, words)})`,
    sql<SqlBool>`${col('requester_id')} in (${usersMatching(db, words)})`,
  ]);
}

/**
 * The ids of the rows the words match, through the full-text indexes (and the requesters'
 * index), or at least `cap + 1` of them when they are more, or null when
 * PostgreSQL's statistics already say the matches are `plenty` (then the planner's walk of the sort
 * index is the fast plan and collecting would only cost). Why collect at all: PostgreSQL cannot
 * estimate a prefix query on a word its statistics do not list (it assumes 0.5% of rows) and, with
 * ORDER BY … LIMIT, would walk the sort index recomputing to_tsvector on every row — seconds for a
 * rare word. Here only bitmap scans are allowed, so the GIN index answers.
 */
export async function wordMatches(
  db: Db,
  resource: Resource,
  words: string[],
  cap: number,
  plenty: number,
  callers = false,
): Promise<string[] | null> {
  // Each set apart, each capped: a UNION would read every match of every set before its LIMIT
  // (on SQLite a key lookup per match: 45 ms for a word in 42,000 tickets; on PostgreSQL every
  // matching row fetched), where `cap + 1` distinct ids are enough to know they are many.
  const ids = new Set<string>();
  const collect = async (sets: Sub[]) => {
    for (const set of sets) {
      if (ids.size > cap) return;
      for (const r of await set.limit(cap + 1).execute()) ids.add(Object.values(r as Row)[0] as string);
    }
  };
  const { fullText, people } = wordSets(db, resource, words, callers);
  if (engineOf(db) === 'postgres') {
    // Words PostgreSQL's statistics know to be common (its estimate is right for those): no need to
    // collect matches, the planner's own walk of the sort index is the fast plan (null = many).
    const compiled = fullText[0].compile();
    const explained = await db.executeQuery({ ...compiled, sql: `explain (format json) ${compiled.sql}` });
    const estimate = (explained.rows[0] as { 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> })['QUERY PLAN'][0].Plan['Plan Rows'];
    if (estimate >= plenty) return null;
    await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_indexscan = off`.execute(trx);
      await collect(wordSets(trx, resource, words, callers).fullText);
    });
  } else {
    await collect(fullText);
  }
  // The requesters' tickets through the ordinary plan (users by their words, then their tickets).
  if (people) await collect([people]);
  return [...ids];
}

/** `walk`: the query walks an order and stops at a page (see rowMatchesWords); a count reads every match. */
function searchExpr(db: Db, resource: Resource, s: Search, walk: boolean): Expression<SqlBool> {
  const a = A[resource];
  const parts: Expression<SqlBool>[] = [];
  if (s.kind === 'number') {
    if (resource === 'tickets') {
      if (s.ticketNumbers.length) parts.push(eb(c(a, 'number'), 'in', s.ticketNumbers));
    } else {
      if (s.workOrderNumbers.length) parts.push(eb(c(a, 'number'), 'in', s.workOrderNumbers));
      if (s.ticketNumbers.length) {
        parts.push(
          eb(c(a, 'ticket_id'), 'in', any(db).selectFrom('tickets as t_n').select('t_n.id').where('t_n.number', 'in', s.ticketNumbers)),
        );
      }
    }
  }
  if (s.words.length) {
    if (s.matchIds) {
      // Few matches: the list is those rows, fetched by id and sorted.
      parts.push(s.matchIds.length ? eb(c(a, 'id'), 'in', s.matchIds) : sql<SqlBool>`1 = 0`);
    } else if (walk) {
      // Many matches: walk the sort index and keep the rows that match.
      parts.push(rowMatchesWords(db, resource, s.words, s.callers));
    } else {
      // Counting: every match is read anyway, through the full-text index (`+` keeps SQLite off the primary key).
      const sub = resource === 'tickets' ? ticketWords(db, s.words, s.callers) : workOrderWords(db, s.words);
      parts.push(engineOf(db) === 'postgres' ? eb(c(a, 'id'), 'in', sub) : sql<SqlBool>`+${c(a, 'id')} in (${sub})`);
    }
  }
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return parts.length === 1 ? parts[0] : eb.or(parts);
}

// --- the WHERE clause -----------------------------------------------------------------------

function viewExpr(spec: ListSpec): Expression<SqlBool> | null {
  if (!spec.view) return null;
  if (spec.view.length === 0) return sql<SqlBool>`1 = 0`; // a list the caller's roles do not have
  const a = A[spec.resource];
  const pieces = spec.view.map((part) => {
    if (spec.resource === 'tickets') {
      if (part.on === 'ticket') return part.where(a);
      // Tickets having such a work order (within the caller's work-order scope when it is narrower).
      let sub = eb.selectFrom('work_orders as w_v').select('w_v.ticket_id').where(part.where('w_v'));
      if (spec.workOrderScope.kind === 'rows') sub = sub.where(spec.workOrderScope.where('w_v'));
      return eb(c(a, 'id'), 'in', sub);
    }
    if (part.on === 'workOrder') return part.where(a);
    return eb(c(a, 'ticket_id'), 'in', eb.selectFrom('tickets as t_v').select('t_v.id').where(part.where('t_v')));
  });
  return pieces.length === 1 ? pieces[0] : eb.or(pieces);
}

function filterExprs(db: Db, resource: Resource, f: Filters, walk: boolean): Expression<SqlBool>[] {
  const a = A[resource];
  const out: Expression<SqlBool>[] = [];
  const inOrEq = (col: string, values: string[]) =>
    out.push(values.length === 1 ? eb(c(a, col), '=', values[0]) : eb(c(a, col), 'in', values));
  if (f.status?.length) inOrEq('status', f.status);
  if (f.priority?.length) inOrEq('priority', f.priority);
  if (f.buildingId) out.push(eb(c(a, 'building_id'), '=', f.buildingId));
  if (f.fromInstant) out.push(eb(c(a, TIME[resource]), '>=', f.fromInstant));
  if (f.toInstant) out.push(eb(c(a, TIME[resource]), '<', f.toInstant));
  if (resource === 'workOrders') {
    if (f.technologyClassId) out.push(eb(c(a, 'technology_class_id'), '=', f.technologyClassId));
    if (f.contractorId) out.push(eb(c(a, 'contractor_id'), '=', f.contractorId));
    if (f.ticketId) out.push(eb(c(a, 'ticket_id'), '=', f.ticketId));
  } else if (f.technologyClassId || f.contractorId) {
    // A ticket has a class and a contractor through its work orders. EXISTS, not IN: these match a
    // large share of tickets, so the list walks its sort index and probes each ticket's work orders
    // (an IN would collect every matching ticket and sort them all, on SQLite).
    let sub = eb
      .selectFrom('work_orders as w_f')
      .select(sql`1`.as('one'))
      .whereRef('w_f.ticket_id', '=', c(a, 'id'));
    if (f.technologyClassId) sub = sub.where('w_f.technology_class_id', '=', f.technologyClassId);
    if (f.contractorId) sub = sub.where('w_f.contractor_id', '=', f.contractorId);
    out.push(eb.exists(sub));
  }
  // Work orders: corrective | planned; tickets: fault | planned.
  if (f.kind) out.push(eb(c(a, 'kind'), '=', f.kind));
  if (f.search) out.push(searchExpr(db, resource, f.search, walk));
  if (f.sla?.states.length) {
    const now = f.sla.now;
    const parts = f.sla.states.map((st) => slaStateIs(st, now)(a));
    out.push(parts.length === 1 ? parts[0] : eb.or(parts));
  }
  return out;
}

/** `walk`: for a page (the order walked, stopping at the page's end) rather than a count. */
function whereAll(db: Db, spec: ListSpec, walk = true): Expression<SqlBool>[] {
  const a = A[spec.resource];
  return [scopeExpr(spec.scope, a), viewExpr(spec), ...filterExprs(db, spec.resource, spec.filters, walk)].filter(
    (x): x is Expression<SqlBool> => x !== null,
  );
}

/** The ticket columns a list page presents (presentTickets); an export reads them all (`whole`). */
const TICKET_LIST_COLUMNS = [
  'id',
  'number',
  'kind',
  'status',
  'priority',
  'danger',
  'channel',
  'subject',
  'building_id',
  'space_id',
  'requester_id',
  'caller_name',
  'created_at',
  'updated_at',
  'closed_at',
  'reopen_count',
  'reminder_count',
  'sla_state',
  'sla_due_at',
  'sla_paused_for',
] as const;

/**
 * Rows of one page, `limit + 1` of them so the caller knows whether a next page exists.
 * `after` holds the sort values and id of the last row of the previous page.
 * A ticket row comes with what its list line shows of the building, room and requester: joined
 * to the page once it is chosen, so the joins cannot change how it is chosen (joined inside, a
 * building manager's page read every building's tickets before sorting: 4 ms instead of 0.8).
 *
 * `probe` (words only): the words are tested on the first `probe` rows of the list in its order
 * (scope, work list, filters and cursor applied first) and nowhere else. When that yields a full
 * page, it is the page — the rows before the last match were all tested — found without asking
 * the full-text index how many rows match; when not, the caller asks (`wordMatches`) and reads
 * the page again. Bounded by `probe` rows whatever the words.
 */
export async function pageRows(
  db: Db,
  spec: ListSpec,
  after: Array<string | number> | null,
  limit: number,
  whole = false,
  probe = 0,
): Promise<Row[]> {
  const { resource, sort } = spec;
  const a = A[resource];
  const keys = sortKeys(resource, sort.key);
  const search = probe > 0 && spec.filters.search?.words.length ? spec.filters.search : null;
  const columns = (qb: Sub) => {
    let out = resource === 'tickets' && !whole ? qb.select(TICKET_LIST_COLUMNS.map((col) => `${a}.${col}`)) : qb.selectAll(a);
    if (sort.key === 'priority') out = out.select(priorityRank(a).as('priority_rank'));
    if (sort.key === 'due') out = out.select(slaDueKey(a).as('sla_due_key'));
    return out;
  };
  const ordered = (qb: Sub) => {
    for (const k of keys) qb = qb.orderBy(k.expr, sort.dir);
    return qb.orderBy(c(a, 'id'), sort.dir);
  };
  let qb = any(db).selectFrom(`${TABLE[resource]} as ${a}`);
  // Probing: every column, for the word test outside (subject, description, caller).
  qb = search ? qb.selectAll(a) : columns(qb);
  for (const w of whereAll(db, search ? { ...spec, filters: { ...spec.filters, search: undefined } } : spec)) qb = qb.where(w);
  if (after) {
    // Row-value comparison: one range on the index of the sort keys, on both engines.
    const op = sql.raw(sort.dir === 'desc' ? '<' : '>');
    const left = sql.join([...keys.map((k) => k.expr), c(a, 'id')]);
    const right = sql.join(after.map((v) => sql`${v}`));
    qb = qb.where(sql<SqlBool>`(${left}) ${op} (${right})`);
  }
  qb = ordered(qb);
  if (search) {
    // The same order outside: PostgreSQL knows the derived table's rows come in it and stops at the page.
    qb = ordered(columns(any(db).selectFrom(qb.limit(probe).as(a))).where(searchExpr(db, resource, search, true)));
  }
  qb = qb.limit(limit + 1);
  if (resource !== 'tickets') return qb.execute();

  let page = any(db)
    .selectFrom(qb.as('p'))
    .innerJoin('buildings as b', 'b.id', 'p.building_id')
    .leftJoin('spaces as s', 's.id', 'p.space_id')
    .leftJoin('users as u', 'u.id', 'p.requester_id')
    .selectAll('p')
    .select([
      'b.code as building_code',
      'b.name as building_name',
      's.code as space_code',
      's.name as space_name',
      'u.display_name as requester_name',
    ]);
  // A derived table keeps no order: the page's, again, on its few rows.
  for (const k of keys) page = page.orderBy(`p.${k.column}`, sort.dir);
  return page.orderBy('p.id', sort.dir).execute();
}

/** How many rows match (no cursor), counting at most `cap + 1`. */
export async function countRows(db: Db, spec: ListSpec, cap: number): Promise<number> {
  const a = A[spec.resource];
  let inner = any(db)
    .selectFrom(`${TABLE[spec.resource]} as ${a}`)
    .select(sql`1`.as('one'));
  for (const w of whereAll(db, spec, false)) inner = inner.where(w);
  const row = await any(db)
    .selectFrom(inner.limit(cap + 1).as('capped'))
    .select((e) => e.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows in the buildings `inBuildings` selects, counting at most `cap` (on the building index). */
export async function countInBuildings(
  db: Db,
  resource: Resource,
  inBuildings: (column: string) => Expression<SqlBool>,
  cap: number,
): Promise<number> {
  const a = A[resource];
  const inner = any(db)
    .selectFrom(`${TABLE[resource]} as ${a}`)
    .select(sql`1`.as('one'))
    .where(inBuildings(`${a}.building_id`))
    .limit(cap);
  const row = await any(db)
    .selectFrom(inner.as('capped'))
    .select((e) => e.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// --- display columns ------------------------------------------------------------------------

/** The work orders of these tickets (within `scope` when it is narrower), oldest first. */
export async function workOrdersOfTickets(db: Db, ticketIds: string[], scope: RowScope): Promise<Row[]> {
  if (ticketIds.length === 0) return [];
  let qb = any(db)
    .selectFrom('work_orders as w')
    .innerJoin('technology_classes as tc', 'tc.id', 'w.technology_class_id')
    .innerJoin('contractors as k', 'k.id', 'w.contractor_id')
    .select([
      'w.id',
      'w.ticket_id',
      'w.number',
      'w.status',
      'w.priority',
      'w.scheduled_at',
      'w.expected_on',
      'w.sla_state',
      'w.sla_due_at',
      'w.sla_paused_for',
      'w.technology_class_id',
      'tc.code as class_code',
      'tc.name_it as class_name_it',
      'tc.name_en as class_name_en',
      'w.contractor_id',
      'k.name as contractor_name',
    ])
    .where('w.ticket_id', 'in', ticketIds);
  if (scope.kind === 'rows') qb = qb.where(scope.where('w'));
  return qb.orderBy('w.issued_at').orderBy('w.id').execute();
}

export async function workOrderDisplay(db: Db, ids: string[]): Promise<Map<string, Row>> {
  if (ids.length === 0) return new Map();
  const rows = await any(db)
    .selectFrom('work_orders as w')
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .leftJoin('spaces as s', 's.id', 'w.space_id')
    .innerJoin('technology_classes as tc', 'tc.id', 'w.technology_class_id')
    .innerJoin('contractors as k', 'k.id', 'w.contractor_id')
    .innerJoin('contracts as ct', 'ct.id', 'w.contract_id')
    .leftJoin('tickets as t', 't.id', 'w.ticket_id')
    .leftJoin('users as tu', 'tu.id', 'w.technician_id')
    .select([
      'w.id',
      'b.code as building_code',
      'b.name as building_name',
      's.id as space_id',
      's.code as space_code',
      's.name as space_name',
      'tc.code as class_code',
      'tc.name_it as class_name_it',
      'tc.name_en as class_name_en',
      'k.name as contractor_name',
      'ct.lot as contract_lot',
      'ct.cig as contract_cig',
      't.number as ticket_number',
      't.subject as ticket_subject',
      'tu.display_name as technician_name',
    ])
    .where('w.id', 'in', ids)
    .execute();
  return new Map(rows.map((r: Row) => [r.id, r]));
}

// --- the printable sheet --------------------------------------------------------------------

export async function sheetData(db: Db, id: string, scope: RowScope): Promise<{ wo: Row; events: Row[] } | null> {
  let qb = any(db)
    .selectFrom('work_orders as w')
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .innerJoin('sites as si', 'si.id', 'b.site_id')
    .leftJoin('spaces as s', 's.id', 'w.space_id')
    .leftJoin('floors as fl', 'fl.id', 's.floor_id')
    .leftJoin('assets as ast', 'ast.id', 'w.asset_id')
    .innerJoin('technology_classes as tc', 'tc.id', 'w.technology_class_id')
    .innerJoin('contractors as k', 'k.id', 'w.contractor_id')
    .innerJoin('contracts as ct', 'ct.id', 'w.contract_id')
    .leftJoin('tickets as t', 't.id', 'w.ticket_id')
    .leftJoin('users as ib', 'ib.id', 'w.issued_by_id')
    .selectAll('w')
    .select([
      'b.code as building_code',
      'b.name as building_name',
      'b.address as building_address',
      'si.name as site_name',
      's.code as space_code',
      's.name as space_name',
      'fl.code as floor_code',
      'fl.name as floor_name',
      'ast.code as asset_code',
      'ast.name as asset_name',
      'tc.code as class_code',
      'tc.name_it as class_name_it',
      'tc.name_en as class_name_en',
      'tc.dm37_letter',
      'k.name as contractor_name',
      'k.vat_number as contractor_vat',
      'k.pec as contractor_pec',
      'k.phone as contractor_phone',
      'ct.lot as contract_lot',
      'ct.cig as contract_cig',
      'ct.title as contract_title',
      't.number as ticket_number',
      't.subject as ticket_subject',
      't.caller_name',
      't.caller_phone',
      'ib.display_name as issued_by_name',
    ])
    .where('w.id', '=', id);
  const scoped = scopeExpr(scope, 'w');
  if (scoped) qb = qb.where(scoped);
  const wo = await qb.executeTakeFirst();
  if (!wo) return null;
  const events = await any(db)
    .selectFrom('events')
    .select(['at', 'actor_label', 'action', 'from_state', 'to_state'])
    .where('work_order_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .limit(200)
    .execute();
  return { wo, events };
}

// --- the conditions of the scopes and work lists (which role and list takes which: worklists.views.ts) ---

/** All of the conditions, on the same alias. */
export const every =
  (...preds: Pred[]): Pred =>
  (a) =>
    eb.and(preds.map((p) => p(a)));

/** The row's status is one of `states`. */
export const statusIn =
  (states: readonly string[]): Pred =>
  (a) =>
    states.length === 1 ? eb(c(a, 'status'), '=', states[0]) : eb(c(a, 'status'), 'in', [...states]);

/** The ticket (alias) has a work order of the contractor (row-local: checked by the ticket's key). */
export const hasWorkOrderOf =
  (contractorId: string): Pred =>
  (t) =>
    eb.exists(
      eb
        .selectFrom('work_orders as sc_tw')
        .select(sql`1`.as('one'))
        .whereRef('sc_tw.ticket_id', '=', `${t}.id`)
        .where('sc_tw.contractor_id', '=', contractorId),
    );

/**
 * `column in (the buildings matching inBuildings)` without the building index (SQLite: `+column`),
 * so the list walks its sort index and tests each row (worklists.views.ts `ScopeOptions`).
 */
export function buildingTestedRowByRow(inBuildings: (column: string) => Expression<SqlBool>): (column: string) => Expression<SqlBool> {
  const ids = eb.selectFrom('buildings as sc_wb').select('sc_wb.id').where(inBuildings('sc_wb.id'));
  return (column) => sql<SqlBool>`+${sql.ref(column)} in (${ids})`;
}

/** Scheduled for an instant already past, or waiting for materials expected before today. */
export const pastPlannedDate =
  (now: string, today: string): Pred =>
  (w) =>
    eb.or([
      eb.and([eb(c(w, 'status'), '=', 'scheduled'), eb(c(w, 'scheduled_at'), '<', now)]),
      eb.and([eb(c(w, 'status'), '=', 'waiting_materials'), eb(c(w, 'expected_on'), '<', today)]),
    ]);

/** The SLA due instant falls in (from, to]. */
export const slaDueIn =
  (from: string, to: string): Pred =>
  (w) =>
    eb.and([eb(c(w, 'sla_due_at'), '>', from), eb(c(w, 'sla_due_at'), '<=', to)]);

/** A planned work order (workflow 2), not a corrective one. */
export const isPlanned: Pred = (w) => eb(c(w, 'kind'), '=', 'planned');

/** The agreed day (due_on) falls in [from, to]. */
export const dueOnIn =
  (from: string, to: string): Pred =>
  (w) =>
    eb.and([eb(c(w, 'due_on'), '>=', from), eb(c(w, 'due_on'), '<=', to)]);

/** Marked late (late_at, set by the late watcher) or due before `today`. */
export const lateOrDueBefore =
  (today: string): Pred =>
  (w) =>
    eb.or([eb(c(w, 'late_at'), 'is not', null), eb(c(w, 'due_on'), '<', today)]);
