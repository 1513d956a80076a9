// The satisfaction loop (#11 item 4): the comments stream of ratings, the follow-ups of low
// ratings (assigned to a building manager or a service head, closed with an outcome) and the
// response rate to the rating link per building. Scope: satisfaction.scope.ts.
import { DateTime } from 'luxon';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';
import type {
  FollowUpDto,
  FollowUpPatchDto,
  FollowUpsQueryDto,
  RatingItemDto,
  RatingsQueryDto,
  ResponseRateDto,
  ResponseRateQueryDto,
} from '../../../shared/schemas/satisfaction.ts';
import { periodBounds } from '../kpi/kpi.service.ts';
import { bool, decodeCursor, encodeCursor } from '../registry/common.ts';
import { inVersionedTransaction, StaleVersion } from '../tickets/workflow-helpers.ts';
import { scopeExpr } from '../worklists/worklists.views.ts';
import * as repo from './satisfaction.repository.ts';
import { followUpScope, ratingScope } from './satisfaction.scope.ts';

const building = (r: { building_id: string; building_code: string; building_name: string }) => ({
  id: r.building_id,
  code: r.building_code,
  name: r.building_name,
});

/** 00:00 in Rome of the date (plus `days`), as a UTC instant. */
const romeDayStart = (date: string, days = 0) => DateTime.fromISO(date, { zone: 'Europe/Rome' }).plus({ days }).toUTC().toISO()!;

function scoped(scope: ReturnType<typeof ratingScope>) {
  if (scope.kind === 'forbidden') throw forbidden();
  return scopeExpr(scope, 't');
}

