import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, checkShares, withVat, type AllocationFacts, type Payer } from './allocation.ts';

const facts = (over: Partial<AllocationFacts> = {}): AllocationFacts => ({
  totalCents: 123_457,
  requestingDepartmentId: 'DIP-FIS',
  occupancies: [
    { departmentId: 'DIP-FIS', shareBp: 6000 },
    { departmentId: 'DIP-MAT', shareBp: 4000 },
  ],
  space: null,
  extraordinary: false,
  ...over,
});
const dep = (departmentId: string): Payer => ({ kind: 'department', departmentId });

describe('allocate', () => {
  it('to the requesting department, whole', () => {
    expect(allocate({ kind: 'requesting_department' }, facts())).toEqual({
      ok: true,
      parts: [{ payer: dep('DIP-FIS'), cents: 123_457, shareBp: 10_000 }],
    });
    expect(allocate({ kind: 'requesting_department' }, facts({ requestingDepartmentId: null }))).toEqual({
      ok: false,
      problem: 'noRequestingDepartment',
    });
  });

  it("by the building's floor-area shares, to the cent", () => {
    // 1,234.57 € at 60/40: 740.742 → 740.74, 493.828 → 493.83 (the larger remainder gets the cent).
    expect(allocate({ kind: 'floor_area' }, facts())).toEqual({
      ok: true,
      parts: [
        { payer: dep('DIP-FIS'), cents: 74_074, shareBp: 6000 },
        { payer: dep('DIP-MAT'), cents: 49_383, shareBp: 4000 },
      ],
    });
    expect(allocate({ kind: 'floor_area' }, facts({ occupancies: [] }))).toEqual({ ok: false, problem: 'noOccupancies' });
  });

  it('by explicit percentages, central included; shares must make exactly 100 %', () => {
    const shares = [
      { payer: { kind: 'central' } as Payer, shareBp: 5000 },
      { payer: dep('DIP-MAT'), shareBp: 5000 },
    ];
    expect(allocate({ kind: 'percentages', shares }, facts({ totalCents: 1001 }))).toEqual({
      ok: true,
      parts: [
        { payer: { kind: 'central' }, cents: 501, shareBp: 5000 },
        { payer: dep('DIP-MAT'), cents: 500, shareBp: 5000 },
      ],
    });
    expect(checkShares([{ payer: dep('A'), shareBp: 9999 }])).toBe('sharesNotWhole');
    expect(checkShares([{ payer: dep('A'), shareBp: 10_001 }])).toBe('sharesNotWhole');
    expect(
      checkShares([
        { payer: dep('A'), shareBp: 11_000 },
        { payer: dep('B'), shareBp: -1000 },
      ]),
    ).toBe('negativeShare');
    expect(
      checkShares([
        { payer: dep('A'), shareBp: 5000 },
        { payer: dep('A'), shareBp: 5000 },
      ]),
    ).toBe('duplicatePayer');
    expect(allocate({ kind: 'percentages', shares: [{ payer: dep('A'), shareBp: 9000 }] }, facts())).toEqual({
      ok: false,
      problem: 'sharesNotWhole',
    });
  });

  it('central vs department: the department pays ordinary upkeep of its own spaces, central the rest', () => {
    const rule = { kind: 'central_vs_department' } as const;
    const own = { kind: 'department_own' as const, departmentId: 'DIP-MAT' };
    expect(allocate(rule, facts({ space: own }))).toMatchObject({ ok: true, parts: [{ payer: dep('DIP-MAT'), cents: 123_457 }] });
    for (const f of [
      facts({ space: own, extraordinary: true }),
      facts({ space: { kind: 'teaching', departmentId: 'DIP-MAT' } }),
      facts({ space: { kind: 'common', departmentId: null } }),
      facts({ space: null }),
      facts({ space: { kind: 'department_own', departmentId: null } }),
    ])
      expect(allocate(rule, f)).toMatchObject({ ok: true, parts: [{ payer: { kind: 'central' }, cents: 123_457 }] });
  });

  it('any valid split adds up to the whole with no negative part (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000_00 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 15 }),
        (total, raw) => {
          // Raw weights → basis points summing exactly to 10,000 (the last takes the rest).
          const sum = raw.reduce((a, w) => a + w, 0) || 1;
          const bp = raw.map((w) => Math.floor((w * 10_000) / sum));
          bp[bp.length - 1] += 10_000 - bp.reduce((a, b) => a + b, 0);
          const occupancies = bp.map((shareBp, i) => ({ departmentId: `D${i}`, shareBp }));
          const result = allocate({ kind: 'floor_area' }, facts({ totalCents: total, occupancies }));
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.parts.reduce((a, p) => a + p.cents, 0)).toBe(total);
          for (const p of result.parts) expect(p.cents).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('adds the VAT by the same shares: 1,000.01 € + 22 % over 60/40', () => {
    const r = allocate({ kind: 'floor_area' }, facts({ totalCents: 100_001 }));
    if (!r.ok) throw new Error('expected ok');
    expect(withVat(r.parts, 22_000)).toEqual([
      { payer: dep('DIP-FIS'), shareBp: 6000, cents: 60_001, netCents: 60_001, vatCents: 13_200, amountCents: 73_201 },
      { payer: dep('DIP-MAT'), shareBp: 4000, cents: 40_000, netCents: 40_000, vatCents: 8800, amountCents: 48_800 },
    ]);
  });

  it('net, VAT and amounts each add up to their whole, none negative (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_00 }),
        fc.integer({ min: 0, max: 2_200_000_00 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (net, vat, raw, central) => {
          const sum = raw.reduce((a, w) => a + w, 0) || 1;
          const bp = raw.map((w) => Math.floor((w * 10_000) / sum));
          bp[bp.length - 1] += 10_000 - bp.reduce((a, b) => a + b, 0);
          const shares = bp.map((shareBp, i) => ({ payer: i === 0 && central ? ({ kind: 'central' } as Payer) : dep(`D${i}`), shareBp }));
          const r = allocate({ kind: 'percentages', shares }, facts({ totalCents: net }));
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const parts = withVat(r.parts, vat);
          expect(parts.reduce((a, p) => a + p.netCents, 0)).toBe(net);
          expect(parts.reduce((a, p) => a + p.vatCents, 0)).toBe(vat);
          expect(parts.reduce((a, p) => a + p.amountCents, 0)).toBe(net + vat);
          for (const p of parts) {
            expect(Math.min(p.netCents, p.vatCents, p.amountCents)).toBeGreaterThanOrEqual(0);
            expect(p.amountCents).toBe(p.netCents + p.vatCents);
          }
        },
      ),
    );
  });
});
