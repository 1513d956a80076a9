// Service indicators (#11): the work orders issued in a period (in the caller's work-order scope,
// so a contractor sees only its own, a building manager only its buildings) turned into the KPI
// engine's facts — stored per work order (work_order_kpi_facts, modules/kpi/facts.ts) where they
// still hold, else recomputed from the events as the SLA reports do — and
// the engine's figures (src/domain/kpi/indicators.ts), their work orders, the trend by month and
// the faults by building and class. The report alone counts the settled work orders in SQL groups
// (Counted, below): a contract-year of them would otherwise be read row by row.
import { DateTime } from 'luxon';
import {
  backlog,
  correctiveShare,
  durations,
  firstTimeFix,
  plannedCompliance,
  reopenRate,
  resolutionDecided,
  resolutionTimes,
  satisfaction,
  slaCompliance,
  type Figure,
  type KpiWorkOrder,
  type RatingFact,
} from '../../../domain/kpi/indicators.ts';
import type { ClockName } from '../../../domain/sla.ts';
import { PRIORITIES, type Priority } from '../../../domain/workflow/types.ts';
import type {
  FigureDto,
  KpiFigureName,
  KpiHeatmapDto,
  KpiQueryDto,
  KpiReportDto,
  KpiTrendDto,
  KpiWorkOrdersDto,
} from '../../../shared/schemas/kpi.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { forbidden, invalid } from '../../errors.ts';
import { romeDay } from '../../../shared/format.ts';
import { ZONE } from '../sla/clocks.ts';
import * as slaRepo from '../sla/sla.repository.ts';
import { scopeExpr, workOrderScope } from '../worklists/worklists.views.ts';
import { computeKpiFacts, kpiFactsOf, storedFacts, type KpiFacts } from './facts.ts';
import * as repo from './kpi.repository.ts';

const MAX_DAYS = 366;
const BATCH = 5000;

/** One work order as the indicators and their groupings see it. */
export interface KpiRow extends KpiWorkOrder {
  number: string;
  ticketId: string | null;
  issuedAtIso: string;
  month: string;
  contractId: string;
  lot: string;
  buildingId: string;
  buildingCode: string;
  classId: string;
  classCode: string;
}

/** [from 00:00, to + 1 day 00:00) in Rome, as UTC instants; refused when reversed or too long. */
export function periodBounds(q: { from: string; to: string }): [string, string] {
  const a = DateTime.fromISO(q.from, { zone: ZONE });
  const b = DateTime.fromISO(q.to, { zone: ZONE }).plus({ days: 1 });
  if (!a.isValid || !b.isValid || b <= a || b.diff(a, 'days').days > MAX_DAYS + 1)
    throw invalid([{ field: 'to', rule: 'dateRange', params: { limit: MAX_DAYS } }]);
  return [a.toUTC().toISO()!, b.toUTC().toISO()!];
}

// Per row of a period (60,000 in a busy contract-year): the shared cached Intl formatter, about
// 1 µs, where a luxon zone conversion took some 15 µs — 0.9 s of a contract-year's report.
const romeDayOf = (iso: string) => romeDay(Date.parse(iso));

/** Options of the period's reading; `recompute` ignores the stored facts (the reference path, for tests and the bench). */
export interface KpiReadOptions {
  recompute?: boolean;
}

/** How readPeriod reads: the reference recomputation, or (the report's fast path) only the rows its settled summary leaves out. */
interface PeriodReading extends KpiReadOptions {
  unsettled?: boolean;
}

interface Period {
  rows: KpiRow[];
  /** The filters and scope as SQL, for the costs of the same work orders. */
  filter: repo.KpiFilter;
  /** The ratings of the rows' tickets, read with the rows (null: the reference path reads them apart). */
  ratings: Map<string, repo.Rating> | null;
  recompute: boolean;
}

