// Technicians (#9 item 13): a contractor's staff users flagged as technicians (users.technician).
// They see what their contractor sees and take the contractor's actions; assigning a work order
// to one of them is the dispatcher's (a contractor user who is not a technician). A technician's
// "my work today" and the dispatcher's day by technician read the same assignment.
import { DateTime } from 'luxon';
import type { MyWorkDto, ScheduleDto, TechnicianDto } from '../../../shared/schemas/technicians.ts';
import type { WorkOrderDto } from '../../../shared/schemas/workflow.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { insertNotification } from '../notices/notices.repository.ts';
import { workOrderRoles } from '../tickets/access.ts';
import { newSortableId } from '../tickets/actor.ts';
import * as tickets from '../tickets/tickets.repository.ts';
import { inVersionedTransaction, StaleVersion } from '../tickets/workflow-helpers.ts';
import * as workOrders from '../work-orders/work-orders.repository.ts';
import { getWorkOrder } from '../work-orders/work-orders.service.ts';
import { ASSIGNABLE_STATES, isDispatcher } from './assignable.ts';
import { assignedNotification } from './technicians.i18n.ts';
import * as repo from './technicians.repository.ts';

const ZONE = 'Europe/Rome';
const MY_WORK_LIMIT = 50;

/** GET /api/technicians: the caller's contractor's technicians (its dispatcher and technicians read them). */
export async function listTechnicians(ctx: AppContext, p: Principal): Promise<{ items: TechnicianDto[] }> {
  if (!hasRole(p, 'contractor') || !p.contractorId) throw forbidden();
  const rows = await repo.techniciansOf(ctx.db, p.contractorId);
  return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username })) };
}

/**
 * POST /api/work-orders/{id}/assign {version, technicianId}: the dispatcher assigns (or, with
 * null, un-assigns) an open work order of its contractor. A technician who is not the
 * contractor's is a 422 naming technicianId; the event goes on the timeline and the technician
 * gets an in-app notification, in the same transaction.
 */
export async function assign(
  ctx: AppContext,
  p: Principal,
  id: string,
  version: number,
  technicianId: string | null,
): Promise<WorkOrderDto> {
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const w = await workOrders.getWorkOrder(trx, id);
      // Out of the caller's scope reads as missing, like every work-order route.
      if (!w || (await workOrderRoles(trx, p, w)).size === 0) throw notFound();
      if (!isDispatcher(p) || p.contractorId !== w.contractor_id) throw forbidden();
      if (Number(w.version) !== version) throw new StaleVersion();
      if (!ASSIGNABLE_STATES.includes(w.status)) throw new AppError('INVALID_STATE', { action: 'assign', state: w.status });
      const tech = technicianId === null ? null : (await repo.techniciansOf(trx, w.contractor_id, technicianId))[0];
      if (technicianId !== null && !tech) throw new AppError('INVALID_REFERENCE', {}, [{ field: 'technicianId', rule: 'notTechnician' }]);
      const at = ctx.now().toISOString();
      if (!(await workOrders.updateWorkOrderVersioned(trx, w.id, version, { technician_id: technicianId, updated_at: at })))
        throw new StaleVersion();
      const previous = w.technician_id ? await repo.userLabel(trx, w.technician_id) : undefined;
      await tickets.insertEvent(trx, {
        id: newSortableId(),
        ticketId: w.ticket_id,
        workOrderId: w.id,
        at,
        actorId: p.userId,
        actorLabel: p.displayName,
        action: technicianId === null ? 'unassign_technician' : 'assign_technician',
        from: w.status,
        to: w.status,
        data: {
          technicianId,
          technicianName: tech?.display_name ?? null,
          previousTechnicianId: w.technician_id ?? null,
          previousTechnicianName: previous?.display_name ?? null,
        },
      });
      if (tech) {
        const building = await repo.buildingLabel(trx, w.building_id);
        const text = assignedNotification(tech.language, w.number, `${building.code} ${building.name}`, w.description);
        await insertNotification(trx, {
          id: newId(),
          user_id: tech.id,
          kind: 'work_order_assigned',
          ticket_id: w.ticket_id,
          work_order_id: w.id,
          title: text.title,
          body: text.body,
          created_at: at,
          read_at: null,
        });
      }
    },
    () => getWorkOrder(ctx, p, id),
  );
  return getWorkOrder(ctx, p, id);
}

const today = (now: Date) => DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');

/** GET /api/my-work: the technician's open work orders in progress or due today or earlier (Rome). */
export async function myWork(ctx: AppContext, p: Principal): Promise<MyWorkDto> {
  if (!hasRole(p, 'contractor') || !p.contractorId) throw forbidden();
  const day = today(ctx.now());
  const before = day.plus({ days: 1 }).toUTC().toISO()!;
  const ids = await repo.myWorkIds(ctx.db, p.userId, p.contractorId, before, MY_WORK_LIMIT);
  const items = [];
  for (const id of ids) items.push(await getWorkOrder(ctx, p, id));
  return { date: day.toISODate()!, items };
}

/** GET /api/technicians/schedule?date=: the contractor's visits of one day (Rome) and its technicians. */
export async function schedule(ctx: AppContext, p: Principal, date: string | undefined): Promise<ScheduleDto> {
  if (!hasRole(p, 'contractor') || !p.contractorId) throw forbidden();
  const day = date ? DateTime.fromISO(date, { zone: ZONE }).startOf('day') : today(ctx.now());
  const [technicians, rows] = await Promise.all([
    repo.techniciansOf(ctx.db, p.contractorId),
    repo.visitsOf(ctx.db, p.contractorId, day.toUTC().toISO()!, day.plus({ days: 1 }).toUTC().toISO()!),
  ]);
  return {
    date: day.toISODate()!,
    technicians: technicians.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username })),
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status as ScheduleDto['items'][number]['status'],
      priority: r.priority as ScheduleDto['items'][number]['priority'],
      at: r.at!,
      description: r.description.slice(0, 300),
      technicianId: r.technician_id ?? null,
      building: { id: r.building_id, code: r.building_code, name: r.building_name },
    })),
  };
}
