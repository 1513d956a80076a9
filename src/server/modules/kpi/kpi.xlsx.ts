// The service-indicator views as spreadsheets (#11 item 3), in the caller's language: the report's
// figures (numerator, denominator, value; per priority too), the cost per m² and the work orders
// behind them; the trend by month; the heat map as a buildings × classes matrix; a drill-down list.
// The figures are the API's own, so the file says what the page says. Every text cell goes through
// xlsxValue (src/server/spreadsheet-escape.ts): a building called "=HYPERLINK(…)" stays text.
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../exceljs.ts';
import { formatter } from '../../../shared/format.ts';
import type { FigureDto, KpiHeatmapDto, KpiReportDto, KpiTrendDto, KpiWorkOrdersDto } from '../../../shared/schemas/kpi.ts';
import type { Lang } from '../../i18n/messages.ts';
import { xlsxValue } from '../../spreadsheet-escape.ts';
import { label as wl } from '../worklists/worklists.i18n.ts';
import { kpiLabel as L } from './kpi.i18n.ts';

const SHARE = '0.0%';
const HOURS = '0.0';
const EURO = '#,##0.00 "€"';
const HOUR_MS = 3_600_000;

/** What the file is about, written above the figures. */
export interface FileMeta {
  from: string;
  to: string;
  contract: string | null;
  generatedAt: string;
}

/** A work order of the report's list, with its clocks' outcomes. */
export interface WorkOrderLine {
  number: string;
  kind: string;
  priority: string | null;
  status: string;
  issuedAt: string;
  building: string;
  technologyClass: string;
  lot: string;
  clocks: Partial<Record<'take_charge' | 'on_site' | 'resolution', string>>;
}

const safe = (cells: readonly unknown[]) => cells.map(xlsxValue);
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR_MS) * 10) / 10);

function sheet(wb: ExcelJS.Workbook, name: string) {
  return wb.addWorksheet(xlsxValue(name));
}

/** Title, period, contract and time of generation, then a blank row. */
function heading(ws: ExcelJS.Worksheet, lang: Lang, meta: FileMeta): void {
  const f = formatter(lang);
  ws.addRow(safe([L(lang, 'misc', 'title')])).font = { bold: true, size: 13 };
  ws.addRow(safe([L(lang, 'misc', 'period'), `${f.date(meta.from)} – ${f.date(meta.to)}`]));
  ws.addRow(safe([L(lang, 'misc', 'contract'), meta.contract ?? L(lang, 'misc', 'allContracts')]));
  ws.addRow(safe([L(lang, 'misc', 'generated', { at: f.dateTime(meta.generatedAt) })]));
  ws.addRow([]);
}

/** A header row in bold, frozen above the data that follows it. */
function header(ws: ExcelJS.Worksheet, cells: string[]) {
  const row = ws.addRow(safe(cells));
  row.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: row.number }];
}

