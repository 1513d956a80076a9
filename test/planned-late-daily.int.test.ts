// The per-day penalty rule of planned lateness (#8), on both engines: a contract with the fixed
// '€ per late planned activity' rule and the daily rule (per_day, event late_planned_activity, no
// clock) gets two proposals per late planned work order; the daily one follows the whole days
// late while 'proposed' (the lateness job), stops at completion, stays once contested, and keeps
// within the contract's cap. The rule editor accepts the rule within the legal daily range only.
import { expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { describeEachDb, type Client } from './helpers/app.ts';
import { act, move, ok, type Obj } from './fixtures/workflow/workflow.ts';
import { makePlannedWorkOrder, type PlannedFixture, type PlannedOptions } from './helpers/planned.ts';
import { createPlannedLateness } from '../src/server/jobs/planned-lateness.ts';

const QUIET = { info() {}, warn() {}, error() {} };
const NET = 10_000_000; // € 100,000: daily range € 30–100, cap € 10,000

describeEachDb(
  'planned lateness: the per-day penalty rule',
  (env) => {
    let admin: Client, bm: Client, ter: Client, capo: Client;
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };
    const make = (o: Partial<PlannedOptions> = {}) => makePlannedWorkOrder(env.db, { at: env.clock.now, ...o });
    const run = () => createPlannedLateness(env.app.ctx, QUIET, 2).runOnce();
    const penalties = async (p: PlannedFixture) => {
      const items: Obj[] = ok(await capo.get(`/api/penalties?workOrderId=${p.workOrderId}`)).items;
      return Object.fromEntries(items.map((i) => [String(i.breachKey).endsWith(':daily') ? 'daily' : 'fixed', i]));
    };
    let a: PlannedFixture, b: PlannedFixture, c: PlannedFixture;

    it('the rule editor takes a daily rule for late planned activities, within the legal range, one active', async () => {
      at('2026-03-10T09:00:00Z');
      [admin, bm, ter, capo] = await Promise.all(['admin', 'bm.centrale', 'ditta.termica', 'capo.servizio'].map((u) => env.login(u)));
      a = await make({ dueOn: '2026-03-20', status: 'scheduled' });
      b = await make({ dueOn: '2026-03-20', status: 'scheduled' });
      c = await make({ dueOn: '2026-03-20', status: 'scheduled' });
      await env.db.updateTable('contracts').set({ net_amount_cents: NET }).where('id', '=', a.contractId).execute();
      const rules = `/api/contracts/${a.contractId}/penalty-rules`;
      ok(await admin.post(rules, { kind: 'fixed', event: 'late_planned_activity', amountCents: 15_000 }), 201);

      const low = await admin.post(rules, { kind: 'per_day', event: 'late_planned_activity', amountCents: 2_000 }); // € 20 = 0.2‰
      expect(low.statusCode).toBe(400);
      expect(low.json().errors).toEqual([expect.objectContaining({ field: 'amountCents', code: 'penaltyRange' })]);
      const mixed = await admin.post(rules, {
        kind: 'per_day',
        event: 'late_planned_activity',
        clock: 'resolution',
        priority: 'urgent',
        amountCents: 5_000,
      });
      expect(mixed.statusCode).toBe(400);

      const daily = ok(await admin.post(rules, { kind: 'per_day', event: 'late_planned_activity', amountCents: 5_000 }), 201);
      expect(daily).toMatchObject({
        kind: 'per_day',
        event: 'late_planned_activity',
        clock: null,
        priority: null,
        dailyPerMille: 0.5,
        active: true,
      });
      const dup = await admin.post(rules, { kind: 'per_mille_per_day', event: 'late_planned_activity', perMille: 0.5 });
      expect(dup.statusCode).toBe(409);
    });

    it('late → two proposals; the daily one counts whole Rome days after the deadline', async () => {
      at('2026-03-31T22:01:00Z'); // 00:01 on 1 April in Rome: one day late
      expect((await run()).late).toBe(3);
      const p = await penalties(a);
      expect(Object.keys(p).sort()).toEqual(['daily', 'fixed']);
      expect(p.fixed).toMatchObject({ status: 'proposed', proposedCents: 15_000 });
      expect(p.daily).toMatchObject({ status: 'proposed', proposedCents: 5_000, computedCents: 5_000 });
    });

    it('grows on later runs while proposed; stays once contested', async () => {
      at('2026-04-02T09:00:00Z');
      const daily = (await penalties(b)).daily;
      expect(ok(await act(bm as never, 'penalties' as never, daily.id, 'contest', { note: 'Ritardo' })).status).toBe('contested');
      at('2026-04-05T09:00:00Z'); // 5 days after 31 March
      expect(await run()).toEqual({ late: 0, failed: 0 });
      expect((await penalties(a)).daily).toMatchObject({ status: 'proposed', proposedCents: 25_000 });
      expect((await penalties(b)).daily).toMatchObject({ status: 'contested', proposedCents: 5_000 });
      // A repeated run changes nothing and counts nothing twice.
      await run();
      expect(
        Object.values(await penalties(a))
          .map((x) => x.proposedCents)
          .sort(),
      ).toEqual([15_000, 25_000]);
    });

    it('stops at completion', async () => {
      at('2026-04-06T10:00:00Z');
      [ter, capo] = await Promise.all(['ditta.termica', 'capo.servizio'].map((u) => env.login(u))); // sessions idle out
      await move(ter, 'work-orders', a.workOrderId, 'start_work', {});
      await move(ter, 'work-orders', a.workOrderId, 'complete', {
        report: 'Fatto',
        hours: 1,
        checklist: [
          { key: 'flame', ok: true },
          { key: 'co', value: 10 },
        ],
      });
      expect((await penalties(a)).daily).toMatchObject({ status: 'proposed', proposedCents: 30_000 });
      at('2026-04-15T09:00:00Z');
      await run();
      expect((await penalties(a)).daily).toMatchObject({ proposedCents: 30_000 });
      const trail = ok(await capo.get(`/api/penalties/${(await penalties(a)).daily.id}`)).timeline.map((e: Obj) => e.action);
      expect(trail).toEqual(['propose', 'recompute', 'recompute']);
    });

    it('keeps within the cap', async () => {
      // Open elsewhere: a 15,000 + 30,000, b 15,000 + 5,000, c 15,000 → 80,000; a cap of 100,000 leaves c's daily 20,000.
      await env.db.updateTable('contracts').set({ net_amount_cents: 1_000_000 }).where('id', '=', c.contractId).execute();
      at('2026-04-20T09:00:00Z'); // 20 days: 100,000 computed
      capo = await env.login('capo.servizio');
      await run();
      expect((await penalties(c)).daily).toMatchObject({ status: 'proposed', computedCents: 100_000, proposedCents: 20_000 });
      expect((await penalties(b)).daily).toMatchObject({ status: 'contested', proposedCents: 5_000 });
      await env.db.updateTable('contracts').set({ net_amount_cents: NET }).where('id', '=', c.contractId).execute();
    });
  },
  { env: { ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-planned-daily-${process.pid}`), SESSION_TTL_HOURS: '720' } },
);
