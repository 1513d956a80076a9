// PDF documents of the penalty procedure (pdfkit, A4): the formal notice of contestation sent to
// the contractor by PEC, and the register of penalties per contract and period. Titillium Web
// (the Italian public administration's typeface) when it has every letter, else Helvetica.
import { formatMoney, formatter } from '../../../shared/format.ts';
import { createPdf, GREY, PRIMARY } from '../../pdf/document.ts';

/** Money in a language, by the shared formatter ("2.700,00 €"). */
export const euro = (cents: number, lang: 'it' | 'en' = 'it') => formatMoney(cents, lang);
/** An instant in Rome's time, in Italian (these documents are Italian). */
export const romeTime = (iso: string | null, lang: 'it' | 'en' = 'it') => formatter(lang).dateTime(iso);

/** A document with the fonts registered, the text helpers and a promise of its bytes. */
function makeDoc(info: { title: string; subject: string }, layout: 'portrait' | 'landscape' = 'portrait') {
  // The contest notice and the register are Italian-only documents (see the issue note).
  const { doc, face, left, width, end } = createPdf({ ...info, lang: 'it' }, layout);
  const para = (text: string, o: { size?: number; bold?: boolean; color?: string; gap?: number } = {}) => {
    face(text, o.bold)
      .fontSize(o.size ?? 10.5)
      .fillColor(o.color ?? '#1A1A1A')
      .text(text, left, doc.y, { width: width() });
    doc.moveDown(o.gap ?? 0.4);
  };
  const heading = (text: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage(); // no heading alone at the foot of a page
    doc.moveDown(0.4);
    para(text, { size: 12.5, bold: true, color: PRIMARY, gap: 0.3 });
  };
  const pair = (k: string, v: string) => {
    const y = doc.y;
    face(k, true).fontSize(10).fillColor(GREY).text(k, left, y, { width: 150 });
    const yk = doc.y;
    face(v)
      .fontSize(10)
      .fillColor('#1A1A1A')
      .text(v, left + 155, y, { width: width() - 155 });
    doc.y = Math.max(yk, doc.y) + 2;
  };
  const finish = () => {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const text = `${info.title} — pagina ${i + 1} di ${range.count}`;
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      face(text)
        .fontSize(8)
        .fillColor(GREY)
        .text(text, left, doc.page.height - 40, { width: width(), align: 'center' });
      doc.page.margins.bottom = bottom;
    }
    return end();
  };
  return { doc, para, heading, pair, face, left, width, finish };
}

export interface ContestNoticeInput {
  now: Date;
  issuedBy: string;
  contract: { title: string; lot: string; cig: string; netAmountCents: number };
  contractor: { name: string; vatNumber: string; pec: string };
  workOrder: { number: string; ticketNumber: string | null; building: string; description: string; priority: string; issuedAt: string };
  breach: { clock: string; limit: string; dueAt: string | null; stoppedAt: string | null; breachedBy: string; explanation: string };
  rule: string;
  computedCents: number;
  proposedCents: number;
  capNote: string | null;
  termDays: number;
  termEndsAt: string;
  note: string | null;
  timeline: Array<{ at: string; action: string; actor: string; detail: string }>;
}

