// The demo statements (src/server/db/seed/demo-statements.ts) on both engines, after the demo
// activity: every contract has last month's statement approved and this month's in draft, the
// applied penalties in them, one draft blocked by an expired DURC and one with the warning.
import { expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { seedDemoActivity } from '../src/server/db/seed/demo-activity.ts';
import { seedDemoStatements } from '../src/server/db/seed/demo-statements.ts';
import type { AppContext } from '../src/server/context.ts';
import { describeEachDb } from './helpers/app.ts';
import { ok, type Obj } from './fixtures/workflow/workflow.ts';

describeEachDb('demo statements', (env) => {
  const ctx = (): AppContext => ({ db: env.db, config: env.config, now: () => env.clock.now });

  it('last month approved and this month in draft for every contract; the DURC states shown', async () => {
    await seedDemoActivity(ctx(), { now: env.clock.now });
    const seeded = await seedDemoStatements(ctx(), { now: env.clock.now });
    const contracts = await env.db.selectFrom('contracts').select('id').execute();
    expect(seeded).toEqual({ approved: contracts.length, drafts: contracts.length });

    const acc = await env.login('contabilita');
    const rome = DateTime.fromJSDate(env.clock.now).setZone('Europe/Rome');
    const items = ok(await acc.get('/api/statements?limit=200')).items as Obj[];
    const approved = items.filter((s) => s.status === 'approved');
    const drafts = items.filter((s) => s.status === 'draft');
    expect(approved.map((s) => s.period)).toEqual(contracts.map(() => rome.minus({ months: 1 }).toFormat('yyyy-MM')));
    expect(drafts.map((s) => s.period)).toEqual(contracts.map(() => rome.toFormat('yyyy-MM')));
    for (const s of items) expect(s.totals.flatFeeCents).toBeGreaterThan(0);
    expect(new Set(drafts.map((s) => s.durc.state))).toEqual(new Set(['valid', 'expiring', 'expired']));

    // The applied and reduced penalties of the demo are each in exactly one statement.
    const deducted = await env.db.selectFrom('penalties').select('id').where('status', 'in', ['applied', 'reduced']).execute();
    const held = await env.db.selectFrom('statement_items').select('penalty_id').where('penalty_id', 'is not', null).execute();
    expect(held.map((h) => h.penalty_id).sort()).toEqual(deducted.map((p) => p.id).sort());

    const blocked = drafts.find((s) => s.durc.state === 'expired')!;
    const res = await acc.post(`/api/statements/${blocked.id}/actions/approve`, { version: blocked.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('DURC_EXPIRED');
  });
});
