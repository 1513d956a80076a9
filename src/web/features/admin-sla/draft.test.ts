import { describe, expect, it } from 'vitest';
import { fromDraft, toDraft } from './draft';
import type { SlaDefinitionDto } from '../../../shared/schemas/sla';

type Limits = SlaDefinitionDto['limits'];

const limits = {
  emergency: {
    take_charge: { minutes: 30, basis: 'solar' },
    on_site: { minutes: 120, basis: 'solar' },
    resolution: { minutes: 480, basis: 'solar' },
  },
  urgent: {
    take_charge: { minutes: 120, basis: 'working' },
    on_site: { minutes: 480, basis: 'working' },
    resolution: { minutes: 1200, basis: 'working' },
  },
  ordinary: {
    take_charge: { minutes: 600, basis: 'working' },
    on_site: { minutes: 1800, basis: 'working' },
    resolution: { minutes: 6000, basis: 'working' },
  },
  deferrable: { take_charge: null, on_site: null, resolution: null },
} as Limits;

describe('SLA table draft', () => {
  it('round-trips the limits, no limit as an empty cell', () => {
    const d = toDraft(limits);
    expect(d.deferrable.on_site.minutes).toBe('');
    expect(fromDraft(d)).toEqual({ limits, invalid: [] });
  });

  it('names every cell that is not a whole number of minutes from 1 to a year', () => {
    const d = toDraft(limits);
    d.urgent.take_charge.minutes = '0';
    d.ordinary.resolution.minutes = '1,5';
    d.emergency.on_site.minutes = '600000';
    d.deferrable.resolution.minutes = ' 90 ';
    const r = fromDraft(d);
    expect(r.limits).toBeNull();
    expect(r.invalid).toEqual(['limits.emergency.on_site', 'limits.urgent.take_charge', 'limits.ordinary.resolution']);
  });
});
