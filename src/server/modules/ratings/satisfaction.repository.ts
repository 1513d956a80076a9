// SQL of the satisfaction loop (#11 item 4): the follow-up of a low rating, the comments stream,
// the response rate per building and the one reminder to rate. Which rows a caller reads is
// decided by satisfaction.scope.ts and handed here as predicates.
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import { newId } from '../../ids.ts';

/**
 * Opens the ticket's follow-up (one per ticket). A ticket rated low again after a later closure
 * gets its follow-up opened again, with a new version, its earlier outcome kept until replaced.
 */
export async function openFollowUp(db: Db, ticketId: string, now: string): Promise<void> {
  await db
    .insertInto('rating_follow_ups')
    .values({ id: newId(), ticket_id: ticketId, status: 'open', created_at: now, version: 1 })
    .onConflict((oc) =>
      oc.column('ticket_id').doUpdateSet((eb) => ({
        status: 'open',
        done_at: null,
        done_by_id: null,
        created_at: now,
        version: eb('rating_follow_ups.version', '+', 1),
      })),
    )
    .execute();
}

/** Every unused link of the ticket used at once, in the rating's transaction: a ticket rated by one link is not rated again by another. */
export async function useTicketTokens(db: Db, ticketId: string, now: string): Promise<void> {
  await db.updateTable('rating_tokens').set({ used_at: now }).where('ticket_id', '=', ticketId).where('used_at', 'is', null).execute();
}

// --- comments stream -----------------------------------------------------------------------------

export interface RatingFilter {
  scope: Expression<SqlBool> | null;
  buildingId?: string;
  contractId?: string;
  score?: number;
  withComment?: boolean;
  start?: string;
  end?: string;
  /** Keyset: rows strictly older than (rated_at, id). */
  before?: [string, string] | null;
  limit: number;
}

export function ratingsPage(db: Db, f: RatingFilter) {
  let q = db
    .selectFrom('tickets as t')
    .innerJoin('buildings as b', 'b.id', 't.building_id')
    .leftJoin('rating_follow_ups as fu', 'fu.ticket_id', 't.id')
    .select([
      't.id',
      't.number',
      't.subject',
      't.rating_stars',
      't.rating_work_done',
      't.rating_comment',
      't.rated_at',
      't.building_id',
      'b.code as building_code',
      'b.name as building_name',
      'fu.id as follow_up_id',
      'fu.status as follow_up_status',
    ])
    .where('t.rated_at', 'is not', null);
  if (f.scope) q = q.where(f.scope);
  if (f.buildingId) q = q.where('t.building_id', '=', f.buildingId);
  if (f.contractId) {
    const cid = f.contractId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('work_orders as w').select('w.id').whereRef('w.ticket_id', '=', 't.id').where('w.contract_id', '=', cid)),
    );
  }
  if (f.score !== undefined) q = q.where('t.rating_stars', '=', f.score);
  if (f.withComment) q = q.where('t.rating_comment', 'is not', null).where('t.rating_comment', '<>', '');
  if (f.start) q = q.where('t.rated_at', '>=', f.start);
  if (f.end) q = q.where('t.rated_at', '<', f.end);
  if (f.before) {
    const [at, id] = f.before;
    q = q.where((eb) => eb.or([eb('t.rated_at', '<', at), eb.and([eb('t.rated_at', '=', at), eb('t.id', '<', id)])]));
  }
  return q.orderBy('t.rated_at', 'desc').orderBy('t.id', 'desc').limit(f.limit).execute();
}
export type RatingRow = Awaited<ReturnType<typeof ratingsPage>>[number];

/** The contract lots of the tickets' work orders (what the stream shows of "whose work"). */
export async function lotsOf(db: Db, ticketIds: readonly string[]) {
  const out = new Map<string, string[]>();
  if (ticketIds.length === 0) return out;
  const rows = await db
    .selectFrom('work_orders as w')
    .innerJoin('contracts as k', 'k.id', 'w.contract_id')
    .innerJoin('contractors as c', 'c.id', 'w.contractor_id')
    .select(['w.ticket_id', 'k.lot', 'c.name'])
    .where('w.ticket_id', 'in', [...ticketIds])
    .where('w.status', '<>', 'cancelled')
    .orderBy('w.number')
    .execute();
  for (const r of rows) {
    const label = `${r.lot} — ${r.name}`;
    const list = out.get(r.ticket_id!) ?? [];
    if (!list.includes(label)) list.push(label);
    out.set(r.ticket_id!, list);
  }
  return out;
}

