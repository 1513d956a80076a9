// The service indicators of one contract and period as ONE A4 page (#11 item 3): what a service
// head attaches to a letter to the contractor. Header (contract lot, CIG, title, contractor,
// period), the headline figures with numerator and denominator, the times met per priority, the
// time to resolve, the backlog and the users' satisfaction. Every part has a bounded number of
// lines (four priorities at most) and long texts are cut to one line, so it never runs onto a
// second page.
import { formatter } from '../../../shared/format.ts';
import type { FigureDto, KpiReportDto } from '../../../shared/schemas/kpi.ts';
import type { Lang } from '../../i18n/messages.ts';
import { createPdf, GREY, PRIMARY } from '../../pdf/document.ts';
import { kpiLabel as L } from './kpi.i18n.ts';

const INK = '#1A1A1A';
const RULE = '#C5CDD5';

export interface ReportPdfHeader {
  lot: string;
  cig: string;
  title: string;
  contractor: string;
  generatedAt: string;
}

export function reportPdf(lang: Lang, r: KpiReportDto, h: ReportPdfHeader): Promise<Buffer> {
  const f = formatter(lang);
  const m = (k: string, params?: Record<string, unknown>) => L(lang, 'misc', k, params);
  const title = `${m('title')} — ${h.lot}`;
  const period = `${f.date(r.from)} – ${f.date(r.to)}`;
  const { doc, face, left, width, end } = createPdf({ title, subject: `CIG ${h.cig} — ${period}`, lang });
  const w = width();
  const bottom = doc.page.height - doc.page.margins.bottom;

  /** One line of text, cut with an ellipsis rather than wrapped (the page must stay one). */
  const line = (
    text: string,
    x: number,
    y: number,
    o: { width: number; size: number; bold?: boolean; colour?: string; align?: 'left' | 'right' | 'center' },
  ) =>
    face(text, o.bold)
      .fontSize(o.size)
      .fillColor(o.colour ?? INK)
      .text(text, x, y, { width: o.width, height: o.size * 1.3, ellipsis: true, lineBreak: false, align: o.align ?? 'left' });

  const gap = (pt: number) => (doc.y += pt);
  const rule = () => {
    doc
      .moveTo(left, doc.y)
      .lineTo(left + w, doc.y)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    gap(3);
  };
  const section = (text: string) => {
    gap(8);
    line(text, left, doc.y, { width: w, size: 11.5, bold: true, colour: PRIMARY });
    doc.y += 16;
  };
  /** A table row: the first cell left, the others right-aligned in the given widths. */
  const row = (cells: string[], cols: number[], o: { bold?: boolean; colour?: string } = {}) => {
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      line(c, x + (i === 0 ? 0 : 4), y, {
        width: cols[i] - 4,
        size: 9.5,
        bold: o.bold,
        colour: o.colour,
        align: i === 0 ? 'left' : 'right',
      });
      x += cols[i];
    });
    doc.y = y + 14;
    rule();
  };
  const share = (fig: FigureDto) => (fig.value === null ? m('noData') : f.percent(fig.value * 100));
  const ratio = (fig: FigureDto) => m('of', { n: f.integer(fig.numerator), d: f.integer(fig.denominator) });
  const cell = (fig: FigureDto) => (fig.value === null ? m('noData') : `${share(fig)} (${ratio(fig)})`);

  // Header.
  line(m('title'), left, doc.y, { width: w, size: 17, bold: true, colour: PRIMARY });
  doc.y += 24;
  const pair = (k: string, v: string) => {
    const y = doc.y;
    line(k, left, y, { width: 90, size: 10, colour: GREY });
    line(v, left + 95, y, { width: w - 95, size: 10, bold: true });
    doc.y = y + 14;
  };
  pair(m('contract'), `${h.lot} — CIG ${h.cig}`);
  pair('', h.title);
  pair(m('contractor'), h.contractor);
  pair(m('period'), period);
  line(m('generated', { at: f.dateTime(h.generatedAt) }), left, doc.y, { width: w, size: 8.5, colour: GREY });
  doc.y += 12;

  // Headline figures.
  section(m('headline'));
  const cols = [w - 240, 170, 70];
  row([m('indicator'), `${m('numerator')} / ${m('denominator')}`, m('value')], cols, { bold: true, colour: GREY });
  row([L(lang, 'figure', 'workOrders'), '', f.integer(r.workOrders)], cols, { bold: true });
  const headline: Array<[string, FigureDto]> = [
    ['takeCharge', r.sla.takeCharge],
    ['onSite', r.sla.onSite],
    ['resolution', r.sla.resolution],
    ['reopenRate', r.reopenRate],
    ['firstTimeFix', r.firstTimeFix],
    ['plannedCompliance', r.plannedCompliance],
    ['correctiveShare', r.correctiveShare],
  ];
  for (const [k, fig] of headline) row([L(lang, 'figure', k), ratio(fig), share(fig)], cols);

  // Times met per priority.
  section(m('byPriority'));
  const pcols = [w - 3 * 130, 130, 130, 130];
  row([m('priority'), ...(['takeCharge', 'onSite', 'resolution'] as const).map((k) => L(lang, 'figure', k))], pcols, {
    bold: true,
    colour: GREY,
  });
  for (const p of r.byPriority) row([L(lang, 'priority', p.priority), cell(p.takeCharge), cell(p.onSite), cell(p.resolution)], pcols);
  if (r.byPriority.length === 0) row([m('noData'), '', '', ''], pcols, { colour: GREY });

  // Time to resolve and backlog, side by side in one table.
  section(m('timesAndBacklog'));
  const dur = (ms: number | null) => (ms === null ? m('noData') : f.duration(ms));
  const tcols = [w / 2 - 110, 110, w / 2 - 70, 70];
  row([m('mean'), dur(r.mttr.meanMs), L(lang, 'figure', 'backlogTotal'), f.integer(r.backlog.total)], tcols);
  row([m('p90'), dur(r.mttr.p90Ms), L(lang, 'figure', 'upTo7Days'), f.integer(r.backlog.upTo7Days)], tcols);
  row([m('resolved'), f.integer(r.mttr.count), L(lang, 'figure', 'upTo30Days'), f.integer(r.backlog.upTo30Days)], tcols);
  row(['', '', L(lang, 'figure', 'over30Days'), f.integer(r.backlog.over30Days)], tcols);

  // Satisfaction.
  section(m('satisfaction'));
  const s = r.satisfaction;
  row(
    [L(lang, 'figure', 'satisfactionAverage'), '', s.average === null ? m('noData') : m('average', { value: f.decimal(s.average, 2) })],
    cols,
  );
  for (const [k, fig] of [
    ['satisfactionResponse', s.responseRate],
    ['satisfactionLow', s.lowScores],
    ['satisfactionFollowedUp', s.followedUp],
  ] as const)
    row([L(lang, 'figure', k), ratio(fig), share(fig)], cols);

  // The rule of counting, small, under the tables; then the footer on the margin.
  gap(8);
  const note = m('footnote');
  face(note)
    .fontSize(8)
    .fillColor(GREY)
    .text(note, left, doc.y, { width: w, height: Math.max(10, bottom - doc.y), ellipsis: true });
  const foot = `${title} — ${m('page')}`;
  doc.page.margins.bottom = 0;
  line(foot, left, doc.page.height - 40, { width: w, size: 8, colour: GREY, align: 'center' });
  return end();
}
