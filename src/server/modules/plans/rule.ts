// The plan's recurrence seen from this module: is the RRULE valid and what does it say in words
// (the domain's rule-text.ts), which are its next dates (for the editor's preview). Pure. The
// rrule library works on instants: dates are UTC midnights, so no time zone ever shifts a day.
import rrulePkg from 'rrule';
import type { Lang } from '../../i18n/messages.ts';
import { formatter } from '../../../shared/format.ts';
import { inSeason } from '../../../domain/planned/rule-presets.ts';
import { describeRule as domainDescribe, validateRRule as domainValidate } from '../../../domain/planned/rule-text.ts';

const { rrulestr } = rrulePkg;

/** null when the RRULE body is one a plan may store (the domain's rules), else the field rule 'rrule'. */
export function validateRRule(rrule: string): string | null {
  return domainValidate(rrule) === null ? null : 'rrule';
}

const utc = (d: string) => new Date(`${d}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export interface RuleWindow {
  startsOn: string;
  endsOn?: string | null;
  seasonFrom?: string | null;
  seasonTo?: string | null;
}

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

export interface DescribedPlan {
  scheduleKind: string;
  rrule: string | null;
  startsOn: string;
  seasonFrom?: string | null;
  seasonTo?: string | null;
  meterEvery?: number | null;
  meterUnit?: string | null;
}

/** The plan's schedule in words, in the caller's language (the domain's words for the rule). */
export function describeRule(p: DescribedPlan, lang: Lang): string {
  const it = lang === 'it';
  if (p.scheduleKind === 'meter') {
    const every = p.meterEvery == null ? '?' : formatter(lang).quantity(p.meterEvery);
    return it ? `Ogni ${every} ${p.meterUnit ?? ''} di contatore`.trim() : `Every ${every} ${p.meterUnit ?? ''} on the meter`.trim();
  }
  if (!p.rrule) return '';
  const season = p.seasonFrom && p.seasonTo ? { from: p.seasonFrom, to: p.seasonTo } : null;
  const words = domainDescribe(p.rrule, p.startsOn, lang, season);
  if (p.scheduleKind !== 'floating') return words;
  return `${words} ${it ? "(contando dall'ultima esecuzione)" : '(counted from the last time done)'}`;
}
