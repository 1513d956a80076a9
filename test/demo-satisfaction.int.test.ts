// The demo satisfaction loop (src/server/db/seed/demo-satisfaction.ts) on both engines, after the
// demo activity: its two low ratings have their follow-ups, one done with an outcome by the
// building manager, one open for the guide; both show in the comments stream.
import { expect, it } from 'vitest';
import { seedDemoActivity } from '../src/server/db/seed/demo-activity.ts';
import { seedDemoSatisfaction } from '../src/server/db/seed/demo-satisfaction.ts';
import type { AppContext } from '../src/server/context.ts';
import { describeEachDb } from './helpers/app.ts';
import { ok, type Obj } from './fixtures/workflow/workflow.ts';

describeEachDb('demo satisfaction', (env) => {
  const ctx = (): AppContext => ({ db: env.db, config: env.config, now: () => env.clock.now });

  it('two low ratings followed up: one done with its outcome, one open', async () => {
    await seedDemoActivity(ctx(), { now: env.clock.now });
    expect(await seedDemoSatisfaction(ctx())).toEqual({ open: 1, done: 1 });

    const capo = await env.login('capo.servizio');
    const followUps = ok(await capo.get('/api/rating-follow-ups')).items as Obj[];
    expect(followUps.map((f) => [f.status, f.stars, f.workDone])).toEqual([
      ['open', 1, false],
      ['done', 2, true],
    ]);
    const done = followUps[1];
    expect(done.outcome).toContain('prof.ssa Bianchi');
    expect(done.doneBy.id).toBe(done.assignedTo.id);
    expect(Date.parse(done.doneAt)).toBeLessThan(env.clock.now.getTime());
    // The building manager of the open one sees it, and the low scores are in the stream.
    const dmec = await env.login('bm.dmec');
    expect(ok(await dmec.get('/api/rating-follow-ups?status=open')).items.map((f: Obj) => f.id)).toEqual([followUps[0].id]);
    const low = ok(await capo.get('/api/ratings?limit=200')).items.filter((r: Obj) => r.stars <= 2);
    expect(low.map((r: Obj) => r.followUp?.status).sort()).toEqual(['done', 'open']);
    // Seeding again changes nothing.
    expect(await seedDemoSatisfaction(ctx())).toEqual({ open: 1, done: 1 });
  });
});
