// Price lists (elenco prezzi / prezzario regionale) for quote lines: imported from the regional
// CSV (Lazio layout, src/domain/price-list-csv.ts), listed and searched by staff and contractors.
import { parsePriceListCsv, parsePriceListRecords, type PriceListCsvResult } from '../../../domain/price-list-csv.ts';
import { queryStems, stemIndex } from '../../../domain/stem.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { decodeCursor, duplicate, encodeCursor } from '../registry/common.ts';
import { detectFormat, decodeUtf8, parseXlsx } from '../import/import.parse.ts';
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
    contract: p.contract_id ? { id: p.contract_id, lot: p.contract_lot ?? '', cig: p.contract_cig ?? '' } : null,
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
  contractId?: string | null;
}

/** Parses and stores a whole list in one transaction; any bad row → 422 IMPORT_INVALID naming every row, nothing written. */
export async function createPriceList(db: Db, meta: PriceListMeta, csv: string | PriceListCsvResult, now: Date) {
  const parsed = typeof csv === 'string' ? parsePriceListCsv(csv) : csv;
  if (parsed.issues.length) {
    const issues: FieldIssue[] = parsed.issues.map((i) => ({ field: i.column, rule: i.rule, params: i.params, row: i.row }));
    throw new AppError('IMPORT_INVALID', { count: issues.length }, issues);
  }
  const at = now.toISOString();
  const id = newId();
  const write = async (trx: Db) => {
    if (await repo.codeTaken(trx, meta.code)) throw duplicate('code', meta.code);
    if (meta.contractId && !(await repo.contractExists(trx, meta.contractId))) throw invalid([{ field: 'contractId', rule: 'notFound' }]);
    await repo.insertPriceList(
      trx,
      {
        id,
        code: meta.code,
        name: meta.name,
        source: meta.source,
        year: meta.year,
        contract_id: meta.contractId ?? null,
        active: 1,
        created_at: at,
        updated_at: at,
        version: 1,
      },
      parsed.items.map((it) => ({
        id: newId(),
        price_list_id: id,
        code: it.code,
        description: it.description,
        unit: it.unit,
        price_cents: it.priceCents,
        surcharge_bp: it.surchargeBp,
        search_stems: stemIndex(it.description),
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

/** The regional layout from a CSV (UTF-8) or the first sheet of an XLSX; a file neither → 422 on the file. */
async function parseUpload(file: { data: Buffer; filename?: string }): Promise<PriceListCsvResult> {
  const refuse = (rule: string) => new AppError('IMPORT_INVALID', { count: 1 }, [{ field: 'file', rule, row: 1 }]);
  const format = detectFormat(file.data, file.filename);
  if (format === 'xlsx') {
    const sheet = await parseXlsx(file.data);
    if (!sheet.ok) throw new AppError('IMPORT_INVALID', { count: sheet.issues.length }, sheet.issues);
    return parsePriceListRecords([sheet.sheet.header, ...sheet.sheet.rows].map((r) => ({ row: r.row, fields: r.cells })));
  }
  if (format === 'empty') throw refuse('emptyFile');
  if (format !== 'csv') throw refuse(format === 'notUtf8' ? 'notUtf8' : 'notSpreadsheet');
  const text = decodeUtf8(file.data);
  if (text === null) throw refuse('notUtf8');
  return parsePriceListCsv(text);
}

/** POST /api/price-lists (admin): multipart fields code, name, year, source?, contractId? and the CSV or XLSX file. */
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
  const contractId = fields.contractId?.trim() || null;
  if (contractId && contractId.length > 64) issues.push({ field: 'contractId', rule: 'notFound' });
  for (const k of Object.keys(fields))
    if (!['code', 'name', 'year', 'source', 'contractId'].includes(k)) issues.push({ field: k, rule: 'unknownField' });
  if (issues.length) throw invalid(issues);
  const parsed = await parseUpload(file!);
  return createPriceList(
    ctx.db,
    { code, name, year: Number(yearText), source: fields.source?.trim() || null, contractId },
    parsed,
    ctx.now(),
  );
}

/** A contractor alone reads the lists of every lot and of its own lots; staff read them all. */
function readFilter(p: Principal): repo.ListFilter {
  if (!hasRole(p, ...READERS)) throw forbidden();
  const staff = hasRole(p, ...READERS.filter((r) => r !== 'contractor'));
  return staff ? {} : { contractorId: p.contractorId ?? '' };
}

export async function listPriceLists(ctx: AppContext, p: Principal, query: { contractId?: string } = {}) {
  const filter = { ...readFilter(p), ...(query.contractId ? { usableBy: query.contractId } : {}) };
  return { items: (await repo.listPriceLists(ctx.db, filter)).map(presentPriceList) };
}

/** A query with a digit and no space is a code ("1.02.4", "G.1.02"): matched in codes only. */
const CODE_LIKE = /^\S*\d\S*$/;

export async function listItems(
  ctx: AppContext,
  p: Principal,
  priceListId: string,
  query: { q?: string; cursor?: string; limit?: number },
) {
  if (!(await repo.getPriceList(ctx.db, priceListId, readFilter(p)))) throw notFound();
  const cursor = decodeCursor(query.cursor);
  const limit = query.limit ?? 50;
  const text = query.q?.trim() ?? '';
  const rows = await repo.searchItems(ctx.db, priceListId, {
    text,
    code: CODE_LIKE.test(text),
    stems: queryStems(text),
    afterCode: cursor ? cursor[0] : null,
    limit,
  });
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
