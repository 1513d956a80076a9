import { describe, expect, it } from 'vitest';
import { parseRanges, rangesText, weekFromTexts } from './week';

describe('working week as typed', () => {
  it('reads ranges with either dash, and writes them back', () => {
    expect(parseRanges('08:00-12:30, 13:30 – 17:00')).toEqual([
      { from: '08:00', to: '12:30' },
      { from: '13:30', to: '17:00' },
    ]);
    expect(parseRanges('')).toEqual([]);
    expect(parseRanges('00:00-24:00')).toEqual([{ from: '00:00', to: '24:00' }]);
    expect(
      rangesText([
        { from: '08:00', to: '12:30' },
        { from: '13:30', to: '17:00' },
      ]),
    ).toBe('08:00–12:30, 13:30–17:00');
  });

  it('names the days that are not HH:mm–HH:mm', () => {
    expect(parseRanges('8-12')).toBeNull();
    const r = weekFromTexts({ 1: '08:00-18:00', 2: '25:00-26:00', 6: 'mattina' });
    expect(r).toEqual({ week: null, invalid: ['2', '6'] });
    expect(weekFromTexts({ 1: '08:00-18:00' }).week).toMatchObject({ 1: [{ from: '08:00', to: '18:00' }], 7: [] });
  });
});