/** A period's row as read (the narrow facts row, or the reference's work_orders row without facts). */
type ReadRow = repo.KpiBatchRow | repo.KpiFactsRow;
const stored = (r: ReadRow): r is repo.KpiFactsRow => 'facts_version' in r;
/** The stored facts of a row read from the facts table (any other corrective row was recomputed). */
function storedOf(r: ReadRow): KpiFacts {
  if (!stored(r)) throw new Error(`work order ${r.id}: no stored facts to read`);
  return storedFacts({ ...r, completed_at: r.facts_completed_at });
}

/**
 * The KPI facts of every work order issued in the period that `actor` sees, with the filters.
 * Read from the narrow facts rows (migration 2026-12-14T0003), one index range. Corrective work
 * orders: the stored facts (modules/kpi/facts.ts) when they were computed from the work order's
 * current version and no clock was counting then; otherwise (not computed yet, an older version, a
 * clock still running or paused, whose status and counted time move with time) they are
 * recomputed now from the events, as the SLA reports do. Planned work runs no clock: its facts are
 * its columns (due day, completion, state; cancelled is its only closing outcome). `recompute`
 * reads work_orders instead and recomputes every work order: the reference the tests and the
 * bench compare with.
 */
async function readPeriod(ctx: AppContext, actor: Principal, q: KpiQueryDto, opts: PeriodReading = {}): Promise<Period> {
  const scope = workOrderScope(actor);
  if (scope.kind === 'forbidden') throw forbidden();
  const [start, end] = periodBounds(q);
  const filter = {
    start,
    end,
    scope: scopeExpr(scope, 'w'),
    contractId: q.contractId,
    buildingId: q.buildingId,
    technologyClassId: q.technologyClassId,
    priority: q.priority,
  };
  const now = ctx.now().getTime();
  const out: KpiRow[] = [];
  const all: ReadRow[] = opts.recompute
    ? await repo.kpiBatch(ctx.db, filter)
    : await repo.kpiFactsRows(ctx.db, filter, { unsettled: opts.unsettled });
  const trusted = (r: ReadRow) =>
    stored(r) && r.facts_version !== null && Number(r.facts_version) === Number(r.version) && Number(r.facts_final) === 1;
  // The recomputation goes a batch at a time.
  for (let i = 0; i < all.length; i += BATCH) {
    const rows = all.slice(i, i + BATCH);
    const toCompute = rows.filter((r) => r.kind !== 'planned' && !trusted(r));
    const [computed, plannedTimelines] = await Promise.all([
      (opts.recompute
        ? Promise.resolve(toCompute as repo.KpiBatchRow[])
        : repo.workOrderFactsByIds(
            ctx.db,
            toCompute.map((r) => r.id),
          )
      ).then((wos) => computeKpiFacts(ctx.db, wos, now)),
      // The reference path reads planned work's timeline too, as the engine's definition does.
      opts.recompute
        ? slaRepo.timelinesOf(
            ctx.db,
            rows.filter((r) => r.kind === 'planned').map((r) => r.id),
          )
        : null,
    ]);
    for (const r of rows) {
      const facts: KpiFacts =
        r.kind === 'planned'
          ? plannedTimelines
            ? kpiFactsOf(plannedTimelines.get(r.id) ?? [], r.priority, [])
            : plannedFacts(r)
          : (computed.get(r.id)?.facts ?? storedOf(r));
      out.push({
        id: r.id,
        kind: r.kind === 'planned' ? 'planned' : 'corrective',
        priority: r.kind === 'planned' ? null : (r.priority as Priority),
        status: r.status,
        issuedAt: Date.parse(r.issued_at),
        ...facts,
        clocks: r.kind === 'planned' ? {} : facts.clocks,
        planned:
          r.kind === 'planned' && r.due_on ? { dueOn: r.due_on, doneOn: r.completed_at ? romeDayOf(r.completed_at) : null } : undefined,
        number: r.number,
        ticketId: r.ticket_id,
        issuedAtIso: r.issued_at,
        month: romeDayOf(r.issued_at).slice(0, 7),
        contractId: r.contract_id,
        lot: r.lot,
        buildingId: r.building_id,
        buildingCode: r.building_code,
        classId: r.technology_class_id,
        classCode: r.class_code,
      });
    }
  }
  return { rows: out, filter, ratings: opts.recompute ? null : ratingsOfRows(all as repo.KpiFactsRow[]), recompute: !!opts.recompute };
}