// --- follow-ups ----------------------------------------------------------------------------------

function followUpQuery(db: Db, scope: Expression<SqlBool> | null) {
  let q = db
    .selectFrom('rating_follow_ups as fu')
    .innerJoin('tickets as t', 't.id', 'fu.ticket_id')
    .innerJoin('buildings as b', 'b.id', 't.building_id')
    .leftJoin('users as a', 'a.id', 'fu.assigned_to_id')
    .leftJoin('users as d', 'd.id', 'fu.done_by_id')
    .select([
      'fu.id',
      'fu.ticket_id',
      'fu.status',
      'fu.assigned_to_id',
      'a.display_name as assigned_to_name',
      'fu.assigned_at',
      'fu.outcome',
      'fu.done_by_id',
      'd.display_name as done_by_name',
      'fu.done_at',
      'fu.created_at',
      'fu.version',
      't.number',
      't.subject',
      't.building_id',
      't.rating_stars',
      't.rating_work_done',
      't.rating_comment',
      't.rated_at',
      'b.code as building_code',
      'b.name as building_name',
    ]);
  if (scope) q = q.where(scope);
  return q;
}

export function followUpById(db: Db, id: string, scope: Expression<SqlBool> | null) {
  return followUpQuery(db, scope).where('fu.id', '=', id).executeTakeFirst();
}
export type FollowUpRow = NonNullable<Awaited<ReturnType<typeof followUpById>>>;

/** Open ones first (oldest first: the longest waiting), then done ones, newest first. */
export function followUpsPage(
  db: Db,
  f: { scope: Expression<SqlBool> | null; status?: 'open' | 'done'; buildingId?: string; limit: number },
) {
  let q = followUpQuery(db, f.scope);
  if (f.status) q = q.where('fu.status', '=', f.status);
  if (f.buildingId) q = q.where('t.building_id', '=', f.buildingId);
  return q
    .orderBy('fu.status', 'desc') // 'open' > 'done'
    .orderBy((eb) => eb.case().when('fu.status', '=', 'open').then(eb.ref('fu.created_at')).else(null).end())
    .orderBy('fu.done_at', 'desc')
    .orderBy('fu.id')
    .limit(f.limit)
    .execute();
}

export async function updateFollowUp(
  db: Db,
  id: string,
  version: number,
  set: { assigned_to_id?: string; assigned_at?: string; outcome?: string; status?: string; done_by_id?: string; done_at?: string },
): Promise<boolean> {
  const r = await db
    .updateTable('rating_follow_ups')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether the user may be given a follow-up of that building: active, and its building manager or a service head. */
export async function canFollowUp(db: Db, userId: string, buildingId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.active', '=', 1)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('building_managers as m')
            .select('m.user_id')
            .whereRef('m.user_id', '=', 'u.id')
            .where('m.building_id', '=', buildingId),
        ),
        eb.exists(
          eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', 'service_head'),
        ),
      ]),
    )
    .executeTakeFirst();
  return !!row;
}

// --- response rate -------------------------------------------------------------------------------

/**
 * Per building, over the tickets whose first rating link went in [start, end): links sent, ratings
 * given, the sum of stars (the average is computed by the caller).
 */
