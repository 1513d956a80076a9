import { describe, expect, it } from 'vitest';
import type { ClockResult } from '../../../domain/sla.ts';
import { aggregateCompliance } from './aggregate.ts';

const c = (clock: ClockResult['clock'], status: ClockResult['status'], breachedByMs = 0): ClockResult => ({
  clock,
  status,
  limitMinutes: 60,
  basis: 'solar',
  startedAt: 0,
  dueAt: 3600_000,
  stoppedAt: null,
  elapsedMs: 0,
  pausedMs: 0,
  pauses: [],
  remainingMs: null,
  breachedByMs,
  share: null,
});

describe('aggregateCompliance', () => {
  it('counts met, breached and open clocks per group and clock; not applicable and cancelled ones are left out', () => {
    const { groups, total } = aggregateCompliance([
      { key: 'b', label: 'Lotto 2', clocks: [c('take_charge', 'met'), c('on_site', 'breached', 7_200_000), c('resolution', 'running')] },
      {
        key: 'a',
        label: 'Lotto 1',
        clocks: [c('take_charge', 'breached', 60_000), c('on_site', 'cancelled'), c('resolution', 'not_applicable')],
      },
      { key: 'b', label: 'Lotto 2', clocks: [c('take_charge', 'met'), c('on_site', 'met'), c('resolution', 'paused')] },
    ]);
    expect(groups.map((g) => g.key)).toEqual(['a', 'b']);
    expect(groups[1]).toMatchObject({
      label: 'Lotto 2',
      clocks: 6,
      met: 3,
      breached: 1,
      open: 2,
      metShare: 0.75,
      breachedByMsTotal: 7_200_000,
    });
    expect(groups[1].byClock.take_charge).toMatchObject({ clocks: 2, met: 2, metShare: 1 });
    expect(groups[0]).toMatchObject({ clocks: 1, met: 0, breached: 1, metShare: 0 });
    expect(total).toMatchObject({ clocks: 7, met: 3, breached: 2, open: 2, metShare: 0.6 });
    expect(total.byClock.resolution).toMatchObject({ clocks: 2, open: 2, metShare: null });
  });

  it('no rows, no groups', () => {
    expect(aggregateCompliance([])).toMatchObject({ groups: [], total: { clocks: 0, metShare: null } });
  });
});
