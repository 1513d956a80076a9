// The program as a document: PDF (pdfkit, house style of src/server/pdf) and XLSX (exceljs, text
// cells through spreadsheet-escape), in the caller's language, with the items the caller reads
// (a building manager: its buildings'). One table per building: date, window, activity, asset,
// technician, and the mark of a date moved off a non-working day.
import { loadExcelJS } from '../../exceljs.ts';
import { formatter } from '../../../shared/format.ts';
import type { ProgramDto, ProgramItemDto } from '../../../shared/schemas/programs.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { createPdf, GREY, PRIMARY } from '../../pdf/document.ts';
import { xlsxValue } from '../../spreadsheet-escape.ts';
import { getProgram } from './programs.service.ts';

type Lang = 'it' | 'en';

const L = {
  it: {
    title: 'Programma mensile di manutenzione',
    contract: 'Contratto',
    contractor: 'Impresa',
    month: 'Mese',
    status: 'Stato',
    date: 'Data',
    window: 'Fascia',
    activity: 'Attività',
    asset: 'Componente',
    technician: 'Tecnico',
    shifted: 'Spostata',
    due: 'Scadenza',
    building: 'Edificio',
    workOrder: 'ODL',
    none: 'Nessuna attività.',
    page: 'pagina',
    of: 'di',
    sheet: 'Programma',
    status_draft: 'bozza',
    status_submitted: 'inviato',
    status_returned: 'restituito',
    status_approved: 'approvato',
    status_published: 'pubblicato',
    shift_holiday: 'festività',
    shift_patron_saint: 'santo patrono',
    shift_closure: 'chiusura',
    shift_weekend: 'giorno non lavorativo',
    remarks: 'Osservazioni',
  },
  en: {
    title: 'Monthly maintenance program',
    contract: 'Contract',
    contractor: 'Contractor',
    month: 'Month',
    status: 'Status',
    date: 'Date',
    window: 'Window',
    activity: 'Activity',
    asset: 'Asset',
    technician: 'Technician',
    shifted: 'Moved',
    due: 'Due',
    building: 'Building',
    workOrder: 'Work order',
    none: 'No activities.',
    page: 'page',
    of: 'of',
    sheet: 'Program',
    status_draft: 'draft',
    status_submitted: 'submitted',
    status_returned: 'returned',
    status_approved: 'approved',
    status_published: 'published',
    shift_holiday: 'public holiday',
    shift_patron_saint: 'patron saint',
    shift_closure: 'closure',
    shift_weekend: 'non-working day',
    remarks: 'Remarks',
  },
} as const;

const t = (lang: Lang, key: string): string => (L[lang] as Record<string, string>)[key] ?? key;
const day = (iso: string, lang: Lang) => `${formatter(lang).weekday(iso)} ${formatter(lang).date(iso)}`;
const monthName = (month: string, lang: Lang) => formatter(lang).month(month);
const windowOf = (i: ProgramItemDto) => (i.windowFrom && i.windowTo ? `${i.windowFrom}–${i.windowTo}` : '');
const shiftOf = (i: ProgramItemDto, lang: Lang) => (i.shiftReason ? `${t(lang, `shift_${i.shiftReason}`)} (${day(i.dueOn, lang)})` : '');

function byBuilding(items: readonly ProgramItemDto[]) {
  const m = new Map<string, { code: string; name: string; items: ProgramItemDto[] }>();
  for (const i of items) {
    const g = m.get(i.buildingId) ?? { code: i.buildingCode, name: i.buildingName, items: [] };
    g.items.push(i);
    m.set(i.buildingId, g);
  }
  return [...m.values()].sort((a, b) => a.code.localeCompare(b.code));
}

const baseName = (p: ProgramDto) => `programma-${p.lot.replace(/[^A-Za-z0-9]+/g, '')}-${p.month}`;