function widths(ws: ExcelJS.Worksheet, chars: number[]) {
  chars.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  wb.creator = 'Presidio';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report: its figures, the cost per m² per building and the work orders behind them. */
export async function reportXlsx(lang: Lang, r: KpiReportDto, meta: FileMeta, lines: WorkOrderLine[], more: number): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  const ws = sheet(wb, L(lang, 'misc', 'figures'));
  heading(ws, lang, meta);
  header(
    ws,
    ['indicator', 'priority', 'numerator', 'denominator', 'value'].map((k) => L(lang, 'misc', k)),
  );
  const all = L(lang, 'priority', 'all');
  const figure = (name: string, fig: FigureDto, priority = all) => {
    const row = ws.addRow(
      safe([L(lang, 'figure', name), priority, fig.numerator, fig.denominator, fig.value ?? L(lang, 'misc', 'noData')]),
    );
    if (fig.value !== null) row.getCell(5).numFmt = SHARE;
  };
  const amount = (name: string, value: number | null, count: number | null = null, fmt?: string) => {
    const row = ws.addRow(safe([L(lang, 'figure', name), all, null, count, value ?? L(lang, 'misc', 'noData')]));
    if (fmt && value !== null) row.getCell(5).numFmt = fmt;
  };
  amount('workOrders', r.workOrders);
  figure('takeCharge', r.sla.takeCharge);
  figure('onSite', r.sla.onSite);
  figure('resolution', r.sla.resolution);
  for (const p of r.byPriority) {
    const name = L(lang, 'priority', p.priority);
    figure('takeCharge', p.takeCharge, name);
    figure('onSite', p.onSite, name);
    figure('resolution', p.resolution, name);
  }
  amount('mttrMean', hours(r.mttr.meanMs), r.mttr.count, HOURS);
  amount('mttrP90', hours(r.mttr.p90Ms), r.mttr.count, HOURS);
  amount('backlogTotal', r.backlog.total);
  amount('upTo7Days', r.backlog.upTo7Days);
  amount('upTo30Days', r.backlog.upTo30Days);
  amount('over30Days', r.backlog.over30Days);
  figure('reopenRate', r.reopenRate);
  figure('firstTimeFix', r.firstTimeFix);
  figure('plannedCompliance', r.plannedCompliance);
  figure('correctiveShare', r.correctiveShare);
  amount('satisfactionAverage', r.satisfaction.average === null ? null : Math.round(r.satisfaction.average * 100) / 100, null, '0.00');
  figure('satisfactionResponse', r.satisfaction.responseRate);
  figure('satisfactionLow', r.satisfaction.lowScores);
  figure('satisfactionFollowedUp', r.satisfaction.followedUp);
  widths(ws, [46, 16, 14, 14, 14]);

  const cost = sheet(wb, L(lang, 'misc', 'costSheet'));
  header(
    cost,
    ['building', 'buildingName', 'cost', 'area', 'perM2'].map((k) => L(lang, 'misc', k)),
  );
  for (const c of r.costPerM2) {
    const row = cost.addRow(
      safe([c.building.code, c.building.name, c.costCents / 100, c.areaM2, c.centsPerM2 === null ? null : c.centsPerM2 / 100]),
    );
    row.getCell(3).numFmt = EURO;
    row.getCell(5).numFmt = EURO;
  }
  widths(cost, [14, 40, 22, 16, 14]);

  const list = sheet(wb, L(lang, 'misc', 'workOrdersSheet'));
  header(list, [
    ...['number', 'kind', 'priority', 'status', 'issuedAt', 'building', 'class', 'lot'].map((k) => L(lang, 'misc', k)),
    L(lang, 'figure', 'takeCharge'),
    L(lang, 'figure', 'onSite'),
    L(lang, 'figure', 'resolution'),
  ]);
  const f = formatter(lang);
  const clock = (s: string | undefined) => (s ? L(lang, 'clock', s) : '');
  for (const w of lines)
    list.addRow(
      safe([
        w.number,
        L(lang, 'kind', w.kind),
        w.priority ? L(lang, 'priority', w.priority) : '',
        wl(lang, 'workOrderStatus', w.status),
        f.dateTimeSheet(w.issuedAt),
        w.building,
        w.technologyClass,
        w.lot,
        clock(w.clocks.take_charge),
        clock(w.clocks.on_site),
        clock(w.clocks.resolution),
      ]),
    );
  if (more > 0) list.addRow(safe([L(lang, 'misc', 'truncated', { count: f.integer(more), cap: f.integer(lines.length) })]));
  widths(list, [16, 14, 14, 22, 18, 12, 12, 12, 18, 18, 18]);
  return bytes(wb);
}

