// Who sees which tickets and work orders, and the named work lists, as SQL predicates added to
// the list query itself (ARCHITECTURE.md: scope in the query). DOMAIN.md "Roles":
//
//   tickets       requester: own (requester_id = me); call center, service head, accounting,
//                 admin: all; building manager: buildings in competence; contractor: tickets
//                 having a work order of its contractor
//   work orders   call center, service head, accounting, admin: all; building manager:
//                 buildings in competence; contractor: its contractor's; requester: none (403)
//
// Buildings in competence come from the registry's scope (src/server/scope.ts), never copied.
// The SQL of each condition is in worklists.repository.ts (and scope.repository.ts,
// sla.repository.ts); which role and which list take which condition is decided here.
import type { Expression, SqlBool } from 'kysely';
import { OPEN_TICKET_STATES } from '../../../domain/workflow/ticket.ts';
import { OPEN_WORK_ORDER_STATES } from '../../../domain/workflow/work-order.ts';
import { hasRole, type Principal, type Role } from '../../auth/principal.ts';
import { buildingIdScope } from '../../scope.ts';
import { anyOf, columnIs, everything, nothing } from '../../scope.repository.ts';
import { slaOverdue } from '../sla/sla.repository.ts';
import {
  buildingTestedRowByRow,
  dueOnIn,
  every,
  hasWorkOrderOf,
  isPlanned,
  lateOrDueBefore,
  pastPlannedDate,
  slaDueIn,
  statusIn,
} from './worklists.repository.ts';

export const VIEWS = [
  'mine',
  'to_qualify',
  'awaiting_my_action',
  'awaiting_authorization',
  'waiting_materials',
  'past_planned_date',
  'overdue',
  'due_soon',
  'planned_this_month',
  'planned_due_this_week',
  'planned_late',
] as const;

/** Planned work-order states still to be done (DOMAIN.md Workflow 2). */
export const OPEN_PLANNED_STATES = ['planned', 'scheduled', 'waiting_materials', 'in_progress'] as const;

/** "Due soon": an SLA clock falls due within this many hours. */
export const DUE_SOON_HOURS = 4;
export type View = (typeof VIEWS)[number];

/** Counts (list `count=true`, navigation badges) stop here: "10000+" costs what 10000 costs. */
export const COUNT_CAP = 10_000;
/** Largest export; beyond it the caller is asked to narrow the filters. */
export const EXPORT_MAX_ROWS = 100_000;

export const TO_QUALIFY_STATES = ['new', 'qualifying', 'qualified'] as const;
/** Work-order states in which the contractor is the one to move. */
export const CONTRACTOR_ACTION_STATES = [
  'issued',
  'acknowledged',
  'inspection_scheduled',
  'inspected',
  'authorized',
  'scheduled',
  'in_progress',
] as const;
/** Work-order states in which the building manager is the one to move (verify, confirm in plan). */
export const BM_ACTION_STATES = ['completed', 'in_plan_proposed'] as const;

const STAFF_ALL: readonly Role[] = ['admin', 'call_center', 'service_head', 'accounting'];

/** A predicate on the rows of a table known by its alias in the query. */
export type Pred = (alias: string) => Expression<SqlBool>;
export type RowScope = { kind: 'all' } | { kind: 'forbidden' } | { kind: 'rows'; where: Pred };

/** How the lists may reach a building manager's rows (see `ScopeOptions`). */
export interface ScopeOptions {
  /**
   * false: the building test must not use the building index (SQLite only: `+column`), so the
   * list walks its sort index and tests each row. Right when the buildings hold a large share
   * of all rows; the service decides (worklists.service.ts, `buildingIndexPays`).
   */
  buildingIndex?: boolean;
}

/** `column in (buildings the user manages)`, from the registry's building scope for that role alone. */
export function managedBuildings(p: Principal, o: ScopeOptions = {}): (column: string) => Expression<SqlBool> {
  const s = buildingIdScope({ ...p, roles: new Set<Role>(['building_manager']) });
  if (s.kind !== 'rows') return s.kind === 'all' ? () => everything() : () => nothing();
  if (o.buildingIndex !== false) return s.where;
  return buildingTestedRowByRow(s.where);
}

