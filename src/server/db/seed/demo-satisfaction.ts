// Demo satisfaction loop (#11 item 4), after the demo activity: its low ratings already opened
// their follow-ups (the ratings went through the rating link). The older one — the hot computer
// room, 2 stars, closed — was handled by its building manager: assigned, outcome recorded, done,
// the day after the rating. The lab door (1 star, work not done, back in progress) stays open and
// unassigned: the building manager's to handle, as the guide shows.
import type { AppContext } from '../../context.ts';
import { patchFollowUp } from '../../modules/ratings/satisfaction.service.ts';
import { principal } from './demo-money.ts';

export interface DemoSatisfaction {
  open: number;
  done: number;
}

const OUTCOME =
  'Telefonato alla prof.ssa Bianchi: scuse per il ritardo e per il silenzio durante la riparazione. ' +
  'Chiesto alla ditta di avvisare il richiedente a ogni cambio di data; verificheremo nel prossimo stato di avanzamento.';

export async function seedDemoSatisfaction(ctx: AppContext): Promise<DemoSatisfaction> {
  const rows = await ctx.db
    .selectFrom('rating_follow_ups as f')
    .innerJoin('tickets as t', 't.id', 'f.ticket_id')
    .select(['f.id', 'f.status', 'f.version', 't.status as ticket_status', 't.building_id', 't.rated_at'])
    .orderBy('f.created_at')
    .execute();
  const toClose = rows.find((r) => r.status === 'open' && r.ticket_status === 'closed' && r.rated_at);
  if (toClose) {
    const manager = await ctx.db
      .selectFrom('building_managers as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.username')
      .where('m.building_id', '=', toClose.building_id)
      .where('u.active', '=', 1)
      .orderBy('u.username')
      .executeTakeFirst();
    const bm = manager && (await principal(ctx, manager.username));
    if (bm) {
      const nextDay = new Date(Date.parse(toClose.rated_at!) + 86_400_000);
      const at: AppContext = { ...ctx, now: () => nextDay };
      const assigned = await patchFollowUp(at, bm, toClose.id, { version: Number(toClose.version), assignedToId: bm.userId });
      await patchFollowUp({ ...ctx, now: () => new Date(nextDay.getTime() + 2 * 3_600_000) }, bm, toClose.id, {
        version: assigned.version,
        outcome: OUTCOME,
        done: true,
      });
    }
  }
  const after = await ctx.db.selectFrom('rating_follow_ups').select('status').execute();
  return { open: after.filter((r) => r.status === 'open').length, done: after.filter((r) => r.status === 'done').length };
}
