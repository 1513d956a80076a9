// The demo's penalty/reward scheme (src/server/db/seed/demo-kpi.ts) on both engines, after the demo
// activity and before the statements: lots 2 and 3 have the scheme, lot 2's report of last month is
// signed off (its penalty in the register or its reward) and billed by last month's statement, lot
// 3's waits for the building manager's review.
import { expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { seedDemoActivity } from '../src/server/db/seed/demo-activity.ts';
import { seedDemoKpi } from '../src/server/db/seed/demo-kpi.ts';
import { seedDemoStatements } from '../src/server/db/seed/demo-statements.ts';
import type { AppContext } from '../src/server/context.ts';
import { describeEachDb } from './helpers/app.ts';
import { ok, type Obj } from './fixtures/workflow/workflow.ts';

describeEachDb('demo indicator reports', (env) => {
  const ctx = (): AppContext => ({ db: env.db, config: env.config, now: () => env.clock.now });

  it('the demo activity is played', async () => {
    await seedDemoActivity(ctx(), { now: env.clock.now });
  });

  it('a signed-off indicator report of last month, billed by its statement; another to review', async () => {
    const seeded = await seedDemoKpi(ctx(), { now: env.clock.now });
    expect(seeded.signedOff).toHaveLength(1);
    expect(seeded.awaitingReview).toHaveLength(1);
    await seedDemoStatements(ctx(), { now: env.clock.now });

    const lastMonth = DateTime.fromJSDate(env.clock.now).setZone('Europe/Rome').minus({ months: 1 }).toFormat('yyyy-MM');
    const cs = await env.login('capo.servizio');
    const items = ok(await cs.get('/api/kpi-reports')).items as Obj[];
    const signed = items.find((r) => r.status === 'signed_off')!;
    expect(signed).toMatchObject({ period: lastMonth, contract: { lot: 'Lotto 2' }, reviewNote: expect.any(String) });
    expect(signed.workOrders).toBeGreaterThan(0);
    expect(signed.finalCents).toBe(signed.proposedCents);
    if (signed.finalCents < 0) expect(ok(await cs.get(`/api/penalties/${signed.penaltyId}`)).status).toBe('applied');
    if (signed.finalCents !== 0) {
      const statement = ok(await cs.get(`/api/statements/${signed.statementId}`));
      expect(statement).toMatchObject({ period: lastMonth, status: 'approved' });
    }
    const waiting = items.find((r) => r.status === 'generated')!;
    expect(waiting).toMatchObject({ period: lastMonth, contract: { lot: 'Lotto 3' } });
    const bm = await env.login('bm.centrale');
    expect(ok(await bm.get(`/api/kpi-reports/${waiting.id}`)).availableActions).toEqual(['review']);
  });
});