/** The ratings of the rows' tickets from the rows themselves (the triggers keep them with the ticket's). */
function ratingsOfRows(rows: readonly repo.KpiFactsRow[]): Map<string, repo.Rating> {
  const out = new Map<string, repo.Rating>();
  for (const r of rows)
    if (r.ticket_id !== null && !out.has(r.ticket_id))
      out.set(r.ticket_id, {
        // A rating given without a link (in the app) was asked all the same.
        sent: Number(r.rating_link) === 1 || r.rating_stars !== null,
        score: r.rating_stars,
        followUp: (r.follow_up as 'open' | 'done' | null) ?? null,
      });
  return out;
}

/** Planned work's facts from its columns: only its state, outcome and dates count in the figures. */
const plannedFacts = (r: ReadRow): KpiFacts => ({
  clocks: {},
  completedAt: r.completed_at ? Date.parse(r.completed_at) : null,
  reopened: 0,
  rejectedCompletions: 0,
  visits: 0,
  closedOutcome: r.outcome === 'cancelled' ? 'cancelled' : null,
});

/** The KPI facts of every work order issued in the period that `actor` sees, with the filters. */
export async function kpiWorkOrders(ctx: AppContext, actor: Principal, q: KpiQueryDto, opts: KpiReadOptions = {}): Promise<KpiRow[]> {
  return (await readPeriod(ctx, actor, q, opts)).rows;
}

/** The ratings of the period's tickets: read with the rows (the reference path: from the tickets, by ids). */
async function periodRatings(ctx: AppContext, p: Period): Promise<Map<string, repo.Rating>> {
  if (p.ratings) return p.ratings;
  const tickets = [...new Set(p.rows.map((r) => r.ticketId).filter((t): t is string => t !== null))];
  return repo.ratingsOf(ctx.db, tickets);
}

/** The ratings of the given work orders' tickets, each counted once (on the ticket's first work order). */
function ratingFacts(rows: readonly KpiRow[], ratings: ReadonlyMap<string, repo.Rating>): RatingFact[] {
  const firstOfTicket = new Map<string, string>();
  for (const r of rows) if (r.ticketId && !firstOfTicket.has(r.ticketId)) firstOfTicket.set(r.ticketId, r.id);
  return [...firstOfTicket].flatMap(([ticketId, workOrderId]) => {
    const r = ratings.get(ticketId);
    return r ? [{ workOrderId, ...r }] : [];
  });
}

const dto = (f: Figure): FigureDto => ({ value: f.value, numerator: f.numerator, denominator: f.denominator });
const CLOCK_KEYS: Array<[ClockName, 'takeCharge' | 'onSite' | 'resolution']> = [
  ['take_charge', 'takeCharge'],
  ['on_site', 'onSite'],
  ['resolution', 'resolution'],
];
const clocksOfSet = (wos: readonly KpiWorkOrder[], priority?: Priority) =>
  Object.fromEntries(CLOCK_KEYS.map(([clock, key]) => [key, slaCompliance(wos, clock, priority)])) as Record<
    'takeCharge' | 'onSite' | 'resolution',
    Figure
  >;
const todayOf = (ctx: AppContext) => DateTime.fromJSDate(ctx.now(), { zone: ZONE }).toISODate()!;

