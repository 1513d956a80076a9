// Generic SQL of the registry collections: keyset lists, scoped single reads, versioned updates,
// uniqueness and existence checks. Table and column names come from the collections' own
// definitions (never from the client), so the untyped builder here is safe.
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { scopeWhere, type Scope } from '../../scope.ts';
import type { Cursor } from './common.ts';

// Transaction<Database> is a Kysely<Database> too: every function accepts either. The tables are
// named at run time, so the builder is untyped here; the collections' presenters type the rows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const any = (db: Db) => db as unknown as Kysely<any>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

export interface ListSpec {
  table: string;
  /** Keyset order: this column, then id. */
  sort: string;
  /** Columns `q` searches, case-insensitively. */
  search: readonly string[];
}

export interface ListOptions {
  scope: Scope;
  q?: string;
  active: 'true' | 'false' | 'all';
  /** column → value, equality filters */
  equals: Record<string, string>;
  /** further predicates on the table (e.g. users having a role) */
  where?: Array<(table: string) => Expression<SqlBool>>;
  cursor: Cursor | null;
  limit: number;
}

/** One page plus one row more than asked: the caller knows from it whether a next page exists. */
export async function listRows(db: Db, spec: ListSpec, o: ListOptions): Promise<Row[]> {
  const t = spec.table;
  let qb = any(db).selectFrom(t).selectAll(t);
  const scoped = scopeWhere(o.scope, t);
  if (scoped) qb = qb.where(scoped);
  if (o.active !== 'all') qb = qb.where(`${t}.active`, '=', o.active === 'true' ? 1 : 0);
  for (const [column, value] of Object.entries(o.equals)) qb = qb.where(`${t}.${column}`, '=', value);
  for (const w of o.where ?? []) qb = qb.where(w(t));
  const q = o.q?.trim();
  if (q) {
    // lower() on both sides and an explicit escape: the same matches on SQLite and PostgreSQL.
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    qb = qb.where((eb) => eb.or(spec.search.map((c) => sql<SqlBool>`lower(${sql.ref(`${t}.${c}`)}) like lower(${pattern}) escape '\\'`)));
  }
  if (o.cursor) {
    const [value, id] = o.cursor;
    const sortCol = `${t}.${spec.sort}`;
    qb = qb.where((eb) => eb.or([eb(sortCol, '>', value), eb.and([eb(sortCol, '=', value), eb(`${t}.id`, '>', id)])]));
  }
  return qb
    .orderBy(`${t}.${spec.sort}`)
    .orderBy(`${t}.id`)
    .limit(o.limit + 1)
    .execute();
}

/** The row with this id, if it exists within the scope. */
export function findRow(db: Db, table: string, id: string, scope: Scope): Promise<Row | undefined> {
  let qb = any(db).selectFrom(table).selectAll(table).where(`${table}.id`, '=', id);
  const scoped = scopeWhere(scope, table);
  if (scoped) qb = qb.where(scoped);
  return qb.executeTakeFirst();
}

export async function insertRow(db: Db, table: string, row: Row): Promise<void> {
  await any(db).insertInto(table).values(row).execute();
}

/** Optimistic update: only when the stored version is still `version`. False when it is not. */
export async function updateVersioned(db: Db, table: string, id: string, version: number, set: Row, now: string): Promise<boolean> {
  const r = await any(db)
    .updateTable(table)
    .set({ ...set, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Whether another row (not `exceptId`) already has these column values. */
export async function existsOther(db: Db, table: string, values: Record<string, unknown>, exceptId: string | null): Promise<boolean> {
  let qb = any(db).selectFrom(table).select('id');
  for (const [column, value] of Object.entries(values)) qb = qb.where(column, '=', value);
  if (exceptId) qb = qb.where('id', '<>', exceptId);
  return (await qb.limit(1).executeTakeFirst()) !== undefined;
}

/** The rows of `table` among `ids` (with the columns asked), by id; missing ids are absent. */
export async function rowsById(
  db: Db,
  table: string,
  ids: readonly string[],
  columns: readonly string[] = ['id'],
  scope?: Scope,
): Promise<Map<string, Row>> {
  if (ids.length === 0) return new Map();
  let qb = any(db)
    .selectFrom(table)
    .select([...new Set(['id', ...columns])].map((c) => `${table}.${c}`))
    .where(`${table}.id`, 'in', [...new Set(ids)]);
  const scoped = scope && scopeWhere(scope, table);
  if (scoped) qb = qb.where(scoped);
  const rows = await qb.execute();
  return new Map(rows.map((r: Row) => [r.id as string, r]));
}

/** Link rows (building_managers, contract_classes, …) of the owners, grouped by owner id. */
export async function linksOf(
  db: Db,
  table: string,
  ownerColumn: string,
  owners: readonly string[],
  columns: readonly string[],
): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>(owners.map((o) => [o, []]));
  if (owners.length === 0) return out;
  const rows = await any(db)
    .selectFrom(table)
    .select([ownerColumn, ...columns])
    .where(ownerColumn, 'in', [...owners])
    .orderBy(ownerColumn)
    .orderBy(columns[0])
    .execute();
  for (const r of rows) out.get(r[ownerColumn])?.push(r);
  return out;
}

/** Replaces the link rows of one owner. */
export async function replaceLinks(db: Db, table: string, ownerColumn: string, owner: string, rows: Row[]): Promise<void> {
  await any(db).deleteFrom(table).where(ownerColumn, '=', owner).execute();
  if (rows.length)
    await any(db)
      .insertInto(table)
      .values(rows.map((r) => ({ [ownerColumn]: owner, ...r })))
      .execute();
}