function union(parts: Array<'all' | Pred | null>): RowScope {
  if (parts.includes('all')) return { kind: 'all' };
  const preds = parts.filter((x): x is Pred => typeof x === 'function');
  if (preds.length === 0) return { kind: 'forbidden' };
  if (preds.length === 1) return { kind: 'rows', where: preds[0] };
  return { kind: 'rows', where: (a) => anyOf(preds.map((w) => w(a))) };
}

export function ticketScope(p: Principal, o: ScopeOptions = {}): RowScope {
  return union(
    [...p.roles].map((role): 'all' | Pred | null => {
      if (STAFF_ALL.includes(role)) return 'all';
      if (role === 'requester') return (t) => columnIs(t, 'requester_id', p.userId);
      if (role === 'building_manager') {
        const inCompetence = managedBuildings(p, o);
        return (t) => inCompetence(`${t}.building_id`);
      }
      if (role === 'contractor' && p.contractorId) return hasWorkOrderOf(p.contractorId);
      return null;
    }),
  );
}

export function workOrderScope(p: Principal, o: ScopeOptions = {}): RowScope {
  return union(
    [...p.roles].map((role): 'all' | Pred | null => {
      if (STAFF_ALL.includes(role)) return 'all';
      if (role === 'building_manager') {
        const inCompetence = managedBuildings(p, o);
        return (w) => inCompetence(`${w}.building_id`);
      }
      if (role === 'contractor' && p.contractorId) {
        const cid = p.contractorId;
        return (w) => columnIs(w, 'contractor_id', cid);
      }
      return null;
    }),
  );
}

export function scopeExpr(scope: RowScope, alias: string): Expression<SqlBool> | null {
  if (scope.kind === 'all') return null;
  if (scope.kind === 'forbidden') return nothing();
  return scope.where(alias);
}

/** "Now" for the date-based lists: the instant, and the calendar day in Europe/Rome. */
export interface ViewClock {
  now: string;
  today: string;
}

/** The first and last day (Rome) of the month and of the ISO week (Monday–Sunday) holding `today`. */
export function periodsOf(today: string): { monthFrom: string; monthTo: string; weekFrom: string; weekTo: string } {
  const [y, m, d] = today.split('-').map(Number);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const day = Date.UTC(y, m - 1, d);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return {
    monthFrom: iso(Date.UTC(y, m - 1, 1)),
    monthTo: iso(Date.UTC(y, m, 0)),
    weekFrom: iso(day - weekday * 86_400_000),
    weekTo: iso(day + (6 - weekday) * 86_400_000),
  };
}

/** One piece of a work list: a predicate on tickets or on work orders. */
export interface ViewPart {
  on: 'ticket' | 'workOrder';
  where: Pred;
}

const onTickets = (where: Pred): ViewPart => ({ on: 'ticket', where });
const onWorkOrders = (where: Pred): ViewPart => ({ on: 'workOrder', where });

/**
 * The pieces of a named work list for this user (several roles: their union). Role-bound pieces
 * carry that role's own scope, so a user with two roles never gets one role's list over the
 * other role's rows.
 */
