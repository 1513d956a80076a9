import { describe, expect, it } from 'vitest';
import { defaultPeriod, drillSet, heatLevel, judge, readFilter } from './indicators';

describe('indicator dashboard filters', () => {
  const today = new Date(2026, 11, 6);

  it('defaults to the last 12 months up to today, within the 366-day limit', () => {
    expect(defaultPeriod(today)).toEqual({ from: '2025-12-07', to: '2026-12-06' });
    expect(defaultPeriod(new Date(2028, 1, 29))).toEqual({ from: '2027-03-02', to: '2028-02-29' });
  });

  it('reads the filters of the URL and ignores malformed ones', () => {
    const f = readFilter(new URLSearchParams('from=2026-01-01&to=2026-13-01&contractId=c1&priority=urgent&buildingId='), today);
    expect(f).toEqual({
      from: '2026-01-01',
      to: '2026-12-06',
      contractId: 'c1',
      buildingId: undefined,
      technologyClassId: undefined,
      priority: 'urgent',
    });
    expect(readFilter(new URLSearchParams('priority=whenever'), today).priority).toBeUndefined();
  });
});

describe('targets and drill-down', () => {
  it.each([
    ['takeCharge', 0.8, 'bad', 'misses'],
    ['takeCharge', 0.9, 'good', 'basis'],
    ['reopenRate', 0.2, 'bad', 'hits'],
    ['reopenRate', 0.05, 'good', 'basis'],
    ['correctiveShare', 0.1, 'neutral', 'basis'],
    ['resolution', null, 'neutral', 'basis'],
  ] as const)('%s at %s is %s and shows %s', (figure, value, judgement, set) => {
    expect(judge(figure, value)).toBe(judgement);
    expect(drillSet(figure, value)).toBe(set);
  });

  it('shades heat-map cells in five steps up to the busiest', () => {
    expect([0, 1, 2, 5, 10].map((n) => heatLevel(n, 10))).toEqual([0, 1, 1, 3, 5]);
    expect(heatLevel(3, 0)).toBe(0);
  });
});
