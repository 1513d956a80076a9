// The cost-allocation report as files: XLSX (euro cells as numbers, a total row, and the allocations
// behind the figures on a second sheet) and an A4 PDF table. The figures are the report's own, so
// the files add up exactly like the page.
import { loadExcelJS } from '../../exceljs.ts';
import { formatter } from '../../../shared/format.ts';
import type { Lang } from '../../i18n/messages.ts';
import { createPdf, GREY, PRIMARY } from '../../pdf/document.ts';
import { xlsxValue } from '../../spreadsheet-escape.ts';
import { allocationLabel as L } from './allocations.i18n.ts';
import type { AllocationDto, ReportDto } from './allocations.schemas.ts';

const EURO_FORMAT = '#,##0.00 "€"';
const euro = (cents: number) => cents / 100;

export interface ReportMeta {
  contract: string | null;
  generatedAt: string;
}

function periodText(lang: Lang, r: ReportDto): string {
  const f = formatter(lang);
  if (!r.from && !r.to) return L(lang, 'misc', 'all');
  return `${r.from ? f.month(r.from) : '…'} – ${r.to ? f.month(r.to) : '…'}`;
}

export async function reportXlsx(lang: Lang, r: ReportDto, details: AllocationDto[]): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  const sheet = wb.addWorksheet(L(lang, 'misc', 'sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const h = (k: string) => L(lang, 'header', k);
  sheet.columns = [
    { header: xlsxValue(L(lang, 'groupBy', r.groupBy)), key: 'label', width: 48 },
    { header: h('finalAccounts'), key: 'finalAccounts', width: 14 },
    { header: h('net'), key: 'net', width: 18, style: { numFmt: EURO_FORMAT } },
    { header: h('vat'), key: 'vat', width: 16, style: { numFmt: EURO_FORMAT } },
    { header: h('amount'), key: 'amount', width: 18, style: { numFmt: EURO_FORMAT } },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of r.rows)
    sheet.addRow({
      label: xlsxValue(row.label),
      finalAccounts: row.finalAccounts,
      net: euro(row.netCents),
      vat: euro(row.vatCents),
      amount: euro(row.amountCents),
    });
  const total = sheet.addRow({
    label: h('total'),
    finalAccounts: r.totals.finalAccounts,
    net: euro(r.totals.netCents),
    vat: euro(r.totals.vatCents),
    amount: euro(r.totals.amountCents),
  });
  total.font = { bold: true };

  const detail = wb.addWorksheet(xlsxValue(lang === 'it' ? 'Dettaglio' : 'Detail'), { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.columns = [
    { header: L(lang, 'groupBy', 'period'), key: 'period', width: 10 },
    { header: lang === 'it' ? 'Ordine di lavoro' : 'Work order', key: 'workOrder', width: 16 },
    { header: L(lang, 'groupBy', 'department'), key: 'payer', width: 40 },
    { header: L(lang, 'groupBy', 'building'), key: 'building', width: 12 },
    { header: L(lang, 'groupBy', 'class'), key: 'cls', width: 10 },
    { header: L(lang, 'misc', 'contract'), key: 'contract', width: 10 },
    { header: lang === 'it' ? 'Regola' : 'Rule', key: 'method', width: 28 },
    { header: lang === 'it' ? 'Quota (%)' : 'Share (%)', key: 'share', width: 10 },
    { header: h('net'), key: 'net', width: 16, style: { numFmt: EURO_FORMAT } },
    { header: h('vat'), key: 'vat', width: 14, style: { numFmt: EURO_FORMAT } },
    { header: h('amount'), key: 'amount', width: 16, style: { numFmt: EURO_FORMAT } },
  ];
  detail.getRow(1).font = { bold: true };
  for (const d of details)
    detail.addRow({
      period: d.period,
      workOrder: xlsxValue(d.workOrder.number),
      payer: xlsxValue(d.payer),
      building: xlsxValue(d.building.code),
      cls: xlsxValue(d.technologyClass.code),
      contract: xlsxValue(d.contract.lot),
      method: L(lang, 'method', d.method),
      share: d.shareBp / 100,
      net: euro(d.netCents),
      vat: euro(d.vatCents),
      amount: euro(d.amountCents),
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function reportPdf(lang: Lang, r: ReportDto, meta: ReportMeta): Promise<Buffer> {
  const title = L(lang, 'misc', 'title');
  const f = formatter(lang);
  const { doc, face, left, width, end } = createPdf({ title, subject: periodText(lang, r), lang });
  const w = width();
  face(title, true).fontSize(18).fillColor(PRIMARY).text(title, left, doc.y, { width: w });
  const sub = [
    `${L(lang, 'misc', 'period')}: ${periodText(lang, r)}`,
    `${L(lang, 'misc', 'contract')}: ${meta.contract ?? L(lang, 'misc', 'allContracts')}`,
    L(lang, 'misc', 'generated', { at: f.dateTime(meta.generatedAt) }),
  ].join('   ·   ');
  face(sub).fontSize(9.5).fillColor(GREY).text(sub, left, doc.y, { width: w });
  doc.moveDown(0.8);

  // label | final accounts | net | VAT | total
  const cols = [w - 330, 70, 90, 80, 90];
  const xs = cols.map((_, i) => left + cols.slice(0, i).reduce((a, b) => a + b, 0));
  const line = (cells: string[], bold = false, colour = '#1A1A1A') => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    let bottom = y;
    cells.forEach((c, i) => {
      face(c, bold)
        .fontSize(9.5)
        .fillColor(colour)
        .text(c, xs[i] + (i === 0 ? 0 : 4), y, { width: cols[i] - 4, align: i === 0 ? 'left' : 'right' });
      bottom = Math.max(bottom, doc.y);
    });
    doc.y = bottom + 3;
    doc
      .moveTo(left, doc.y - 1.5)
      .lineTo(left + w, doc.y - 1.5)
      .lineWidth(0.3)
      .strokeColor('#C5CDD5')
      .stroke();
  };
  const h = (k: string) => L(lang, 'header', k).replace(' (€)', '');
  line([L(lang, 'groupBy', r.groupBy), h('finalAccounts'), h('net'), h('vat'), h('amount')], true, PRIMARY);
  for (const row of r.rows)
    line([row.label, f.integer(row.finalAccounts), f.money(row.netCents), f.money(row.vatCents), f.money(row.amountCents)]);
  line(
    [h('total'), f.integer(r.totals.finalAccounts), f.money(r.totals.netCents), f.money(r.totals.vatCents), f.money(r.totals.amountCents)],
    true,
  );
  if (r.unallocated > 0) {
    doc.moveDown(0.6);
    const note = L(lang, 'misc', 'unallocated', { count: f.integer(r.unallocated) });
    face(note).fontSize(9.5).fillColor('#A66300').text(note, left, doc.y, { width: w });
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const text = `${title} — ${L(lang, 'misc', 'page', { page: i + 1, pages: range.count })}`;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    face(text)
      .fontSize(8)
      .fillColor(GREY)
      .text(text, left, doc.page.height - 40, { width: w, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  return end();
}
