// The printable work-order sheet (A4 PDF): what the technician takes on site and brings back
// signed. Scope as the work-order list (out of scope: 404). Titillium Web, the Italian public
// administration's typeface, from @fontsource (pdfkit reads its WOFF); Helvetica when a text holds
// a letter outside the font's latin subset or the font files are missing.
import { formatter } from '../../../shared/format.ts';
import type { AppContext } from '../../context.ts';
import type { Principal } from '../../auth/principal.ts';
import { forbidden, notFound } from '../../errors.ts';
import { sheetData } from './worklists.repository.ts';
import { label } from './worklists.i18n.ts';
import { createPdf, GREY, PRIMARY } from '../../pdf/document.ts';
import { workOrderScope } from './worklists.views.ts';

const EVENTS_SHOWN = 40;

export async function workOrderSheet(ctx: AppContext, p: Principal, id: string): Promise<{ filename: string; pdf: Buffer }> {
  const scope = workOrderScope(p);
  if (scope.kind === 'forbidden') throw forbidden();
  const data = await sheetData(ctx.db, id, scope);
  if (!data) throw notFound();
  const { wo, events } = data;
  const lang = p.language;
  const L = (key: string, params?: Record<string, unknown>) => label(lang, 'sheet', key, params);
  const when = (iso: string | null) => formatter(lang).dateTime(iso);
  const day = (d: string | null) => formatter(lang).date(d);

  const {
    doc,
    face,
    left,
    width: widthOf,
    end,
  } = createPdf({ title: `${L('title')} ${wo.number}`, subject: wo.building_name as string, lang });
  const width = widthOf();

  // --- header
  const title = `${L('title')} ${wo.number}`;
  face(title, true).fontSize(18).fillColor(PRIMARY).text(title, left, doc.y, { width });
  const status =
    `${L('status')}: ${label(lang, 'workOrderStatus', wo.status)}${wo.outcome ? ` (${label(lang, 'outcome', wo.outcome)})` : ''}` +
    `   ·   ${L('priority')}: ${label(lang, 'priority', wo.priority)}   ·   ${L('kind')}: ${label(lang, 'kind', wo.kind)}`;
  face(status).fontSize(10).fillColor('black').text(status, { width });
  doc.moveDown(0.3);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(1)
    .strokeColor(PRIMARY)
    .stroke();
  doc.moveDown(0.6);

  const section = (name: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    doc.moveDown(0.4);
    face(name, true).fontSize(11).fillColor(PRIMARY).text(name.toUpperCase(), left, doc.y, { width, characterSpacing: 0.5 });
    doc.moveDown(0.2);
  };
  /** Label: value rows, two per line. */
  const pairs = (items: Array<[string, string | null | undefined]>) => {
    const shown = items.filter(([, v]) => v !== null && v !== undefined && v !== '');
    const col = width / 2;
    for (let i = 0; i < shown.length; i += 2) {
      const y = doc.y;
      let bottom = y;
      for (let j = 0; j < 2 && i + j < shown.length; j++) {
        const [k, v] = shown[i + j];
        const x = left + j * col;
        face(k)
          .fontSize(8)
          .fillColor(GREY)
          .text(k, x, y, { width: col - 10 });
        face(v!)
          .fontSize(10)
          .fillColor('black')
          .text(v!, x, doc.y, { width: col - 10 });
        bottom = Math.max(bottom, doc.y);
      }
      doc.x = left;
      doc.y = bottom + 4;
    }
  };

  pairs([
    [L('ticket'), wo.ticket_number ? `${wo.ticket_number} — ${wo.ticket_subject}` : null],
    [L('issuedAt'), when(wo.issued_at)],
    [L('issuedBy'), wo.issued_by_name],
    [L('caller'), wo.caller_name ? `${wo.caller_name}${wo.caller_phone ? ` (${wo.caller_phone})` : ''}` : null],
  ]);

  section(L('where'));
  pairs([
    [L('building'), `${wo.building_code} — ${wo.building_name}`],
    [L('site'), wo.site_name],
    [L('address'), wo.building_address],
    [L('floor'), wo.floor_code ? `${wo.floor_code} — ${wo.floor_name}` : null],
    [L('space'), wo.space_code ? `${wo.space_code} — ${wo.space_name}` : null],
    [L('asset'), wo.asset_code ? `${wo.asset_code} — ${wo.asset_name}` : null],
    [L('location'), wo.location],
  ]);

  section(L('contract'));
  pairs([
    [
      L('technologyClass'),
      `${wo.class_code} — ${lang === 'en' ? wo.class_name_en : wo.class_name_it}${wo.dm37_letter ? ` (${L('dm37')} ${wo.dm37_letter})` : ''}`,
    ],
    [L('lot'), wo.contract_lot],
    [L('cig'), wo.contract_cig],
    [L('contract'), wo.contract_title],
    [L('contractor'), wo.contractor_name],
    [L('vat'), wo.contractor_vat],
    [L('pec'), wo.contractor_pec],
    [L('phone'), wo.contractor_phone],
  ]);

  section(L('description'));
  face(String(wo.description)).fontSize(10).fillColor('black').text(String(wo.description), left, doc.y, { width, align: 'left' });

  section(L('dates'));
  pairs([
    [L('acknowledgedAt'), wo.acknowledged_at ? when(wo.acknowledged_at) : null],
    [L('inspectionAt'), wo.inspection_at ? when(wo.inspection_at) : null],
    [L('scheduledAt'), wo.scheduled_at ? when(wo.scheduled_at) : null],
    [L('expectedOn'), wo.expected_on ? day(wo.expected_on) : null],
    [L('completedAt'), wo.completed_at ? when(wo.completed_at) : null],
  ]);

  section(L('timeline'));
  const cols = [
    { k: L('when'), w: 90 },
    { k: L('who'), w: 130 },
    { k: L('what'), w: 150 },
    { k: L('change'), w: width - 370 },
  ];
  const row = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    let x = left;
    let bottom = y;
    cells.forEach((text, i) => {
      face(text, bold)
        .fontSize(8.5)
        .fillColor(bold ? GREY : 'black')
        .text(text, x, y, { width: cols[i].w - 6 });
      bottom = Math.max(bottom, doc.y);
      x += cols[i].w;
    });
    doc.x = left;
    doc.y = bottom + 2;
  };
  if (events.length === 0) {
    face(L('noEvents')).fontSize(9).fillColor(GREY).text(L('noEvents'), left, doc.y, { width });
  } else {
    row(
      cols.map((c) => c.k),
      true,
    );
    const shown = events.length > EVENTS_SHOWN ? [...events.slice(0, 5), ...events.slice(-(EVENTS_SHOWN - 5))] : events;
    shown.forEach((e, i) => {
      if (events.length > EVENTS_SHOWN && i === 5) row(['…', '', L('more', { count: events.length - EVENTS_SHOWN }), '']);
      const change =
        e.from_state && e.to_state && e.from_state !== e.to_state
          ? `${label(lang, 'workOrderStatus', e.from_state)} › ${label(lang, 'workOrderStatus', e.to_state)}`
          : e.to_state
            ? label(lang, 'workOrderStatus', e.to_state)
            : '';
      row([when(e.at), String(e.actor_label), label(lang, 'action', e.action), change]);
    });
  }

  // --- signatures: kept together on one page
  const boxH = 70;
  if (doc.y + boxH + 50 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  section(L('signatures'));
  const boxW = (width - 20) / 2;
  const top = doc.y + 4;
  [L('signContractor'), L('signBody')].forEach((who, i) => {
    const x = left + i * (boxW + 20);
    doc.rect(x, top, boxW, boxH).lineWidth(0.7).strokeColor(GREY).stroke();
    face(who)
      .fontSize(8)
      .fillColor(GREY)
      .text(who, x + 6, top + 5, { width: boxW - 12 });
    face(L('signDate'))
      .fontSize(8)
      .fillColor(GREY)
      .text(`${L('signDate')}: ____/____/________`, x + 6, top + boxH - 15, { width: boxW - 12 });
  });
  doc.x = left;
  doc.y = top + boxH + 10;

  // --- footer on every page
  const printed = L('printed', { at: when(ctx.now().toISOString()) });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - doc.page.margins.bottom + 20;
    const text = `${wo.number} · ${printed} · ${L('page', { n: i + 1, total: range.count })}`;
    // Writing inside the bottom margin must not open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    face(text).fontSize(7.5).fillColor(GREY).text(text, left, y, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  const pdf = await end();
  return { filename: `${String(wo.number).replaceAll(/[^\w.-]+/g, '_')}.pdf`, pdf };
}
