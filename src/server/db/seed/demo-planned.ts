// Demo planned work (#8, UX.md: "a published monthly program with planned work in every state").
// After demo-programs.ts published this month's programs, this plays, through the same service
// functions the routes call (programs, work-order actions, attachments, the lateness job):
//  - last month's programs published and done (on-time completions, verified) except one activity
//    left undone, which the lateness job then marks late (event, planned_late notice and, with the
//    demo contract's late_planned_activity rule, a penalty proposal) — so compliance has a real %;
//  - this month's planned work orders moved into every state of the planned machine: planned,
//    scheduled (technician), waiting_materials (after a new date), in_progress, completed (checklist,
//    required document attached; one with an out-of-range measure and its follow-up fault ticket),
//    verified, cancelled (reason);
//  - the fault work order proposed "in plan" (story flicker-in-plan-proposed) confirmed against a
//    planned work order, so its requester gets the in_plan_date notice.
// Deterministic: fixed choices in (due_on, id) order, instants derived from opts.now.
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import type { Principal } from '../../auth/principal.ts';
import { uploadToWorkOrder } from '../../modules/attachments/attachments.service.ts';
import { contractsActiveIn } from '../../modules/programs/programs.repository.ts';
import { ensureProgram, programAction } from '../../modules/programs/programs.service.ts';
import { monthBounds } from '../../modules/programs/schedule.ts';
import { workOrderAction } from '../../modules/work-orders/work-orders.service.ts';
import { createPlannedLateness } from '../../jobs/planned-lateness.ts';
import { LATE_PLANNED_LOT } from './demo-penalties.ts';
import { loadActors, type Who } from './demo-story.ts';

const ZONE = 'Europe/Rome';
const CONTRACTOR_OF_LOT: Record<string, Who> = {
  'Lotto 1': 'ditta.edile',
  'Lotto 2': 'ditta.elettrica',
  'Lotto 3': 'ditta.termica',
  'Lotto 4': 'ditta.antincendio',
  'Lotto 5': 'ditta.ascensori',
};
const BUILDING_MANAGERS: Who[] = ['bm.centrale', 'bm.deib', 'bm.dmec', 'bm.como'];
const TECHNICIANS = ['Marco Rinaldi', 'Giulia Ferri', 'Luca Bassi'];
// A one-page PDF: the attachment service recognises files by content.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

type Item = { key: string; kind: 'yes_no' | 'measure'; min?: number; max?: number };
interface Wo {
  id: string;
  status: string;
  version: number;
  due_on: string;
  building_id: string;
  contract_id: string;
  lot: string;
  checklist: string | null;
  required_documents: string | null;
}

export interface DemoPlannedResult {
  previousMonthDone: number;
  late: number;
  states: string[];
}