/** GET /api/ratings: newest first, keyset paged by (rated_at, ticket id). */
export async function listRatings(ctx: AppContext, actor: Principal, q: RatingsQueryDto) {
  const scope = scoped(ratingScope(actor));
  const limit = q.limit ?? 50;
  let start: string | undefined;
  let end: string | undefined;
  if (q.from) start = romeDayStart(q.from);
  if (q.to) end = romeDayStart(q.to, 1);
  if (start && end && end <= start) throw invalid([{ field: 'to', rule: 'dateRange', params: { limit: 366 } }]);
  const rows = await repo.ratingsPage(ctx.db, {
    scope,
    buildingId: q.buildingId,
    contractId: q.contractId,
    score: q.score,
    withComment: q.withComment,
    start,
    end,
    before: decodeCursor(q.cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const lots = await repo.lotsOf(
    ctx.db,
    page.map((r) => r.id),
  );
  const items: RatingItemDto[] = page.map((r) => ({
    ticketId: r.id,
    ticketNumber: r.number,
    subject: r.subject,
    building: building(r),
    stars: Number(r.rating_stars),
    workDone: bool(r.rating_work_done),
    comment: r.rating_comment,
    ratedAt: r.rated_at!,
    work: lots.get(r.id) ?? [],
    followUp: r.follow_up_id ? { id: r.follow_up_id, status: r.follow_up_status === 'done' ? 'done' : 'open' } : null,
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.rated_at!, last.id]) : null };
}

function present(r: repo.FollowUpRow, assignees: Map<string, Array<{ id: string; name: string }>>): FollowUpDto {
  return {
    id: r.id,
    status: r.status === 'done' ? 'done' : 'open',
    ticketId: r.ticket_id,
    ticketNumber: r.number,
    subject: r.subject,
    building: building(r),
    stars: r.rating_stars === null ? null : Number(r.rating_stars),
    workDone: r.rating_work_done === null ? null : bool(r.rating_work_done),
    comment: r.rating_comment,
    ratedAt: r.rated_at,
    assignedTo: r.assigned_to_id ? { id: r.assigned_to_id, name: r.assigned_to_name ?? '' } : null,
    assignedAt: r.assigned_at,
    outcome: r.outcome,
    doneBy: r.done_by_id ? { id: r.done_by_id, name: r.done_by_name ?? '' } : null,
    doneAt: r.done_at,
    createdAt: r.created_at,
    version: Number(r.version),
    assignees: assignees.get(r.building_id) ?? [],
  };
}

/** GET /api/rating-follow-ups: open ones first (the longest waiting first), then done ones, newest first. */
export async function listFollowUps(ctx: AppContext, actor: Principal, q: FollowUpsQueryDto) {
  const scope = scoped(followUpScope(actor));
  const rows = await repo.followUpsPage(ctx.db, { scope, status: q.status, buildingId: q.buildingId, limit: q.limit ?? 200 });
  const assignees = await repo.assigneesOf(ctx.db, [...new Set(rows.map((r) => r.building_id))]);
  return { items: rows.map((r) => present(r, assignees)) };
}

export async function getFollowUp(ctx: AppContext, actor: Principal, id: string): Promise<FollowUpDto> {
  const scope = scoped(followUpScope(actor));
  const row = await repo.followUpById(ctx.db, id, scope);
  if (!row) throw notFound();
  return present(row, await repo.assigneesOf(ctx.db, [row.building_id]));
}

/**
 * PATCH /api/rating-follow-ups/{id}: assign (a building manager of the building or a service
 * head), write the outcome, and with `done: true` close it (the outcome, given now or before, is
 * needed). A done follow-up is not changed again.
 */
export async function patchFollowUp(ctx: AppContext, actor: Principal, id: string, body: FollowUpPatchDto): Promise<FollowUpDto> {
  const scope = scoped(followUpScope(actor));
  const outcome = body.outcome?.trim();
  if (body.outcome !== undefined && !outcome) throw invalid([{ field: 'outcome', rule: 'required' }]);
  const now = ctx.now().toISOString();
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const row = await repo.followUpById(trx, id, scope);
      if (!row) throw notFound();
      if (Number(row.version) !== body.version) throw new StaleVersion();
      if (row.status === 'done') throw invalid([{ field: 'body', rule: 'followUpDone' }]);
      const set: Parameters<typeof repo.updateFollowUp>[3] = {};
      if (body.assignedToId !== undefined) {
        if (!(await repo.canFollowUp(trx, body.assignedToId, row.building_id)))
          throw invalid([{ field: 'assignedToId', rule: 'followUpAssignee' }]);
        set.assigned_to_id = body.assignedToId;
        set.assigned_at = now;
      }
      if (outcome) set.outcome = outcome;
      if (body.done === true) {
        if (!outcome && !row.outcome) throw invalid([{ field: 'outcome', rule: 'required' }]);
        set.status = 'done';
        set.done_by_id = actor.userId;
        set.done_at = now;
      }
      if (Object.keys(set).length === 0) throw invalid([{ field: 'body', rule: 'emptyChange' }]);
      if (!(await repo.updateFollowUp(trx, id, body.version, set))) throw new StaleVersion();
    },
    async () => {
      const row = await repo.followUpById(ctx.db, id, scope);
      return row ? present(row, await repo.assigneesOf(ctx.db, [row.building_id])) : undefined;
    },
  );
  return getFollowUp(ctx, actor, id);
}

/** GET /api/ratings/response-rate: per building, over the tickets whose rating link went in the period. */
export async function responseRate(ctx: AppContext, actor: Principal, q: ResponseRateQueryDto): Promise<ResponseRateDto> {
  const scope = scoped(ratingScope(actor));
  const [start, end] = periodBounds(q);
  const rows = await repo.responseRate(ctx.db, { scope, start, end });
  const total = { sent: 0, rated: 0, stars: 0, low: 0 };
  const buildings = rows.map((r) => {
    const sent = Number(r.sent);
    const rated = Number(r.rated);
    const stars = Number(r.stars ?? 0);
    const low = Number(r.low ?? 0);
    total.sent += sent;
    total.rated += rated;
    total.stars += stars;
    total.low += low;
    return {
      building: building(r),
      sent,
      rated,
      rate: sent ? rated / sent : null,
      average: rated ? stars / rated : null,
      low,
    };
  });
  return {
    from: q.from,
    to: q.to,
    buildings,
    total: {
      sent: total.sent,
      rated: total.rated,
      rate: total.sent ? total.rated / total.sent : null,
      average: total.rated ? total.stars / total.rated : null,
      low: total.low,
    },
  };
}
