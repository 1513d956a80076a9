// Planned work orders written straight into the test database, in the shape a published program
// creates them (helper "programs" owns publishing): a maintenance plan, a program item, a planned
// ticket (kind 'planned', channel 'planned', in progress, no requester) and its planned work order
// (kind 'planned', status 'planned', due_on, checklist and required documents snapshots).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/server/db/create-db.ts';
import { newSortableId } from '../../src/server/modules/tickets/actor.ts';
import type { ChecklistItem } from '../../src/domain/workflow/planned-work-order.ts';

export const DEFAULT_CHECKLIST: ChecklistItem[] = [
  { key: 'flame', label: 'Controllo fiamma', kind: 'yes_no' },
  { key: 'co', label: 'Monossido di carbonio', kind: 'measure', unit: 'ppm', min: 0, max: 50 },
];

let counter = 0;

export interface PlannedFixture {
  planId: string;
  programId: string;
  itemId: string;
  ticketId: string;
  ticketNumber: string;
  workOrderId: string;
  number: string;
  contractId: string;
  contractorId: string;
  buildingId: string;
}

export interface PlannedOptions {
  at: Date;
  building?: string;
  classCode?: string;
  scheduleKind?: 'calendar' | 'floating' | 'meter';
  checklist?: ChecklistItem[];
  requiredDocuments?: string[];
  dueOn?: string;
  status?: string;
  assetId?: string | null;
  meterId?: string | null;
  activity?: string;
}

/** The contract of the class that covers the building (the demo has one per class and site). */
async function contractFor(db: Db, classId: string, buildingId: string) {
  const rows = await db
    .selectFrom('contracts as k')
    .innerJoin('contract_classes as cc', 'cc.contract_id', 'k.id')
    .select(['k.id', 'k.contractor_id'])
    .where('cc.technology_class_id', '=', classId)
    .execute();
  const covering = [];
  for (const r of rows) {
    const b = await db
      .selectFrom('contract_buildings')
      .select('building_id')
      .where('contract_id', '=', r.id)
      .where('building_id', '=', buildingId)
      .executeTakeFirst();
    if (b) covering.push(r);
  }
  return covering[0] ?? rows[0];
}

export async function makePlannedWorkOrder(db: Db, o: PlannedOptions): Promise<PlannedFixture> {
  const n = ++counter;
  const at = o.at.toISOString();
  const building = await db
    .selectFrom('buildings')
    .select('id')
    .where('code', '=', o.building ?? 'MI-B01')
    .executeTakeFirstOrThrow();
  const cls = await db
    .selectFrom('technology_classes')
    .select('id')
    .where('code', '=', o.classCode ?? 'TER')
    .executeTakeFirstOrThrow();
  const contract = await contractFor(db, cls.id, building.id);
  const dueOn = o.dueOn ?? '2026-03-20';
  const month = dueOn.slice(0, 7);
  const activity = o.activity ?? `Manutenzione caldaia ${n}`;
  const checklist = o.checklist ?? DEFAULT_CHECKLIST;
  const requiredDocuments = o.requiredDocuments ?? [];

  const planId = randomUUID();
  await db
    .insertInto('maintenance_plans')
    .values({
      id: planId,
      code: `TEST-PLAN-${n}-${randomUUID().slice(0, 8)}`,
      activity,
      description: null,
      building_id: building.id,
      technology_class_id: cls.id,
      asset_id: o.assetId ?? null,
      schedule_kind: o.scheduleKind ?? 'calendar',
      rrule: o.scheduleKind === 'meter' ? null : 'FREQ=MONTHLY',
      starts_on: '2026-01-01',
      ends_on: null,
      season_from: null,
      season_to: null,
      last_done_on: null,
      meter_id: o.meterId ?? null,
      meter_every_milli: o.meterId ? 500_000 : null,
      meter_last_trigger_milli: null,
      checklist: JSON.stringify(checklist),
      required_documents: JSON.stringify(requiredDocuments),
      regulation: null,
      estimated_minutes: 60,
      created_at: at,
      updated_at: at,
    })
    .execute();

  let program = await db
    .selectFrom('programs')
    .select('id')
    .where('contract_id', '=', contract.id)
    .where('month', '=', month)
    .executeTakeFirst();
  if (!program) {
    program = { id: randomUUID() };
    await db
      .insertInto('programs')
      .values({
        id: program.id,
        contract_id: contract.id,
        month,
        status: 'published',
        remarks: null,
        submitted_at: at,
        approved_at: at,
        published_at: at,
        published_by_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  const year = Number(dueOn.slice(0, 4));
  const counterRow = await db
    .insertInto('ticket_counters')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb('ticket_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  const ticketNumber = `${year}-${String(counterRow.last).padStart(6, '0')}`;
  const ticketId = randomUUID();
  await db
    .insertInto('tickets')
    .values({
      id: ticketId,
      number: ticketNumber,
      status: 'in_progress',
      channel: 'planned',
      kind: 'planned',
      requester_id: null,
      caller_name: null,
      caller_phone: null,
      caller_email: null,
      opened_by_id: null,
      building_id: building.id,
      space_id: null,
      asset_id: o.assetId ?? null,
      subject: activity,
      description: activity,
      priority: null,
      language: 'it',
      created_at: at,
      updated_at: at,
    })
    .execute();

  const itemId = randomUUID();
  const workOrderId = randomUUID();
  const number = `${ticketNumber}/1`;
  await db
    .insertInto('program_items')
    .values({
      id: itemId,
      program_id: program.id,
      plan_id: planId,
      occurrence_key: dueOn,
      source: o.scheduleKind ?? 'calendar',
      building_id: building.id,
      asset_id: o.assetId ?? null,
      technology_class_id: cls.id,
      activity,
      due_on: dueOn,
      planned_on: dueOn,
      shift_reason: null,
      window_from: '09:00',
      window_to: '12:00',
      technician: 'Mario Rossi',
      ticket_id: ticketId,
      work_order_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('work_orders')
    .values({
      id: workOrderId,
      number,
      kind: 'planned',
      ticket_id: ticketId,
      status: o.status ?? 'planned',
      outcome: null,
      building_id: building.id,
      space_id: null,
      asset_id: o.assetId ?? null,
      technology_class_id: cls.id,
      contract_id: contract.id,
      contractor_id: contract.contractor_id,
      priority: 'ordinary',
      description: activity,
      location: null,
      issued_by_id: null,
      issued_at: at,
      created_at: at,
      updated_at: at,
      program_item_id: itemId,
      plan_id: planId,
      due_on: dueOn,
      technician: 'Mario Rossi',
      checklist: JSON.stringify(checklist),
      checklist_results: null,
      required_documents: JSON.stringify(requiredDocuments),
      late_at: null,
      planned_work_order_id: null,
    })
    .execute();
  await db.updateTable('program_items').set({ work_order_id: workOrderId }).where('id', '=', itemId).execute();
  await db
    .insertInto('events')
    .values({
      id: newSortableId(),
      ticket_id: ticketId,
      work_order_id: workOrderId,
      at,
      actor_id: null,
      actor_label: 'Presidio',
      action: 'publish',
      from_state: null,
      to_state: 'planned',
      data: JSON.stringify({ programId: program.id }),
    })
    .execute();
  return {
    planId,
    programId: program.id,
    itemId,
    ticketId,
    ticketNumber,
    workOrderId,
    number,
    contractId: contract.id,
    contractorId: contract.contractor_id,
    buildingId: building.id,
  };
}
