import { describe, expect, it } from 'vitest';
import { parseChecklist, parseDate, parseDecimal, parseReadAt } from './plans.import.ts';

describe('plan import cells', () => {
  it('reads the compact checklist, keys from labels, comma decimals', () => {
    expect(parseChecklist('Sigillo integro|yes_no; Pressione|measure|bar|12|16; Pressione|misura|bar||16,5')).toEqual([
      { key: 'sigillo_integro', label: 'Sigillo integro', kind: 'yes_no' },
      { key: 'pressione', label: 'Pressione', kind: 'measure', unit: 'bar', min: 12, max: 16 },
      { key: 'pressione_2', label: 'Pressione', kind: 'measure', unit: 'bar', max: 16.5 },
    ]);
    expect(parseChecklist('Accessibilità')).toEqual([{ key: 'accessibilita', label: 'Accessibilità', kind: 'yes_no' }]);
    expect(parseChecklist('')).toEqual([]);
  });

  it('reads the JSON checklist and refuses what it cannot read', () => {
    expect(parseChecklist('[{"key":"a","label":"A","kind":"yes_no"}]')).toEqual([{ key: 'a', label: 'A', kind: 'yes_no' }]);
    for (const bad of ['[{"key":"a"}]', '[nope', 'A|maybe', 'A|yes_no|bar', 'A|measure|bar|x', 'A|measure|bar|1|2|3', '|yes_no']) {
      expect(parseChecklist(bad), bad).toBeNull();
    }
  });

  it('reads dates, decimals and reading instants (Rome time when no offset)', () => {
    expect(parseDate('15/01/2026')).toBe('2026-01-15');
    expect(parseDate('2026-01-15')).toBe('2026-01-15');
    expect(parseDate('31/02/2026')).toBeNull();
    expect(parseDecimal('1200,5')).toBe(1200.5);
    expect(parseDecimal('1.200,5')).toBeNull();
    expect(parseReadAt('2026-01-10')).toBe('2026-01-10T11:00:00.000Z');
    expect(parseReadAt('2026-07-10 08:30')).toBe('2026-07-10T06:30:00.000Z');
    expect(parseReadAt('2026-07-10T08:30:00Z')).toBe('2026-07-10T08:30:00.000Z');
    expect(parseReadAt('ieri')).toBeNull();
  });
});
