// A clock in words, for people: "scade il 12/03 16:00; in pausa 3 h 20 min per materiali;
// superato di 2 h 05 min". Pure: the caller gives "now" (only to leave out the current year).
import { DateTime } from 'luxon';
import type { ClockName, ClockResult } from './sla.ts';

export type ExplainLang = 'it' | 'en';

const ZONE = 'Europe/Rome';
const MINUTE = 60_000;

const WORDS = {
  it: {
    clock: { take_charge: 'presa in carico', on_site: 'intervento sul posto', resolution: 'risoluzione' } as Record<ClockName, string>,
    pause: { waiting_materials: 'materiali', awaiting_authorization: 'autorizzazione del preventivo' } as Record<string, string>,
    and: 'e',
    underMinute: 'meno di 1 min',
    noLimit: 'nessun limite per questa priorità',
    due: (d: string) => `scade il ${d}`,
    dueIfResumed: (d: string) => `se ripreso ora scade il ${d}`,
    overdueSince: (d: string) => `scaduto il ${d}`,
    wasDue: (d: string) => `scadenza ${d}`,
    paused: (dur: string, why: string) => `in pausa ${dur} per ${why}`,
    stillPaused: 'ancora in pausa',
    left: (dur: string) => `mancano ${dur}`,
    met: (at: string, margin: string) => `rispettato: concluso il ${at} con ${margin} di margine`,
    breachedBy: (dur: string) => `superato di ${dur}`,
    stoppedBreached: (at: string, dur: string) => `concluso il ${at}, superato di ${dur}`,
    cancelled: (at: string) => `annullato il ${at}`,
  },
  en: {
    clock: { take_charge: 'take charge', on_site: 'on site', resolution: 'resolution' } as Record<ClockName, string>,
    pause: { waiting_materials: 'materials', awaiting_authorization: 'quote authorisation' } as Record<string, string>,
    and: 'and',
    underMinute: 'under 1 min',
    noLimit: 'no limit for this priority',
    due: (d: string) => `due ${d}`,
    dueIfResumed: (d: string) => `if resumed now, due ${d}`,
    overdueSince: (d: string) => `overdue since ${d}`,
    wasDue: (d: string) => `due ${d}`,
    paused: (dur: string, why: string) => `paused ${dur} for ${why}`,
    stillPaused: 'still paused',
    left: (dur: string) => `${dur} left`,
    met: (at: string, margin: string) => `met: stopped ${at} with ${margin} to spare`,
    breachedBy: (dur: string) => `breached by ${dur}`,
    stoppedBreached: (at: string, dur: string) => `stopped ${at}, breached by ${dur}`,
    cancelled: (at: string) => `cancelled ${at}`,
  },
} as const;

/** The clock's name in words. */
export const clockName = (clock: ClockName, lang: ExplainLang): string => WORDS[lang].clock[clock];

/** What a pause state reads as ("materiali", "quote authorisation"). */
export const pauseReason = (state: string, lang: ExplainLang): string => WORDS[lang].pause[state] ?? state.replaceAll('_', ' ');

/** "2 h 05 min", "45 min", "3 h", "meno di 1 min": whole minutes, rounded down. */
export function formatDuration(ms: number, lang: ExplainLang): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes === 0) return ms > 0 ? WORDS[lang].underMinute : '0 min';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')} min`;
}

/** "12/03 16:00" in Europe/Rome; the year is added when it is not the year of `now`. */
export function formatInstant(ms: number, now: number, zone = ZONE): string {
  const d = DateTime.fromMillis(ms, { zone });
  const sameYear = d.year === DateTime.fromMillis(now, { zone }).year;
  return d.toFormat(sameYear ? 'dd/MM HH:mm' : 'dd/MM/yyyy HH:mm');
}

function joinWords(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/**
 * One clock as a sentence in the reader's language: when it is (or was) due, how long it was
 * paused and why, and how it ended (time left, met with a margin, breached by, cancelled).
 */
export function explainClock(c: ClockResult, lang: ExplainLang, now: number, zone = ZONE): string {
  const w = WORDS[lang];
  if (c.status === 'not_applicable' || c.dueAt === null) return w.noLimit;
  const when = (ms: number) => formatInstant(ms, now, zone);
  const dur = (ms: number) => formatDuration(ms, lang);
  const stopped = c.stoppedAt !== null;
  const pausedNow = c.pauses.some((p) => p.to === null) && !stopped;
  const parts: string[] = [];

  if (c.status === 'running') parts.push(w.due(when(c.dueAt)));
  else if (c.status === 'paused') parts.push(w.dueIfResumed(when(c.dueAt)));
  else if (c.status === 'breached' && !stopped) parts.push(w.overdueSince(when(c.dueAt)));
  else parts.push(w.wasDue(when(c.dueAt)));

  if (c.pausedMs > 0 || pausedNow) {
    const reasons = [...new Set(c.pauses.map((p) => pauseReason(p.state, lang)))];
    parts.push(w.paused(dur(c.pausedMs), joinWords(reasons, w.and)) + (pausedNow ? `, ${w.stillPaused}` : ''));
  }

  switch (c.status) {
    case 'running':
    case 'paused':
      parts.push(w.left(dur(c.remainingMs ?? 0)));
      break;
    case 'met':
      parts.push(w.met(when(c.stoppedAt!), dur((c.limitMinutes ?? 0) * MINUTE - c.elapsedMs)));
      break;
    case 'breached':
      parts.push(stopped ? w.stoppedBreached(when(c.stoppedAt!), dur(c.breachedByMs)) : w.breachedBy(dur(c.breachedByMs)));
      break;
    case 'cancelled':
      parts.push(w.cancelled(when(c.stoppedAt!)));
      break;
  }
  return parts.join('; ');
}
