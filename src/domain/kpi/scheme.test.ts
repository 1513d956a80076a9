import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assess,
  bandBp,
  checkFinal,
  checkScheme,
  daysEarly,
  periodRange,
  pointsOf,
  SCHEME_INDICATORS,
  toSchemeValue,
  type Scheme,
} from './scheme.ts';

// A typical scheme: resolution within SLA and satisfaction score points; reopenings cost points.
const SCHEME: Scheme = {
  period: 'month',
  indicators: [
    {
      indicator: 'resolution',
      bands: [
        { from: 0, points: -2 },
        { from: 8000, points: 0 },
        { from: 9500, points: 2 },
      ],
    },
    {
      indicator: 'reopenRate',
      bands: [
        { from: 0, points: 1 },
        { from: 500, points: 0 },
        { from: 1500, points: -2 },
      ],
    },
    {
      indicator: 'satisfactionAverage',
      bands: [
        { from: 100, points: -1 },
        { from: 350, points: 0 },
        { from: 450, points: 1 },
      ],
    },
  ],
  bands: [
    { fromPoints: -100, bp: -500 },
    { fromPoints: -2, bp: -200 },
    { fromPoints: 0, bp: 0 },
    { fromPoints: 3, bp: 100 },
  ],
  maxRewardBp: 150,
  acceleration: { enabled: false, bpPerDay: 0, maxBp: 0 },
};
const FEE = 1_000_000; // € 10,000.00 a month

describe('points by threshold bands', () => {
  it.each([
    [0, -2],
    [7999, -2],
    [8000, 0],
    [9499, 0],
    [9500, 2],
    [10_000, 2],
  ])('resolution %i bp → %i points', (value, points) => {
    expect(pointsOf(SCHEME.indicators[0].bands, value)).toBe(points);
  });
  it('a value below every band scores 0', () => {
    expect(pointsOf([{ from: 5000, points: 3 }], 4999)).toBe(0);
  });
  it.each([
    [-7, -500],
    [-2, -200],
    [-1, -200],
    [0, 0],
    [2, 0],
    [3, 100],
    [-101, 0],
  ])('total %i points → %i bp', (points, bp) => {
    expect(bandBp(SCHEME.bands, points)).toBe(bp);
  });
  it('engine values in the scheme unit: shares in bp, the average in hundredths', () => {
    expect(toSchemeValue('resolution', 0.95)).toBe(9500);
    expect(toSchemeValue('satisfactionAverage', 4.25)).toBe(425);
    expect(toSchemeValue('resolution', null)).toBeNull();
  });
});

describe('figures → adjustment', () => {
  it.each([
    // resolution, reopen, satisfaction → points, bp, cents
    ['a good month: reward', { resolution: 9600, reopenRate: 200, satisfactionAverage: 460 }, 4, 100, 10_000],
    ['an average month: nothing', { resolution: 9000, reopenRate: 600, satisfactionAverage: 400 }, 0, 0, 0],
    ['a poor month: 2 % penalty', { resolution: 7000, reopenRate: 600, satisfactionAverage: 400 }, -2, -200, -20_000],
    ['a bad month: 5 % penalty', { resolution: 7000, reopenRate: 2000, satisfactionAverage: 200 }, -5, -500, -50_000],
  ])('%s', (_name, values, points, bp, cents) => {
    const a = assess(SCHEME, { values, periodFeeCents: FEE, capRoomCents: 1_000_000, daysEarly: 0 });
    expect(a).toMatchObject({ points, bp, proposedCents: cents, clippedBy: null });
  });

  it('no data scores neither way: a quiet month without ratings nor reopenings', () => {
    const a = assess(SCHEME, {
      values: { resolution: 9600, reopenRate: null },
      periodFeeCents: FEE,
      capRoomCents: 1_000_000,
      daysEarly: 0,
    });
    expect(a.scoring.map((s) => s.points)).toEqual([2, null, null]);
    expect(a.points).toBe(2);
    expect(a.proposedCents).toBe(0);
  });

  it('the penalty stops at what the legal cap leaves', () => {
    const a = assess(SCHEME, {
      values: { resolution: 0, reopenRate: 10_000, satisfactionAverage: 100 },
      periodFeeCents: FEE,
      capRoomCents: 12_345,
      daysEarly: 0,
    });
    expect(a.computedCents).toBe(-50_000);
    expect(a.proposedCents).toBe(-12_345);
    expect(a.clippedBy).toBe('cap');
  });

  it('the reward stops at the scheme maximum, the acceleration bonus included', () => {
    const s = { ...SCHEME, acceleration: { enabled: true, bpPerDay: 10, maxBp: 100 } };
    const a = assess(s, {
      values: { resolution: 9600, reopenRate: 0, satisfactionAverage: 500 },
      periodFeeCents: FEE,
      capRoomCents: 0,
      daysEarly: 7,
    });
    expect(a.scoreCents).toBe(10_000);
    expect(a.accelerationCents).toBe(7_000);
    expect(a.proposedCents).toBe(15_000);
    expect(a.clippedBy).toBe('maxReward');
  });

  it('the acceleration bonus is zero unless the contract enables it, and stops at its maximum', () => {
    const values = { resolution: 9000 };
    const off = assess(SCHEME, { values, periodFeeCents: FEE, capRoomCents: 0, daysEarly: 30 });
    expect(off.accelerationCents).toBe(0);
    const on = assess(
      { ...SCHEME, maxRewardBp: 10_000, acceleration: { enabled: true, bpPerDay: 10, maxBp: 50 } },
      { values, periodFeeCents: FEE, capRoomCents: 0, daysEarly: 30 },
    );
    expect(on.accelerationCents).toBe(5_000);
  });

  it("the service head's final adjustment is checked against the cap's room and the maximum", () => {
    expect(checkFinal(-5000, 4000, 100)).toMatchObject({ field: 'finalCents', rule: 'penaltyCapReached' });
    expect(checkFinal(-4000, 4000, 100)).toBeNull();
    expect(checkFinal(101, 4000, 100)).toMatchObject({ field: 'finalCents', rule: 'maximum' });
    expect(checkFinal(0, 0, 0)).toBeNull();
  });

  it('property: the penalty never exceeds the room, the reward never the maximum; no-data indicators add nothing', () => {
    const band = fc.record({ from: fc.integer({ min: 0, max: 10_000 }), points: fc.integer({ min: -100, max: 100 }) });
    const scheme = fc.record({
      period: fc.constant('month' as const),
      indicators: fc.uniqueArray(
        fc.record({ indicator: fc.constantFrom(...SCHEME_INDICATORS.filter((i) => i !== 'satisfactionAverage')), bands: fc.array(band) }),
        { selector: (r) => r.indicator },
      ),
      bands: fc.array(fc.record({ fromPoints: fc.integer({ min: -300, max: 300 }), bp: fc.integer({ min: -10_000, max: 10_000 }) })),
      maxRewardBp: fc.integer({ min: 0, max: 10_000 }),
      acceleration: fc.record({
        enabled: fc.boolean(),
        bpPerDay: fc.integer({ min: 0, max: 1000 }),
        maxBp: fc.integer({ min: 0, max: 10_000 }),
      }),
    });
    const input = fc.record({
      values: fc.dictionary(fc.constantFrom(...SCHEME_INDICATORS), fc.option(fc.integer({ min: 0, max: 10_000 }))),
      periodFeeCents: fc.integer({ min: 0, max: 1e9 }),
      capRoomCents: fc.integer({ min: 0, max: 1e9 }),
      daysEarly: fc.integer({ min: 0, max: 90 }),
    });
    fc.assert(
      fc.property(scheme, input, (s, i) => {
        const a = assess(s, i);
        if (a.proposedCents < 0) expect(-a.proposedCents).toBeLessThanOrEqual(i.capRoomCents);
        expect(a.proposedCents).toBeLessThanOrEqual(a.maxRewardCents);
        const withoutNoData = assess({ ...s, indicators: s.indicators.filter((r) => (i.values[r.indicator] ?? null) !== null) }, i);
        expect(withoutNoData.points).toBe(a.points);
      }),
    );
  });
});