/** The figures of one set of work orders (a period, a month of the trend), with their tickets' ratings. */
export function figuresOf(ctx: AppContext, rows: readonly KpiRow[], ticketRatings: ReadonlyMap<string, repo.Rating>) {
  const ratings = satisfaction(ratingFacts(rows, ticketRatings));
  const b = backlog(rows, ctx.now().getTime());
  const open = [...b.byAge.upTo7Days, ...b.byAge.upTo30Days, ...b.byAge.over30Days];
  const figures: Record<KpiFigureName, Figure> = {
    ...clocksOfSet(rows),
    reopenRate: reopenRate(rows),
    firstTimeFix: firstTimeFix(rows),
    plannedCompliance: plannedCompliance(rows, todayOf(ctx)),
    correctiveShare: correctiveShare(rows),
    // The backlog's "hits" are the work orders open for more than 30 days.
    backlog: {
      value: b.total === 0 ? null : b.byAge.over30Days.length / b.total,
      numerator: b.byAge.over30Days.length,
      denominator: b.total,
      basis: open,
      hits: b.byAge.over30Days,
    },
    satisfactionResponse: ratings.responseRate,
    satisfactionLow: ratings.lowScores,
    satisfactionFollowedUp: ratings.followedUp,
  };
  return { figures, backlog: b, ratings };
}

/** The period's work orders with their figures (the penalty/reward scheme scores them). */
export async function periodFigures(ctx: AppContext, actor: Principal, q: KpiQueryDto, opts: KpiReadOptions = {}) {
  const p = await readPeriod(ctx, actor, q, opts);
  return { rows: p.rows, ...figuresOf(ctx, p.rows, await periodRatings(ctx, p)) };
}

/**
 * What a report counts: work orders read one by one, and (the fast path) the settled ones counted in
 * groups of alike rows (kpi.repository.ts settledSummary) — a figure over a set is the sum of its
 * figures over each work order, so a group counts n times its one work order's — with their
 * resolution times apart; the ratings of the period's tickets; the approved costs per building.
 */
interface Counted {
  rows: KpiRow[];
  settled: Array<{ like: KpiWorkOrder; n: number }>;
  settledResolutionMs: number[];
  ratings: RatingFact[];
  costsByBuilding: Map<string, number>;
}

/** The fast path: the period's unsettled rows, and its settled ones counted in SQL. */
async function countedFromSummary(ctx: AppContext, actor: Principal, q: KpiQueryDto): Promise<Counted> {
  const p = await readPeriod(ctx, actor, q, { unsettled: true });
  const [groups, settledResolutionMs, ratingGroups, costsByBuilding] = await Promise.all([
    repo.settledSummary(ctx.db, p.filter),
    repo.settledResolutionTimes(ctx.db, p.filter),
    repo.ratingSummary(ctx.db, p.filter),
    repo.approvedCostsByBuilding(ctx.db, p.filter),
  ]);
  const settled = groups.map((g) => ({
    like: {
      ...storedFacts({
        take_charge_status: g.take_charge_status,
        take_charge_ms: 0,
        on_site_status: g.on_site_status,
        on_site_ms: 0,
        resolution_status: g.resolution_status,
        resolution_ms: 0,
        completed_at: Number(g.completed) === 1 ? new Date(0).toISOString() : null,
        reopened: g.reopened,
        rejected_completions: g.rejected,
        visits: g.visits,
        closed_outcome: g.closed_outcome,
      }),
      id: '',
      kind: 'corrective' as const,
      priority: g.priority as Priority,
      status: 'closed',
      issuedAt: 0,
    },
    n: Number(g.n),
  }));
  // Each group of tickets rated alike stands for n tickets (the ids of a rating fact only serve drill-downs).
  const ratings = ratingGroups.flatMap((g, i): RatingFact[] =>
    Array<RatingFact>(Number(g.n)).fill({
      workOrderId: `group-${i}`,
      // A rating given without a link (in the app) was asked all the same.
      sent: Number(g.rating_link) === 1 || g.rating_stars !== null,
      score: g.rating_stars,
      followUp: (g.follow_up as 'open' | 'done' | null) ?? null,
    }),
  );
  return { rows: p.rows, settled, settledResolutionMs, ratings, costsByBuilding };
}

