// Work lists of tickets and work orders: the query → filters, work list, sort and cursor; scope
// from the caller's roles; one keyset page presented with what a list row shows.
//
//   403 when no role of the caller may list the collection (a requester asking for work orders)
//   400 on a cursor that is not one of ours or belongs to another sort, or from > to
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import { engineOf } from '../../db/create-db.ts';
import { forbidden, invalid } from '../../errors.ts';
import type { Lang } from '../../i18n/messages.ts';
import { slaRowOf, type SlaRowFilter } from '../sla/overdue.ts';
import { heldBadge } from '../mail-in/mail-in.service.ts';
import { STAFF_ROLES } from '../tickets/actor.ts';
import * as repo from './worklists.repository.ts';
import type { Direction, Filters, ListSpec, Resource, Row, Search, Sort, SortKey } from './worklists.repository.ts';
import {
  badgeLists,
  COUNT_CAP,
  managedBuildings,
  ticketScope,
  viewParts,
  workOrderScope,
  type RowScope,
  type ScopeOptions,
  type View,
  type ViewClock,
} from './worklists.views.ts';

export const ZONE = 'Europe/Rome';
export const DEFAULT_LIMIT = 50;
const DESCRIPTION_IN_LIST = 300;

/** What both list endpoints accept (after schema validation). */
export interface ListInput {
  view?: View;
  status?: string[];
  buildingId?: string;
  technologyClassId?: string;
  priority?: string[];
  contractorId?: string;
  ticketId?: string;
  kind?: string;
  from?: string;
  to?: string;
  q?: string;
  sla?: SlaRowFilter[];
  sort?: SortKey;
  order?: Direction;
  cursor?: string;
  limit?: number;
  count?: boolean;
}

export function viewClock(now: Date): ViewClock {
  return { now: now.toISOString(), today: DateTime.fromJSDate(now, { zone: ZONE }).toISODate()! };
}

/** A calendar day in Europe/Rome → the UTC instant it starts at, in the stored format. */
export function dayStart(day: string): string {
  return DateTime.fromISO(day, { zone: ZONE }).startOf('day').toUTC().toISO()!;
}

/**
 * What the search box holds: a ticket number (2026-000123, 2026-123, ODL 2026-000123/1), a bare
 * sequence number (123: that number in any of the last ten years, and the word), or words.
 */
export function parseSearch(q: string | undefined, now: Date): Search | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const m = /^(?:odl\s*)?(\d{4})-(\d{1,6})(?:\/(\d{1,3}))?$/i.exec(text);
  if (m) {
    const ticket = `${m[1]}-${m[2].padStart(6, '0')}`;
    const wos = m[3] ? [`${ticket}/${Number(m[3])}`, `ODL ${ticket}/${Number(m[3])}`] : [];
    return { kind: 'number', ticketNumbers: [ticket], workOrderNumbers: wos, words: [] };
  }
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (words.length === 1 && /^\d{1,6}$/.test(words[0])) {
    const year = now.getUTCFullYear();
    const numbers = Array.from({ length: 10 }, (_, i) => `${year - i}-${words[0].padStart(6, '0')}`);
    return { kind: 'number', ticketNumbers: numbers, workOrderNumbers: [], words };
  }
  return words.length ? { kind: 'words', words } : undefined;
}

function filtersOf(input: ListInput, now: Date): Filters {
  if (input.from && input.to && input.from > input.to) throw invalid([{ field: 'to', rule: 'dateOrder' }]);
  return {
    status: input.status,
    buildingId: input.buildingId,
    technologyClassId: input.technologyClassId,
    priority: input.priority,
    contractorId: input.contractorId,
    ticketId: input.ticketId,
    kind: input.kind,
    fromInstant: input.from ? dayStart(input.from) : undefined,
    toInstant: input.to ? dayStart(DateTime.fromISO(input.to).plus({ days: 1 }).toISODate()!) : undefined,
    search: parseSearch(input.q, now),
    sla: input.sla?.length ? { states: input.sla, now: now.toISOString() } : undefined,
  };
}

function sortOf(resource: Resource, input: ListInput): Sort {
  const key: SortKey = input.sort ?? (resource === 'tickets' ? 'created' : 'issued');
  // Priority and SLA due: the most pressing first by default.
  return { key, dir: input.order ?? (key === 'priority' || key === 'due' ? 'asc' : 'desc') };
}

