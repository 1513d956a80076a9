// Accounting's work-order list (#9 item 16): the work-order list — same filters, scope and order
// (worklists.service.ts) — with each row's money: the latest quote's state, net and total, the
// amount authorised, and whether the work is billed beyond the flat fee. Read only.
//
// Who: the roles that see all money records (DOMAIN.md "Roles": accounting; the service head and
// admin see all). Anyone else gets 403: a building manager or contractor reads a quote on its own
// work order's page, not as a ledger.
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../exceljs.ts';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import { AppError, forbidden } from '../../errors.ts';
import type { Lang } from '../../i18n/messages.ts';
import { xlsxValue } from '../../spreadsheet-escape.ts';
import { formatter } from '../../../shared/format.ts';
import { cellValue, workOrderCells, type Cell, type ExportFile } from '../worklists/worklists.export.ts';
import { label, WORK_ORDER_COLUMNS } from '../worklists/worklists.i18n.ts';
import * as lists from '../worklists/worklists.repository.ts';
import { allRows, listSpec, listWorkOrders, presentWorkOrders, ZONE, type ListInput } from '../worklists/worklists.service.ts';
import { EXPORT_MAX_ROWS } from '../worklists/worklists.views.ts';
import { amountLabel } from './amounts.i18n.ts';
import { amountRows } from './amounts.repository.ts';

export interface Amounts {
  quoteStatus: string | null;
  quoteNetCents: number | null;
  quoteTotalCents: number | null;
  authorizedCents: number | null;
  extraFee: boolean;
}

export function mayReadAmounts(p: Principal): void {
  if (!hasRole(p, 'accounting', 'service_head', 'admin')) throw forbidden();
}

const cents = (v: number | string | null) => (v === null ? null : Number(v));
const bool = (v: unknown) => v === true || v === 1 || v === '1';

/** Each work order's money, from its latest quote (a work order has at most one decided quote). */
export async function amountsOf(ctx: AppContext, ids: string[]): Promise<Map<string, Amounts>> {
  const rows = await amountRows(ctx.db, ids);
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = latest.get(r.work_order_id);
    const newer =
      !seen ||
      (r.quote_created_at ?? '') > (seen.quote_created_at ?? '') ||
      (r.quote_created_at === seen.quote_created_at && (r.quote_id ?? '') > (seen.quote_id ?? ''));
    if (newer) latest.set(r.work_order_id, r);
  }
  const out = new Map<string, Amounts>();
  for (const [id, r] of latest) {
    out.set(id, {
      quoteStatus: r.quote_status,
      quoteNetCents: cents(r.net_cents),
      quoteTotalCents: cents(r.total_cents),
      authorizedCents: r.quote_status === 'approved' ? cents(r.total_cents) : null,
      extraFee: bool(r.extra_fee),
    });
  }
  return out;
}

export async function listAmounts(ctx: AppContext, p: Principal, input: ListInput) {
  mayReadAmounts(p);
  const page = await listWorkOrders(ctx, p, input);
  const amounts = await amountsOf(
    ctx,
    page.items.map((i) => i.id),
  );
  return { ...page, items: page.items.map((i) => ({ ...i, amounts: amounts.get(i.id)! })) };
}

// --- export ---------------------------------------------------------------------------------

const AMOUNT_COLUMNS = ['fee', 'quoteStatus', 'quoteNet', 'quoteTotal', 'authorized'] as const;
const MONEY_COLUMNS: ReadonlySet<string> = new Set(['quoteNet', 'quoteTotal', 'authorized']);
/** Euro with two decimals in the reader's locale (Excel applies its own separators). */
const EURO_FORMAT = '#,##0.00 "€"';

/** Money cells are numbers in euro (two decimals exact: cents / 100), so the sheet can sum them. */
function amountCells(lang: Lang, a: Amounts): Record<(typeof AMOUNT_COLUMNS)[number], Cell> {
  const euro = (c: number | null) => (c === null ? null : c / 100);
  return {
    fee: amountLabel(lang, 'fee', a.extraFee ? 'extra' : 'flat'),
    quoteStatus: amountLabel(lang, 'quoteStatus', a.quoteStatus),
    quoteNet: euro(a.quoteNetCents),
    quoteTotal: euro(a.quoteTotalCents),
    authorized: euro(a.authorizedCents),
  };
}

/** The XLSX of the list as filtered: the work-order export's columns, then the money. */
export async function exportAmounts(ctx: AppContext, p: Principal, input: ListInput): Promise<ExportFile> {
  mayReadAmounts(p);
  const lang = p.language;
  const spec = await listSpec(ctx, p, 'workOrders', input);
  if ((await lists.countRows(ctx.db, spec, EXPORT_MAX_ROWS)) > EXPORT_MAX_ROWS) {
    const limit = formatter(lang).number(EXPORT_MAX_ROWS);
    throw new AppError('BAD_REQUEST', { reason: label(lang, 'misc', 'exportTooLarge', { limit }) }, [
      { field: 'filters', rule: 'exportTooLarge', params: { limit: EXPORT_MAX_ROWS } },
    ]);
  }
  const columns: string[] = [...WORK_ORDER_COLUMNS, ...AMOUNT_COLUMNS];
  const own: ReadonlySet<string> = new Set(AMOUNT_COLUMNS);
  const headers = columns.map((col) => (own.has(col) ? amountLabel(lang, 'header', col) : label(lang, 'header', col)));

  const out = new PassThrough();
  const wb = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet(amountLabel(lang, 'misc', 'sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((col, i) => ({
    header: xlsxValue(headers[i]),
    key: col,
    width: col === 'description' || col === 'ticketSubject' ? 60 : Math.max(12, headers[i].length + 2),
    style: MONEY_COLUMNS.has(col)
      ? { numFmt: EURO_FORMAT }
      : /At$/.test(col)
        ? { numFmt: 'dd/mm/yyyy hh:mm' }
        : col === 'expectedOn'
          ? { numFmt: 'dd/mm/yyyy' }
          : {},
  }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const rows of allRows(ctx, spec)) {
      const items = await presentWorkOrders(ctx, p, rows, true);
      const amounts = await amountsOf(
        ctx,
        items.map((i) => i.id),
      );
      for (const item of items) {
        const rec: Record<string, Cell> = { ...workOrderCells(lang, item), ...amountCells(lang, amounts.get(item.id)!) };
        const row: Record<string, ExcelJS.CellValue> = {};
        for (const col of columns) row[col] = xlsxValue(cellValue(rec[col]));
        sheet.addRow(row).commit();
      }
    }
    sheet.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));

  const stamp = DateTime.fromJSDate(ctx.now(), { zone: ZONE }).toFormat('yyyy-MM-dd');
  return {
    filename: `${amountLabel(lang, 'misc', 'filePrefix')}-${stamp}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: out,
  };
}
