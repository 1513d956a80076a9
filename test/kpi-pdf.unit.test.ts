// The one-page KPI report (#11 item 3) at its fullest: every priority, every figure, a contract
// title and a contractor name far longer than one line, in both languages — still ONE A4 page,
// with the long texts cut rather than pushed onto a second page.
import { describe, expect, it } from 'vitest';
import type { KpiReportDto } from '../src/shared/schemas/kpi.ts';
import { reportPdf } from '../src/server/modules/kpi/kpi.pdf.ts';
import { pdfPageCount, pdfText } from './helpers/pdf.ts';

const fig = (numerator: number, denominator: number) => ({ numerator, denominator, value: denominator ? numerator / denominator : null });
const clocks = { takeCharge: fig(98, 100), onSite: fig(87, 99), resolution: fig(70, 95) };
const FULL: KpiReportDto = {
  from: '2026-01-01',
  to: '2026-12-31',
  computedAt: '2027-01-05T10:00:00.000Z',
  workOrders: 12_345,
  sla: clocks,
  byPriority: (['emergency', 'urgent', 'ordinary', 'deferrable'] as const).map((priority) => ({ priority, ...clocks })),
  mttr: { meanMs: 3 * 86_400_000 + 4 * 3_600_000, p90Ms: 9 * 86_400_000, count: 11_000 },
  backlog: { total: 1_200, upTo7Days: 700, upTo30Days: 300, over30Days: 200 },
  reopenRate: fig(40, 11_000),
  firstTimeFix: fig(9_000, 11_000),
  plannedCompliance: fig(0, 0),
  correctiveShare: fig(10_000, 12_345),
  satisfaction: { average: 3.456, responseRate: fig(5_000, 9_000), lowScores: fig(300, 5_000), followedUp: fig(290, 300) },
  costPerM2: [],
};
const LONG = 'Servizio di manutenzione ordinaria e straordinaria degli impianti elettrici, speciali e di sicurezza '.repeat(4);

describe('the KPI report PDF', () => {
  for (const lang of ['it', 'en'] as const)
    it(`fits one page at its fullest (${lang})`, async () => {
      const pdf = await reportPdf(lang, FULL, {
        lot: 'Lotto 12 — Impianti elettrici e speciali',
        cig: 'A0B1C2D3E4',
        title: LONG,
        contractor: `${LONG} S.p.A. — P.IVA 01234567890`,
        generatedAt: FULL.computedAt,
      });
      expect(pdfPageCount(pdf)).toBe(1);
      const text = pdfText(pdf);
      expect(text).toContain('Lotto 12');
      expect(text).toContain(lang === 'it' ? '98 su 100' : '98 of 100');
      expect(text).toContain(lang === 'it' ? 'Programmabile' : 'Deferrable');
      expect(text).toContain(lang === 'it' ? 'Valutazioni basse seguite' : 'Low scores followed up');
      expect(text).toContain(lang === 'it' ? 'pagina 1 di 1' : 'page 1 of 1');
    });
});
