// The plan's recurrence seen from this module: is the RRULE valid, what does it say in words,
// which are its next dates. Pure (dates in, dates out). The rrule library works on instants:
// dates are taken as UTC midnights, so no time zone ever shifts a day.
import rrulePkg from 'rrule';
import type { Lang } from '../../i18n/messages.ts';
import { inSeason, ruleParts, ruleToPreset, type Weekday } from '../../../domain/planned/rule-presets.ts';

const { rrulestr } = rrulePkg;

/** Frequencies a maintenance rule may have: nothing finer than a day. */
const FREQS = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

/** null when the RRULE body is usable, else the rule of the field error ('rrule'). */
export function validateRRule(rrule: string): string | null {
  const parts = ruleParts(rrule);
  if (!parts || !FREQS.has(parts.get('FREQ') ?? '') || parts.has('DTSTART')) return 'rrule';
  try {
    const r = rrulestr(`DTSTART:20260101T000000Z\nRRULE:${rrule.trim()}`);
    // Parsing is lenient (an unknown BYDAY passes): asking for a date shows whether it holds.
    r.after(new Date(Date.UTC(2026, 0, 1)), true);
    return null;
  } catch {
    return 'rrule';
  }
}

const utc = (d: string) => new Date(`${d}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export interface RuleWindow { startsOn: string; endsOn?: string | null; seasonFrom?: string | null; seasonTo?: string | null }

/**
 * The next `count` dates of the rule on or after `from` (a Rome date), inside the season and
 * before endsOn. Gives up after 2,000 candidate dates (a season the rule never hits).
 */
export function nextDates(rrule: string, w: RuleWindow, from: string, count: number): string[] {
  if (validateRRule(rrule) !== null) return [];
  const rule = rrulestr(`DTSTART:${w.startsOn.replaceAll('-', '')}T000000Z\nRRULE:${rrule.trim()}`);
  const out: string[] = [];
  let cursor = utc(from < w.startsOn ? w.startsOn : from);
  let inclusive = true;
  for (let tries = 0; tries < 2000 && out.length < count; tries++) {
    const next = rule.after(cursor, inclusive);
    if (!next) break;
    const d = iso(next);
    if (w.endsOn && d > w.endsOn) break;
    if (!w.seasonFrom || !w.seasonTo || inSeason(d, w.seasonFrom, w.seasonTo)) out.push(d);
    cursor = next;
    inclusive = false;
  }
  return out;
}

const DAY_NAMES: Record<Lang, Record<Weekday, string>> = {
  it: { MO: 'lunedì', TU: 'martedì', WE: 'mercoledì', TH: 'giovedì', FR: 'venerdì', SA: 'sabato', SU: 'domenica' },
  en: { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' },
};
const NTH: Record<Lang, Record<string, string>> = {
  it: { 1: 'primo', 2: 'secondo', 3: 'terzo', 4: 'quarto', '-1': 'ultimo' },
  en: { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', '-1': 'last' },
};
const dm = (md: string, lang: Lang) => {
  const [m, d] = md.split('-').map(Number);
  const months = lang === 'it'
    ? ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre']
    : ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return lang === 'it' ? `${d} ${months[m - 1]}` : `${months[m - 1]} ${d}`;
};

export interface DescribedPlan {
  scheduleKind: string; rrule: string | null; startsOn: string; shift?: string | null;
  seasonFrom?: string | null; seasonTo?: string | null; meterEvery?: number | null; meterUnit?: string | null;
}

/** The plan's schedule in words, in the caller's language. */
export function describeRule(p: DescribedPlan, lang: Lang): string {
  const it = lang === 'it';
  if (p.scheduleKind === 'meter') {
    const every = p.meterEvery == null ? '?' : p.meterEvery.toLocaleString(it ? 'it-IT' : 'en-GB');
    return it ? `ogni ${every} ${p.meterUnit ?? ''} di contatore`.trim() : `every ${every} ${p.meterUnit ?? ''} on the meter`.trim();
  }
  if (!p.rrule) return '';
  const floating = p.scheduleKind === 'floating'
    ? (it ? ' (dall\'ultima esecuzione)' : ' (from the last time done)') : '';
  const season = p.seasonFrom && p.seasonTo
    ? (it ? `, tra il ${dm(p.seasonFrom, lang)} e il ${dm(p.seasonTo, lang)}` : `, between ${dm(p.seasonFrom, lang)} and ${dm(p.seasonTo, lang)}`) : '';
  const preset = ruleToPreset({ rrule: p.rrule, shift: p.shift, seasonFrom: p.seasonFrom, seasonTo: p.seasonTo });
  const day = Number(p.startsOn.slice(8, 10));
  switch (preset.kind) {
    case 'every_n_months': {
      const n = preset.months;
      const what = n === 1 ? (it ? 'ogni mese' : 'every month') : (it ? `ogni ${n} mesi` : `every ${n} months`);
      return `${what}${it ? `, il giorno ${day}` : `, on day ${day}`}${it ? ` a partire dal ${p.startsOn}` : ` from ${p.startsOn}`}${floating}`;
    }
    case 'nth_weekday': {
      const period = preset.period === 'quarter' ? (it ? 'di ogni trimestre' : 'of each quarter') : (it ? 'di ogni mese' : 'of each month');
      const nth = NTH[lang][String(preset.nth)];
      const art = it ? (preset.weekday === 'SU' ? (preset.nth === -1 ? 'l\'ultima' : `la ${nth.replace(/o$/, 'a')}`) : (preset.nth === -1 ? 'l\'ultimo' : `il ${nth}`)) : `the ${nth}`;
      return `${art} ${DAY_NAMES[lang][preset.weekday]} ${period}${floating}`;
    }
    case 'last_working_day':
      return it ? 'l\'ultimo giorno lavorativo del mese' : 'the last working day of the month';
    case 'yearly_in_season': {
      const what = preset.years === 1 ? (it ? 'una volta l\'anno' : 'once a year') : (it ? `ogni ${preset.years} anni` : `every ${preset.years} years`);
      return `${what}${season}${floating}`;
    }
    default: {
      if (validateRRule(p.rrule) !== null) return p.rrule;
      // The library speaks English only; Italian readers get the rule itself after a hint.
      const text = rrulestr(`DTSTART:${p.startsOn.replaceAll('-', '')}T000000Z\nRRULE:${p.rrule}`).toText();
      return it ? `regola: ${p.rrule}${season}${floating}` : `${text}${season}${floating}`;
    }
  }
}