export function viewParts(view: View, p: Principal, clock: ViewClock, o: ScopeOptions = {}): ViewPart[] {
  switch (view) {
    case 'to_qualify':
      return [onTickets(statusIn(TO_QUALIFY_STATES))];
    case 'awaiting_authorization':
      return [onWorkOrders(statusIn(['awaiting_authorization']))];
    case 'waiting_materials':
      return [onWorkOrders(statusIn(['waiting_materials']))];
    case 'past_planned_date':
      // Scheduled for an instant already past, or waiting for materials expected before today.
      return [onWorkOrders(pastPlannedDate(clock.now, clock.today))];
    case 'overdue':
      // By the SLA clocks (due instant kept on the work order by the SLA watcher, migration 0005).
      return [onWorkOrders(slaOverdue(clock.now))];
    case 'due_soon': {
      const until = new Date(Date.parse(clock.now) + DUE_SOON_HOURS * 3600_000).toISOString();
      return [onWorkOrders(every(slaDueIn(clock.now, until), statusIn(OPEN_WORK_ORDER_STATES)))];
    }
    case 'planned_this_month': {
      // "Da programmare questo mese": planned work orders not yet given a date, due this month.
      const { monthFrom, monthTo } = periodsOf(clock.today);
      return [onWorkOrders(every(isPlanned, statusIn(['planned']), dueOnIn(monthFrom, monthTo)))];
    }
    case 'planned_due_this_week': {
      // "In scadenza questa settimana": still open, due from today to Sunday.
      const { weekTo } = periodsOf(clock.today);
      return [onWorkOrders(every(isPlanned, statusIn(OPEN_PLANNED_STATES), dueOnIn(clock.today, weekTo)))];
    }
    case 'planned_late':
      // "Attività programmate in ritardo": open and past the agreed date (late_at is set by the
      // late watcher; the date test also catches the ones it has not reached yet).
      return [onWorkOrders(every(isPlanned, statusIn(OPEN_PLANNED_STATES), lateOrDueBefore(clock.today)))];
    case 'mine': {
      // Open ones only, for everyone (#9 item 10): the requester's badge, home and list count the same rows.
      const parts: ViewPart[] = [];
      const open = statusIn(OPEN_TICKET_STATES);
      if (hasRole(p, 'requester')) parts.push(onTickets(every((t) => columnIs(t, 'requester_id', p.userId), open)));
      if (hasRole(p, 'contractor') && p.contractorId) {
        const cid = p.contractorId;
        parts.push(onWorkOrders(every((w) => columnIs(w, 'contractor_id', cid), statusIn(OPEN_WORK_ORDER_STATES))));
      }
      if (hasRole(p, 'call_center', 'building_manager', 'service_head', 'accounting', 'admin')) {
        parts.push(onTickets(every((t) => columnIs(t, 'opened_by_id', p.userId), open)));
      }
      return parts;
    }
    case 'awaiting_my_action': {
      const parts: ViewPart[] = [];
      if (hasRole(p, 'contractor') && p.contractorId) {
        const cid = p.contractorId;
        parts.push(onWorkOrders(every((w) => columnIs(w, 'contractor_id', cid), statusIn(CONTRACTOR_ACTION_STATES))));
      }
      if (hasRole(p, 'building_manager')) {
        const inCompetence = managedBuildings(p, o);
        parts.push(onWorkOrders(every(statusIn(BM_ACTION_STATES), (w) => inCompetence(`${w}.building_id`))));
      }
      if (hasRole(p, 'service_head')) parts.push(onWorkOrders(statusIn(['awaiting_authorization'])));
      if (hasRole(p, 'call_center')) parts.push(onTickets(statusIn(['resolved'])));
      return parts;
    }
  }
}

/** The work lists worth a badge in the navigation, per role (the union for several roles). */
export function badgeLists(p: Principal): Array<{ resource: 'tickets' | 'work-orders'; view: View }> {
  const out: Array<{ resource: 'tickets' | 'work-orders'; view: View }> = [];
  const add = (resource: 'tickets' | 'work-orders', view: View) => {
    if (!out.some((x) => x.resource === resource && x.view === view)) out.push({ resource, view });
  };
  if (hasRole(p, 'requester')) add('tickets', 'mine');
  if (hasRole(p, 'call_center')) add('tickets', 'awaiting_my_action');
  if (hasRole(p, 'building_manager')) {
    add('tickets', 'to_qualify');
    add('work-orders', 'awaiting_my_action');
    add('work-orders', 'waiting_materials');
    add('work-orders', 'past_planned_date');
    add('work-orders', 'overdue');
    add('work-orders', 'planned_late');
  }
  if (hasRole(p, 'service_head')) add('work-orders', 'awaiting_my_action');
  if (hasRole(p, 'contractor') && p.contractorId) {
    add('work-orders', 'mine');
    add('work-orders', 'awaiting_my_action');
    add('work-orders', 'waiting_materials');
    add('work-orders', 'past_planned_date');
    add('work-orders', 'overdue');
    add('work-orders', 'planned_this_month');
    add('work-orders', 'planned_due_this_week');
  }
  if (hasRole(p, 'admin')) {
    add('tickets', 'to_qualify');
    add('work-orders', 'awaiting_authorization');
    add('work-orders', 'past_planned_date');
  }
  return out;
}
