// Exports of the work lists: the same filters, scope and order as the list, every row (up to
// EXPORT_MAX_ROWS), streamed page by page so memory stays flat. CSV for Italian Excel (UTF-8
// with BOM, ';' separator, CRLF), or XLSX through exceljs' streaming writer with real dates.
import { PassThrough, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../exceljs.ts';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import type { Principal } from '../../auth/principal.ts';
import { AppError } from '../../errors.ts';
import type { Lang } from '../../i18n/messages.ts';
import { formatter } from '../../../shared/format.ts';
import * as repo from './worklists.repository.ts';
import type { Resource } from './worklists.repository.ts';
import { label, TICKET_COLUMNS, WORK_ORDER_COLUMNS } from './worklists.i18n.ts';
import {
  allRows,
  listSpec,
  presentTickets,
  presentWorkOrders,
  ZONE,
  type ListInput,
  type TicketItem,
  type WorkOrderItem,
} from './worklists.service.ts';
import { EXPORT_MAX_ROWS } from './worklists.views.ts';
import { csvNumberField, csvTextField, xlsxValue } from '../../spreadsheet-escape.ts';

export type Format = 'csv' | 'xlsx';

/** Excel number formats of the date columns: typed dates, day before month as both languages write them. */
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
export const DATE_FORMAT = 'dd/mm/yyyy';

/** A cell before formatting: text, a number, an instant (ISO) or a calendar day. */
export type Cell = string | number | { instant: string } | { day: string } | null;

function ticketCells(lang: Lang, t: TicketItem): Record<(typeof TICKET_COLUMNS)[number], Cell> {
  const open = t.workOrders.filter((w) => w.status !== 'verified' && w.status !== 'closed');
  const next =
    open
      .map((w) => w.scheduledAt)
      .filter((x): x is string => !!x)
      .sort()[0] ?? null;
  return {
    number: t.number,
    status: label(lang, 'ticketStatus', t.status),
    priority: label(lang, 'priority', t.priority),
    danger: label(lang, 'misc', t.danger ? 'yes' : 'no'),
    channel: label(lang, 'channel', t.channel),
    subject: t.subject,
    description: null, // filled by the caller (the list item does not carry it)
    buildingCode: t.building.code,
    buildingName: t.building.name,
    space: t.space ? `${t.space.code} ${t.space.name}` : null,
    requester: t.requesterName,
    technologyClasses: [...new Set(t.workOrders.map((w) => w.technologyClass.name))].join(', '),
    contractors: [...new Set(t.workOrders.map((w) => w.contractor?.name).filter(Boolean))].join(', '),
    workOrders: t.workOrders.map((w) => `${w.number} (${label(lang, 'workOrderStatus', w.status)})`).join(', '),
    nextDate: next ? { instant: next } : null,
    createdAt: { instant: t.createdAt },
    closedAt: t.closedAt ? { instant: t.closedAt } : null,
    reopenCount: t.reopenCount,
    reminderCount: t.reminderCount,
    ...slaCells(lang, t.sla),
  };
}

export function workOrderCells(lang: Lang, w: WorkOrderItem): Record<(typeof WORK_ORDER_COLUMNS)[number], Cell> {
  const instant = (v: string | null) => (v ? { instant: v } : null);
  return {
    number: w.number,
    kind: label(lang, 'kind', w.kind),
    status: label(lang, 'workOrderStatus', w.status),
    outcome: label(lang, 'outcome', w.outcome),
    priority: label(lang, 'priority', w.priority),
    ticketNumber: w.ticket?.number ?? null,
    ticketSubject: w.ticket?.subject ?? null,
    buildingCode: w.building.code,
    buildingName: w.building.name,
    space: w.space ? `${w.space.code} ${w.space.name}` : null,
    technologyClass: `${w.technologyClass.code} ${w.technologyClass.name}`,
    contractor: w.contractor.name,
    lot: w.contract.lot,
    cig: w.contract.cig,
    description: w.description,
    location: w.location,
    issuedAt: instant(w.issuedAt),
    acknowledgedAt: instant(w.acknowledgedAt),
    inspectionAt: instant(w.inspectionAt),
    scheduledAt: instant(w.scheduledAt),
    expectedOn: w.expectedOn ? { day: w.expectedOn } : null,
    completedAt: instant(w.completedAt),
    closedAt: instant(w.closedAt),
    ...slaCells(lang, w.sla),
  };
}

type SlaRow = TicketItem['sla'];

/** The SLA state in the words of the lists' badge (SlaStateBadge), and its due instant as a date of its own. */
export function slaText(lang: Lang, sla: SlaRow): string | null {
  if (!sla) return null;
  const when = formatter(lang).dateTime(sla.dueAt);
  if (sla.state === 'paused' && sla.pausedFor)
    return label(lang, 'slaRow', 'pausedFor', { reason: label(lang, 'workOrderStatus', sla.pausedFor) });
  return label(lang, 'slaRow', sla.state, { when });
}

function slaCells(lang: Lang, sla: SlaRow): { sla: Cell; slaDueAt: Cell } {
  return { sla: slaText(lang, sla), slaDueAt: sla?.dueAt ? { instant: sla.dueAt } : null };
}

/** Local wall-clock time in Rome. */
const local = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(ZONE);

/** A cell as CSV text: dates in the reader's language through src/shared/format.ts ("09/12/2026 10:30"). */
export function cellText(lang: Lang, v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if ('instant' in v) return formatter(lang).dateTimeSheet(v.instant);
  return formatter(lang).date(v.day);
}

/** Excel stores wall-clock serials with no zone: the Rome time, written as if it were UTC. */
export function cellValue(v: Cell): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if ('instant' in v) {
    const d = local(v.instant);
    return new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second));
  }
  const d = DateTime.fromISO(v.day);
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