export function responseRate(db: Db, f: { scope: Expression<SqlBool> | null; start: string; end: string }) {
  let q = db
    .selectFrom('tickets as t')
    .innerJoin('buildings as b', 'b.id', 't.building_id')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('rating_tokens')
          .select(['ticket_id'])
          .select((e) => e.fn.min('created_at').as('first_sent'))
          .groupBy('ticket_id')
          .as('s'),
      (j) => j.onRef('s.ticket_id', '=', 't.id'),
    )
    .select(['b.id as building_id', 'b.code as building_code', 'b.name as building_name'])
    .select((eb) => [
      eb.fn.countAll<string | number>().as('sent'),
      eb.fn.count<string | number>('t.rating_stars').as('rated'),
      eb.fn.sum<string | number | null>('t.rating_stars').as('stars'),
      eb.fn.sum<string | number | null>(eb.case().when('t.rating_stars', '<=', 2).then(1).else(0).end()).as('low'),
    ])
    .where('s.first_sent', '>=', f.start)
    .where('s.first_sent', '<', f.end);
  if (f.scope) q = q.where(f.scope);
  return q.groupBy(['b.id', 'b.code', 'b.name']).orderBy('b.code').execute();
}

// --- the one reminder ----------------------------------------------------------------------------

/**
 * Links to remind: unused, never reminded, sent at least `sentBefore`, still valid after
 * `validAfter`, of a closed ticket not rated since it was closed and whose requester can be
 * written to. Keyset by (created_at, id).
 */
export function reminderCandidates(db: Db, f: { sentBefore: string; validAfter: string; after: [string, string] | null; limit: number }) {
  let q = db
    .selectFrom('rating_tokens as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .select(['r.id', 'r.ticket_id', 'r.created_at', 'r.expires_at'])
    .where('r.used_at', 'is', null)
    .where('r.reminded_at', 'is', null)
    .where('r.created_at', '<=', f.sentBefore)
    .where('r.expires_at', '>', f.validAfter)
    .where('t.status', '=', 'closed')
    .where((eb) => eb('r.created_at', '>=', eb.ref('t.closed_at'))) // the link of this closure
    .where((eb) => eb.or([eb('t.rated_at', 'is', null), eb('t.rated_at', '<', eb.ref('t.closed_at'))]))
    // One reminder per ticket: no link of it reminded already (the reminder's own link included).
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('rating_tokens as o')
            .select('o.id')
            .whereRef('o.ticket_id', '=', 'r.ticket_id')
            .where('o.reminded_at', 'is not', null),
        ),
      ),
    );
  if (f.after) {
    const [at, id] = f.after;
    q = q.where((eb) => eb.or([eb('r.created_at', '>', at), eb.and([eb('r.created_at', '=', at), eb('r.id', '>', id)])]));
  }
  return q.orderBy('r.created_at').orderBy('r.id').limit(f.limit).execute();
}

/** Claims the link for its reminder: only one caller (of several instances) gets true. */
export async function claimReminder(db: Db, tokenId: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('rating_tokens')
    .set({ reminded_at: now })
    .where('id', '=', tokenId)
    .where('reminded_at', 'is', null)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The reminder's own link: valid as long as the first one, marked reminded so it is never reminded again. */
export async function insertReminderToken(db: Db, t: { id: string; ticketId: string; hash: string; now: string; expiresAt: string }) {
  await db
    .insertInto('rating_tokens')
    .values({
      id: t.id,
      ticket_id: t.ticketId,
      token_hash: t.hash,
      created_at: t.now,
      expires_at: t.expiresAt,
      used_at: null,
      reminded_at: t.now,
    })
    .execute();
}

/** Who may be given a follow-up, per building: its active building managers, then the active service heads. */
export async function assigneesOf(db: Db, buildingIds: readonly string[]) {
  const out = new Map<string, Array<{ id: string; name: string }>>();
  if (buildingIds.length === 0) return out;
  const [managers, heads] = await Promise.all([
    db
      .selectFrom('building_managers as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.building_id', 'u.id', 'u.display_name'])
      .where('m.building_id', 'in', [...buildingIds])
      .where('u.active', '=', 1)
      .orderBy('u.display_name')
      .execute(),
    db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.id', 'u.display_name'])
      .where('r.role', '=', 'service_head')
      .where('u.active', '=', 1)
      .orderBy('u.display_name')
      .execute(),
  ]);
  for (const b of buildingIds) {
    const list = managers.filter((m) => m.building_id === b).map((m) => ({ id: m.id, name: m.display_name }));
    for (const h of heads) if (!list.some((p) => p.id === h.id)) list.push({ id: h.id, name: h.display_name });
    out.set(b, list);
  }
  return out;
}
