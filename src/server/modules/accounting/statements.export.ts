// A statement as a file: PDF (the formal document, Italian) or XLSX (the caller's language), with
// the totals and every item with the work order behind it.
import { loadExcelJS } from '../../exceljs.ts';
import { formatMoney, formatter } from '../../../shared/format.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Lang } from '../../i18n/messages.ts';
import { createPdf, GREY, PRIMARY } from '../../pdf/document.ts';
import { xlsxValue } from '../../spreadsheet-escape.ts';
import type { StatementDto } from './statements.schemas.ts';
import { getStatement } from './statements.service.ts';

export interface StatementFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const L = {
  it: {
    title: (s: StatementDto) => `Stato di avanzamento n. ${s.number}${s.final ? ' (finale)' : ''} — ${s.contract.lot} — ${s.period}`,
    sheet: 'Stato di avanzamento',
    contract: 'Contratto',
    contractor: 'Appaltatore',
    status: 'Stato',
    states: { draft: 'bozza', approved: 'approvato' },
    durc: 'DURC valido fino al',
    approved: 'Approvato da',
    totals: [
      ['flatFeeCents', 'Rata del canone'],
      ['extraFeeCents', 'Lavori extra canone'],
      ['rewardsCents', 'Premi (report indicatori)'],
      ['grossCents', 'Importo lordo'],
      ['penaltiesDeductedCents', 'Penali detratte'],
      ['penaltiesCarriedCents', 'Penali riportate al successivo'],
      ['netCents', 'Importo netto'],
      ['previousNetCents', 'Netto progressivo precedente'],
      ['progressiveNetCents', 'Netto progressivo'],
      ['withheldCents', 'Ritenuta 0,50% (art. 11 c. 6 D.Lgs. 36/2023)'],
      ['releasedCents', 'Svincolo ritenute'],
      ['taxableCents', 'Imponibile'],
      ['vatCents', 'IVA'],
      ['totalCents', 'Totale'],
    ],
    items: ['N.', 'Voce', 'Descrizione', 'ODL', 'Importo'],
    kinds: {
      flat_fee: 'Rata del canone',
      extra_fee: 'Consuntivo extra canone',
      kpi_reward: 'Premio (report indicatori)',
      penalty: 'Penale applicata',
      penalty_carried: 'Penali riportate',
      withholding_release: 'Svincolo ritenute',
    },
  },
  en: {
    title: (s: StatementDto) => `Statement no. ${s.number}${s.final ? ' (final)' : ''} — ${s.contract.lot} — ${s.period}`,
    sheet: 'Statement',
    contract: 'Contract',
    contractor: 'Contractor',
    status: 'Status',
    states: { draft: 'draft', approved: 'approved' },
    durc: 'DURC valid until',
    approved: 'Approved by',
    totals: [
      ['flatFeeCents', 'Flat-fee instalment'],
      ['extraFeeCents', 'Extra-fee work'],
      ['rewardsCents', 'Rewards (indicator reports)'],
      ['grossCents', 'Gross'],
      ['penaltiesDeductedCents', 'Penalties deducted'],
      ['penaltiesCarriedCents', 'Penalties carried to the next'],
      ['netCents', 'Net'],
      ['previousNetCents', 'Previous progressive net'],
      ['progressiveNetCents', 'Progressive net'],
      ['withheldCents', '0.50% withholding (D.Lgs. 36/2023 art. 11 c. 6)'],
      ['releasedCents', 'Withholding released'],
      ['taxableCents', 'Taxable'],
      ['vatCents', 'VAT'],
      ['totalCents', 'Total'],
    ],
    items: ['No.', 'Item', 'Description', 'Work order', 'Amount'],
    kinds: {
      flat_fee: 'Flat-fee instalment',
      extra_fee: 'Extra-fee final account',
      kpi_reward: 'Reward (indicator report)',
      penalty: 'Penalty applied',
      penalty_carried: 'Penalties carried in',
      withholding_release: 'Withholding released',
    },
  },
} as const;

type TotalKey = keyof StatementDto['totals'];

