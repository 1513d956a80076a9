// Lateness and compliance of planned work orders, and the in-plan link of a fault, on both engines:
// the lateness job marks late once (after the end of the due date's month in Rome), tells the building managers and
// the contractor over SMTP, proposes the contract's fixed penalty that then goes through the usual
// procedure (contest → counter_argue → apply); compliance per contract, building and month, in
// scope; a fault closed "in plan" names an open planned work order and its requester is told the date.
import { expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { describeEachDb, type Client } from './helpers/app.ts';
import { act, eventTrail, MAIL, move, ok, openTicket, outboxByKind, refs, type Obj } from './fixtures/workflow/workflow.ts';
import { makePlannedWorkOrder, type PlannedFixture, type PlannedOptions } from './helpers/planned.ts';
import { createPlannedLateness } from '../src/server/jobs/planned-lateness.ts';

const QUIET = { info() {}, warn() {}, error() {} };

describeEachDb(
  'planned lateness, compliance, in-plan link',
  (env) => {
    let admin: Client, bm: Client, ter: Client, ele: Client, capo: Client, requester: Client;
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };
    const make = (o: Partial<PlannedOptions> = {}) => makePlannedWorkOrder(env.db, { at: env.clock.now, ...o });
    const run = () => createPlannedLateness(env.app.ctx, QUIET, 2).runOnce();
    let late: PlannedFixture, onTime: PlannedFixture;

    it('logs everyone in', async () => {
      at('2026-03-10T09:00:00Z');
      [admin, bm, ter, ele, capo, requester] = await Promise.all(
        ['admin', 'bm.centrale', 'ditta.termica', 'ditta.elettrica', 'capo.servizio', 'richiedente'].map((u) => env.login(u)),
      );
    });

    it("late once the due date's month is over in Rome, once; planned_late to the building managers and the contractor; a fixed penalty proposed", async () => {
      at('2026-03-10T09:00:00Z');
      late = await make({ dueOn: '2026-03-20', status: 'scheduled' });
      onTime = await make({ dueOn: '2026-03-20', status: 'in_progress' });
      const cancelled = await make({ dueOn: '2026-03-20', status: 'cancelled' });
      const notYet = await make({ dueOn: '2026-04-02' });
      ok(
        await admin.post(`/api/contracts/${late.contractId}/penalty-rules`, {
          kind: 'fixed',
          event: 'late_planned_activity',
          amountCents: 15_000,
        }),
        201,
      );

      at('2026-03-20T15:00:00Z');
      await move(ter, 'work-orders', onTime.workOrderId, 'complete', {
        report: 'Fatto',
        hours: 1,
        checklist: [
          { key: 'flame', ok: true },
          { key: 'co', value: 10 },
        ],
      });
      at('2026-03-25T09:00:00Z'); // past the due date, but the month is not over: not late yet
      expect(await run()).toEqual({ late: 0, failed: 0 });
      at('2026-03-31T21:59:00Z'); // 23:59 on the 31st in Rome (summer time): still on time
      expect(await run()).toEqual({ late: 0, failed: 0 });
      at('2026-03-31T22:01:00Z'); // 00:01 on 1 April in Rome
      // Two instances at once: one marks it, the other finds nothing left (claim + late_at IS NULL).
      const both = await Promise.all([run(), run()]);
      expect(both.map((r) => r.late).sort()).toEqual([0, 1]);
      expect(both.every((r) => r.failed === 0)).toBe(true);
      expect(await run()).toEqual({ late: 0, failed: 0 });

      const wo = ok(await bm.get(`/api/work-orders/${late.workOrderId}`));
      expect(wo).toMatchObject({ late: true, lateAt: '2026-03-31T22:01:00.000Z', status: 'scheduled' });
      for (const p of [onTime, cancelled, notYet]) expect(ok(await bm.get(`/api/work-orders/${p.workOrderId}`)).late).toBe(false);
      expect(await eventTrail(bm, late.ticketId)).toEqual(['work_order:publish -→planned', 'work_order:mark_late scheduled→scheduled']);
      expect(await outboxByKind(env, late.ticketId)).toEqual({ planned_late: [MAIL.bmCentrale, MAIL.termica].sort() });

      const [p] = ok(await capo.get(`/api/penalties?workOrderId=${late.workOrderId}`)).items;
      expect(p).toMatchObject({ status: 'proposed', proposedCents: 15_000 });
      expect(ok(await capo.get(`/api/penalties?workOrderId=${onTime.workOrderId}`)).items).toEqual([]);
    });

    it('the late penalty follows the contestation procedure: contest → counter_argue → apply', async () => {
      at('2026-04-02T09:00:00Z');
      const [p] = ok(await capo.get(`/api/penalties?workOrderId=${late.workOrderId}`)).items;
      const pact = (c: Client, action: string, fields: Obj) => act(c as never, 'penalties' as never, p.id, action, fields);
      expect(ok(await pact(bm, 'contest', { note: 'Manutenzione caldaia non eseguita entro il 20 marzo' })).status).toBe('contested');
      at('2026-04-03T09:00:00Z');
      expect(ok(await pact(ter, 'counter_argue', { text: 'Centrale termica inaccessibile il 20 marzo' })).status).toBe('counter_argued');
      const applied = ok(await pact(capo, 'apply', { reason: 'Controdeduzioni non accolte' }));
      expect(applied).toMatchObject({ status: 'applied', finalCents: 15_000 });
      expect(applied.timeline.map((e: Obj) => `${e.action}:${e.to}`)).toEqual([
        'propose:proposed',
        'contest:contested',
        'counter_argue:counter_argued',
        'apply:applied',
      ]);
    });

    it('a work order completed after its month is late at completion (the job has not seen it yet); the proposal stays within the cap', async () => {
      at('2026-03-10T09:00:00Z');
      const p = await make({ dueOn: '2026-03-12', status: 'in_progress' });
      // The cap: 10% of the net amount, € 200 here; € 150 already applied leaves € 50 for this one.
      const net = await env.db.selectFrom('contracts').select('net_amount_cents').where('id', '=', p.contractId).executeTakeFirstOrThrow();
      await env.db.updateTable('contracts').set({ net_amount_cents: 200_000 }).where('id', '=', p.contractId).execute();
      at('2026-04-03T10:00:00Z');
      const done = await move(ter, 'work-orders', p.workOrderId, 'complete', {
        report: 'Fatto',
        hours: 1,
        checklist: [
          { key: 'flame', ok: true },
          { key: 'co', value: 10 },
        ],
      });
      expect(done).toMatchObject({ status: 'completed', late: true });
      const [clipped] = ok(await capo.get(`/api/penalties?workOrderId=${p.workOrderId}`)).items;
      expect(clipped).toMatchObject({ status: 'proposed', proposedCents: 5_000, computedCents: 15_000 });
      await env.db.updateTable('contracts').set({ net_amount_cents: net.net_amount_cents }).where('id', '=', p.contractId).execute();
      expect(await run()).toEqual({ late: 0, failed: 0 });
    });

    it('compliance per contract, building and month; a contractor sees only its own contracts', async () => {
      at('2026-04-05T09:00:00Z');
      const q = `/api/planned-compliance?contractId=${late.contractId}&from=2026-03-20&to=2026-03-21`;
      const rows = ok(await bm.get(q)).items;
      expect(rows).toEqual([
        expect.objectContaining({
          contractId: late.contractId,
          buildingCode: 'MI-B01',
          month: '2026-03',
          due: 2,
          doneOnTime: 1,
          late: 1,
          pct: 50,
        }),
      ]);
      // The cancelled one does not count.
      expect(ok(await ter.get(q)).items).toEqual(rows);
      expect(ok(await ele.get(q)).items).toEqual([]);
      expect((await requester.get(q)).statusCode).toBe(403);
      expect((await bm.get('/api/planned-compliance?from=2026-03-21&to=2026-03-20')).statusCode).toBe(400);
    });

    it('in plan: the fault names an open planned work order of its building; the requester is told its number and date', async () => {
      at('2026-04-06T09:00:00Z');
      const r = await refs(env);
      const planned = await make({ dueOn: '2026-04-15' });
      const elsewhere = await make({ dueOn: '2026-04-15', building: 'MI-B02' });
      const t = await openTicket(requester, {
        buildingId: await r.building('MI-B01'),
        subject: 'Termosifone freddo',
        description: 'Il termosifone in aula è freddo.',
      });
      await move(bm, 'tickets', t.id, 'qualify', {});
      const issued = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('TER'),
        priority: 'ordinary',
        description: 'Verificare il radiatore',
      });
      const w = issued.workOrders[0];
      await move(ter, 'work-orders', w.id, 'acknowledge');
      await move(ter, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-04-07T08:00:00Z' });
      await move(ter, 'work-orders', w.id, 'record_inspection', {
        findings: 'Valvola bloccata: la sostituzione è nella manutenzione di aprile',
      });

      for (const bad of [elsewhere.workOrderId, late.workOrderId === planned.workOrderId ? '' : onTime.workOrderId, crypto.randomUUID()]) {
        const res = await act(bm, 'work-orders', w.id, 'mark_in_plan', {
          plannedActivity: 'Manutenzione di aprile',
          plannedWorkOrderId: bad,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().errors).toEqual([expect.objectContaining({ field: 'plannedWorkOrderId', code: 'plannedWorkOrder' })]);
      }
      const closed = await move(bm, 'work-orders', w.id, 'mark_in_plan', {
        plannedActivity: 'Manutenzione di aprile',
        plannedWorkOrderId: planned.workOrderId,
      });
      expect(closed).toMatchObject({
        status: 'closed',
        outcome: 'in_plan',
        plannedWorkOrder: { id: planned.workOrderId, number: planned.number, date: '2026-04-15' },
      });

      const sent = await outboxByKind(env, t.id);
      expect(sent.in_plan_date).toEqual([MAIL.richiedente]);
      const mail = await env.db
        .selectFrom('outbox')
        .select('text_body')
        .where('ticket_id', '=', t.id)
        .where('kind', '=', 'in_plan_date')
        .executeTakeFirstOrThrow();
      expect(mail.text_body).toContain(planned.number);
      expect(mail.text_body).toContain('Data prevista: 15 aprile 2026.');
      const mirror = ok(await bm.get(`/api/tickets/${planned.ticketId}/timeline`)).items.find(
        (i: Obj) => i.event?.action === 'in_plan_link',
      );
      expect(mirror.event.data).toMatchObject({ faultWorkOrderId: w.id, faultTicketId: t.id });
      const fault = ok(await bm.get(`/api/tickets/${t.id}/timeline`)).items.find((i: Obj) => i.event?.action === 'mark_in_plan');
      expect(fault.event.data).toMatchObject({ plannedWorkOrderId: planned.workOrderId, plannedWorkOrderNumber: planned.number });

      // The contractor proposes with the link; the requester is told once the building manager confirms.
      const t2 = await openTicket(requester, {
        buildingId: await r.building('MI-B01'),
        subject: 'Termosifone rumoroso',
        description: 'Il termosifone fischia.',
      });
      await move(bm, 'tickets', t2.id, 'qualify', {});
      const w2 = (
        await move(bm, 'tickets', t2.id, 'issue', {
          technologyClassId: await r.cls('TER'),
          priority: 'ordinary',
          description: 'Verificare il radiatore',
        })
      ).workOrders[0];
      await move(ter, 'work-orders', w2.id, 'acknowledge');
      await move(ter, 'work-orders', w2.id, 'schedule_inspection', { inspectionAt: '2026-04-07T09:00:00Z' });
      await move(ter, 'work-orders', w2.id, 'record_inspection', { findings: "Aria nell'impianto" });
      const proposed = await move(ter, 'work-orders', w2.id, 'mark_in_plan', {
        plannedActivity: 'Manutenzione di aprile',
        plannedWorkOrderId: planned.workOrderId,
      });
      expect(proposed).toMatchObject({ status: 'in_plan_proposed', plannedWorkOrder: { id: planned.workOrderId } });
      expect(
        await env.db.selectFrom('outbox').select('id').where('ticket_id', '=', t2.id).where('kind', '=', 'in_plan_date').execute(),
      ).toHaveLength(0);
      expect(await move(bm, 'work-orders', w2.id, 'confirm_in_plan')).toMatchObject({
        status: 'closed',
        outcome: 'in_plan',
        plannedWorkOrder: { id: planned.workOrderId },
      });
      expect((await outboxByKind(env, t2.id)).in_plan_date).toEqual([MAIL.richiedente]);
    });
  },
  { env: { ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-planned-late-${process.pid}`), SESSION_TTL_HOURS: '720' } },
);
