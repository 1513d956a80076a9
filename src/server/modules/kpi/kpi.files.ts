// The service-indicator views as files (#11 item 3): each view's figures come from kpi.service.ts
// exactly as the JSON answer has them (so within the caller's work-order scope, filtered in SQL),
// then written as XLSX in the caller's language, or — the report of one contract — as a one-page
// PDF. The PDF's header names the contract, so the contract itself must be in the caller's
// contract scope: out of it, 404 like a missing one.
import type { KpiQueryDto, KpiFigureName } from '../../../shared/schemas/kpi.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';
import { readScope, scopeWhere } from '../../scope.ts';
import { contractHeader } from './kpi-files.repository.ts';
import { kpiLabel } from './kpi.i18n.ts';
import { reportPdf } from './kpi.pdf.ts';
import * as svc from './kpi.service.ts';
import { heatmapXlsx, reportXlsx, trendXlsx, workOrdersXlsx, type FileMeta, type WorkOrderLine } from './kpi.xlsx.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

/** Work orders listed in one file at most: a contract-year's worth, well within what a spreadsheet opens. */
export const MAX_FILE_ROWS = 50_000;

export interface KpiFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

type View = 'report' | 'trend' | 'heatmap' | 'work-orders';

/** "indicatori-report-lotto-1-2026-03-01-2026-03-31.xlsx": the view, the contract's lot when there is one, the period. */
function filename(p: Principal, view: View, q: KpiQueryDto, lot: string | null, ext: 'xlsx' | 'pdf'): string {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return [kpiLabel(p.language, 'misc', 'filePrefix'), view, lot ? slug(lot) : '', q.from, q.to].filter(Boolean).join('-') + `.${ext}`;
}

/** The contract of `contractId` as the caller may read it; 404 when missing or out of scope. */
async function contractOf(ctx: AppContext, p: Principal, contractId: string) {
  const scope = readScope(p, 'contracts');
  if (scope.kind === 'forbidden') throw forbidden();
  const c = await contractHeader(ctx.db, contractId, scopeWhere(scope, 'k'));
  if (!c) throw notFound();
  return c;
}

/** The contract's "Lot — CIG" for a spreadsheet's heading, when the view is of one contract the caller may read. */
async function metaOf(ctx: AppContext, p: Principal, q: KpiQueryDto): Promise<FileMeta & { lot: string | null }> {
  const base = { from: q.from, to: q.to, generatedAt: ctx.now().toISOString() };
  if (!q.contractId) return { ...base, contract: null, lot: null };
  const c = await contractOf(ctx, p, q.contractId);
  return { ...base, contract: `${c.lot} — CIG ${c.cig} — ${c.contractor_name}`, lot: c.lot };
}

/** The report as XLSX (figures, cost per m², the work orders behind them) or as the one-page PDF of one contract. */
export async function reportFile(ctx: AppContext, p: Principal, q: KpiQueryDto, format: 'xlsx' | 'pdf'): Promise<KpiFile> {
  if (format === 'pdf') {
    if (!q.contractId) throw invalid([{ field: 'contractId', rule: 'required' }]);
    const c = await contractOf(ctx, p, q.contractId);
    const r = await svc.report(ctx, p, q);
    const body = await reportPdf(p.language, r, {
      lot: c.lot,
      cig: c.cig,
      title: c.title,
      contractor: `${c.contractor_name} — P.IVA ${c.contractor_vat_number}`,
      generatedAt: r.computedAt,
    });
    return { filename: filename(p, 'report', q, c.lot, 'pdf'), contentType: PDF_TYPE, body };
  }
  const meta = await metaOf(ctx, p, q);
  const [r, rows] = await Promise.all([svc.report(ctx, p, q), svc.kpiWorkOrders(ctx, p, q)]);
  // A reader looks a work order up by its number: in order of issue, then of number.
  const ordered = [...rows].sort((a, b) => a.issuedAtIso.localeCompare(b.issuedAtIso) || a.number.localeCompare(b.number));
  const lines: WorkOrderLine[] = ordered.slice(0, MAX_FILE_ROWS).map((w) => ({
    number: w.number,
    kind: w.kind,
    priority: w.priority,
    status: w.status,
    issuedAt: w.issuedAtIso,
    building: w.buildingCode,
    technologyClass: w.classCode,
    lot: w.lot,
    clocks: Object.fromEntries(Object.entries(w.clocks).map(([k, c]) => [k, c?.status])),
  }));
  const body = await reportXlsx(p.language, r, meta, lines, rows.length - lines.length);
  return { filename: filename(p, 'report', q, meta.lot, 'xlsx'), contentType: XLSX_TYPE, body };
}

export async function trendFile(ctx: AppContext, p: Principal, q: KpiQueryDto): Promise<KpiFile> {
  const meta = await metaOf(ctx, p, q);
  const body = await trendXlsx(p.language, await svc.trend(ctx, p, q), meta);
  return { filename: filename(p, 'trend', q, meta.lot, 'xlsx'), contentType: XLSX_TYPE, body };
}

export async function heatmapFile(ctx: AppContext, p: Principal, q: KpiQueryDto): Promise<KpiFile> {
  const meta = await metaOf(ctx, p, q);
  const body = await heatmapXlsx(p.language, await svc.heatmap(ctx, p, q), meta);
  return { filename: filename(p, 'heatmap', q, meta.lot, 'xlsx'), contentType: XLSX_TYPE, body };
}

/** Every work order behind the figure (up to MAX_FILE_ROWS), whatever page the list was showing. */
export async function workOrdersFile(
  ctx: AppContext,
  p: Principal,
  q: KpiQueryDto & { figure: KpiFigureName; set?: 'basis' | 'hits' | 'misses' },
): Promise<KpiFile> {
  const meta = await metaOf(ctx, p, q);
  const set = q.set ?? 'basis';
  const list = await svc.workOrdersOf(ctx, p, { ...q, set, limit: MAX_FILE_ROWS, offset: 0 });
  const body = await workOrdersXlsx(p.language, list, { ...meta, figure: q.figure, set });
  return { filename: filename(p, 'work-orders', q, meta.lot, 'xlsx'), contentType: XLSX_TYPE, body };
}
