// The clocks of work orders, computed now from the events table with the domain's computeClocks:
// the work order's SLA version (kept from its issue; else the version in force then; else the
// defaults), its contract's working week with the site's patron saint and the closures for working
// time, 24/7 for solar time. One work order (the GET presenter) or many (watcher, reports, bench).
import { closureDays, DEFAULT_WEEK, WorkingCalendar, solarCalendar, type CalendarSpec } from '../../../domain/calendar.ts';
import {
  CLOCKS,
  DEFAULT_SLA,
  TimelineOrderError,
  computeClocks,
  type ClockResult,
  type SlaVersion,
  type TimelineEvent,
} from '../../../domain/sla.ts';
import { clockHeadline, explainClock, type ExplainLang } from '../../../domain/sla-explain.ts';
import { PRIORITIES, type Priority } from '../../../domain/workflow/types.ts';
import type { ClocksDto } from '../../../shared/schemas/sla.ts';
import type { Db } from '../../db/create-db.ts';
import * as repo from './sla.repository.ts';

export const ZONE = 'Europe/Rome';
export const SOLAR = solarCalendar(ZONE);

// Calendars build their tables per year on first use: share them between work orders alike.
const calendars = new Map<string, WorkingCalendar>();
const MAX_CALENDARS = 500;

export function workingCalendar(week: CalendarSpec['week'], patronSaint: string | null, closures: readonly string[]): WorkingCalendar {
  const key = JSON.stringify([week, patronSaint, closures]);
  let cal = calendars.get(key);
  if (!cal) {
    if (calendars.size >= MAX_CALENDARS) calendars.clear();
    cal = new WorkingCalendar({ zone: ZONE, week, patronSaint, closures: [...closures].sort() });
    calendars.set(key, cal);
  }
  return cal;
}

const isPriority = (p: unknown): p is Priority => typeof p === 'string' && (PRIORITIES as readonly string[]).includes(p);

/** A stored definition (JSON) as the domain's SlaVersion; missing parts fall back to the defaults. */
export function parseDefinition(json: string): SlaVersion {
  try {
    const d = JSON.parse(json) as Partial<SlaVersion>;
    const limits = Object.fromEntries(
      PRIORITIES.map((p) => [
        p,
        Object.fromEntries(
          CLOCKS.map((c) => {
            const l = d.limits?.[p]?.[c];
            return [c, l === undefined ? DEFAULT_SLA.limits[p][c] : l];
          }),
        ),
      ]),
    ) as SlaVersion['limits'];
    const pauses = Object.fromEntries(CLOCKS.map((c) => [c, d.pauses?.[c] ?? DEFAULT_SLA.pauses[c]])) as SlaVersion['pauses'];
    return { limits, pauses };
  } catch {
    return DEFAULT_SLA;
  }
}

/** A stored week (JSON, as CalendarSpec.week) or the default one. */
export function parseWeek(json: string | null | undefined): CalendarSpec['week'] {
  if (!json) return DEFAULT_WEEK;
  try {
    return JSON.parse(json) as CalendarSpec['week'];
  } catch {
    return DEFAULT_WEEK;
  }
}

interface EventLike {
  at: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  data: string;
}

/** The events table's rows as the domain's timeline, and the priority the work order was issued with. */
export function toTimeline(rows: readonly EventLike[], currentPriority: string): { events: TimelineEvent[]; initialPriority: Priority } {
  const events: TimelineEvent[] = [];
  let initial: Priority | null = null;
  for (const r of rows) {
    const e: TimelineEvent = { at: Date.parse(r.at), action: r.action, from: r.from_state, to: r.to_state };
    if (r.action === 'issue' || r.action === 'change_priority') {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(r.data) as Record<string, unknown>;
      } catch {
        data = {};
      }
      if (r.action === 'issue' && initial === null && isPriority(data.priority)) initial = data.priority;
      if (r.action === 'change_priority') {
        if (isPriority(data.priority)) e.priority = data.priority;
        if (initial === null && isPriority(data.previousPriority)) initial = data.previousPriority;
      }
    }
    events.push(e);
  }
  return { events, initialPriority: initial ?? (isPriority(currentPriority) ? currentPriority : 'ordinary') };
}

export interface SlaInputs {
  sla: SlaVersion;
  slaVersion: { id: string; number: number } | null;
  working: WorkingCalendar;
}

/** The SLA versions and calendars a batch of work orders uses, loaded once. */
export class SlaContext {
  private constructor(
    private readonly versions: Map<string, { id: string; number: number; sla: SlaVersion; contractId: string; effectiveFrom: string }>,
    private readonly byContract: Map<string, Array<{ id: string; number: number; effectiveFrom: string }>>,
    private readonly weeks: Map<string, CalendarSpec['week']>,
    private readonly closuresAll: string[],
    private readonly closuresBySite: Map<string, string[]>,
  ) {}