export async function programPdf(ctx: AppContext, actor: Principal, id: string) {
  const p = await getProgram(ctx, actor, id);
  const lang: Lang = actor.language === 'en' ? 'en' : 'it';
  const title = `${t(lang, 'title')} — ${p.lot} — ${monthName(p.month, lang)}`;
  const { doc, face, left, width, end } = createPdf({ title, subject: p.contractTitle, lang }, 'landscape');
  const text = (s: string, o: { size?: number; bold?: boolean; color?: string; x?: number; w?: number; y?: number } = {}) =>
    face(s, o.bold)
      .fontSize(o.size ?? 9.5)
      .fillColor(o.color ?? '#1A1A1A')
      .text(s, o.x ?? left, o.y ?? doc.y, { width: o.w ?? width() });
  text(t(lang, 'title'), { size: 16, bold: true, color: PRIMARY });
  doc.moveDown(0.3);
  for (const [k, v] of [
    [t(lang, 'contract'), `${p.lot} — ${p.contractTitle}`],
    [t(lang, 'contractor'), p.contractorName],
    [t(lang, 'month'), monthName(p.month, lang)],
    [t(lang, 'status'), t(lang, `status_${p.status}`)],
    ...(p.remarks ? [[t(lang, 'remarks'), p.remarks]] : []),
  ] as Array<[string, string]>) {
    const y = doc.y;
    text(k, { bold: true, color: GREY, w: 120, y });
    const yk = doc.y;
    text(v, { x: left + 125, w: width() - 125, y });
    doc.y = Math.max(yk, doc.y) + 2;
  }
  // Columns: date, window, activity, asset, technician, moved (reason and due date), work order.
  const cols = [
    { key: 'date', w: 95 },
    { key: 'window', w: 65 },
    { key: 'activity', w: 200 },
    { key: 'asset', w: 120 },
    { key: 'technician', w: 90 },
    { key: 'shifted', w: 110 },
    { key: 'workOrder', w: 62 },
  ];
  const row = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    let x = left;
    let bottom = y;
    cells.forEach((c, k) => {
      text(c, { x, y, w: cols[k].w - 4, size: 8.5, bold, color: bold ? GREY : '#1A1A1A' });
      bottom = Math.max(bottom, doc.y);
      x += cols[k].w;
    });
    doc.y = bottom + 3;
  };
  const groups = byBuilding(p.items);
  if (groups.length === 0) {
    doc.moveDown(1);
    text(t(lang, 'none'));
  }
  for (const g of groups) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.8);
    text(`${t(lang, 'building')} ${g.code} — ${g.name}`, { size: 12, bold: true, color: PRIMARY });
    doc.moveDown(0.2);
    row(
      cols.map((c) => t(lang, c.key)),
      true,
    );
    for (const i of g.items) {
      row([
        day(i.plannedOn, lang),
        windowOf(i),
        i.activity,
        i.assetName ?? '',
        i.technician ?? '',
        shiftOf(i, lang),
        i.workOrderNumber ?? '',
      ]);
    }
  }
  const range = doc.bufferedPageRange();
  for (let k = range.start; k < range.start + range.count; k++) {
    doc.switchToPage(k);
    const footer = `${title} — ${t(lang, 'page')} ${k + 1} ${t(lang, 'of')} ${range.count}`;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    face(footer)
      .fontSize(8)
      .fillColor(GREY)
      .text(footer, left, doc.page.height - 40, { width: width(), align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  return { filename: `${baseName(p)}.pdf`, contentType: 'application/pdf', body: await end() };
}

export async function programXlsx(ctx: AppContext, actor: Principal, id: string) {
  const p = await getProgram(ctx, actor, id);
  const lang: Lang = actor.language === 'en' ? 'en' : 'it';
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Presidio';
  const sheet = wb.addWorksheet(t(lang, 'sheet'), { views: [{ state: 'frozen', ySplit: 5 }] });
  sheet.addRow([xlsxValue(t(lang, 'contract')), xlsxValue(`${p.lot} — ${p.contractTitle}`)]);
  sheet.addRow([xlsxValue(t(lang, 'contractor')), xlsxValue(p.contractorName)]);
  sheet.addRow([xlsxValue(t(lang, 'month')), xlsxValue(p.month)]);
  sheet.addRow([xlsxValue(t(lang, 'status')), xlsxValue(t(lang, `status_${p.status}`))]);
  const keys = ['building', 'date', 'window', 'activity', 'asset', 'technician', 'due', 'shifted', 'workOrder'];
  const header = sheet.addRow(keys.map((k) => xlsxValue(t(lang, k))));
  header.font = { bold: true };
  for (const g of byBuilding(p.items)) {
    for (const i of g.items) {
      const r = sheet.addRow([
        xlsxValue(`${g.code} ${g.name}`),
        new Date(`${i.plannedOn}T00:00:00Z`),
        xlsxValue(windowOf(i)),
        xlsxValue(i.activity),
        xlsxValue(i.assetName ?? ''),
        xlsxValue(i.technician ?? ''),
        new Date(`${i.dueOn}T00:00:00Z`),
        xlsxValue(i.shiftReason ? t(lang, `shift_${i.shiftReason}`) : ''),
        xlsxValue(i.workOrderNumber ?? ''),
      ]);
      r.getCell(2).numFmt = 'dd/mm/yyyy';
      r.getCell(7).numFmt = 'dd/mm/yyyy';
    }
  }
  [24, 12, 12, 48, 28, 20, 12, 20, 16].forEach((w, k) => {
    sheet.getColumn(k + 1).width = w;
  });
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${baseName(p)}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
}