/** One CSV field: numbers as numbers, everything else as escaped text (src/server/spreadsheet-escape.ts). */
export function csvCell(lang: Lang, v: Cell): string {
  return typeof v === 'number' ? csvNumberField(v) : csvTextField(cellText(lang, v));
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Readable;
}

/**
 * The export of a list: refuses (400, before any byte is sent) one that would pass the cap,
 * then streams the file.
 */
export async function exportList(
  ctx: AppContext,
  p: Principal,
  resource: Resource,
  input: ListInput,
  format: Format,
  cap = EXPORT_MAX_ROWS,
): Promise<ExportFile> {
  const spec = await listSpec(ctx, p, resource, input);
  const total = await repo.countRows(ctx.db, spec, cap);
  const lang = p.language;
  if (total > cap) {
    throw new AppError('BAD_REQUEST', { reason: label(lang, 'misc', 'exportTooLarge', { limit: formatter(lang).integer(cap) }) }, [
      { field: 'filters', rule: 'exportTooLarge', params: { limit: cap } },
    ]);
  }
  const columns: readonly string[] = resource === 'tickets' ? TICKET_COLUMNS : WORK_ORDER_COLUMNS;
  const headers = columns.map((col) => label(lang, 'header', col));

  async function* records(): AsyncGenerator<Record<string, Cell>> {
    for await (const rows of allRows(ctx, spec)) {
      if (resource === 'tickets') {
        const items = await presentTickets(ctx, p, rows, spec.workOrderScope);
        for (let i = 0; i < items.length; i++) yield { ...ticketCells(lang, items[i]), description: rows[i].description as string };
      } else {
        for (const item of await presentWorkOrders(ctx, p, rows, true)) yield workOrderCells(lang, item);
      }
    }
  }

  const stamp = DateTime.fromJSDate(ctx.now(), { zone: ZONE }).toFormat('yyyy-MM-dd');
  const base = `${label(lang, 'misc', resource === 'tickets' ? 'filePrefixTickets' : 'filePrefixWorkOrders')}-${stamp}`;

  if (format === 'csv') {
    async function* csv(): AsyncGenerator<string> {
      yield `\uFEFF${headers.map((h) => csvTextField(h)).join(';')}\r\n`;
      let buf = '';
      for await (const rec of records()) {
        buf += `${columns.map((col) => csvCell(lang, rec[col])).join(';')}\r\n`;
        if (buf.length > 64 * 1024) {
          yield buf;
          buf = '';
        }
      }
      if (buf) yield buf;
    }
    return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: Readable.from(csv(), { objectMode: false }) };
  }

  const out = new PassThrough();
  const wb = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet(label(lang, 'misc', resource === 'tickets' ? 'sheetTickets' : 'sheetWorkOrders'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((col, i) => ({
    header: xlsxValue(headers[i]),
    key: col,
    width: col === 'description' || col === 'subject' || col === 'ticketSubject' ? 60 : Math.max(12, headers[i].length + 2),
    style: /At$|Date$/.test(col) ? { numFmt: DATE_TIME_FORMAT } : col === 'expectedOn' ? { numFmt: DATE_FORMAT } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const rec of records()) {
      const row: Record<string, ExcelJS.CellValue> = {};
      for (const col of columns) row[col] = xlsxValue(cellValue(rec[col]));
      sheet.addRow(row).commit();
    }
    sheet.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return {
    filename: `${base}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: out,
  };
}