/** The formal notice of contestation (Italian: it goes to the contractor's PEC as a legal act). */
export function contestNoticePdf(i: ContestNoticeInput): Promise<Buffer> {
  const title = `Contestazione di penale — ODL ${i.workOrder.number}`;
  const { para, heading, pair, doc, finish } = makeDoc({ title, subject: `${i.contract.lot} CIG ${i.contract.cig}` });
  para('CONTESTAZIONE FORMALE DI INADEMPIMENTO E PROPOSTA DI PENALE', { size: 15, bold: true, color: PRIMARY, gap: 0.2 });
  para(`ai sensi dell'art. 126 del D.Lgs. 31 marzo 2023, n. 36 e del contratto di appalto`, { color: GREY, gap: 0.8 });
  pair('Data', romeTime(i.now.toISOString()));
  pair('Spett.le', `${i.contractor.name} — P. IVA ${i.contractor.vatNumber}`);
  pair('Trasmessa via PEC a', i.contractor.pec);

  heading('Contratto');
  pair('Oggetto', i.contract.title);
  pair('Lotto', i.contract.lot);
  pair('CIG', i.contract.cig);
  pair('Importo netto', euro(i.contract.netAmountCents));

  heading('Ordine di lavoro');
  pair('Numero', i.workOrder.number + (i.workOrder.ticketNumber ? ` (segnalazione ${i.workOrder.ticketNumber})` : ''));
  pair('Edificio', i.workOrder.building);
  pair('Priorità', i.workOrder.priority);
  pair('Emesso il', romeTime(i.workOrder.issuedAt));
  pair('Descrizione', i.workOrder.description);

  heading('Inadempimento contestato');
  pair('Tempo contrattuale', `${i.breach.clock}: ${i.breach.limit}`);
  pair('Scadenza', romeTime(i.breach.dueAt));
  pair('Esito', i.breach.stoppedAt ? `concluso il ${romeTime(i.breach.stoppedAt)}` : 'non ancora concluso alla data della presente');
  pair('Ritardo', i.breach.breachedBy);
  pair('Calcolo', i.breach.explanation);

  heading('Penale');
  pair('Regola contrattuale', i.rule);
  pair('Importo calcolato', euro(i.computedCents));
  pair('Importo proposto', euro(i.proposedCents) + (i.capNote ? ` (${i.capNote})` : ''));

  heading("Cronologia dell'intervento (ora italiana)");
  for (const e of i.timeline)
    para(`${romeTime(e.at)}  ${e.action} — ${e.actor}${e.detail ? ` — ${e.detail}` : ''}`, { size: 9.5, gap: 0.15 });

  heading('Controdeduzioni');
  para(
    `Entro ${i.termDays} giorni dal ricevimento, e comunque entro il ${romeTime(i.termEndsAt)}, codesta impresa può presentare ` +
      'le proprie controdeduzioni scritte, con eventuali documenti, tramite Presidio o rispondendo alla PEC. Decorso il termine senza ' +
      'controdeduzioni, o se queste non saranno ritenute accoglibili, la penale sarà applicata e detratta in sede di contabilità.',
  );
  if (i.note) {
    heading('Note');
    para(i.note);
  }
  doc.moveDown(1.2);
  para(`Il responsabile: ${i.issuedBy}`, { bold: true });
  return finish();
}

export interface RegisterPdfInput {
  contract: { title: string; lot: string; cig: string; contractor: string; netAmountCents: number };
  period: string;
  headers: string[];
  rows: string[][];
  totals: Array<[string, string]>;
  now: Date;
}

/** The register of penalties of a contract and period, as a landscape table. */
export function registerPdf(i: RegisterPdfInput): Promise<Buffer> {
  const title = `Registro penali ${i.contract.lot} — ${i.period}`;
  const { para, pair, doc, face, left, width, finish } = makeDoc({ title, subject: `CIG ${i.contract.cig}` }, 'landscape');
  para(title, { size: 15, bold: true, color: PRIMARY, gap: 0.3 });
  pair('Contratto', `${i.contract.title} — CIG ${i.contract.cig}`);
  pair('Appaltatore', i.contract.contractor);
  pair('Importo netto', euro(i.contract.netAmountCents));
  pair('Estratto il', romeTime(i.now.toISOString()));
  doc.moveDown(0.6);
  const cols = i.headers.length;
  const w = width() / cols;
  const row = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - 90) doc.addPage();
    const y = doc.y;
    let bottom = y;
    cells.forEach((c, k) => {
      face(c, bold)
        .fontSize(8)
        .fillColor(bold ? GREY : '#1A1A1A')
        .text(c, left + k * w, y, { width: w - 4 });
      bottom = Math.max(bottom, doc.y);
    });
    doc.y = bottom + 3;
    doc
      .moveTo(left, doc.y - 1.5)
      .lineTo(left + width(), doc.y - 1.5)
      .strokeColor('#D9DADB')
      .lineWidth(0.5)
      .stroke();
  };
  row(i.headers, true);
  for (const r of i.rows) row(r);
  if (i.rows.length === 0) para('Nessuna penale nel periodo.', { color: GREY });
  doc.moveDown(0.6);
  for (const [k, v] of i.totals) pair(k, v);
  return finish();
}