/** The trend: one row per month, each figure as numerator, denominator and value. */
export async function trendXlsx(lang: Lang, t: KpiTrendDto, meta: FileMeta): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  const ws = sheet(wb, L(lang, 'misc', 'trendSheet'));
  heading(ws, lang, meta);
  const FIGS = ['takeCharge', 'onSite', 'resolution', 'reopenRate'] as const;
  const three = (name: string) => ['numerator', 'denominator', 'value'].map((k) => `${L(lang, 'figure', name)} — ${L(lang, 'misc', k)}`);
  header(ws, [
    L(lang, 'misc', 'month'),
    L(lang, 'figure', 'workOrders'),
    ...FIGS.flatMap(three),
    L(lang, 'figure', 'mttrMean'),
    L(lang, 'figure', 'satisfactionAverage'),
  ]);
  const f = formatter(lang);
  for (const m of t.months) {
    const row = ws.addRow(
      safe([
        f.month(m.month),
        m.workOrders,
        ...FIGS.flatMap((k) => [m[k].numerator, m[k].denominator, m[k].value]),
        hours(m.mttrMeanMs),
        m.satisfactionAverage === null ? null : Math.round(m.satisfactionAverage * 100) / 100,
      ]),
    );
    FIGS.forEach((_, i) => (row.getCell(3 + i * 3 + 2).numFmt = SHARE));
    row.getCell(3 + FIGS.length * 3).numFmt = HOURS;
  }
  widths(ws, [16, 14, ...FIGS.flatMap(() => [14, 14, 12]), 16, 14]);
  return bytes(wb);
}

/** The heat map: a row per building, a column per technology class, faults in the cells, totals at the ends. */
export async function heatmapXlsx(lang: Lang, h: KpiHeatmapDto, meta: FileMeta): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  const ws = sheet(wb, L(lang, 'misc', 'heatmapSheet'));
  heading(ws, lang, meta);
  header(ws, [
    L(lang, 'misc', 'building'),
    L(lang, 'misc', 'buildingName'),
    ...h.classes.map((c) => `${c.code} — ${c.name}`),
    L(lang, 'misc', 'total'),
  ]);
  const faults = new Map(h.cells.map((c) => [`${c.buildingId}|${c.technologyClassId}`, c.faults]));
  const colTotals = h.classes.map(() => 0);
  for (const b of h.buildings) {
    const counts = h.classes.map((c, i) => {
      const n = faults.get(`${b.id}|${c.id}`) ?? 0;
      colTotals[i] += n;
      return n;
    });
    ws.addRow(safe([b.code, b.name, ...counts, counts.reduce((a, n) => a + n, 0)]));
  }
  ws.addRow(safe([L(lang, 'misc', 'total'), null, ...colTotals, colTotals.reduce((a, n) => a + n, 0)])).font = { bold: true };
  widths(ws, [14, 36, ...h.classes.map(() => 18), 10]);
  return bytes(wb);
}

/** The work orders behind one figure, all of them up to the cap (`total` says how many there are). */
export async function workOrdersXlsx(
  lang: Lang,
  list: KpiWorkOrdersDto,
  meta: FileMeta & { figure: string; set: string },
): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  const ws = sheet(wb, L(lang, 'misc', 'workOrdersSheet'));
  heading(ws, lang, meta);
  ws.addRow(safe([L(lang, 'misc', 'indicator'), `${L(lang, 'figure', meta.figure)} (${L(lang, 'set', meta.set)})`]));
  ws.addRow([]);
  header(
    ws,
    ['number', 'kind', 'priority', 'status', 'issuedAt', 'building', 'class', 'lot'].map((k) => L(lang, 'misc', k)),
  );
  const f = formatter(lang);
  for (const w of list.items)
    ws.addRow(
      safe([
        w.number,
        L(lang, 'kind', w.kind),
        L(lang, 'priority', w.priority),
        wl(lang, 'workOrderStatus', w.status),
        f.dateTimeSheet(w.issuedAt),
        w.building.code,
        w.technologyClass.code,
        w.contract.lot,
      ]),
    );
  const more = list.total - list.items.length;
  if (more > 0) ws.addRow(safe([L(lang, 'misc', 'truncated', { count: f.integer(more), cap: f.integer(list.items.length) })]));
  widths(ws, [16, 14, 14, 22, 18, 12, 12, 12]);
  return bytes(wb);
}
