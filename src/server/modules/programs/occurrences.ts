// The occurrences of a plan in a month, before the working-day shift. TEMPORARY until the domain's
// src/domain/planned/recurrence.ts (occurrencesInMonth / nextFloatingDue) is merged: then this file
// only adapts the plan row to those functions.
import rrule from 'rrule';
import { DateTime } from 'luxon';

const { rrulestr } = rrule;

export interface PlanSchedule {
  schedule_kind: string;
  rrule: string | null;
  starts_on: string;
  ends_on: string | null;
  season_from: string | null;
  season_to: string | null;
  last_done_on: string | null;
}

export interface Occurrence {
  /** Never generated twice: the rule's date. */
  key: string;
  dueOn: string;
  source: 'calendar' | 'floating';
}

const utc = (d: string) => new Date(`${d}T00:00:00Z`);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

function inSeason(date: string, from: string | null, to: string | null): boolean {
  if (!from || !to) return true;
  const md = date.slice(5);
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

function ruleFrom(body: string, start: string) {
  const dt = start.replace(/-/g, '');
  return rrulestr(`DTSTART:${dt}T000000Z\nRRULE:${body.replace(/^RRULE:/i, '')}`);
}

export function occurrencesOfPlan(plan: PlanSchedule, month: string): Occurrence[] {
  if (!plan.rrule) return [];
  const start = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
  const first = start.toISODate()!;
  const last = start.endOf('month').toISODate()!;
  const ok = (d: string) => d >= first && d <= last && d >= plan.starts_on && (!plan.ends_on || d <= plan.ends_on)
    && inSeason(d, plan.season_from, plan.season_to);
  if (plan.schedule_kind === 'calendar') {
    return ruleFrom(plan.rrule, plan.starts_on).between(utc(first), utc(last), true).map(isoOf).filter(ok)
      .map((d) => ({ key: d, dueOn: d, source: 'calendar' as const }));
  }
  if (plan.schedule_kind === 'floating') {
    const base = plan.last_done_on ?? plan.starts_on;
    const dates = ruleFrom(plan.rrule, base).all((_d, i) => i < 2).map(isoOf);
    const due = plan.last_done_on ? dates.find((d) => d > base) : dates[0];
    return due && ok(due) ? [{ key: due, dueOn: due, source: 'floating' }] : [];
  }
  return [];
}