export async function statementFile(ctx: AppContext, p: Principal, id: string, format: 'pdf' | 'xlsx'): Promise<StatementFile> {
  const s = await getStatement(ctx, p, id);
  // The PDF is a formal document: Italian. The spreadsheet follows the caller's language.
  const lang: Lang = format === 'pdf' ? 'it' : p.language;
  const l = L[lang];
  const fmt = formatter(lang);
  const base = `sal-${s.contract.lot.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${s.period}-n${s.number}`;
  const items = s.items ?? [];
  const head: Array<[string, string]> = [
    [l.contract, `${s.contract.title} — CIG ${s.contract.cig}`],
    [l.contractor, `${s.contractor.name} — P.IVA ${s.contractor.vatNumber}`],
    [l.status, l.states[s.status]],
    [l.durc, s.durc.validUntil ? fmt.date(s.durc.validUntil) : '—'],
    ...(s.approvedBy ? [[l.approved, `${s.approvedBy.label} — ${fmt.dateTime(s.approvedAt)}`] as [string, string]] : []),
  ];

  if (format === 'pdf') {
    const title = l.title(s);
    const { doc, face, left, width, end } = createPdf({ title, subject: `CIG ${s.contract.cig}`, lang: 'it' });
    face(title, true).fontSize(14).fillColor(PRIMARY).text(title, left, doc.y, { width: width() });
    doc.moveDown(0.5);
    const pair = (k: string, v: string, bold = false) => {
      const y = doc.y;
      face(k, bold).fontSize(10).fillColor(GREY).text(k, left, y, { width: 260 });
      const yk = doc.y;
      face(v, bold)
        .fontSize(10)
        .fillColor('#1A1A1A')
        .text(v, left + 265, y, { width: width() - 265, align: 'right' });
      doc.y = Math.max(yk, doc.y) + 2;
    };
    for (const [k, v] of head) pair(k, v);
    doc.moveDown(0.6);
    for (const [key, label] of l.totals)
      pair(label, formatMoney(s.totals[key as TotalKey], 'it'), key === 'totalCents' || key === 'netCents');
    doc.moveDown(0.8);
    const cols = [30, 120, 230, 70, 45];
    const row = (cells: string[], bold = false) => {
      if (doc.y > doc.page.height - 90) doc.addPage();
      const y = doc.y;
      let bottom = y;
      let x = left;
      const scale = width() / cols.reduce((a, b) => a + b, 0);
      cells.forEach((c, k) => {
        const w = cols[k] * scale;
        face(c, bold)
          .fontSize(8.5)
          .fillColor(bold ? GREY : '#1A1A1A')
          .text(c, x, y, { width: w - 4, align: k === cells.length - 1 ? 'right' : 'left' });
        bottom = Math.max(bottom, doc.y);
        x += w;
      });
      doc.y = bottom + 3;
    };
    row([...l.items], true);
    for (const i of items)
      row([String(i.position), l.kinds[i.kind], i.description, i.workOrder?.number ?? '—', formatMoney(i.amountCents, 'it')]);
    return { filename: `${base}.pdf`, contentType: 'application/pdf', body: await end() };
  }

  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Presidio';
  const ws = wb.addWorksheet(l.sheet);
  const safe = (cells: readonly unknown[]) => cells.map(xlsxValue);
  ws.addRow(safe([l.title(s)])).font = { bold: true };
  for (const [k, v] of head) ws.addRow(safe([k, v]));
  ws.addRow([]);
  for (const [key, label] of l.totals) ws.addRow(safe([label, s.totals[key as TotalKey] / 100])).getCell(2).numFmt = '€ #,##0.00';
  ws.addRow([]);
  ws.addRow(safe(l.items)).font = { bold: true };
  for (const i of items)
    ws.addRow(safe([i.position, l.kinds[i.kind], i.description, i.workOrder?.number ?? null, i.amountCents / 100])).getCell(5).numFmt =
      '€ #,##0.00';
  ws.columns.forEach((col, n) => {
    col.width = [34, 24, 50, 18, 14][n] ?? 12;
  });
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
}