  static async load(db: Db, facts: readonly repo.WorkOrderFacts[]): Promise<SlaContext> {
    const contractIds = [...new Set(facts.map((f) => f.contract_id))];
    const needHistory = [...new Set(facts.filter((f) => !f.sla_version_id).map((f) => f.contract_id))];
    const ids = [...new Set(facts.map((f) => f.sla_version_id).filter((x): x is string => !!x))];
    const [direct, history, cals, closures] = await Promise.all([
      repo.versionsByIds(db, ids),
      repo.versionsOfContracts(db, needHistory),
      repo.calendarsOf(db, contractIds),
      repo.listClosures(db),
    ]);
    const versions = new Map<string, { id: string; number: number; sla: SlaVersion; contractId: string; effectiveFrom: string }>();
    const byContract = new Map<string, Array<{ id: string; number: number; effectiveFrom: string }>>();
    for (const v of [...direct, ...history]) {
      versions.set(v.id, {
        id: v.id,
        number: Number(v.number),
        sla: parseDefinition(v.definition),
        contractId: v.contract_id,
        effectiveFrom: v.effective_from,
      });
    }
    for (const v of history) {
      const list = byContract.get(v.contract_id) ?? [];
      list.push({ id: v.id, number: Number(v.number), effectiveFrom: v.effective_from });
      byContract.set(v.contract_id, list);
    }
    const weeks = new Map(cals.map((c) => [c.contract_id, parseWeek(c.week)]));
    const all: string[] = [];
    const bySite = new Map<string, string[]>();
    for (const c of closures) {
      const days = closureDays([c]);
      if (!c.site_id) all.push(...days);
      else bySite.set(c.site_id, [...(bySite.get(c.site_id) ?? []), ...days]);
    }
    return new SlaContext(versions, byContract, weeks, all, bySite);
  }

  private readonly memo = new Map<string, SlaInputs>();

  inputsOf(f: repo.WorkOrderFacts): SlaInputs {
    let v = f.sla_version_id ? this.versions.get(f.sla_version_id) : undefined;
    if (!v) {
      // Issued before versions were kept: the version in force at the issue instant, else the defaults.
      const candidates = (this.byContract.get(f.contract_id) ?? [])
        .filter((x) => x.effectiveFrom <= f.issued_at)
        .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.number - b.number);
      const last = candidates[candidates.length - 1];
      v = last ? this.versions.get(last.id) : undefined;
    }
    const key = `${v?.id ?? '-'}|${f.contract_id}|${f.site_id}`;
    let inputs = this.memo.get(key);
    if (!inputs) {
      const closures = [...this.closuresAll, ...(this.closuresBySite.get(f.site_id) ?? [])];
      inputs = {
        sla: v?.sla ?? DEFAULT_SLA,
        slaVersion: v ? { id: v.id, number: v.number } : null,
        working: workingCalendar(this.weeks.get(f.contract_id) ?? DEFAULT_WEEK, f.patron_saint, closures),
      };
      this.memo.set(key, inputs);
    }
    return inputs;
  }
}

/** The clocks of one work order at `now` (ms); a timeline out of order (never written so) gives none. */
export function clocksOf(
  f: repo.WorkOrderFacts,
  rows: readonly EventLike[],
  inputs: SlaInputs,
  now: number,
  warnShare?: number,
): ClockResult[] {
  const { events, initialPriority } = toTimeline(rows, f.priority);
  try {
    return computeClocks({ events, initialPriority, sla: inputs.sla, working: inputs.working, solar: SOLAR, now, warnShare });
  } catch (e) {
    if (e instanceof TimelineOrderError) return [];
    throw e;
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentClocks(results: readonly ClockResult[], inputs: SlaInputs, now: Date, lang: ExplainLang): ClocksDto {
  const t = now.getTime();
  return {
    slaVersion: inputs.slaVersion,
    computedAt: now.toISOString(),
    items: results.map((c) => ({
      clock: c.clock,
      status: c.status,
      limitMinutes: c.limitMinutes,
      basis: c.basis,
      startedAt: iso(c.startedAt),
      dueAt: iso(c.dueAt),
      stoppedAt: iso(c.stoppedAt),
      elapsedMs: Math.round(c.elapsedMs),
      pausedMs: Math.round(c.pausedMs),
      pauses: c.pauses.map((p) => ({ from: iso(p.from)!, to: iso(p.to), state: p.state })),
      remainingMs: c.remainingMs === null ? null : Math.round(c.remainingMs),
      breachedByMs: Math.round(c.breachedByMs),
      share: c.share === null ? null : Math.round(c.share * 10_000) / 10_000,
      explanation: explainClock(c, lang, t, ZONE),
      headline: clockHeadline(c, lang, t, c.basis === 'solar' ? SOLAR : inputs.working, ZONE),
    })),
  };
}

/** GET /api/work-orders/{id}'s `clocks`: computed now, explained in the caller's language. */
export async function workOrderClocks(db: Db, id: string, now: Date, lang: ExplainLang): Promise<ClocksDto | undefined> {
  const f = await repo.factsOf(db, id);
  if (!f) return undefined;
  const [ctx, timelines] = await Promise.all([SlaContext.load(db, [f]), repo.timelinesOf(db, [id])]);
  const inputs = ctx.inputsOf(f);
  return presentClocks(clocksOf(f, timelines.get(id) ?? [], inputs, now.getTime()), inputs, now, lang);
}