/** Plan thresholds (tests lower them to exercise both plans on a small fixture). */
export const tuning = {
  /** Past this many rows in a building manager's buildings, walking the sort index pays on SQLite. */
  buildingShareRows: 5_000,
  /** Up to this many rows matching the search words, the list fetches them by id. */
  fewMatches: 1_000,
  /** PostgreSQL: when its own estimate of the matches reaches this, they are many (no collecting). */
  plentyEstimate: 20_000,
  /** Words: the page is first looked for in this many of the list's first rows (0: not at all). */
  probeRows: { sqlite: 0, postgres: 2_000 } as Record<'sqlite' | 'postgres', number>,
};

/**
 * SQLite plans `building_id in (…)` with the building index and then sorts every row of those
 * buildings: fine for a few thousand, slow for a manager of a fifth of a million tickets, who is
 * better served walking the sort index and testing the building (a page needs ~50/share rows).
 * A capped count on the building index (≤ tuning.buildingShareRows index entries) tells which.
 * PostgreSQL weighs the two plans itself.
 */
async function buildingIndexPays(ctx: AppContext, p: Principal, resource: Resource, input: ListInput): Promise<boolean> {
  if (engineOf(ctx.db) !== 'sqlite' || !hasRole(p, 'building_manager')) return true;
  // A work list or a state narrows the rows by itself: the (building, state) indexes serve it best.
  if (input.view || input.status?.length || input.buildingId) return true;
  const scope = resource === 'tickets' ? ticketScope(p) : workOrderScope(p);
  if (scope.kind !== 'rows') return true;
  const key = `${p.userId} ${resource} ${tuning.buildingShareRows}`;
  const known = planChoices.get(key);
  if (known && known.until > Date.now()) return known.pays;
  const n = await repo.countInBuildings(ctx.db, resource, managedBuildings(p), tuning.buildingShareRows);
  if (planChoices.size >= 10_000) planChoices.clear();
  planChoices.set(key, { pays: n < tuning.buildingShareRows, until: Date.now() + PLAN_CHOICE_MS });
  return n < tuning.buildingShareRows;
}
/**
 * The choice above, kept a minute per manager and list: the count reads up to buildingShareRows
 * index entries (0.5 ms of a page's 3), and a manager's share of the rows moves slowly. Either plan
 * gives the same rows; only its speed rests on the choice.
 */
const planChoices = new Map<string, { pays: boolean; until: number }>();
const PLAN_CHOICE_MS = 60_000;

/**
 * The list the caller asked for, in their scope. With `probe` (a page of the list), whether the
 * words match few rows is left to `page`, which asks only when the list's first rows fall short.
 */
export async function listSpec(
  ctx: AppContext,
  p: Principal,
  resource: Resource,
  input: ListInput,
  options: { probe?: boolean } = {},
): Promise<ListSpec> {
  const now = ctx.now();
  const filters = filtersOf(input, now);
  const search = filters.search;
  if (search?.words.length) {
    // Staff read who called on a ticket, so their words also find the caller (name, e-mail, phone)
    // and the requester; a requester alone does not see those fields, so they do not match for them.
    if (resource === 'tickets' && hasRole(p, ...STAFF_ROLES)) search.callers = true;
  }
  const o: ScopeOptions = { buildingIndex: await buildingIndexPays(ctx, p, resource, input) };
  const wo = workOrderScope(p, o);
  const scope = resource === 'tickets' ? ticketScope(p, o) : wo;
  if (scope.kind === 'forbidden') throw forbidden();
  const spec: ListSpec = {
    resource,
    scope,
    workOrderScope: wo,
    view: input.view ? viewParts(input.view, p, viewClock(now), o) : null,
    filters,
    sort: sortOf(resource, input),
  };
  if (!options.probe) await decideMatches(ctx, spec);
  return spec;
}

/** Few matches (a rare word, an asset tag): listed by id. Many: the list walks its order testing each row. */
async function decideMatches(ctx: AppContext, spec: ListSpec): Promise<void> {
  const search = spec.filters.search;
  if (!search?.words.length || search.matchIds) return;
  const ids = await repo.wordMatches(ctx.db, spec.resource, search.words, tuning.fewMatches, tuning.plentyEstimate, search.callers);
  if (ids && ids.length <= tuning.fewMatches) search.matchIds = ids;
}

// --- cursors --------------------------------------------------------------------------------
// Opaque to clients: base64url JSON of the sort it belongs to and the last row's sort values + id.

const sortTag = (s: Sort) => `${s.key}.${s.dir}`;

