// The one flow every registry collection follows; each collection supplies an EntityDef with its
// mapping and rules (sites.service.ts, buildings.service.ts, …).
//
//   list   403 if the caller may not read the collection; keyset page within the read scope
//   get    403 as above; 404 when missing or out of scope (same answer)
//   create 403 without write rights; 400 bad values; 404 parent building out of write scope;
//          422 references to missing rows; 409 DUPLICATE; then one transaction
//   patch  as create, plus 404 out of scope and 409 VERSION_CONFLICT (with `current`)
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import type { Db } from '../../db/create-db.ts';
import { newId } from '../../ids.ts';
import { parentBuildingWriteScope, readScope, writeScope, type Actor, type Collection, type RowPredicate } from '../../scope.ts';
import { decodeCursor, duplicate, encodeCursor, isForeignKeyViolation, referenceErrors, uniqueViolationColumns } from './common.ts';
import * as repo from './common.repository.ts';
import type { Row } from './common.repository.ts';

/** A body that passed its schema; each collection reads the fields it declared. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Input = Record<string, any>;

export interface UniqueRule {
  /** API field reported in the DUPLICATE error, and the column it maps to */
  field: string;
  column: string;
  /** unique only within a parent (floors and spaces: within the building) */
  within?: { field: string; column: string };
}

export interface EntityDef<Dto extends { id: string } = { id: string }> {
  collection: Collection;
  table: string;
  sort: string;
  search: readonly string[];
  /** list query parameter → column, equality filters */
  filters?: Record<string, string>;
  /** further list predicates from the query (users: `role`) */
  listWhere?: (query: Input) => RowPredicate[];
  unique: readonly UniqueRule[];
  /** required text fields: trimmed before anything else, and refused when blank */
  text?: readonly string[];
  /**
   * table rows → API objects, loading linked rows in batch. With `actor`, as that caller may see
   * them (contracts: money only within contractMoneyScope); without, whole, for the server's own use.
   */
  present(db: Db, rows: Row[], actor?: Actor): Promise<Dto[]>;
  /** a complete API input (create body, or current object merged with the patch) → columns */
  toRow(input: Input): Row;
  /** values a schema cannot judge (formats, sums, dates): pure */
  validate(input: Input, current: Dto | null): FieldIssue[];
  /** referenced rows that must exist (and agree): 422 when not */
  references?(db: Db, input: Input, current: Dto | null): Promise<FieldIssue[]>;
  /** further checks in the transaction that may throw (users: the last admin) */
  guard?(db: Db, input: Input, current: Dto | null): Promise<void>;
  /** the building a new or changed row belongs to, for building managers' write scope */
  buildingOf?(input: Input): string;
  /** extra columns computed before the transaction, from the body alone (users: the password hash) */
  prepare?(body: Input, creating: boolean): Promise<Row>;
  /** linked rows written in the same transaction */
  writeLinks?(db: Db, id: string, input: Input, current: Dto | null): Promise<void>;
}

export interface ListQueryInput {
  q?: string;
  active?: 'true' | 'false' | 'all';
  cursor?: string;
  limit?: number;
  [k: string]: unknown;
}

const DEFAULT_LIMIT = 50;

function readable(actor: Actor, def: EntityDef) {
  const scope = readScope(actor, def.collection);
  if (scope.kind === 'forbidden') throw forbidden();
  return scope;
}

function writable(actor: Actor, def: EntityDef) {
  const scope = writeScope(actor, def.collection);
  if (scope.kind === 'forbidden') throw forbidden();
  return scope;
}

