// GET /api/planned-work: what the month and week views and the home queues show. Each item is a
// program occurrence; once published, with its planned work order. Its date is the work order's
// scheduled day in Rome once scheduled, else the planned day.
import { DateTime } from 'luxon';
import type { PlannedWorkFilter } from '../../../shared/schemas/programs.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { forbidden, invalid } from '../../errors.ts';
import { buildingIdScope, readScope } from '../../scope.ts';
import { isLate } from '../../../domain/planned/recurrence.ts';
import { romeDate } from '../tickets/workflow-helpers.ts';
import { monthBounds } from './schedule.ts';
import * as repo from './planned-work.repository.ts';

const DONE = new Set(['completed', 'verified']);
const ZONE = 'Europe/Rome';

export async function listPlannedWork(ctx: AppContext, actor: Principal, f: PlannedWorkFilter) {
  if (f.from > f.to) throw invalid([{ field: 'to', rule: 'dateOrder' }]);
  if (DateTime.fromISO(f.to).diff(DateTime.fromISO(f.from), 'days').days > 400)
    throw invalid([{ field: 'to', rule: 'rangeTooLong', params: { days: 400 } }]);
  const cs = readScope(actor, 'contracts');
  const bs = buildingIdScope(actor);
  if (cs.kind === 'forbidden' || bs.kind === 'forbidden') throw forbidden();
  let after: [string, string] | null = null;
  if (f.cursor) {
    try {
      const c = JSON.parse(Buffer.from(f.cursor, 'base64url').toString('utf8')) as unknown;
      if (Array.isArray(c) && c.length === 2 && c.every((x) => typeof x === 'string')) after = c as [string, string];
    } catch {
      after = null;
    }
    if (!after) throw invalid([{ field: 'cursor', rule: 'pattern' }]);
  }
  const limit = f.limit ?? 500;
  const rows = await repo.listPlannedWork(ctx.db, {
    from: f.from,
    to: f.to,
    fromInstant: DateTime.fromISO(f.from, { zone: ZONE }).startOf('day').toUTC().toISO()!,
    toInstant: DateTime.fromISO(f.to, { zone: ZONE }).plus({ days: 1 }).startOf('day').toUTC().toISO()!,
    buildingId: f.buildingId,
    contractId: f.contractId,
    contractorId: f.contractorId,
    status: f.status,
    after,
    limit,
    contractScope: cs.kind === 'rows' ? cs.where : null,
    itemScope: bs.kind === 'rows' ? bs.where : null,
  });
  const page = rows.slice(0, limit);
  const today = romeDate(ctx.now());
  const items = [];
  for (const r of page) {
    const date = r.scheduled_at ? romeDate(new Date(r.scheduled_at)) : r.planned_on;
    if (date < f.from || date > f.to) continue; // planned in range, scheduled outside it
    const late =
      !!r.work_order_id &&
      (!!r.late_at ||
        isLate(
          {
            dueOn: r.item_due_on,
            agreedOn: r.planned_on > monthBounds(r.item_due_on.slice(0, 7)).end ? r.planned_on : monthBounds(r.item_due_on.slice(0, 7)).end,
            completedOn: r.completed_at && r.work_order_status && DONE.has(r.work_order_status) ? romeDate(new Date(r.completed_at)) : null,
            cancelled: r.work_order_status === 'cancelled',
          },
          today,
        ));
    items.push({
      programItemId: r.id,
      programId: r.program_id,
      programStatus: r.program_status,
      month: r.month,
      workOrderId: r.work_order_id,
      workOrderNumber: r.work_order_number ?? null,
      workOrderStatus: r.work_order_status ?? null,
      ticketId: r.ticket_id,
      activity: r.activity,
      buildingId: r.building_id,
      buildingCode: r.building_code,
      buildingName: r.building_name,
      assetName: r.asset_name ?? null,
      contractId: r.contract_id,
      contractorId: r.contractor_id,
      date,
      windowFrom: r.window_from,
      windowTo: r.window_to,
      technician: r.wo_technician ?? r.technician,
      scheduledAt: r.scheduled_at ?? null,
      late,
      version: Number(r.version),
    });
  }
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.planned_on, last.id])).toString('base64url') : null,
  };
}
