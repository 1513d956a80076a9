// Demo monthly programs (#8): from the demo maintenance plans, this month's program of every
// contract that has plans is generated, submitted by its contractor, approved by the central
// building manager and published by the service head (so the calendar and the planned tickets
// have something to show), and next month's is generated and submitted, waiting for the building
// managers' review — but for the lifts lot, whose next program the central building manager has
// returned with remarks. Played through the programs service, like the demo activity. No plans: nothing.
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { contractsActiveIn } from '../../modules/programs/programs.repository.ts';
import { ensureProgram, getProgram, patchItem, programAction } from '../../modules/programs/programs.service.ts';
import { monthBounds } from '../../modules/programs/schedule.ts';
import { loadActors, type Who } from './demo-story.ts';

const CONTRACTOR_OF_LOT: Record<string, Who> = {
  'Lotto 1': 'ditta.edile',
  'Lotto 2': 'ditta.elettrica',
  'Lotto 3': 'ditta.termica',
  'Lotto 4': 'ditta.antincendio',
  'Lotto 5': 'ditta.ascensori',
};

export async function seedDemoPrograms(
  ctx: AppContext,
  opts: { now: Date },
): Promise<{ published: number; submitted: number; returned: number }> {
  const out = { published: 0, submitted: 0, returned: 0 };
  if (await ctx.db.selectFrom('programs').select('id').limit(1).executeTakeFirst()) return out;
  const actors = await loadActors(ctx.db);
  const today = DateTime.fromJSDate(opts.now).setZone('Europe/Rome');
  const months = [today.toFormat('yyyy-MM'), today.plus({ months: 1 }).toFormat('yyyy-MM')];
  for (const [k, month] of months.entries()) {
    const { start, end } = monthBounds(month);
    for (const c of await contractsActiveIn(ctx.db, start, end)) {
      const lot = await ctx.db.selectFrom('contracts').select('lot').where('id', '=', c.id).executeTakeFirstOrThrow();
      const contractor = actors.get(CONTRACTOR_OF_LOT[lot.lot]);
      if (!contractor) continue;
      const { id } = await ensureProgram(ctx, { contractId: c.id, month }, { id: contractor.userId, label: contractor.displayName });
      const items = await ctx.db.selectFrom('program_items').select('id').where('program_id', '=', id).limit(1).executeTakeFirst();
      if (!items) {
        await ctx.db.deleteFrom('events').where('program_id', '=', id).execute();
        await ctx.db.deleteFrom('programs').where('id', '=', id).execute();
        continue;
      }
      let version = Number((await ctx.db.selectFrom('programs').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
      if (k === 0) {
        // The dispatcher gives this month's visits a time window (morning or afternoon) before submitting.
        const draft = await getProgram(ctx, contractor, id);
        for (const [n, item] of draft.items.entries()) {
          const window = n % 2 === 0 ? { windowFrom: '08:30', windowTo: '12:30' } : { windowFrom: '14:00', windowTo: '17:30' };
          version = (await patchItem(ctx, contractor, id, item.id, { ...window, version: item.version })).version;
        }
      }
      let p = await programAction(ctx, contractor, id, 'submit', { version });
      if (k === 0) {
        p = await programAction(ctx, actors.get('bm.centrale')!, id, 'approve', { version: p.version });
        await programAction(ctx, actors.get('capo.servizio')!, id, 'publish', { version: p.version, grouping: 'activity' });
        out.published++;
      } else if (lot.lot === 'Lotto 5') {
        await programAction(ctx, actors.get('bm.centrale')!, id, 'return', {
          version: p.version,
          remarks: "Spostare le visite agli ascensori della Biblioteca fuori dall'orario di apertura (dopo le 19).",
        });
        out.returned++;
      } else {
        out.submitted++;
      }
    }
  }
  return out;
}
