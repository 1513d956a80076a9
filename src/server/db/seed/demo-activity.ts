// Demo activity for `npm start` on an empty database: after the registry demo (demo.ts), 37
// tickets of the last six weeks are PLAYED through the real workflow services — openTicket,
// the ticket and work-order actions, comments, the rating link — each step with the clock set to
// its instant (working hours, Europe/Rome). Events, notices (outbox rows, in-app notifications),
// numbers, quotes and ratings are therefore exactly what real use produces; nothing is written
// around the services. The stories are in demo-activity.stories.ts, their tools in demo-story.ts.
//
// Deterministic: the stories are fixed and timed relative to opts.now (no randomness here; ids,
// tokens and time-ordered event ids come from the services as in real use).
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { demoStories } from './demo-activity.stories.ts';
import { seedDemoPenalties } from './demo-penalties.ts';
import { seedDemoInbox } from './demo-inbox.ts';
import { demoClock, loadActors, loadRefs } from './demo-story.ts';

export { seedDemoPenalties } from './demo-penalties.ts';

// --- play ----------------------------------------------------------------------------------------

function describeError(e: unknown): string {
  if (e instanceof AppError) {
    return `${e.code} ${JSON.stringify({ params: e.params, issues: e.issues })}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Plays the demo stories into a database that has the registry demo and no ticket yet; on a
 * database that already has tickets it does nothing (returns zeros). Every step runs with the
 * clock at its own instant; steps of all stories are played in time order, so numbers, ids and
 * notices follow the calendar as they would in real use.
 */
export async function seedDemoActivity(ctx: AppContext, opts: { now: Date }): Promise<{ tickets: number; workOrders: number }> {
  const any = await ctx.db.selectFrom('tickets').select('id').limit(1).executeTakeFirst();
  if (any) return { tickets: 0, workOrders: 0 };

  const [refs, actors] = await Promise.all([loadRefs(ctx.db), loadActors(ctx.db)]);
  const stories = demoStories(refs, demoClock(opts.now));
  const steps = stories.flatMap((s, si) => s.steps.map((step, k) => ({ step, story: s, si, k })));
  steps.sort((a, b) => a.step.at - b.step.at || a.si - b.si || a.k - b.k);

  const limit = opts.now.getTime();
  for (const { step, story } of steps) {
    const at = new Date(step.at);
    if (step.at >= limit) throw new Error(`demo activity: story ${story.key}: "${step.what}" at ${at.toISOString()} is not in the past`);
    try {
      await step.run({ ...ctx, now: () => at }, actors);
    } catch (e) {
      throw new Error(`demo activity: story ${story.key}, "${step.what}" at ${at.toISOString()}: ${describeError(e)}`, { cause: e });
    }
  }

  await seedDemoPenalties(ctx, opts);
  await seedDemoInbox(ctx, opts);
  return { tickets: stories.length, workOrders: stories.reduce((n, s) => n + s.workOrderIds.length, 0) };
}