export async function list<Dto extends { id: string }>(ctx: AppContext, actor: Actor, def: EntityDef<Dto>, query: ListQueryInput) {
  const scope = readable(actor, def);
  const limit = query.limit ?? DEFAULT_LIMIT;
  const equals: Record<string, string> = {};
  for (const [param, column] of Object.entries(def.filters ?? {})) {
    if (typeof query[param] === 'string') equals[column] = query[param] as string;
  }
  const rows = await repo.listRows(ctx.db, def, {
    scope,
    q: query.q,
    active: query.active ?? 'true',
    equals,
    where: def.listWhere?.(query),
    cursor: decodeCursor(query.cursor),
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await def.present(ctx.db, page, actor),
    nextCursor: rows.length > limit ? encodeCursor([String(last[def.sort]), last.id]) : null,
  };
}

export async function get<Dto extends { id: string }>(ctx: AppContext, actor: Actor, def: EntityDef<Dto>, id: string): Promise<Dto> {
  const row = await repo.findRow(ctx.db, def.table, id, readable(actor, def));
  if (!row) throw notFound();
  return (await def.present(ctx.db, [row], actor))[0];
}

export async function create<Dto extends { id: string }>(ctx: AppContext, actor: Actor, def: EntityDef<Dto>, body: Input): Promise<Dto> {
  writable(actor, def);
  const input = { ...body };
  const issues = [...trimText(def, input), ...def.validate(input, null)];
  if (issues.length) throw invalid(issues);
  const extra = (await def.prepare?.(input, true)) ?? {};
  const now = ctx.now().toISOString();
  return write(def, { input }, () =>
    ctx.db.transaction().execute(async (trx) => {
      await checkWrite(trx, actor, def, input, null);
      const id = newId();
      await repo.insertRow(trx, def.table, { id, active: 1, version: 1, created_at: now, updated_at: now, ...def.toRow(input), ...extra });
      await def.writeLinks?.(trx, id, input, null);
      const row = await repo.findRow(trx, def.table, id, { kind: 'all' });
      return (await def.present(trx, [row!], actor))[0];
    }),
  );
}

export async function patch<Dto extends { id: string }>(
  ctx: AppContext,
  actor: Actor,
  def: EntityDef<Dto>,
  id: string,
  body: Input & { version: number },
): Promise<Dto> {
  const scope = writable(actor, def);
  const { version, ...changes } = body;
  const blank = trimText(def, changes);
  if (blank.length) throw invalid(blank);
  const now = ctx.now().toISOString();
  // Hashing (users) is slow: do it before taking the transaction, only when asked for.
  const extra = (await def.prepare?.(changes, false)) ?? {};
  const merged: { input: Input } = { input: changes };
  return write(def, merged, () =>
    ctx.db.transaction().execute(async (trx) => {
      const row = await repo.findRow(trx, def.table, id, scope);
      if (!row) throw notFound();
      // Whole: merged with the changes into the row written back.
      const current = (await def.present(trx, [row]))[0];
      if (Number(row.version) !== version)
        throw new AppError('VERSION_CONFLICT', {}, [], { current: (await def.present(trx, [row], actor))[0] });
      const input: Input = { ...current, ...changes };
      merged.input = input;
      const issues = def.validate(input, current);
      if (issues.length) throw invalid(issues);
      await checkWrite(trx, actor, def, input, current);
      if (
        !(await repo.updateVersioned(trx, def.table, id, version, { ...def.toRow(input), active: input.active ? 1 : 0, ...extra }, now))
      ) {
        // Changed between our read and our write (PostgreSQL, read committed).
        const now_ = await repo.findRow(trx, def.table, id, { kind: 'all' });
        throw new AppError('VERSION_CONFLICT', {}, [], { current: now_ && (await def.present(trx, [now_], actor))[0] });
      }
      await def.writeLinks?.(trx, id, input, current);
      const updated = await repo.findRow(trx, def.table, id, { kind: 'all' });
      return (await def.present(trx, [updated!], actor))[0];
    }),
  );
}

/** Trims the required text fields in place; a blank one is a missing one. */
function trimText(def: EntityDef, input: Input): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const f of def.text ?? []) {
    if (typeof input[f] !== 'string') continue;
    input[f] = input[f].trim();
    if (input[f] === '') issues.push({ field: f, rule: 'required' });
  }
  return issues;
}

/** Parent building in write scope, references, custom guards, uniqueness: in the transaction. */
async function checkWrite(trx: Db, actor: Actor, def: EntityDef, input: Input, current: { id: string } | null) {
  if (def.buildingOf) {
    // A building manager creating or moving a row into a building outside their competence: the
    // building reads as missing (404), whether it exists or not. (For admin a missing building is
    // a reference error below.)
    const scope = parentBuildingWriteScope(actor);
    if (scope.kind !== 'all' && !(await repo.findRow(trx, 'buildings', def.buildingOf(input), scope))) throw notFound();
  }
  const refs = (await def.references?.(trx, input, current)) ?? [];
  if (refs.length) throw referenceErrors(refs);
  await def.guard?.(trx, input, current);
  for (const u of def.unique) {
    const values: Record<string, unknown> = { [u.column]: input[u.field] };
    if (u.within) values[u.within.column] = input[u.within.field];
    if (await repo.existsOther(trx, def.table, values, current?.id ?? null)) throw duplicate(u.field, input[u.field]);
  }
}

/** Maps the engines' constraint errors that slipped past the checks to the API's answers. */
async function write<T>(def: EntityDef, written: { input: Input }, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const cols = uniqueViolationColumns(err);
    if (cols) {
      // A concurrent writer took the value between our check and our insert.
      const rule = cols.length ? def.unique.find((u) => cols.includes(u.column)) : def.unique[0];
      if (rule) throw duplicate(rule.field, written.input[rule.field]);
      throw new AppError('DUPLICATE', { field: cols.join(', '), value: '' });
    }
    if (isForeignKeyViolation(err)) throw new AppError('INVALID_REFERENCE');
    throw err;
  }
}

/** Field issues (rule notFound) for the referenced ids missing from `table`; null/undefined ids are skipped. */
export async function missingReferences(
  db: Db,
  table: string,
  refs: Array<{ field: string; id: string | null | undefined }>,
): Promise<FieldIssue[]> {
  const wanted = refs.filter((r): r is { field: string; id: string } => typeof r.id === 'string');
  const found = await repo.rowsById(
    db,
    table,
    wanted.map((r) => r.id),
  );
  return wanted.filter((r) => !found.has(r.id)).map((r) => ({ field: r.field, rule: 'notFound' }));
}