export async function seedDemoPlannedWork(ctx: AppContext, opts: { now: Date }): Promise<DemoPlannedResult> {
  const out: DemoPlannedResult = { previousMonthDone: 0, late: 0, states: [] };
  const actors = await loadActors(ctx.db);
  const nowMs = opts.now.getTime();
  const at = (ms: number): AppContext => ({ ...ctx, now: () => new Date(Math.min(ms, nowMs)) });
  const today = DateTime.fromJSDate(opts.now).setZone(ZONE);
  const prevMonth = today.minus({ months: 1 }).toFormat('yyyy-MM');
  const thisMonth = today.toFormat('yyyy-MM');

  const managerOf = async (buildingId: string): Promise<Principal | undefined> => {
    const rows = await ctx.db
      .selectFrom('building_managers')
      .innerJoin('users', 'users.id', 'building_managers.user_id')
      .select('users.username')
      .where('building_managers.building_id', '=', buildingId)
      .execute();
    const who = BUILDING_MANAGERS.find((w) => rows.some((r) => r.username === w));
    return who ? actors.get(who) : undefined;
  };
  const plannedOf = async (month: string): Promise<Wo[]> => {
    const { start, end } = monthBounds(month);
    const rows = await ctx.db
      .selectFrom('work_orders')
      .innerJoin('contracts', 'contracts.id', 'work_orders.contract_id')
      .innerJoin('tickets', 'tickets.id', 'work_orders.ticket_id')
      .select([
        'work_orders.id',
        'work_orders.status',
        'work_orders.version',
        'work_orders.due_on',
        'tickets.building_id',
        'work_orders.contract_id',
        'contracts.lot',
        'work_orders.checklist',
        'work_orders.required_documents',
      ])
      .where('work_orders.kind', '=', 'planned')
      .where('work_orders.due_on', '>=', start)
      .where('work_orders.due_on', '<=', end)
      .orderBy('work_orders.due_on')
      .orderBy('work_orders.id')
      .execute();
    return rows.map((r) => ({ ...r, version: Number(r.version), due_on: r.due_on! }));
  };
  const rome = (date: string, hm: string) => DateTime.fromISO(`${date}T${hm}`, { zone: ZONE }).toMillis();

  /** One action of a planned work order at `ms`, by `who`; the work order's new version. */
  const act = async (w: Wo, ms: number, who: Principal, action: string, body: Record<string, unknown>) => {
    const dto = await workOrderAction(at(ms), who, w.id, action, { ...body, version: w.version });
    w.version = dto.version;
    w.status = dto.status;
  };
  const attachDocs = async (w: Wo, ms: number, who: Principal) => {
    for (const kind of JSON.parse(w.required_documents ?? '[]') as string[]) {
      await uploadToWorkOrder(at(ms), who, w.id, {
        kind: kind as never,
        filename: `${kind}.pdf`,
        contentType: 'application/pdf',
        data: PDF,
      });
    }
    const row = await ctx.db.selectFrom('work_orders').select('version').where('id', '=', w.id).executeTakeFirstOrThrow();
    w.version = Number(row.version);
  };
  const answers = (w: Wo, outOfRange: boolean) => {
    let spoiled = !outOfRange;
    return (JSON.parse(w.checklist ?? '[]') as Item[]).map((i) => {
      if (i.kind === 'yes_no') return { key: i.key, ok: true };
      if (!spoiled && i.max !== undefined) {
        spoiled = true;
        return { key: i.key, value: i.max * 1.5, note: 'Fuori dai limiti' };
      }
      if (!spoiled && i.min !== undefined) {
        spoiled = true;
        return { key: i.key, value: i.min / 2, note: 'Fuori dai limiti' };
      }
      const value =
        i.min !== undefined && i.max !== undefined ? (i.min + i.max) / 2 : i.min !== undefined ? i.min * 1.1 : (i.max ?? 1) * 0.5;
      return { key: i.key, value: Math.round(value * 10) / 10 };
    });
  };
  const hasMeasure = (w: Wo) =>
    (JSON.parse(w.checklist ?? '[]') as Item[]).some((i) => i.kind === 'measure' && (i.min !== undefined || i.max !== undefined));
  const doneOn = async (w: Wo, day: string, who: Principal, opts2: { outOfRange?: boolean; verifyBy?: Principal; technician: string }) => {
    await act(w, rome(day, '08:00'), who, 'schedule', {
      scheduledAt: new Date(rome(day, '09:00')).toISOString(),
      technician: opts2.technician,
    });
    await act(w, rome(day, '09:05'), who, 'start_work', {});
    await attachDocs(w, rome(day, '11:00'), who);
    await act(w, rome(day, '11:10'), who, 'complete', {
      report: 'Attività eseguita secondo la check-list del piano.',
      hours: 2,
      checklist: answers(w, opts2.outOfRange === true),
    });
    if (opts2.verifyBy) await act(w, rome(day, '16:00'), opts2.verifyBy, 'verify', {});
  };
  const callCenter = actors.get('callcenter')!;

  // 1. Last month: generated on the 20th of the month before, published at its start, all done but one.
  if (!(await ctx.db.selectFrom('programs').select('id').where('month', '=', prevMonth).executeTakeFirst())) {
    const { start, end } = monthBounds(prevMonth);
    const genAt = DateTime.fromISO(start, { zone: ZONE }).minus({ months: 1 }).set({ day: 20, hour: 6 }).toMillis();
    for (const c of await contractsActiveIn(ctx.db, start, end)) {
      const lot = await ctx.db.selectFrom('contracts').select('lot').where('id', '=', c.id).executeTakeFirstOrThrow();
      const contractor = actors.get(CONTRACTOR_OF_LOT[lot.lot]);
      if (!contractor) continue;
      const { id } = await ensureProgram(
        at(genAt),
        { contractId: c.id, month: prevMonth },
        { id: contractor.userId, label: contractor.displayName },
      );
      const any = await ctx.db.selectFrom('program_items').select('id').where('program_id', '=', id).limit(1).executeTakeFirst();
      if (!any) {
        await ctx.db.deleteFrom('events').where('program_id', '=', id).execute();
        await ctx.db.deleteFrom('programs').where('id', '=', id).execute();
        continue;
      }
      const { version } = await ctx.db.selectFrom('programs').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      let p = await programAction(at(genAt + 3 * 3600e3), contractor, id, 'submit', { version: Number(version) });
      p = await programAction(at(genAt + 5 * 86400e3), actors.get('bm.centrale')!, id, 'approve', { version: p.version });
      await programAction(at(genAt + 6 * 86400e3), actors.get('capo.servizio')!, id, 'publish', {
        version: p.version,
        grouping: 'activity',
      });
    }
    const prev = await plannedOf(prevMonth);
    // The one left undone: of the contract with the late_planned_activity rule, if it has any.
    const undone = [...prev].reverse().find((w) => w.lot === LATE_PLANNED_LOT) ?? prev[prev.length - 1];
    for (const [k, w] of prev.entries()) {
      const contractor = actors.get(CONTRACTOR_OF_LOT[w.lot])!;
      if (w === undone) {
        // Left scheduled and never done: late once the month is over.
        await act(w, rome(w.due_on, '08:00'), contractor, 'schedule', {
          scheduledAt: new Date(rome(w.due_on, '09:00')).toISOString(),
          technician: TECHNICIANS[0],
        });
        continue;
      }
      await doneOn(w, w.due_on, contractor, { verifyBy: callCenter, technician: TECHNICIANS[k % TECHNICIANS.length] });
      out.previousMonthDone++;
    }
    // The lateness job, as it runs in production, on the first day of this month.
    const lateness = createPlannedLateness(at(rome(`${thisMonth}-01`, '02:00')), { info: () => {}, warn: () => {}, error: () => {} });
    out.late = (await lateness.runOnce()).late;
  }

  const t0 = nowMs - 4 * 3600e3;
  let inPlanTarget: string | null = null;
  // 2. The fault proposed "in plan" (flicker-in-plan-proposed): confirmed against a planned work order.
  const proposed = await ctx.db
    .selectFrom('work_orders')
    .innerJoin('tickets', 'tickets.id', 'work_orders.ticket_id')
    .select(['work_orders.id', 'work_orders.version', 'work_orders.contract_id', 'tickets.building_id'])
    .where('work_orders.kind', '!=', 'planned')
    .where('work_orders.status', '=', 'in_plan_proposed')
    .orderBy('work_orders.id')
    .executeTakeFirst();
  if (proposed) {
    const open = (await plannedOf(thisMonth)).filter(
      (w) => w.contract_id === proposed.contract_id && ['planned', 'scheduled'].includes(w.status),
    );
    const target = open.find((w) => w.building_id === proposed.building_id) ?? open[0];
    const bm = await managerOf(proposed.building_id);
    if (target && bm) {
      await workOrderAction(at(t0), bm, proposed.id, 'confirm_in_plan', {
        version: Number(proposed.version),
        plannedWorkOrderId: target.id,
        note: 'Confermato: rientra nel programma',
      });
      out.states.push('fault_in_plan');
      inPlanTarget = target.id;
    }
  }
  // 3. This month: one planned work order in each state, in (due date, id) order; the in-plan
  // target stays planned.
  const cur = (await plannedOf(thisMonth)).filter((w) => w.status === 'planned' && w.id !== inPlanTarget);
  const pick = (pred: (w: Wo) => boolean = () => true) => {
    const i = cur.findIndex(pred);
    return i < 0 ? undefined : cur.splice(i, 1)[0];
  };
  const contractorOf = (w: Wo) => actors.get(CONTRACTOR_OF_LOT[w.lot])!;
  const slot = (w: Wo, hm: string) => new Date(rome(w.due_on, hm)).toISOString();
  pick(); // stays planned
  out.states.push('planned');
  const scheduled = pick();
  if (scheduled) {
    await act(scheduled, t0, contractorOf(scheduled), 'schedule', { scheduledAt: slot(scheduled, '09:00'), technician: TECHNICIANS[1] });
    out.states.push('scheduled');
  }
  const waiting = pick();
  if (waiting) {
    const c = contractorOf(waiting);
    await act(waiting, t0, c, 'schedule', { scheduledAt: slot(waiting, '10:00'), technician: TECHNICIANS[2] });
    await act(waiting, t0 + 600e3, c, 'reschedule', {
      scheduledAt: slot(waiting, '14:00'),
      reason: 'Tecnico spostato su un intervento urgente',
    });
    await act(waiting, t0 + 1200e3, c, 'wait_materials', {
      expectedOn: DateTime.fromISO(waiting.due_on).plus({ days: 7 }).toISODate(),
      note: 'Batterie tampone in consegna dal fornitore',
    });
    out.states.push('waiting_materials');
  }
  const inProgress = pick();
  if (inProgress) {
    const c = contractorOf(inProgress);
    await act(inProgress, t0, c, 'schedule', { scheduledAt: new Date(t0 + 1800e3).toISOString(), technician: TECHNICIANS[0] });
    await act(inProgress, t0 + 1800e3, c, 'start_work', { note: 'Tecnico sul posto' });
    out.states.push('in_progress');
  }
  const finish = async (w: Wo, outOfRange: boolean) => {
    const c = contractorOf(w);
    await act(w, t0, c, 'schedule', { scheduledAt: new Date(t0 + 600e3).toISOString(), technician: TECHNICIANS[1] });
    await act(w, t0 + 600e3, c, 'start_work', {});
    await attachDocs(w, t0 + 3600e3, c);
    await act(w, t0 + 3700e3, c, 'complete', {
      report: 'Attività eseguita secondo la check-list del piano.',
      hours: 1.5,
      checklist: answers(w, outOfRange),
    });
  };
  const completed = pick();
  if (completed) {
    await finish(completed, false);
    out.states.push('completed');
  }
  const outOfRange = pick(hasMeasure);
  if (outOfRange) {
    await finish(outOfRange, true);
    await act(outOfRange, t0 + 7200e3, contractorOf(outOfRange), 'open_follow_up', {
      note: 'Misura fuori dai limiti: serve un intervento correttivo',
    });
    out.states.push('completed_out_of_range');
  }
  const verified = pick();
  if (verified) {
    await finish(verified, false);
    await act(verified, t0 + 9000e3, callCenter, 'verify', { note: 'Documentazione controllata' });
    out.states.push('verified');
  }
  const cancelled = pick();
  if (cancelled) {
    const bm = await managerOf(cancelled.building_id);
    if (bm) {
      await act(cancelled, t0 + 1200e3, bm, 'cancel', { reason: 'Locale chiuso per lavori di ristrutturazione fino a fine mese' });
      out.states.push('cancelled');
    }
  }

  return out;
}