/** The reference: every work order read and recomputed, its ratings and costs read by ids. */
async function countedFromRows(ctx: AppContext, actor: Principal, q: KpiQueryDto): Promise<Counted> {
  const p = await readPeriod(ctx, actor, q, { recompute: true });
  const [ticketRatings, costs] = await Promise.all([
    periodRatings(ctx, p),
    repo.approvedCostsOf(
      ctx.db,
      p.rows.map((r) => r.id),
    ),
  ]);
  const costsByBuilding = new Map<string, number>();
  for (const r of p.rows)
    if (costs.has(r.id)) costsByBuilding.set(r.buildingId, (costsByBuilding.get(r.buildingId) ?? 0) + costs.get(r.id)!);
  return { rows: p.rows, settled: [], settledResolutionMs: [], ratings: ratingFacts(p.rows, ticketRatings), costsByBuilding };
}

export async function report(ctx: AppContext, actor: Principal, q: KpiQueryDto, opts: KpiReadOptions = {}): Promise<KpiReportDto> {
  const c = opts.recompute ? await countedFromRows(ctx, actor, q) : await countedFromSummary(ctx, actor, q);
  const { rows, settled } = c;
  const count = (f: (wos: readonly KpiWorkOrder[]) => Figure): FigureDto => {
    const own = f(rows);
    let [numerator, denominator] = [own.numerator, own.denominator];
    for (const g of settled) {
      const one = f([g.like]);
      numerator += one.numerator * g.n;
      denominator += one.denominator * g.n;
    }
    return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
  };
  const clocks = (priority?: Priority) => ({
    takeCharge: count((ws) => slaCompliance(ws, 'take_charge', priority)),
    onSite: count((ws) => slaCompliance(ws, 'on_site', priority)),
    resolution: count((ws) => slaCompliance(ws, 'resolution', priority)),
  });
  const b = backlog(rows, ctx.now().getTime());
  const mttr = durations([
    ...rows.filter((w) => resolutionDecided(w)).map((w) => w.clocks.resolution!.elapsedMs),
    ...c.settledResolutionMs,
  ]);
  const ratings = satisfaction(c.ratings);
  const today = todayOf(ctx);
  const priorities = PRIORITIES.filter((p) => rows.some((r) => r.priority === p) || settled.some((g) => g.like.priority === p));
  return {
    from: q.from,
    to: q.to,
    computedAt: ctx.now().toISOString(),
    workOrders: rows.length + settled.reduce((a, g) => a + g.n, 0),
    sla: clocks(),
    byPriority: priorities.map((priority) => ({ priority, ...clocks(priority) })),
    mttr,
    backlog: {
      total: b.total,
      upTo7Days: b.byAge.upTo7Days.length,
      upTo30Days: b.byAge.upTo30Days.length,
      over30Days: b.byAge.over30Days.length,
    },
    reopenRate: count(reopenRate),
    firstTimeFix: count(firstTimeFix),
    plannedCompliance: count((ws) => plannedCompliance(ws, today)),
    correctiveShare: count(correctiveShare),
    satisfaction: {
      average: ratings.average,
      responseRate: dto(ratings.responseRate),
      lowScores: dto(ratings.lowScores),
      followedUp: dto(ratings.followedUp),
    },
    costPerM2: await costPerM2(ctx, c.costsByBuilding),
  };
}

/** Approved costs per building over the buildings' floor area. */
async function costPerM2(ctx: AppContext, byBuilding: ReadonlyMap<string, number>): Promise<KpiReportDto['costPerM2']> {
  const buildings = await repo.buildingsByIds(ctx.db, [...byBuilding.keys()]);
  return buildings.map((b) => {
    const costCents = byBuilding.get(b.id)!;
    const area = b.area_cm2 ? Number(b.area_cm2) : null;
    return {
      building: { id: b.id, code: b.code, name: b.name },
      costCents,
      areaM2: area === null ? null : area / 10_000,
      centsPerM2: area ? Math.round((costCents * 10_000) / area) : null,
    };
  });
}

