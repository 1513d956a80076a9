// The friendly recurrence editor's presets ↔ the RRULE body stored on a plan (no DTSTART: the
// plan's startsOn is it). Pure string work, no rrule library, so the browser can use it too.
// A rule no preset produces reads back as `advanced` (the free-text RRULE).

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export type RulePreset =
  /** every N months counted from the start date (the start date's day of the month) */
  | { kind: 'every_n_months'; months: number }
  /** the Nth (1–4, or -1 = last) weekday of each month or of each quarter */
  | { kind: 'nth_weekday'; nth: number; weekday: Weekday; period: 'month' | 'quarter' }
  /** the last working day (Monday to Friday) of the month; a holiday moves it back (shift previous) */
  | { kind: 'last_working_day' }
  /** once every N years, inside a seasonal window (season from/to on the plan, MM-DD) */
  | { kind: 'yearly_in_season'; years: number; seasonFrom: string; seasonTo: string }
  | { kind: 'advanced'; rrule: string };

export interface PresetRule {
  rrule: string;
  /** where an occurrence on a non-working day moves */
  shift: 'next' | 'previous';
  seasonFrom: string | null;
  seasonTo: string | null;
}

const LAST_WORKING_DAY = 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1';

/** The plan fields a preset sets. */
export function presetToRule(p: RulePreset): PresetRule {
  const plain = (rrule: string): PresetRule => ({ rrule, shift: 'next', seasonFrom: null, seasonTo: null });
  switch (p.kind) {
    case 'every_n_months':
      return plain(p.months === 1 ? 'FREQ=MONTHLY' : `FREQ=MONTHLY;INTERVAL=${p.months}`);
    case 'nth_weekday': {
      const interval = p.period === 'quarter' ? ';INTERVAL=3' : '';
      return plain(`FREQ=MONTHLY${interval};BYDAY=${p.nth}${p.weekday}`);
    }
    case 'last_working_day':
      return { rrule: LAST_WORKING_DAY, shift: 'previous', seasonFrom: null, seasonTo: null };
    case 'yearly_in_season':
      return {
        rrule: p.years === 1 ? 'FREQ=YEARLY' : `FREQ=YEARLY;INTERVAL=${p.years}`,
        shift: 'next',
        seasonFrom: p.seasonFrom,
        seasonTo: p.seasonTo,
      };
    case 'advanced':
      return plain(p.rrule.trim());
  }
}

/** RRULE body → its parts, upper-cased names; null when not NAME=VALUE;… */
export function ruleParts(rrule: string): Map<string, string> | null {
  const body = rrule.trim().replace(/^RRULE:/i, '');
  if (body === '') return null;
  const parts = new Map<string, string>();
  for (const piece of body.split(';')) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(piece.trim());
    if (!m || parts.has(m[1].toUpperCase())) return null;
    parts.set(m[1].toUpperCase(), m[2].trim().toUpperCase());
  }
  return parts;
}

const onlyKeys = (parts: Map<string, string>, keys: string[]) => [...parts.keys()].every((k) => keys.includes(k));
const positiveInt = (v: string | undefined, dflt: number): number | null => {
  if (v === undefined) return dflt;
  return /^[1-9]\d{0,2}$/.test(v) ? Number(v) : null;
};

/** The preset that produces these plan fields, or `advanced` with the rule as written. */
export function ruleToPreset(rule: {
  rrule: string;
  shift?: string | null;
  seasonFrom?: string | null;
  seasonTo?: string | null;
}): RulePreset {
  const advanced: RulePreset = { kind: 'advanced', rrule: rule.rrule };
  const parts = ruleParts(rule.rrule);
  if (!parts) return advanced;
  const freq = parts.get('FREQ');
  const season = rule.seasonFrom && rule.seasonTo ? { seasonFrom: rule.seasonFrom, seasonTo: rule.seasonTo } : null;
  if (freq === 'YEARLY' && onlyKeys(parts, ['FREQ', 'INTERVAL']) && season) {
    const years = positiveInt(parts.get('INTERVAL'), 1);
    return years ? { kind: 'yearly_in_season', years, ...season } : advanced;
  }
  if (season || freq !== 'MONTHLY') return advanced;
  if (onlyKeys(parts, ['FREQ', 'INTERVAL'])) {
    const months = positiveInt(parts.get('INTERVAL'), 1);
    return months ? { kind: 'every_n_months', months } : advanced;
  }
  if (
    parts.get('BYDAY') === 'MO,TU,WE,TH,FR' &&
    parts.get('BYSETPOS') === '-1' &&
    onlyKeys(parts, ['FREQ', 'BYDAY', 'BYSETPOS']) &&
    rule.shift === 'previous'
  ) {
    return { kind: 'last_working_day' };
  }
  if (onlyKeys(parts, ['FREQ', 'INTERVAL', 'BYDAY'])) {
    const interval = parts.get('INTERVAL') ?? '1';
    const m = /^([+]?[1-4]|-1)(MO|TU|WE|TH|FR|SA|SU)$/.exec(parts.get('BYDAY') ?? '');
    if (m && (interval === '1' || interval === '3')) {
      return { kind: 'nth_weekday', nth: Number(m[1]), weekday: m[2] as Weekday, period: interval === '3' ? 'quarter' : 'month' };
    }
  }
  return advanced;
}

/** A valid MM-DD (29 February allowed: the window is a yearly one). */
export function isMonthDay(v: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [month, day] = [Number(m[1]), Number(m[2])];
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

/** Whether a date's MM-DD falls in the window [from, to], which may cross the new year (10-15 → 04-15). */
export function inSeason(date: string, from: string, to: string): boolean {
  const md = date.slice(5);
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}
