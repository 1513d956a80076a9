// Secret calendar feeds (iCalendar) of planned maintenance: a contract's or a building's published
// program items, for Outlook, Google or Apple calendars that cannot log in. The URL is the
// credential: 32 random bytes (base64url) shown once, stored as sha256 (like the rating links);
// revoked, unknown and forged URLs all get the same 404. A feed follows its creator: when they are
// deactivated it stops, and a building manager's contract feed shows only their buildings.
import { randomBytes } from 'node:crypto';
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { CalendarFeedInput } from '../../../shared/schemas/programs.ts';
import { sha256 } from '../../auth/password.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import { clientKey } from '../../client-key.ts';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { hitRateLimit } from '../auth/auth.repository.ts';
import * as repo from './calendar-feeds.repository.ts';

const ZONE = 'Europe/Rome';

/** Europe/Rome since 1996 (EU rules): what clients need to read TZID=Europe/Rome times. */
const ROME_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Rome',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const feedUrl = (ctx: AppContext, token: string) => `${ctx.config.publicUrl.replace(/\/+$/, '')}/api/calendar/${token}.ics`;

function present(f: {
  id: string;
  name: string;
  contract_id: string | null;
  building_id: string | null;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}) {
  return {
    id: f.id,
    name: f.name,
    contractId: f.contract_id,
    buildingId: f.building_id,
    prefix: f.prefix,
    createdAt: f.created_at,
    revokedAt: f.revoked_at,
  };
}

/**
 * POST /api/calendar-feeds: a contract's feed (its contractor, building managers of its buildings,
 * service head, admin) or a building's (its building managers, call center, service head, admin).
 */
export async function createFeed(ctx: AppContext, actor: Principal, input: CalendarFeedInput) {
  if ((input.contractId ? 1 : 0) + (input.buildingId ? 1 : 0) !== 1)
    throw invalid([{ field: input.contractId ? 'buildingId' : 'contractId', rule: 'feedTarget' }]);
  const chief = hasRole(actor, 'admin', 'service_head');
  if (input.contractId) {
    const c = await repo.contractOf(ctx.db, input.contractId);
    if (!c) throw notFound();
    const own = actor.roles.has('contractor') && actor.contractorId === c.contractor_id;
    const bm =
      actor.roles.has('building_manager') &&
      (await repo.contractCoversAny(ctx.db, c.id, await repo.managedBuildingIds(ctx.db, actor.userId)));
    if (!chief && !own && !bm) throw notFound();
  } else {
    const b = await repo.buildingOf(ctx.db, input.buildingId!);
    if (!b) throw notFound();
    const bm = actor.roles.has('building_manager') && (await repo.managedBuildingIds(ctx.db, actor.userId)).includes(b.id);
    if (!chief && !bm && !actor.roles.has('call_center')) {
      if (actor.roles.has('building_manager') || actor.roles.has('contractor')) throw notFound();
      throw forbidden();
    }
  }
  const token = randomBytes(32).toString('base64url');
  const row = {
    id: newId(),
    contract_id: input.contractId ?? null,
    building_id: input.buildingId ?? null,
    name: input.name.trim(),
    token_hash: sha256(token),
    prefix: token.slice(0, 6),
    created_by_id: actor.userId,
    created_at: ctx.now().toISOString(),
    revoked_at: null,
  };
  await repo.insertFeed(ctx.db, row);
  return { ...present(row), url: feedUrl(ctx, token) };
}

/** GET /api/calendar-feeds: the caller's feeds (admin: everyone's), without their secrets. */
export async function listFeeds(ctx: AppContext, actor: Principal) {
  const rows = await repo.listFeeds(ctx.db, hasRole(actor, 'admin') ? null : actor.userId);
  return { items: rows.map(present), nextCursor: null };
}

/** DELETE /api/calendar-feeds/{id}: revokes (its creator or an admin); the URL then reads 404. */
export async function revokeFeed(ctx: AppContext, actor: Principal, id: string): Promise<void> {
  const f = await repo.getFeed(ctx.db, id);
  if (!f || (f.created_by_id !== actor.userId && !hasRole(actor, 'admin'))) throw notFound();
  await repo.revokeFeed(ctx.db, id, ctx.now().toISOString());
}

