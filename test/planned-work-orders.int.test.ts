// Planned work orders (workflow 2) through the API on both engines: every action of the planned
// machine (state × action → status or refusal), completion with the checklist and the plan's
// documents, the follow-up fault of an out-of-range measurement (once), a floating plan's last
// completion, no SLA clock, and scope (another contractor reads 404).
import { expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { describeEachDb, type Client } from './helpers/app.ts';
import { act, eventTrail, FILES, MAIL, move, ok, outboxByKind, upload, type Obj } from './fixtures/workflow/workflow.ts';
import { makePlannedWorkOrder, type PlannedOptions } from './helpers/planned.ts';
import { createSlaWatcher } from '../src/server/jobs/sla-watcher.ts';

const QUIET = { info() {}, warn() {}, error() {} };

describeEachDb(
  'planned work orders',
  (env) => {
    let bm: Client, cc: Client, ter: Client, ele: Client;
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };
    const make = (o: Partial<PlannedOptions> = {}) => makePlannedWorkOrder(env.db, { at: env.clock.now, ...o });
    const CHECKLIST_OK = [
      { key: 'flame', ok: true },
      { key: 'co', value: 12 },
    ];
    const complete = (c: Client, id: string, extra: Obj = {}) =>
      act(c, 'work-orders', id, 'complete', { report: 'Pulizia bruciatore', hours: 2, checklist: CHECKLIST_OK, ...extra });

    it('logs everyone in', async () => {
      [bm, cc, ter, ele] = await Promise.all(['bm.centrale', 'callcenter', 'ditta.termica', 'ditta.elettrica'].map((u) => env.login(u)));
    });

    it('reads as a planned work order: kind, due date, checklist, documents, no SLA clocks; another contractor gets 404', async () => {
      const p = await make({ requiredDocuments: ['test_report'] });
      const wo = ok(await ter.get(`/api/work-orders/${p.workOrderId}`));
      expect(wo).toMatchObject({
        kind: 'planned',
        status: 'planned',
        dueOn: '2026-03-20',
        technician: 'Mario Rossi',
        planId: p.planId,
        programItemId: p.itemId,
        checklistResults: null,
        requiredDocuments: ['test_report'],
        missingDocuments: ['test_report'],
        late: false,
        followUpTicket: null,
        availableActions: ['schedule', 'reschedule'],
      });
      expect(wo.checklist.map((i: Obj) => i.key)).toEqual(['flame', 'co']);
      expect(wo.clocks).toBeUndefined();
      expect(ok(await bm.get(`/api/work-orders/${p.workOrderId}`)).availableActions).toEqual(['cancel']);
      // The in-plan picker's list: the building's open planned work orders (planned states are filters too).
      const open = ok(
        await bm.get(
          `/api/work-orders?kind=planned&buildingId=${p.buildingId}&status=planned&status=scheduled&status=waiting_materials&status=in_progress`,
        ),
      );
      expect(open.items.map((i: Obj) => i.id)).toContain(p.workOrderId);
      expect((await ele.get(`/api/work-orders/${p.workOrderId}`)).statusCode).toBe(404);
      expect((await act(ele, 'work-orders', p.workOrderId, 'schedule', { scheduledAt: '2026-03-18T08:00:00Z' })).statusCode).toBe(404);
    });

    it('every action of the planned machine: state × action → status or refusal', async () => {
      at('2026-03-10T09:00:00Z');
      // [from state, actor, action, fields, expected status | error code]
      type Row = [string, () => Client, string, Obj, string];
      const sched = { scheduledAt: '2026-03-18T08:00:00Z' };
      const rows: Row[] = [
        ['planned', () => ter, 'schedule', { ...sched, technician: 'Luigi Bianchi' }, 'scheduled'],
        ['planned', () => ter, 'reschedule', { ...sched, reason: 'Centrale occupata' }, 'scheduled'],
        ['planned', () => ter, 'start_work', {}, 'INVALID_STATE'],
        ['planned', () => ter, 'complete', { report: 'x', hours: 1, checklist: CHECKLIST_OK }, 'INVALID_STATE'],
        ['planned', () => bm, 'schedule', sched, 'FORBIDDEN'],
        ['planned', () => bm, 'cancel', { reason: 'Impianto dismesso' }, 'cancelled'],
        ['planned', () => ter, 'cancel', { reason: 'x' }, 'FORBIDDEN'],
        ['planned', () => ter, 'schedule', {}, 'VALIDATION_FAILED'],
        ['scheduled', () => ter, 'reschedule', { ...sched, reason: 'Pioggia' }, 'scheduled'],
        ['scheduled', () => ter, 'wait_materials', { expectedOn: '2026-03-25' }, 'waiting_materials'],
        ['scheduled', () => ter, 'start_work', {}, 'in_progress'],
        ['scheduled', () => bm, 'cancel', { reason: 'x' }, 'cancelled'],
        ['scheduled', () => ter, 'schedule', sched, 'INVALID_STATE'],
        ['waiting_materials', () => ter, 'resume', sched, 'scheduled'],
        ['waiting_materials', () => bm, 'cancel', { reason: 'x' }, 'cancelled'],
        ['waiting_materials', () => ter, 'start_work', {}, 'INVALID_STATE'],
        ['in_progress', () => ter, 'complete', { report: 'Fatto', hours: 1.5, checklist: CHECKLIST_OK }, 'completed'],
        ['in_progress', () => bm, 'cancel', { reason: 'x' }, 'INVALID_STATE'],
        ['in_progress', () => ter, 'open_follow_up', {}, 'INVALID_STATE'],
        ['completed', () => bm, 'verify', { note: 'ok' }, 'verified'],
        ['completed', () => cc, 'verify', {}, 'verified'],
        ['completed', () => cc, 'reject_completion', { reason: 'Manca il cartellino' }, 'scheduled'],
        ['completed', () => ter, 'verify', {}, 'FORBIDDEN'],
        ['completed', () => bm, 'open_follow_up', {}, 'NO_OUT_OF_RANGE'],
        ['verified', () => bm, 'cancel', { reason: 'x' }, 'INVALID_STATE'],
        ['verified', () => bm, 'reject_completion', { reason: 'x' }, 'INVALID_STATE'],
        ['cancelled', () => ter, 'schedule', sched, 'INVALID_STATE'],
        ['planned', () => ter, 'acknowledge', {}, 'NOT_FOUND'],
      ];
      for (const [state, who, action, fields, expected] of rows) {
        const p = await make({ status: state });
        if (state === 'completed' || state === 'verified') {
          await env.db
            .updateTable('work_orders')
            .set({ checklist_results: JSON.stringify(CHECKLIST_OK), completed_at: env.clock.now.toISOString() })
            .where('id', '=', p.workOrderId)
            .execute();
        }
        const res = await act(who(), 'work-orders', p.workOrderId, action, fields);
        const got = res.statusCode === 200 ? res.json().status : res.json().code;
        expect(`${state} ${action}: ${got}`).toBe(`${state} ${action}: ${expected}`);
      }
    });

    it("a stale version gets 409; each move is on the planned ticket's timeline and the ticket follows (resolved, closed)", async () => {
      at('2026-03-11T09:00:00Z');
      const p = await make();
      const wo = ok(await ter.get(`/api/work-orders/${p.workOrderId}`));
      expect(
        (
          await ter.post(`/api/work-orders/${p.workOrderId}/actions/schedule`, {
            version: wo.version + 1,
            scheduledAt: '2026-03-18T08:00:00Z',
          })
        ).statusCode,
      ).toBe(409);
      await move(ter, 'work-orders', p.workOrderId, 'schedule', { scheduledAt: '2026-03-18T08:00:00+01:00', technician: 'Luigi Bianchi' });
      at('2026-03-18T07:00:00Z');
      await move(ter, 'work-orders', p.workOrderId, 'start_work');
      let after = ok(await complete(ter, p.workOrderId));
      expect(after).toMatchObject({
        status: 'completed',
        technician: 'Luigi Bianchi',
        hours: 2,
        ticket: { status: 'resolved' },
        checklistResults: CHECKLIST_OK,
        outOfRange: [],
      });
      after = await move(bm, 'work-orders', p.workOrderId, 'verify');
      expect(after.ticket.status).toBe('closed');
      expect(await eventTrail(bm, p.ticketId)).toEqual([
        'work_order:publish -→planned',
        'work_order:schedule planned→scheduled',
        'work_order:start_work scheduled→in_progress',
        'work_order:complete in_progress→completed',
        'ticket:auto_resolve in_progress→resolved',
        'work_order:verify completed→verified',
        'ticket:auto_close resolved→closed',
      ]);
      // Each new date and the completion to the building's managers and the call center, over real
      // SMTP; no rating link (no ticket_closed): nobody asked for this work.
      expect(await outboxByKind(env, p.ticketId)).toEqual({
        planned_date: [MAIL.bmCentrale, MAIL.callcenter].sort(),
        planned_closed: [MAIL.bmCentrale, MAIL.callcenter].sort(),
      });
      const dated = await env.db
        .selectFrom('outbox')
        .select('text_body')
        .where('ticket_id', '=', p.ticketId)
        .where('kind', '=', 'planned_date')
        .executeTakeFirstOrThrow();
      expect(dated.text_body).toContain('18 marzo 2026 alle 08:00');
      expect(dated.text_body).toContain('Luigi Bianchi');
    });

    it('complete: an incomplete checklist → 422 naming the items; a missing document → 422 naming it; then accepted', async () => {
      at('2026-03-12T09:00:00Z');
      const p = await make({ status: 'in_progress', requiredDocuments: ['test_report', 'maintenance_tag'] });
      let res = await act(ter, 'work-orders', p.workOrderId, 'complete', {
        report: 'x',
        hours: 1,
        checklist: [{ key: 'flame', ok: true }],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'CHECKLIST_INCOMPLETE', reason: 'checklist_incomplete', missing: ['co'] });
      expect(res.json().detail).toContain('co');
      res = await act(ter, 'work-orders', p.workOrderId, 'complete', {
        report: 'x',
        hours: 1,
        checklist: [
          { key: 'flame', ok: true },
          { key: 'co', value: 'alto' },
        ],
      });
      expect(res.statusCode).toBe(400);
      res = await complete(ter, p.workOrderId);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'DOCUMENTS_MISSING', missing: ['test_report', 'maintenance_tag'] });
      expect(res.json().detail).toContain('verbale di prova');
      ok(
        await upload(
          ter,
          `/api/work-orders/${p.workOrderId}/attachments`,
          { kind: 'test_report' },
          { filename: 'prova.pdf', data: FILES.pdf },
        ),
        201,
      );
      // The tag kind comes with helper "plans"; on a branch without it the attachment kind is refused.
      const tag = await upload(
        ter,
        `/api/work-orders/${p.workOrderId}/attachments`,
        { kind: 'maintenance_tag' },
        { filename: 'tag.pdf', data: FILES.pdf },
      );
      if (tag.statusCode === 201) {
        expect(ok(await complete(ter, p.workOrderId)).status).toBe('completed');
      } else {
        expect((await complete(ter, p.workOrderId)).json().missing).toEqual(['maintenance_tag']);
      }
    });

    it('out of range: the follow-up fault opens once, linked both ways; a second click is refused', async () => {
      at('2026-03-13T09:00:00Z');
      const p = await make({ status: 'in_progress' });
      const done = ok(
        await complete(ter, p.workOrderId, {
          checklist: [
            { key: 'flame', ok: true },
            { key: 'co', value: 80 },
          ],
        }),
      );
      expect(done.outOfRange).toEqual(['co']);
      expect(done.availableActions).toContain('open_follow_up');
      const after = await move(bm, 'work-orders', p.workOrderId, 'open_follow_up', { note: 'Verificare la combustione' });
      expect(after.status).toBe('completed');
      expect(after.followUpTicket).toMatchObject({ number: expect.stringMatching(/^2026-\d{6}$/) });
      const t = ok(await cc.get(`/api/tickets/${after.followUpTicket.id}`));
      expect(t).toMatchObject({ status: 'new', channel: 'staff' });
      expect(t.subject).toBe(`Misura fuori intervallo: Monossido di carbonio (${p.number})`);
      expect(t.description).toContain('Monossido di carbonio: 80 ppm (intervallo 0–50 ppm).');
      const row = await env.db
        .selectFrom('tickets')
        .select(['kind', 'source_work_order_id', 'building_id'])
        .where('id', '=', t.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ kind: 'fault', source_work_order_id: p.workOrderId, building_id: p.buildingId });
      expect(await eventTrail(cc, t.id)).toEqual(['ticket:open -→new']);
      const planned = ok(await bm.get(`/api/tickets/${p.ticketId}/timeline`)).items.find((i: Obj) => i.event?.action === 'open_follow_up');
      expect(planned.event.data).toMatchObject({ followUpTicketId: t.id, followUpTicketNumber: t.number });
      const notices = await env.db.selectFrom('outbox').select(['kind', 'to_address']).where('ticket_id', '=', t.id).execute();
      expect(notices).toEqual([{ kind: 'ticket_opened', to_address: 'giulia.rinaldi@uniesempio.example' }]);

      const again = await act(ter, 'work-orders', p.workOrderId, 'open_follow_up');
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'FOLLOW_UP_EXISTS', reason: 'follow_up_exists' });
      expect(ok(await bm.get(`/api/work-orders/${p.workOrderId}`)).availableActions).not.toContain('open_follow_up');
    });

    it('a floating plan restarts from the completion (Rome date); a meter read on the visit is recorded', async () => {
      at('2026-03-14T23:30:00Z'); // 00:30 on the 15th in Rome
      const asset = await env.db
        .selectFrom('assets')
        .select(['id', 'building_id'])
        .where(
          'building_id',
          '=',
          (await env.db.selectFrom('buildings').select('id').where('code', '=', 'MI-B01').executeTakeFirstOrThrow()).id,
        )
        .executeTakeFirstOrThrow();
      const meterId = crypto.randomUUID();
      await env.db
        .insertInto('meters')
        .values({
          id: meterId,
          asset_id: asset.id,
          name: 'Ore di funzionamento',
          unit: 'h',
          created_at: env.clock.now.toISOString(),
          updated_at: env.clock.now.toISOString(),
        })
        .execute();
      const p = await make({ status: 'in_progress', scheduleKind: 'floating', assetId: asset.id });
      const bad = await complete(ter, p.workOrderId, { readings: [{ meterId: crypto.randomUUID(), value: 10 }] });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().errors[0].field).toBe('readings.0.meterId');
      ok(await complete(ter, p.workOrderId, { readings: [{ meterId, value: 1234.5 }] }));
      const plan = await env.db.selectFrom('maintenance_plans').select('last_done_on').where('id', '=', p.planId).executeTakeFirstOrThrow();
      expect(plan.last_done_on).toBe('2026-03-15');
      const reading = await env.db.selectFrom('meter_readings').selectAll().where('meter_id', '=', meterId).executeTakeFirstOrThrow();
      expect(reading).toMatchObject({ source: 'visit', work_order_id: p.workOrderId });
      expect(Number(reading.value_milli)).toBe(1_234_500);
    });

    it('the SLA watcher ignores planned work orders: no clock, no alert, no breach', async () => {
      at('2026-03-10T09:00:00Z');
      const p = await make({ dueOn: '2026-03-01' });
      at('2026-04-05T09:00:00Z');
      await createSlaWatcher(env.app.ctx, QUIET).runOnce();
      const w = await env.db
        .selectFrom('work_orders')
        .select(['sla_due_at', 'sla_breached', 'sla_checked_version'])
        .where('id', '=', p.workOrderId)
        .executeTakeFirstOrThrow();
      expect(w.sla_due_at ?? null).toBeNull();
      expect(Number(w.sla_breached ?? 0)).toBe(0);
      const alerts = await env.db.selectFrom('sla_alerts').select('id').where('work_order_id', '=', p.workOrderId).execute();
      expect(alerts).toHaveLength(0);
      expect(ok(await bm.get(`/api/work-orders/${p.workOrderId}`)).clocks).toBeUndefined();
    });
  },
  { env: { ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-planned-wo-${process.pid}`), SESSION_TTL_HOURS: '720' } },
);
