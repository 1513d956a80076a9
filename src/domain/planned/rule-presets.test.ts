import { describe, expect, it } from 'vitest';
import { inSeason, isMonthDay, presetToRule, ruleToPreset, type RulePreset } from './rule-presets.ts';

describe('recurrence presets', () => {
  const cases: Array<[RulePreset, string, 'next' | 'previous']> = [
    [{ kind: 'every_n_months', months: 6 }, 'FREQ=MONTHLY;INTERVAL=6', 'next'],
    [{ kind: 'every_n_months', months: 1 }, 'FREQ=MONTHLY', 'next'],
    [{ kind: 'nth_weekday', nth: 2, weekday: 'TU', period: 'month' }, 'FREQ=MONTHLY;BYDAY=2TU', 'next'],
    [{ kind: 'nth_weekday', nth: -1, weekday: 'FR', period: 'quarter' }, 'FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR', 'next'],
    [{ kind: 'last_working_day' }, 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'previous'],
  ];
  it.each(cases)('%o ↔ %s', (preset, rrule, shift) => {
    const rule = presetToRule(preset);
    expect(rule).toMatchObject({ rrule, shift, seasonFrom: null, seasonTo: null });
    expect(ruleToPreset(rule)).toEqual(preset);
  });

  it('a yearly rule with a season window is the seasonal preset, both ways', () => {
    const p: RulePreset = { kind: 'yearly_in_season', years: 2, seasonFrom: '10-15', seasonTo: '04-15' };
    const rule = presetToRule(p);
    expect(rule).toEqual({ rrule: 'FREQ=YEARLY;INTERVAL=2', shift: 'next', seasonFrom: '10-15', seasonTo: '04-15' });
    expect(ruleToPreset(rule)).toEqual(p);
  });

  it('reads written-by-hand rules into a preset when it can, else keeps them as advanced', () => {
    expect(ruleToPreset({ rrule: 'rrule:freq=monthly;interval=3' })).toEqual({ kind: 'every_n_months', months: 3 });
    expect(ruleToPreset({ rrule: 'INTERVAL=3;FREQ=MONTHLY' })).toEqual({ kind: 'every_n_months', months: 3 });
    // Without shift 'previous' the last weekday is not "the last working day" (a holiday would move it forward).
    expect(ruleToPreset({ rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', shift: 'next' }).kind).toBe('advanced');
    for (const r of [
      'FREQ=WEEKLY;BYDAY=MO',
      'FREQ=MONTHLY;INTERVAL=0',
      'FREQ=MONTHLY;BYDAY=5MO',
      'FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO',
      'nonsense',
      '',
      'FREQ=YEARLY',
    ]) {
      expect(ruleToPreset({ rrule: r }), r).toEqual({ kind: 'advanced', rrule: r });
    }
  });

  it('checks MM-DD days and windows across the new year', () => {
    expect(['02-29', '12-31', '01-01'].every(isMonthDay)).toBe(true);
    expect(['02-30', '13-01', '1-01', '00-10', '04-31'].some(isMonthDay)).toBe(false);
    expect(inSeason('2026-11-02', '10-15', '04-15')).toBe(true);
    expect(inSeason('2027-04-15', '10-15', '04-15')).toBe(true);
    expect(inSeason('2026-06-01', '10-15', '04-15')).toBe(false);
    expect(inSeason('2026-06-01', '05-01', '09-30')).toBe(true);
  });
});
