// Price lists (elenco prezzi / prezzario regionale) for quote lines: imported from the regional
// CSV (Lazio layout, src/domain/price-list-csv.ts), listed and searched by staff and contractors.
import { parsePriceListCsv } from '../../../domain/price-list-csv.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { decodeCursor, duplicate, encodeCursor } from '../registry/common.ts';
import * as repo from './price-lists.repository.ts';

const READERS = ['admin', 'service_head', 'call_center', 'accounting', 'building_manager', 'contractor'] as const;

export function presentPriceList(p: repo.PriceListView) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    source: p.source,
    year: Number(p.year),
    active: p.active === 1 || (p.active as unknown) === true,
    itemCount: Number(p.item_count ?? 0),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    version: Number(p.version),
  };
}

export interface PriceListMeta {
  code: string;
  name: string;
  year: number;
  source: string | null;
}

/** Parses and stores a whole list in one transaction; any bad row → 422 IMPORT_INVALID naming every row, nothing written. */
export async function createPriceList(db: Db, meta: PriceListMeta, csv: string, now: Date) {
  const parsed = parsePriceListCsv(csv);
  if (parsed.issues.length) {
    const issues: FieldIssue[] = parsed.issues.map((i) => ({ field: i.column, rule: i.rule, params: i.params, row: i.row }));
    throw new AppError('IMPORT_INVALID', { count: issues.length }, issues);
  }
  const at = now.toISOString();
  const id = newId();
  const write = async (trx: Db) => {
    if (await repo.codeTaken(trx, meta.code)) throw duplicate('code', meta.code);
    await repo.insertPriceList(
      trx,
      { id, code: meta.code, name: meta.name, source: meta.source, year: meta.year, active: 1, created_at: at, updated_at: at, version: 1 },
      parsed.items.map((it) => ({
        id: newId(),
        price_list_id: id,
        code: it.code,
        description: it.description,
        unit: it.unit,
        price_cents: it.priceCents,
        surcharge_bp: it.surchargeBp,
      })),
    );
  };
  // Inside the caller's transaction when given one (the demo seed), else in its own.
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
  return {
    priceList: presentPriceList((await repo.getPriceList(db, id))!),
    items: parsed.items.length,
    headings: parsed.headings,
    notes: parsed.notes,
  };
}

/** POST /api/price-lists (admin): multipart fields code, name, year, source? and the CSV file. */
export async function importPriceList(
  ctx: AppContext,
  p: Principal,
  fields: Record<string, string>,
  file: { field: string; data: Buffer } | null,
) {
  if (!hasRole(p, 'admin')) throw forbidden();
  const issues: FieldIssue[] = [];
  const code = fields.code?.trim() ?? '';
  const name = fields.name?.trim() ?? '';
  const yearText = fields.year?.trim() ?? '';
  if (!code) issues.push({ field: 'code', rule: 'required' });
  else if (code.length > 40) issues.push({ field: 'code', rule: 'maxLength', params: { limit: 40 } });
  if (!name) issues.push({ field: 'name', rule: 'required' });
  else if (name.length > 200) issues.push({ field: 'name', rule: 'maxLength', params: { limit: 200 } });
  if (!yearText) issues.push({ field: 'year', rule: 'required' });
  else if (!/^\d{4}$/.test(yearText) || Number(yearText) < 1990 || Number(yearText) > 2100) issues.push({ field: 'year', rule: 'number' });
  if (!file || file.field !== 'file') issues.push({ field: 'file', rule: 'required' });
  for (const k of Object.keys(fields)) if (!['code', 'name', 'year', 'source'].includes(k)) issues.push({ field: k, rule: 'unknownField' });
  if (issues.length) throw invalid(issues);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file!.data);
  } catch {
    throw new AppError('IMPORT_INVALID', { count: 1 }, [{ field: 'file', rule: 'notSpreadsheet', row: 1 }]);
  }
  return createPriceList(ctx.db, { code, name, year: Number(yearText), source: fields.source?.trim() || null }, text, ctx.now());
}

export async function listPriceLists(ctx: AppContext, p: Principal) {
  if (!hasRole(p, ...READERS)) throw forbidden();
  return { items: (await repo.listPriceLists(ctx.db)).map(presentPriceList) };
}

export async function listItems(
  ctx: AppContext,
  p: Principal,
  priceListId: string,
  query: { q?: string; cursor?: string; limit?: number },
) {
  if (!hasRole(p, ...READERS)) throw forbidden();
  if (!(await repo.getPriceList(ctx.db, priceListId))) throw notFound();
  const cursor = decodeCursor(query.cursor);
  const limit = query.limit ?? 50;
  const rows = await repo.searchItems(ctx.db, priceListId, { q: query.q, afterCode: cursor ? cursor[0] : null, limit });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((i) => ({
      id: i.id,
      priceListId: i.price_list_id,
      code: i.code,
      description: i.description,
      unit: i.unit,
      priceCents: i.price_cents === null ? null : Number(i.price_cents),
      surchargePercent: i.surcharge_bp === null ? null : Number(i.surcharge_bp) / 100,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.code, last.id]) : null,
  };
}
