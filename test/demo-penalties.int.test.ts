// The demo penalties (src/server/db/seed/demo-penalties.ts) on both engines: after the demo activity
// the electrical and HVAC lots have rules within the legal range, and penalties proposed, reduced
// (contested, term expired) and applied (contested, counter-argued), every one under the cap.
import { expect, it } from 'vitest';
import { seedDemoActivity } from '../src/server/db/seed/demo-activity.ts';
import type { AppContext } from '../src/server/context.ts';
import { describeEachDb } from './helpers/app.ts';

describeEachDb('demo penalties', (env) => {
  const ctx = (): AppContext => ({ db: env.db, config: env.config, now: () => env.clock.now });

  it('seeds rules on the electrical and HVAC lots and penalties proposed, applied and reduced', async () => {
    await seedDemoActivity(ctx(), { now: env.clock.now });
    const rules = await env.db
      .selectFrom('penalty_rules as r')
      .innerJoin('contracts as k', 'k.id', 'r.contract_id')
      .select(['k.lot', 'r.kind'])
      .execute();
    // SLA rules on lots 2 and 3; the fire-safety lot 4 has only the fixed late-planned-activity rule (#8).
    const sla = rules.filter((r) => r.kind !== 'fixed');
    expect(new Set(sla.map((r) => r.lot))).toEqual(new Set(['Lotto 2', 'Lotto 3']));
    expect(new Set(sla.map((r) => r.kind))).toEqual(new Set(['per_hour', 'per_day']));
    expect(rules.filter((r) => r.kind === 'fixed').map((r) => r.lot)).toEqual(['Lotto 4']);

    const penalties = await env.db.selectFrom('penalties').selectAll().execute();
    const statuses = new Set(penalties.map((p) => p.status));
    console.log(
      `demo penalties [${env.dialect}]: ${JSON.stringify(penalties.map((p) => [p.status, Number(p.proposed_cents), p.final_cents === null ? null : Number(p.final_cents)]))}`,
    );
    for (const s of ['proposed', 'applied', 'reduced']) expect(statuses.has(s), s).toBe(true);
    for (const p of penalties) {
      if (p.status === 'reduced') expect(Number(p.final_cents)).toBeLessThan(Number(p.proposed_cents));
      if (p.status === 'applied') expect(Number(p.final_cents)).toBe(Number(p.proposed_cents));
      expect(p.created_at <= env.clock.now.toISOString()).toBe(true);
    }
    // Every step is an event of its own, by the right people, in the past.
    const actions = await env.db.selectFrom('events').select(['action', 'at']).where('penalty_id', 'is not', null).execute();
    for (const a of ['propose', 'contest', 'counter_argue', 'apply', 'reduce'])
      expect(
        actions.some((e) => e.action === a),
        a,
      ).toBe(true);
    for (const e of actions) expect(e.at <= env.clock.now.toISOString()).toBe(true);
  });

  it('keeps every contract under its cap', async () => {
    const admin = await env.login('admin');
    const contracts = await env.db.selectFrom('contracts').select(['id']).execute();
    for (const k of contracts) {
      const res = await admin.get(`/api/contracts/${k.id}/penalties/summary`);
      expect(res.statusCode).toBe(200);
      const s = res.json();
      expect(s.appliedCents + s.openCents).toBeLessThanOrEqual(s.capCents);
      expect(s.usedPercent).toBeLessThan(100);
    }
  });

  it('shows the building manager a proposed penalty with its available contest action', async () => {
    const bm = await env.login('bm.centrale');
    const list = (await bm.get('/api/penalties?status=proposed')).json();
    expect(list.items.length).toBeGreaterThan(0);
    const detail = (await bm.get(`/api/penalties/${list.items[0].id}`)).json();
    expect(detail.availableActions).toContain('contest');
    expect(detail.explanation).toBeTruthy();
  });
});