describe('acceleration: days early', () => {
  it.each([
    { case: 'nothing done', works: [], days: 0 },
    { case: 'done on the day', works: [{ doneOn: '2026-03-10', dueOn: '2026-03-10' }], days: 0 },
    { case: 'done late adds nothing (no negative days)', works: [{ doneOn: '2026-03-12', dueOn: '2026-03-10' }], days: 0 },
    { case: 'three days early', works: [{ doneOn: '2026-03-07', dueOn: '2026-03-10' }], days: 3 },
    {
      case: 'summed over works, across the DST change and a month end',
      works: [
        { doneOn: '2026-03-27', dueOn: '2026-04-02' },
        { doneOn: '2026-03-09', dueOn: '2026-03-10' },
        { doneOn: '2026-03-15', dueOn: '2026-03-11' },
      ],
      days: 7,
    },
  ])('$case → $days', ({ works, days }) => {
    expect(daysEarly(works)).toBe(days);
  });
});

describe('the scheme and its periods', () => {
  it('refuses duplicate indicators and out-of-range thresholds, naming the field', () => {
    const bad: Scheme = {
      ...SCHEME,
      indicators: [
        { indicator: 'resolution', bands: [{ from: 12_000, points: 1 }] },
        { indicator: 'resolution', bands: [] },
        { indicator: 'satisfactionAverage', bands: [{ from: 600, points: 1 }] },
      ],
      maxRewardBp: -1,
    };
    expect(checkScheme(bad)).toEqual([
      { field: 'indicators.0.bands.0.from', rule: 'kpiRange', params: { min: 0, max: 10_000 } },
      { field: 'indicators.1.indicator', rule: 'kpiDuplicate' },
      { field: 'indicators.1.bands', rule: 'minItems', params: { limit: 1 } },
      { field: 'indicators.2.bands.0.from', rule: 'kpiRange', params: { min: 0, max: 500 } },
      { field: 'maxRewardBp', rule: 'kpiRange', params: { min: 0, max: 10_000 } },
    ]);
    expect(checkScheme(SCHEME)).toEqual([]);
  });
  it.each([
    ['month', '2026-02', { months: ['2026-02'], from: '2026-02-01', to: '2026-02-28' }],
    ['quarter', '2026-Q4', { months: ['2026-10', '2026-11', '2026-12'], from: '2026-10-01', to: '2026-12-31' }],
    ['month', '2026-Q1', null],
    ['quarter', '2026-13', null],
  ] as const)('%s %s', (kind, label, range) => {
    expect(periodRange(kind, label)).toEqual(range);
  });
});
