// The building blocks of the demo activity (demo-activity.ts): the clock of the stories in
// working days around "now" (Europe/Rome), the registry references by code, the demo users as
// Principals, and Story, whose steps call the workflow services exactly as a user's request would.
import { DateTime } from 'luxon';
import { nationalHolidays } from '../../../domain/calendar.ts';
import type { CommentInput, TicketOpenInput } from '../../../shared/schemas/workflow.ts';
import type { Principal, Role } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { DEMO_PRICE_LIST_CODE } from '../../modules/price-lists/index.ts';
import { submitRating } from '../../modules/ratings/ratings.service.ts';
import { ticketRoles, workOrderRoles } from '../../modules/tickets/access.ts';
import * as ticketRepo from '../../modules/tickets/tickets.repository.ts';
import { addComment, applyTicketAction, openTicket } from '../../modules/tickets/tickets.service.ts';
import * as workOrderRepo from '../../modules/work-orders/work-orders.repository.ts';
import { addWorkOrderComment, applyWorkOrderAction } from '../../modules/work-orders/work-orders.service.ts';
import type { Db } from '../create-db.ts';

/** The demo users who act in the stories (demo.ts USERS). */
export const DEMO_ACTORS = [
  'richiedente',
  'requester.en',
  'callcenter',
  'bm.centrale',
  'bm.deib',
  'bm.dmec',
  'bm.como',
  'capo.servizio',
  'ditta.edile',
  'ditta.elettrica',
  'ditta.termica',
  'ditta.antincendio',
  'ditta.ascensori',
] as const;
export type Who = (typeof DEMO_ACTORS)[number];

// --- time ----------------------------------------------------------------------------------------

const ZONE = 'Europe/Rome';
/** Local holidays of the demo campuses: Sant'Ambrogio (Milano), Sant'Abbondio (Como). */
const PATRON_SAINTS = ['12-07', '08-31'];

/** Instants of the stories, in working days before / after the Rome date of `now`. */
export interface DemoClock {
  /** The instant at HH:mm (Rome) of the n-th working day before today (n ≥ 1): always before now. */
  ago(n: number, hm: string): number;
  /** The instant at HH:mm (Rome) of the n-th working day after today (n ≥ 1), ISO: planned dates. */
  ahead(n: number, hm: string): string;
  /** The same instant as ago(), ISO: dates in the past given as fields (inspection, planned work). */
  agoIso(n: number, hm: string): string;
  /** The Rome date of the n-th working day after today, YYYY-MM-DD: expected dates. */
  aheadDate(n: number): string;
}

export function demoClock(now: Date): DemoClock {
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  const working = (d: DateTime) =>
    d.weekday <= 5 && !nationalHolidays(d.year).has(d.toISODate()!) && !PATRON_SAINTS.includes(d.toFormat('MM-dd'));
  const days = new Map<number, DateTime>();
  const shift = (n: number): DateTime => {
    let d = days.get(n);
    if (d) return d;
    d = today;
    for (let left = Math.abs(n); left > 0;) {
      d = d.plus({ days: Math.sign(n) });
      if (working(d)) left--;
    }
    days.set(n, d);
    return d;
  };
  const at = (d: DateTime, hm: string) => {
    const [hour, minute] = hm.split(':').map(Number);
    return d.set({ hour, minute, second: 0, millisecond: 0 });
  };
  return {
    ago: (n, hm) => {
      if (n < 1) throw new RangeError('demo activity: steps happen on past working days (n ≥ 1)');
      return at(shift(-n), hm).toMillis();
    },
    ahead: (n, hm) => {
      if (n < 1) throw new RangeError('demo activity: planned dates are on coming working days (n ≥ 1)');
      return at(shift(n), hm).toUTC().toISO()!;
    },
    agoIso: (n, hm) => at(shift(-n), hm).toUTC().toISO()!,
    aheadDate: (n) => shift(n).toISODate()!,
  };
}

// --- registry references -------------------------------------------------------------------------

/** Ids of the registry demo rows by their codes; an unknown code is a bug in the stories. */
export interface DemoRefs {
  building(code: string): string;
  space(building: string, space: string): string;
  cls(code: string): string;
  asset(code: string): string;
  user(username: string): string;
  /** An item of the demo price list (LAZIO-2023-G) by its code, e.g. 'G.1.04.4.b'. */
  item(code: string): string;
}

export async function loadRefs(db: Db): Promise<DemoRefs> {
  const [buildings, spaces, classes, assets, users, items] = await Promise.all([
    db.selectFrom('buildings').select(['id', 'code']).execute(),
    db
      .selectFrom('spaces as s')
      .innerJoin('buildings as b', 'b.id', 's.building_id')
      .select(['s.id', 's.code', 'b.code as building'])
      .execute(),
    db.selectFrom('technology_classes').select(['id', 'code']).execute(),
    db.selectFrom('assets').select(['id', 'code']).execute(),
    db.selectFrom('users').select(['id', 'username as code']).execute(),
    db
      .selectFrom('price_list_items as i')
      .innerJoin('price_lists as p', 'p.id', 'i.price_list_id')
      .select(['i.id', 'i.code'])
      .where('p.code', '=', DEMO_PRICE_LIST_CODE)
      .execute(),
  ]);
  const index = (what: string, rows: Array<{ id: string; code: string }>) => {
    const m = new Map(rows.map((r) => [r.code, r.id]));
    return (code: string) => {
      const id = m.get(code);
      if (!id) throw new Error(`demo activity: unknown ${what} ${code}`);
      return id;
    };
  };
  const space = index(
    'space',
    spaces.map((s) => ({ id: s.id, code: `${s.building}/${s.code}` })),
  );
  return {
    building: index('building', buildings),
    space: (b, s) => space(`${b}/${s}`),
    cls: index('technology class', classes),
    asset: index('asset', assets),
    user: index('user', users),
    item: index('price-list item', items),
  };
}

