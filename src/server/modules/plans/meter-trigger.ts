// A meter reading that passes a meter plan's next threshold "opens the activity": one program
// item (source 'meter', occurrence key meter:<threshold>) in the draft or returned program of
// the plan's contract for the reading's month — or of the first later month whose program is
// still open to changes. Runs inside the caller's transaction (the reading's).
import { DateTime } from 'luxon';
import { pickContract } from '../../../domain/contract-resolver.ts';
import { meterTrigger } from '../../../domain/planned/recurrence.ts';
import type { Db } from '../../db/create-db.ts';
import type { MaintenancePlanRow } from '../../db/schema.ts';
import { contractsCovering } from '../registry/contracts.repository.ts';
import * as repo from './plans.repository.ts';

/** The last threshold already behind a meter at `valueMilli` (a new plan does not open the past). */
export const thresholdBehind = (valueMilli: number | null, everyMilli: number): number =>
  valueMilli === null || !(everyMilli > 0) ? 0 : Math.floor(valueMilli / everyMilli) * everyMilli;

const OPEN = new Set(['draft', 'returned']);
/** How many months ahead a meter activity may go looking for an open program. */
const MONTHS_AHEAD = 12;

export interface Opened {
  planId: string;
  thresholdMilli: number;
  programId: string;
  programItemId: string;
  month: string;
}

type Plan = Pick<MaintenancePlanRow, 'id' | 'building_id' | 'technology_class_id' | 'asset_id' | 'activity'> & {
  meter_every_milli: number | string | null;
  meter_last_trigger_milli: number | string | null;
};

/**
 * Opens the plan's activity for a reading, if it passes a new threshold and a contract covers the
 * plan in the reading's month; null otherwise (then the threshold stays unopened, so a later
 * reading opens it once a contract exists).
 */
export async function openMeterActivity(
  trx: Db,
  plan: Plan,
  valueMilli: number,
  readAt: string,
  ids: { newId: () => string; now: string },
): Promise<Opened | null> {
  const last = plan.meter_last_trigger_milli == null ? null : Number(plan.meter_last_trigger_milli);
  const every = Number(plan.meter_every_milli);
  if (!(every > 0)) return null;
  // Passing two thresholds at once opens one activity; a lower reading never reopens an old one.
  const trigger = meterTrigger(every, last, valueMilli);
  if (!trigger.open || trigger.newLastTriggerMilli === null) return null;
  const threshold = trigger.newLastTriggerMilli;
  const occurrenceKey = `meter:${threshold}`;
  if (await repo.programItemExists(trx, plan.id, occurrenceKey)) return null;

  const readOn = DateTime.fromISO(readAt, { zone: 'utc' }).setZone('Europe/Rome');
  for (let ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
    const monthStart = readOn.startOf('month').plus({ months: ahead });
    const month = monthStart.toFormat('yyyy-MM');
    const dueOn = ahead === 0 ? readOn.toISODate()! : monthStart.toISODate()!;
    const candidates = (await contractsCovering(trx, plan.building_id, plan.technology_class_id, { kind: 'all' })).map((r) => ({
      id: r.id as string,
      lot: r.lot as string,
      cig: r.cig as string,
      active: Number(r.active) === 1,
      startsOn: r.starts_on as string,
      endsOn: r.ends_on as string,
    }));
    const picked = pickContract(candidates, dueOn);
    if (!picked.ok) return null;
    let program = await repo.programOf(trx, picked.contract.id, month);
    if (!program) {
      const id = ids.newId();
      await repo.insertProgram(trx, {
        id,
        contract_id: picked.contract.id,
        month,
        status: 'draft',
        created_at: ids.now,
        updated_at: ids.now,
        version: 1,
      });
      program = { id, status: 'draft', month };
    }
    if (!OPEN.has(program.status)) continue;
    if (!(await repo.advanceTrigger(trx, plan.id, last, threshold, ids.now))) return null; // another reading opened it
    const itemId = ids.newId();
    await repo.insertProgramItem(trx, {
      id: itemId,
      program_id: program.id,
      plan_id: plan.id,
      occurrence_key: occurrenceKey,
      source: 'meter',
      building_id: plan.building_id,
      asset_id: plan.asset_id,
      technology_class_id: plan.technology_class_id,
      activity: plan.activity,
      due_on: dueOn,
      planned_on: dueOn,
      created_at: ids.now,
      updated_at: ids.now,
      version: 1,
    });
    return { planId: plan.id, thresholdMilli: threshold, programId: program.id, programItemId: itemId, month };
  }
  return null;
}
