// After a plan edit, the plan's occurrences still to come follow the new rule in the programs the
// contractor still holds (draft, returned): the domain's planRegeneration says which future,
// unpublished items go and which new dates come. Submitted, approved and published programs, past
// dates and meter-opened items are left as they are: an edit never rewrites what was announced,
// reviewed or done (docs/PLANNED.md "Monthly programs").
import { planRegeneration } from '../../../domain/planned/recurrence.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { romeDate } from '../tickets/workflow-helpers.ts';
import { occurrenceRows } from './programs.service.ts';
import * as repo from './programs.repository.ts';

export async function replanAfterEdit(trx: Db, ctx: AppContext, planId: string): Promise<{ removed: number; added: number }> {
  const today = romeDate(ctx.now());
  const [programs, items] = await Promise.all([repo.openProgramsFrom(trx, today.slice(0, 7)), repo.itemsOfPlan(trx, planId)]);
  let removed = 0;
  let added = 0;
  for (const program of programs) {
    const existing = items
      .filter((i) => i.program_id === program.id && (i.source === 'calendar' || i.source === 'floating'))
      .map((i) => ({
        id: i.id,
        occurrenceKey: i.occurrence_key,
        dueOn: i.due_on,
        plannedOn: i.planned_on,
        published: Boolean(i.ticket_id || i.work_order_id),
      }));
    const otherKeys = items.filter((i) => i.program_id !== program.id).map((i) => i.occurrence_key);
    const generated = (await occurrenceRows(trx, ctx, program, planId)).map((r) => ({
      ...r,
      occurrenceKey: r.occurrence_key,
      dueOn: r.due_on,
    }));
    const change = planRegeneration(existing, generated, today, otherKeys);
    await repo.deleteItems(
      trx,
      change.remove.map((i) => i.id),
    );
    // The item rows, without the fields planRegeneration needed.
    added += await repo.insertItemsIfMissing(
      trx,
      change.add.map(({ occurrenceKey: _k, dueOn: _d, ...row }) => row),
    );
    removed += change.remove.length;
  }
  return { removed, added };
}
