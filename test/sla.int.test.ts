// SLA on both engines: versions per contract (a work order keeps the version in force when
// issued), the working week and closures moving working-time due instants, the clocks on the work
// order explained in the caller's language, escalation notices once per level, racing watchers.
import { expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, refs, type Obj, MAIL } from './fixtures/workflow/workflow.ts';
import { createSlaWatcher } from '../src/server/jobs/sla-watcher.ts';
import { refreshWorkOrderSla } from '../src/server/modules/sla/refresh.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-sla-${process.pid}`);
const quiet = { info() {}, warn() {}, error() {} };

describeEachDb(
  'SLA',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let admin: Client, bm: Client, requester: Client, ele: Client, ter: Client, capo: Client;
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };
    let n = 0;

    const contractOf = async (lot: string) =>
      (await env.db.selectFrom('contracts').select('id').where('lot', '=', lot).executeTakeFirstOrThrow()).id;
    const issue = async (priority: string, cls = 'ELE') => {
      const t = await openTicket(requester, {
        buildingId: await r.building('MI-B01'),
        subject: `Guasto ${++n}`,
        description: 'Non funziona.',
      });
      await move(bm, 'tickets', t.id, 'qualify', {});
      const after = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls(cls),
        priority,
        description: `Intervento ${n}`,
      });
      return after.workOrders[0].id as string;
    };
    const clocksOf = async (client: Client, id: string) => {
      const wo = ok(await client.get(`/api/work-orders/${id}`));
      return { ...wo.clocks, by: Object.fromEntries(wo.clocks.items.map((c: Obj) => [c.clock, c])) as Record<string, Obj> };
    };
    const watch = async () => {
      const res = await createSlaWatcher(env.app.ctx, quiet).runOnce();
      expect(res.failed).toBe(0);
      return res;
    };
    const alerts = (woId: string) =>
      env.db
        .selectFrom('sla_alerts')
        .select(['clock', 'level'])
        .where('work_order_id', '=', woId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    const outboxOf = async (woId: string, kind: string) =>
      (await env.db.selectFrom('outbox').select('to_address').where('work_order_id', '=', woId).where('kind', '=', kind).execute())
        .map((x) => x.to_address)
        .sort();

    it('logs everyone in', async () => {
      at('2026-03-10T09:00:00Z');
      r = await refs(env);
      [admin, bm, requester, ele, ter, capo] = await Promise.all(
        ['admin', 'bm.centrale', 'richiedente', 'ditta.elettrica', 'ditta.termica', 'capo.servizio'].map((u) => env.login(u)),
      );
    });

    it('SLA table: defaults until the first issue, versions by admins only, and a work order keeps the version it was issued under', async () => {
      at('2026-03-10T09:00:00Z'); // Tuesday 10:00 in Rome
      const lot3 = await contractOf('Lotto 3');
      let sla = ok(await bm.get(`/api/contracts/${lot3}/sla`));
      expect(sla.current).toMatchObject({ number: 0, isDefault: true, id: null });
      expect(sla.current.limits.urgent.take_charge).toEqual({ minutes: 120, basis: 'working' });
      expect(sla.current.pauses.resolution).toEqual(['waiting_materials', 'awaiting_authorization']);
      expect(ok(await ter.get(`/api/contracts/${lot3}/sla`)).contractId).toBe(lot3);
      expect((await ele.get(`/api/contracts/${lot3}/sla`)).statusCode).toBe(404); // another contractor's contract
      expect((await requester.get(`/api/contracts/${lot3}/sla`)).statusCode).toBe(403);

      const a = await issue('urgent', 'TER');
      sla = ok(await admin.get(`/api/contracts/${lot3}/sla`));
      expect(sla.current).toMatchObject({ number: 1, isDefault: false, workOrders: 1 });
      expect(sla.history).toHaveLength(1);

      const body = { version: 1, limits: sla.current.limits, pauses: sla.current.pauses, note: 'Presa in carico urgente in 1 h' };
      body.limits.urgent.take_charge = { minutes: 60, basis: 'working' };
      expect((await bm.post(`/api/contracts/${lot3}/sla`, body)).statusCode).toBe(403);
      const stale = await admin.post(`/api/contracts/${lot3}/sla`, { ...body, version: 0 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current.current.number).toBe(1);
      const bad = await admin.post(`/api/contracts/${lot3}/sla`, { ...body, pauses: { ...body.pauses, resolution: ['issued'] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ field: 'pauses.resolution.0', code: 'slaPauseState' });
      const zero = await admin.post(`/api/contracts/${lot3}/sla`, {
        ...body,
        limits: { ...body.limits, urgent: { ...body.limits.urgent, on_site: { minutes: 0, basis: 'working' } } },
      });
      expect(zero.statusCode).toBe(400);
      sla = ok(await admin.post(`/api/contracts/${lot3}/sla`, body), 201);
      expect(sla.current).toMatchObject({ number: 2, note: 'Presa in carico urgente in 1 h', createdBy: { label: 'Paola Ferri' } });
      expect(sla.history.map((v: Obj) => v.number)).toEqual([2, 1]);

      const b = await issue('urgent', 'TER');
      const ca = await clocksOf(bm, a);
      const cb = await clocksOf(bm, b);
      expect(ca.slaVersion.number).toBe(1);
      expect(ca.by.take_charge).toMatchObject({
        limitMinutes: 120,
        basis: 'working',
        status: 'running',
        dueAt: '2026-03-10T11:00:00.000Z',
      });
      expect(cb.slaVersion.number).toBe(2);
      expect(cb.by.take_charge).toMatchObject({ limitMinutes: 60, dueAt: '2026-03-10T10:00:00.000Z' });
      const stored = await env.db.selectFrom('work_orders').select(['id', 'sla_version_id']).where('id', 'in', [a, b]).execute();
      expect(new Set(stored.map((s) => s.sla_version_id)).size).toBe(2);
    });

    it('working week per contract: default, replaced with the version read; due instants follow it', async () => {
      at('2026-03-11T10:00:00Z'); // Wednesday 11:00
      const lot4 = await contractOf('Lotto 4');
      let cal = ok(await bm.get(`/api/contracts/${lot4}/calendar`));
      expect(cal).toMatchObject({ isDefault: true, version: 0, zone: 'Europe/Rome' });
      expect(cal.week['1']).toEqual([{ from: '08:00', to: '18:00' }]);
      expect(cal.week['6']).toEqual([]);
      const week = Object.fromEntries(
        ['1', '2', '3', '4', '5'].map((d) => [
          d,
          [
            { from: '08:00', to: '12:00' },
            { from: '13:00', to: '17:00' },
          ],
        ]),
      );
      expect((await bm.request('PUT', `/api/contracts/${lot4}/calendar`, { version: 0, week })).statusCode).toBe(403);
      const overlap = await admin.request('PUT', `/api/contracts/${lot4}/calendar`, {
        version: 0,
        week: {
          1: [
            { from: '08:00', to: '12:00' },
            { from: '11:00', to: '13:00' },
          ],
        },
      });
      expect(overlap.statusCode).toBe(400);
      expect(overlap.json().errors[0]).toMatchObject({ field: 'week.1.1', code: 'rangesOverlap' });
      const reversed = await admin.request('PUT', `/api/contracts/${lot4}/calendar`, {
        version: 0,
        week: { 1: [{ from: '12:00', to: '08:00' }] },
      });
      expect(reversed.json().errors[0]).toMatchObject({ field: 'week.1.0', code: 'timeRange' });
      expect((await admin.request('PUT', `/api/contracts/${lot4}/calendar`, { version: 0, week: {} })).json().errors[0].code).toBe(
        'calendarEmpty',
      );
      cal = ok(await admin.request('PUT', `/api/contracts/${lot4}/calendar`, { version: 0, week }));
      expect(cal).toMatchObject({
        isDefault: false,
        version: 1,
        week: {
          3: [
            { from: '08:00', to: '12:00' },
            { from: '13:00', to: '17:00' },
          ],
          7: [],
        },
      });
      const again = await admin.request('PUT', `/api/contracts/${lot4}/calendar`, { version: 0, week });
      expect(again.statusCode).toBe(409);
      expect(again.json().current.version).toBe(1);

      const wo = await issue('urgent', 'ANT');
      // 2 working hours from 11:00: 11:00–12:00, lunch, 13:00–14:00.
      expect((await clocksOf(bm, wo)).by.take_charge.dueAt).toBe('2026-03-11T13:00:00.000Z');
    });

    it('closures: admin adds a day off for a site, working-time clocks skip it; removing it brings the due back', async () => {
      at('2026-03-12T09:00:00Z'); // Thursday 10:00
      const mi = (await env.db.selectFrom('sites').select('id').where('code', '=', 'MI').executeTakeFirstOrThrow()).id;
      const wo = await issue('ordinary');
      // Ordinary take charge: 10 working hours → Thursday 10:00–18:00, Friday 08:00–10:00.
      expect((await clocksOf(bm, wo)).by.take_charge.dueAt).toBe('2026-03-13T09:00:00.000Z');
      expect((await bm.post('/api/closures', { siteId: mi, date: '2026-03-13', reason: 'Chiusura ponte' })).statusCode).toBe(403);
      expect((await admin.post('/api/closures', { siteId: 'nope', date: '2026-03-13', reason: 'x' })).statusCode).toBe(422);
      const closure = ok(await admin.post('/api/closures', { siteId: mi, date: '2026-03-13', reason: 'Chiusura ponte' }), 201);
      expect(closure).toMatchObject({ siteId: mi, siteCode: 'MI', date: '2026-03-13', reason: 'Chiusura ponte' });
      const everywhere = ok(await admin.post('/api/closures', { siteId: null, date: '2026-08-14', reason: 'Chiusura estiva' }), 201);
      expect(ok(await ele.get(`/api/closures?siteId=${mi}&from=2026-03-01`)).items.map((c: Obj) => c.date)).toEqual([
        '2026-03-13',
        '2026-08-14',
      ]);
      // Friday closed in Milan: Thursday 8 h, Monday 08:00–10:00.
      expect((await clocksOf(bm, wo)).by.take_charge.dueAt).toBe('2026-03-16T09:00:00.000Z');
      // The change marked the open work orders for the watcher.
      expect(
        (await env.db.selectFrom('work_orders').select('sla_checked_version').where('id', '=', wo).executeTakeFirstOrThrow())
          .sla_checked_version,
      ).toBeNull();
      expect(ok(await admin.patch(`/api/closures/${everywhere.id}`, { reason: 'Chiusura estiva di Ateneo' })).reason).toBe(
        'Chiusura estiva di Ateneo',
      );
      expect((await admin.delete(`/api/closures/${closure.id}`)).statusCode).toBe(204);
      expect((await admin.get(`/api/closures/${closure.id}`)).statusCode).toBe(404);
      expect((await clocksOf(bm, wo)).by.take_charge.dueAt).toBe('2026-03-13T09:00:00.000Z');
    });

    it("clocks on the work order: pauses for materials, explained in the caller's language", async () => {
      at('2026-03-16T08:00:00Z'); // Monday 09:00
      const wo = await issue('urgent');
      at('2026-03-16T08:10:00Z');
      await move(ele, 'work-orders', wo, 'acknowledge');
      await move(ele, 'work-orders', wo, 'schedule_inspection', { inspectionAt: '2026-03-16T09:00:00Z' });
      at('2026-03-16T09:00:00Z');
      await move(ele, 'work-orders', wo, 'record_inspection', { findings: 'Serve un reattore' });
      await move(ele, 'work-orders', wo, 'schedule_work', { scheduledAt: '2026-03-16T10:00:00Z' });
      at('2026-03-16T09:30:00Z');
      await move(ele, 'work-orders', wo, 'wait_materials', { expectedOn: '2026-03-18' });
      at('2026-03-16T12:00:00Z');
      const c = await clocksOf(bm, wo);
      expect(c.by.take_charge).toMatchObject({ status: 'met', stoppedAt: '2026-03-16T08:10:00.000Z', elapsedMs: 600_000 });
      expect(c.by.on_site).toMatchObject({ status: 'met', stoppedAt: '2026-03-16T09:00:00.000Z' });
      expect(c.by.resolution).toMatchObject({
        status: 'paused',
        pausedMs: 2.5 * 3600_000,
        pauses: [{ from: '2026-03-16T09:30:00.000Z', to: null, state: 'waiting_materials' }],
      });
      expect(c.by.take_charge.explanation).toBe('scadenza 16/03 11:00; rispettato: concluso il 16/03 09:10 con 1 h 50 min di margine');
      expect(c.by.resolution.explanation).toMatch(
        /^se ripreso ora scade il \d\d\/03 \d\d:\d\d; in pausa 2 h 30 min per materiali, ancora in pausa; mancano 18 h 30 min \(orario di lavoro\)$/,
      );
      ok(await capo.patch('/api/me', { language: 'en' }));
      capo = await env.login('capo.servizio');
      expect((await clocksOf(capo, wo)).by.resolution.explanation).toMatch(
        /paused 2 h 30 min for materials, still paused; 18 h 30 min left \(working hours\)$/,
      );
      expect((await clocksOf(ele, wo)).computedAt).toBe('2026-03-16T12:00:00.000Z');
    });

    it('escalation: a warning at 75%, then the breach, each once, to the contractor and the building managers', async () => {
      at('2026-03-17T09:00:00Z'); // Tuesday 10:00: urgent take charge due 12:00
      const wo = await issue('urgent');
      at('2026-03-17T09:30:00Z');
      await watch();
      expect(await alerts(wo)).toEqual([]);
      const stored = await env.db
        .selectFrom('work_orders')
        .select(['sla_due_at', 'sla_next_check_at', 'sla_breached'])
        .where('id', '=', wo)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ sla_due_at: '2026-03-17T11:00:00.000Z', sla_next_check_at: '2026-03-17T10:30:00.000Z' });
      expect(Number(stored.sla_breached)).toBe(0);

      at('2026-03-17T10:35:00Z');
      await watch();
      await watch();
      expect(await alerts(wo)).toEqual([{ clock: 'take_charge', level: 'warning' }]);
      expect(await outboxOf(wo, 'sla_warning')).toEqual([MAIL.bmCentrale, MAIL.elettrica].sort());
      const warning = await env.db
        .selectFrom('outbox')
        .select(['subject', 'text_body'])
        .where('work_order_id', '=', wo)
        .where('kind', '=', 'sla_warning')
        .where('to_address', '=', MAIL.elettrica)
        .executeTakeFirstOrThrow();
      expect(warning.subject).toMatch(/^\[Presidio 2026-\d{6}\] Presa in carico in scadenza: Guasto \d+$/);
      expect(warning.text_body).toContain('scade il 17 marzo 2026 alle 12:00: restano 25 min');

      at('2026-03-17T11:05:00Z');
      await watch();
      await watch();
      expect(await alerts(wo)).toEqual([
        { clock: 'take_charge', level: 'warning' },
        { clock: 'take_charge', level: 'breach' },
      ]);
      expect(await outboxOf(wo, 'sla_breach')).toEqual([MAIL.bmCentrale, MAIL.elettrica].sort());
      const breach = await env.db
        .selectFrom('outbox')
        .select('text_body')
        .where('work_order_id', '=', wo)
        .where('kind', '=', 'sla_breach')
        .where('to_address', '=', MAIL.bmCentrale)
        .executeTakeFirstOrThrow();
      expect(breach.text_body).toContain('termine superato di 5 min');
      const inApp = await env.db
        .selectFrom('notifications')
        .select('kind')
        .where('work_order_id', '=', wo)
        .where('user_id', '=', await r.user('bm.centrale'))
        .execute();
      expect(inApp.map((x) => x.kind).sort()).toEqual(['sla_breach', 'sla_warning']);
      expect(
        Number((await env.db.selectFrom('work_orders').select('sla_breached').where('id', '=', wo).executeTakeFirstOrThrow()).sla_breached),
      ).toBe(1);

      // Taking charge late stops the clock: nothing more for it.
      at('2026-03-17T11:20:00Z');
      await move(ele, 'work-orders', wo, 'acknowledge');
      await watch();
      expect(await alerts(wo)).toHaveLength(2);
    });

    it('two watchers racing: one alert, one notice per recipient; two refreshes racing likewise', async () => {
      at('2026-03-18T09:00:00Z');
      const wo = await issue('emergency'); // take charge: 30 min, solar time
      at('2026-03-18T09:40:00Z');
      const [a, b] = await Promise.all([createSlaWatcher(env.app.ctx, quiet).runOnce(), createSlaWatcher(env.app.ctx, quiet).runOnce()]);
      expect(a.failed + b.failed).toBe(0);
      expect(await alerts(wo)).toEqual([{ clock: 'take_charge', level: 'breach' }]);
      expect(await outboxOf(wo, 'sla_breach')).toEqual([MAIL.bmCentrale, MAIL.elettrica].sort());

      at('2026-03-18T10:00:00Z');
      const other = await issue('emergency');
      at('2026-03-18T10:40:00Z');
      await Promise.all([1, 2].map(() => env.db.transaction().execute((trx) => refreshWorkOrderSla(trx, env.app.ctx, other))));
      expect(await alerts(other)).toEqual([{ clock: 'take_charge', level: 'breach' }]);
      expect(await outboxOf(other, 'sla_breach')).toEqual([MAIL.bmCentrale, MAIL.elettrica].sort());
    });
  },
  { env: { ATTACHMENTS_DIR, SESSION_TTL_HOURS: '720' } },
);