export function cursorValues(spec: ListSpec, row: Row): Array<string | number> {
  const keys = repo.sortKeys(spec.resource, spec.sort.key);
  return [...keys.map((k) => (k.numeric ? Number(row[k.column]) : String(row[k.column]))), String(row.id)];
}

export function encodeCursor(spec: ListSpec, row: Row): string {
  return Buffer.from(JSON.stringify({ s: sortTag(spec.sort), v: cursorValues(spec, row) })).toString('base64url');
}

export function decodeCursor(raw: string | undefined, spec: ListSpec): Array<string | number> | null {
  if (!raw) return null;
  const keys = repo.sortKeys(spec.resource, spec.sort.key);
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { s?: unknown; v?: unknown };
    const v = c.v;
    if (
      c.s === sortTag(spec.sort) &&
      Array.isArray(v) &&
      v.length === keys.length + 1 &&
      keys.every((k, i) => (k.numeric ? Number.isInteger(v[i]) : typeof v[i] === 'string')) &&
      typeof v[keys.length] === 'string'
    ) {
      return v as Array<string | number>;
    }
  } catch {
    // fall through
  }
  throw invalid([{ field: 'cursor', rule: 'pattern' }]);
}

// --- presenting -----------------------------------------------------------------------------

const className = (lang: Lang, r: Row) => (lang === 'en' ? r.class_name_en : r.class_name_it) as string;
const ref = (id: string, code: string, name: string) => ({ id, code, name });
const bool = (v: unknown) => v === true || v === 1 || v === '1';

export async function presentTickets(ctx: AppContext, p: Principal, rows: Row[], woScope: RowScope) {
  const ids = rows.map((r) => r.id as string);
  // Requesters see the work orders of their own tickets (a plain status line); contractors only theirs.
  const wos = await repo.workOrdersOfTickets(ctx.db, ids, woScope);
  const staff = [...p.roles].some((r) => r !== 'requester');
  const now = ctx.now().toISOString();
  const byTicket = new Map<string, Row[]>();
  for (const w of wos) {
    const list = byTicket.get(w.ticket_id) ?? [];
    list.push(w);
    byTicket.set(w.ticket_id, list);
  }
  // The rows come with their building, room and requester (repo.pageRows).
  return rows.map((r) => ({
    id: r.id as string,
    number: r.number as string,
    kind: (r.kind as string | undefined) ?? 'fault',
    status: r.status as string,
    priority: (r.priority as string | null) ?? null,
    danger: bool(r.danger),
    channel: r.channel as string,
    subject: r.subject as string,
    building: ref(r.building_id, r.building_code, r.building_name),
    space: r.space_id ? ref(r.space_id, r.space_code, r.space_name) : null,
    requesterName: (r.requester_name ?? r.caller_name ?? null) as string | null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    closedAt: (r.closed_at ?? null) as string | null,
    reopenCount: Number(r.reopen_count),
    reminderCount: Number(r.reminder_count),
    sla: slaRowOf(r, now),
    workOrders: (byTicket.get(r.id) ?? []).map((w) => ({
      id: w.id as string,
      number: w.number as string,
      status: w.status as string,
      priority: w.priority as string,
      technologyClass: ref(w.technology_class_id, w.class_code, className(p.language, w)),
      // Requesters are not told which company does the work (as on the ticket page).
      ...(staff ? { contractor: { id: w.contractor_id as string, name: w.contractor_name as string } } : {}),
      scheduledAt: (w.scheduled_at ?? null) as string | null,
      expectedOn: (w.expected_on ?? null) as string | null,
      sla: slaRowOf(w, now),
    })),
  }));
}
export type TicketItem = Awaited<ReturnType<typeof presentTickets>>[number];