async function limit(ctx: AppContext, clientAddress: string) {
  const now = ctx.now();
  const windowMs = ctx.config.ratingRateWindowSeconds * 1000;
  const hit = await hitRateLimit(
    ctx.db,
    `calendar:${clientKey(clientAddress)}`,
    now.toISOString(),
    new Date(now.getTime() - windowMs).toISOString(),
  );
  if (hit.count > ctx.config.ratingRateLimit) {
    const retry = Math.max(1, Math.ceil((Date.parse(hit.windowStart) + windowMs - now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', { seconds: retry }, [], { retryAfterSeconds: retry });
  }
}

/**
 * GET /api/calendar/{token}.ics (public): one VEVENT per item of the PUBLISHED programs from last
 * month to 12 months ahead. UID `<item id>@presidio` (stable); SUMMARY activity — building; the
 * work order's scheduled time once scheduled, else the item's window on its day in Europe/Rome,
 * else an all-day event; STATUS CANCELLED for a cancelled work order; LAST-MODIFIED.
 */
export async function feedIcs(ctx: AppContext, rawToken: string, clientAddress: string): Promise<string> {
  await limit(ctx, clientAddress);
  const token = rawToken.replace(/\.ics$/i, '');
  const f = await repo.liveFeedByHash(ctx.db, sha256(token));
  if (!f || !f.created_by_id || Number(f.creator_active) !== 1) throw notFound();
  let onlyBuildings: string[] | null = null;
  if (f.contract_id) {
    const roles = await repo.rolesOf(ctx.db, f.created_by_id);
    const c = await repo.contractOf(ctx.db, f.contract_id);
    const full =
      roles.includes('admin') ||
      roles.includes('service_head') ||
      (roles.includes('contractor') && c?.contractor_id === f.creator_contractor_id);
    if (!full) onlyBuildings = await repo.managedBuildingIds(ctx.db, f.created_by_id);
  }
  const now = DateTime.fromJSDate(ctx.now()).setZone(ZONE);
  const items = await repo.feedItems(ctx.db, {
    contractId: f.contract_id,
    buildingId: f.building_id,
    onlyBuildings,
    fromMonth: now.minus({ months: 1 }).toFormat('yyyy-MM'),
    toMonth: now.plus({ months: 12 }).toFormat('yyyy-MM'),
  });
  const cal = ical({
    name: f.name,
    prodId: { company: 'Presidio', product: 'planned-maintenance', language: 'IT' },
    timezone: { name: ZONE, generator: () => ROME_VTIMEZONE },
  });
  for (const i of items) {
    const summary = `${i.activity} — ${i.building_code} ${i.building_name}`;
    const description = [i.work_order_number ? `ODL ${i.work_order_number}` : null, i.asset_name, i.wo_technician ?? i.technician]
      .filter(Boolean)
      .join('\n');
    const modified = [i.updated_at, i.wo_updated_at]
      .filter((x): x is string => !!x)
      .sort()
      .pop()!;
    const common = {
      id: `${i.id}@presidio`,
      summary,
      description: description || null,
      lastModified: DateTime.fromISO(modified),
      stamp: DateTime.fromJSDate(ctx.now()),
      status: i.work_order_status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    };
    const windowMinutes =
      i.window_from && i.window_to
        ? DateTime.fromISO(`${i.planned_on}T${i.window_to}`, { zone: ZONE }).diff(
            DateTime.fromISO(`${i.planned_on}T${i.window_from}`, { zone: ZONE }),
            'minutes',
          ).minutes
        : null;
    if (i.scheduled_at) {
      const start = DateTime.fromISO(i.scheduled_at, { zone: 'utc' }).setZone(ZONE);
      cal.createEvent({ ...common, start, end: start.plus({ minutes: windowMinutes ?? i.estimated_minutes ?? 60 }), timezone: ZONE });
    } else if (i.window_from && i.window_to) {
      cal.createEvent({
        ...common,
        timezone: ZONE,
        start: DateTime.fromISO(`${i.planned_on}T${i.window_from}`, { zone: ZONE }),
        end: DateTime.fromISO(`${i.planned_on}T${i.window_to}`, { zone: ZONE }),
      });
    } else {
      cal.createEvent({ ...common, start: DateTime.fromISO(i.planned_on, { zone: ZONE }), allDay: true });
    }
  }
  return cal.toString();
}