/** The work orders behind one figure: its basis, its hits, or the misses (basis minus hits). */
export async function workOrdersOf(
  ctx: AppContext,
  actor: Principal,
  q: KpiQueryDto & { figure: KpiFigureName; set?: 'basis' | 'hits' | 'misses'; limit?: number; offset?: number },
): Promise<KpiWorkOrdersDto> {
  const { figure, set = 'basis', limit = 100, offset = 0, ...filter } = q;
  const p = await readPeriod(ctx, actor, filter);
  const rows = p.rows;
  const f = figuresOf(ctx, rows, await periodRatings(ctx, p)).figures[figure];
  const hits = new Set(f.hits);
  const ids = new Set(set === 'hits' ? f.hits : set === 'misses' ? f.basis.filter((id) => !hits.has(id)) : f.basis);
  const chosen = rows.filter((r) => ids.has(r.id));
  return {
    total: chosen.length,
    items: chosen.slice(offset, offset + limit).map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      status: r.status,
      priority: r.priority ?? 'planned',
      issuedAt: r.issuedAtIso,
      building: { id: r.buildingId, code: r.buildingCode },
      technologyClass: { id: r.classId, code: r.classCode },
      contract: { id: r.contractId, lot: r.lot },
    })),
  };
}

/** The headline figures month by month (month of issue, Rome). */
export async function trend(ctx: AppContext, actor: Principal, q: KpiQueryDto, opts: KpiReadOptions = {}): Promise<KpiTrendDto> {
  const p = await readPeriod(ctx, actor, q, opts);
  const rows = p.rows;
  const ticketRatings = await periodRatings(ctx, p);
  const byMonth = new Map<string, KpiRow[]>();
  for (const r of rows) byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r]);
  const months: KpiTrendDto['months'] = [];
  for (const [month, set] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
    const c = clocksOfSet(set);
    const ratings = satisfaction(ratingFacts(set, ticketRatings));
    months.push({
      month,
      workOrders: set.length,
      takeCharge: dto(c.takeCharge),
      onSite: dto(c.onSite),
      resolution: dto(c.resolution),
      mttrMeanMs: resolutionTimes(set).meanMs,
      reopenRate: dto(reopenRate(set)),
      satisfactionAverage: ratings.average,
    });
  }
  return { months };
}

/** Faults (corrective work orders, cancelled ones left out) by building and technology class. */
export async function heatmap(ctx: AppContext, actor: Principal, q: KpiQueryDto, opts: KpiReadOptions = {}): Promise<KpiHeatmapDto> {
  const rows = (await kpiWorkOrders(ctx, actor, q, opts)).filter((r) => r.kind === 'corrective' && r.closedOutcome !== 'cancelled');
  const cells = new Map<string, { buildingId: string; technologyClassId: string; faults: number }>();
  for (const r of rows) {
    const key = `${r.buildingId}|${r.classId}`;
    const c = cells.get(key) ?? { buildingId: r.buildingId, technologyClassId: r.classId, faults: 0 };
    c.faults += 1;
    cells.set(key, c);
  }
  const [buildings, classes] = await Promise.all([
    repo.buildingsByIds(ctx.db, [...new Set(rows.map((r) => r.buildingId))]),
    repo.classesByIds(ctx.db, [...new Set(rows.map((r) => r.classId))]),
  ]);
  return {
    buildings: buildings.map((b) => ({ id: b.id, code: b.code, name: b.name })),
    classes: classes.map((c) => ({ id: c.id, code: c.code, name: actor.language === 'it' ? c.name_it : c.name_en })),
    cells: [...cells.values()],
  };
}
