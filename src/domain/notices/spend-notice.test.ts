import { describe, expect, it } from 'vitest';
import { renderNotice } from './render.ts';
import type { NoticeFacts } from './types.ts';

const facts: NoticeFacts = {
  kind: 'spend_threshold',
  action: 'amount',
  audience: 'service_heads',
  recipientName: 'Marta',
  ticketNumber: null,
  ticketSubject: null,
  ticketDescription: null,
  building: null,
  space: null,
  workOrderNumber: null,
  priority: null,
  url: 'http://localhost:3000/accounting/spend?contract=k1',
  ratingUrl: null,
  ratingDays: 14,
  data: { contract: 'Lotto 4 — Antincendio', threshold: '80 %', share: '81,5 %', used: 102_658_500, base: 126_000_000 },
};

describe('the spend alert (#10 item 6)', () => {
  it('names the contract, the share and the euro of the amount, links the spend page, in Italian', () => {
    const r = renderNotice('it', facts);
    expect(r.subject).toBe("[Presidio] Soglia di spesa raggiunta (80 % dell'importo contrattuale): Lotto 4 — Antincendio");
    expect(r.text).toMatch(/è arrivata a 1\.026\.585,00\s€ su 1\.260\.000,00\s€ dell'importo contrattuale \(81,5 %\)/);
    expect(r.text).toContain('http://localhost:3000/accounting/spend?contract=k1');
  });

  it('says the lot ceiling for that basis, in English', () => {
    const r = renderNotice('en', { ...facts, action: 'ceiling', data: { ...facts.data, threshold: '100%', share: '100%' } });
    expect(r.subject).toBe('[Presidio] Spend at 100% of the lot ceiling: Lotto 4 — Antincendio');
    expect(r.text).toContain("framework agreement's maximum for the lot");
  });
});
