import { describe, expect, it } from 'vitest';
import { describeContracts, pickContract, type ContractCandidate } from './contract-resolver.ts';

const c = (id: string, startsOn: string, endsOn: string, active = true, lot = `Lotto ${id}`): ContractCandidate => ({
  id,
  lot,
  cig: `CIG000000${id}`,
  active,
  startsOn,
  endsOn,
});

describe('pickContract', () => {
  const a = c('1', '2025-01-01', '2026-12-31');
  const b = c('2', '2027-01-01', '2028-12-31');
  const overlap = c('3', '2026-06-01', '2027-06-30');
  const inactive = c('4', '2020-01-01', '2030-12-31', false);

  it.each([
    { name: 'no candidates', cands: [], date: '2026-03-10', want: 'CONTRACT_NOT_FOUND' },
    { name: 'inside the only period', cands: [a], date: '2026-03-10', want: '1' },
    { name: 'on the first day (inclusive)', cands: [a, b], date: '2027-01-01', want: '2' },
    { name: 'on the last day (inclusive)', cands: [a, b], date: '2026-12-31', want: '1' },
    { name: 'before every period', cands: [a, b], date: '2024-12-31', want: 'CONTRACT_NOT_FOUND' },
    { name: 'after every period (the gap)', cands: [a, b], date: '2029-01-01', want: 'CONTRACT_NOT_FOUND' },
    { name: 'an inactive contract never applies', cands: [inactive], date: '2026-03-10', want: 'CONTRACT_NOT_FOUND' },
    { name: 'an inactive one does not make an overlap', cands: [a, inactive], date: '2026-03-10', want: '1' },
    { name: 'two periods overlap', cands: [a, overlap, b], date: '2026-07-01', want: 'CONTRACT_AMBIGUOUS' },
  ])('$name → $want', ({ cands, date, want }) => {
    const r = pickContract(cands, date);
    if (r.ok) expect(r.contract.id).toBe(want);
    else expect(r.code).toBe(want);
  });

  it('names the overlapping contracts in lot order', () => {
    const r = pickContract([overlap, a], '2026-07-01');
    expect(r).toMatchObject({ ok: false, code: 'CONTRACT_AMBIGUOUS' });
    if (!r.ok && r.code === 'CONTRACT_AMBIGUOUS') {
      expect(r.contracts.map((x) => x.id)).toEqual(['1', '3']);
      expect(describeContracts(r.contracts)).toBe('Lotto 1 (CIG CIG0000001), Lotto 3 (CIG CIG0000003)');
    }
  });
});