/** The demo users as the Principals a login would give them (auth.repository's principalFor). */
export async function loadActors(db: Db): Promise<Map<Who, Principal>> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'language', 'contractor_id', 'department_id'])
    .where('username', 'in', [...DEMO_ACTORS])
    .where('active', '=', 1)
    .execute();
  const roles = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where(
      'user_id',
      'in',
      users.map((u) => u.id),
    )
    .execute();
  const out = new Map<Who, Principal>();
  for (const u of users) {
    out.set(u.username as Who, {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      language: u.language === 'en' ? 'en' : 'it',
      roles: new Set(roles.filter((r) => r.user_id === u.id).map((r) => r.role as Role)),
      contractorId: u.contractor_id,
      departmentId: u.department_id,
      via: 'session',
    });
  }
  for (const w of DEMO_ACTORS) if (!out.has(w)) throw new Error(`demo activity: demo user ${w} missing`);
  return out;
}

// --- stories -------------------------------------------------------------------------------------

type Fields = Record<string, unknown>;
type Lazy<T> = T | (() => T);
const resolve = <T>(v: Lazy<T>): T => (typeof v === 'function' ? (v as () => T)() : v);

export interface Step {
  at: number;
  what: string;
  run: (ctx: AppContext, actors: Map<Who, Principal>) => Promise<void>;
}

/**
 * One ticket's story: its steps in time order, each through the service a user's request would
 * reach. Work-order steps address the ticket's work orders by position (default: the last issued).
 */
export class Story {
  readonly steps: Step[] = [];
  ticketId = '';
  number = '';
  readonly workOrderIds: string[] = [];

  constructor(readonly key: string) {}

  private add(at: number, what: string, run: Step['run']): this {
    const last = this.steps[this.steps.length - 1];
    if (last && at <= last.at) throw new Error(`demo activity: story ${this.key}: "${what}" is not after "${last.what}"`);
    this.steps.push({ at, what, run });
    return this;
  }

  private workOrder(which: number): string {
    const id = this.workOrderIds[which < 0 ? this.workOrderIds.length + which : which];
    if (!id) throw new Error(`demo activity: story ${this.key}: no work order ${which}`);
    return id;
  }

  open(at: number, who: Who, input: TicketOpenInput): this {
    return this.add(at, 'open', async (ctx, actors) => {
      const r = await openTicket(ctx, actors.get(who)!, input);
      this.ticketId = r.id;
      this.number = r.number;
    });
  }

  /** A ticket action (qualify, issue, request_inspection, dismiss, close, reopen, remind, complain). */
  ticket(at: number, who: Who, action: string, fields: Lazy<Fields> = {}): this {
    return this.add(at, `ticket ${action}`, async (ctx, actors) => {
      const actor = actors.get(who)!;
      await ctx.db.transaction().execute(async (trx) => {
        const t = await ticketRepo.getTicket(trx, this.ticketId);
        if (!t) throw new Error('ticket not found');
        const roles = await ticketRoles(trx, actor, t);
        const r = await applyTicketAction(trx, ctx, actor, t, roles, action, resolve(fields));
        if (r.workOrder) this.workOrderIds.push(r.workOrder.id);
      });
    });
  }

  /** A work-order action, as POST /api/work-orders/{id}/actions/{action} applies it. */
  wo(at: number, who: Who, action: string, fields: Lazy<Fields> = {}, which = -1): this {
    return this.add(at, `work order ${action}`, async (ctx, actors) => {
      const actor = actors.get(who)!;
      const id = this.workOrder(which);
      await ctx.db.transaction().execute(async (trx) => {
        const w = await workOrderRepo.getWorkOrder(trx, id);
        if (!w) throw new Error('work order not found');
        const roles = await workOrderRoles(trx, actor, w);
        await applyWorkOrderAction(trx, ctx, actor, w, roles, action, resolve(fields));
      });
    });
  }

  /** A comment on the ticket (internal: staff only), or on its last work order (a contractor's). */
  comment(at: number, who: Who, body: string, opts: { internal?: boolean; onWorkOrder?: boolean } = {}): this {
    return this.add(at, 'comment', async (ctx, actors) => {
      const input: CommentInput = { body, visibility: opts.internal ? 'internal' : 'public' };
      if (opts.onWorkOrder) await addWorkOrderComment(ctx, actors.get(who)!, this.workOrder(-1), input);
      else await addComment(ctx, actors.get(who)!, this.ticketId, input);
    });
  }

  /** The requester rates through the link of the last closing notice (notice 3) in the outbox. */
  rate(at: number, stars: number, workDone: boolean, comment?: string): this {
    return this.add(at, 'rate', async (ctx) => {
      const row = await ctx.db
        .selectFrom('outbox')
        .select('text_body')
        .where('ticket_id', '=', this.ticketId)
        .where('kind', '=', 'ticket_closed')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const token = row && /\/rate\/([A-Za-z0-9_-]{43})/.exec(row.text_body)?.[1];
      if (!token) throw new Error('no rating link in the outbox (does the requester have an address?)');
      await submitRating(ctx, token, 'demo-activity', { stars, workDone, ...(comment ? { comment } : {}) });
    });
  }
}