export async function presentWorkOrders(ctx: AppContext, p: Principal, rows: Row[], fullDescription = false) {
  const display = await repo.workOrderDisplay(
    ctx.db,
    rows.map((r) => r.id as string),
  );
  const now = ctx.now().toISOString();
  return rows.map((r) => {
    const d = display.get(r.id)!;
    const description = r.description as string;
    return {
      id: r.id as string,
      number: r.number as string,
      kind: r.kind as string,
      status: r.status as string,
      outcome: (r.outcome ?? null) as string | null,
      priority: r.priority as string,
      description:
        fullDescription || description.length <= DESCRIPTION_IN_LIST ? description : `${description.slice(0, DESCRIPTION_IN_LIST - 1)}…`,
      location: (r.location ?? null) as string | null,
      ticket: r.ticket_id ? { id: r.ticket_id as string, number: d.ticket_number as string, subject: d.ticket_subject as string } : null,
      building: ref(r.building_id, d.building_code, d.building_name),
      space: d.space_id ? ref(d.space_id, d.space_code, d.space_name) : null,
      technologyClass: ref(r.technology_class_id, d.class_code, className(p.language, d)),
      contractor: { id: r.contractor_id as string, name: d.contractor_name as string },
      contract: { id: r.contract_id as string, lot: d.contract_lot as string, cig: d.contract_cig as string },
      assignee: r.technician_id ? { id: r.technician_id as string, label: (d.technician_name as string | null) ?? '' } : null,
      issuedAt: r.issued_at as string,
      acknowledgedAt: (r.acknowledged_at ?? null) as string | null,
      inspectionAt: (r.inspection_at ?? null) as string | null,
      scheduledAt: (r.scheduled_at ?? null) as string | null,
      expectedOn: (r.expected_on ?? null) as string | null,
      completedAt: (r.completed_at ?? null) as string | null,
      closedAt: (r.closed_at ?? null) as string | null,
      sla: slaRowOf(r, now),
    };
  });
}
export type WorkOrderItem = Awaited<ReturnType<typeof presentWorkOrders>>[number];

// --- lists ----------------------------------------------------------------------------------

async function page(ctx: AppContext, spec: ListSpec, input: ListInput) {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(input.cursor, spec);
  // Words: first the page from the list's first rows (cheap when the words are common in the
  // list); only when that falls short, the full-text index says how many match (repo.pageRows).
  const probe = tuning.probeRows[engineOf(ctx.db)];
  let rows = spec.filters.search?.words.length && probe > 0 ? await repo.pageRows(ctx.db, spec, after, limit, false, probe) : [];
  if (rows.length <= limit) {
    await decideMatches(ctx, spec);
    rows = await repo.pageRows(ctx.db, spec, after, limit);
  }
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(spec, items[items.length - 1]) : null;
  const count = input.count ? await repo.countRows(ctx.db, spec, COUNT_CAP) : null;
  return { rows: items, nextCursor, count };
}

const countFields = (n: number | null) => (n === null ? {} : { count: Math.min(n, COUNT_CAP), countCapped: n > COUNT_CAP });

export async function listTickets(ctx: AppContext, p: Principal, input: ListInput) {
  const spec = await listSpec(ctx, p, 'tickets', input, { probe: true });
  const { rows, nextCursor, count } = await page(ctx, spec, input);
  const items = await presentTickets(ctx, p, rows, spec.workOrderScope);
  return { items, nextCursor, ...countFields(count) };
}

export async function listWorkOrders(ctx: AppContext, p: Principal, input: ListInput) {
  const spec = await listSpec(ctx, p, 'workOrders', input, { probe: true });
  const { rows, nextCursor, count } = await page(ctx, spec, input);
  const items = await presentWorkOrders(ctx, p, rows);
  return { items, nextCursor, ...countFields(count) };
}

/** Every row of a list in its order, `batch` at a time, with all its columns (exports). */
export async function* allRows(ctx: AppContext, spec: ListSpec, batch = 1000): AsyncGenerator<Row[]> {
  let after: Array<string | number> | null = null;
  for (;;) {
    const rows = await repo.pageRows(ctx.db, spec, after, batch, true);
    const chunk = rows.slice(0, batch);
    if (chunk.length) yield chunk;
    if (rows.length <= batch) return;
    after = cursorValues(spec, chunk[chunk.length - 1]);
  }
}

/** The navigation badges: how many rows each of the caller's work lists holds (capped). */
export async function counts(ctx: AppContext, p: Principal) {
  const clock = viewClock(ctx.now());
  const lists = badgeLists(p);
  const items = await Promise.all(
    lists.map(async ({ resource, view }) => {
      const res: Resource = resource === 'tickets' ? 'tickets' : 'workOrders';
      const wo = workOrderScope(p);
      const scope = res === 'tickets' ? ticketScope(p) : wo;
      const spec: ListSpec = {
        resource: res,
        scope,
        workOrderScope: wo,
        view: viewParts(view, p, clock),
        filters: {},
        sort: sortOf(res, {}),
      };
      const n = scope.kind === 'forbidden' ? 0 : await repo.countRows(ctx.db, spec, COUNT_CAP);
      return { resource, view, count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
    }),
  );
  // Beside the work lists, the inbox of e-mails held from unknown senders (#9: the call center's badge).
  return { items: [...items, ...(await heldBadge(ctx, p, COUNT_CAP))] };
}
