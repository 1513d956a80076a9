// Penalties on both engines: rules within the legal range, one proposal per breach however often
// it is recomputed, the formal procedure (contest with the PDF sent to the PEC address through the
// outbox, counter-arguments within the term, apply / reduce / waive), withdrawal when the breach
// disappears, the cap, the register, scope, the SLA reports.
import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEachDb, otherInstanceDb, type Client } from './helpers/app.ts';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.ts';
import { act, FILES, MAIL, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';
import { createSlaWatcher } from '../src/server/jobs/sla-watcher.ts';
import { createOutboxSender } from '../src/server/jobs/outbox-sender.ts';
import { runLeased } from '../src/server/jobs/job-lease.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-penalties-${process.pid}`);
const quiet = { info() {}, warn() {}, error() {} };
const PEC = 'elettrosistemilombardi@pec.it';
const CAP = 29_400_000; // 10% of Lotto 2's € 2,940,000

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp?.close();
  fs.rmSync(ATTACHMENTS_DIR, { recursive: true, force: true });
});

describeEachDb(
  'penalties',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let admin: Client, bm: Client, requester: Client, ele: Client, ter: Client, capo: Client, accounting: Client, bmDeib: Client;
    let lot2 = '';
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };
    let n = 0;
    const wos: Record<string, string> = {};

    const issue = async (priority = 'urgent') => {
      const t = await openTicket(requester, {
        buildingId: await r.building('MI-B01'),
        subject: `Quadro ${++n}`,
        description: 'Salta la corrente.',
      });
      await move(bm, 'tickets', t.id, 'qualify', {});
      const after = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority,
        description: `Intervento ${n}`,
      });
      return after.workOrders[0].id as string;
    };
    const watch = async () => {
      const res = await createSlaWatcher(env.app.ctx, quiet).runOnce();
      expect(res.failed).toBe(0);
      return res;
    };
    const penaltiesOf = async (woId: string) => ok(await capo.get(`/api/penalties?workOrderId=${woId}`)).items as Obj[];
    const only = async (woId: string) => {
      const items = await penaltiesOf(woId);
      expect(items).toHaveLength(1);
      return items[0];
    };
    const pact = (client: Client, id: string, action: string, fields: Record<string, unknown> = {}) =>
      act(client as never, 'penalties' as never, id, action, fields);
    const outbox = (woId: string, kind: string) =>
      env.db
        .selectFrom('outbox')
        .select(['to_address', 'attachment_id', 'language', 'subject', 'text_body'])
        .where('work_order_id', '=', woId)
        .where('kind', '=', kind)
        .orderBy('to_address')
        .execute();

    it('logs everyone in', async () => {
      at('2026-04-01T07:00:00Z'); // Wednesday 09:00 in Rome (summer time)
      r = await refs(env);
      [admin, bm, requester, ele, ter, capo, accounting, bmDeib] = await Promise.all(
        ['admin', 'bm.centrale', 'richiedente', 'ditta.elettrica', 'ditta.termica', 'capo.servizio', 'contabilita', 'bm.deib'].map((u) =>
          env.login(u),
        ),
      );
      lot2 = (await env.db.selectFrom('contracts').select('id').where('lot', '=', 'Lotto 2').executeTakeFirstOrThrow()).id;
    });

    it('rules: admin only, within the legal range (refused with the range named), one per clock and priority', async () => {
      const url = `/api/contracts/${lot2}/penalty-rules`;
      expect((await bm.post(url, { kind: 'per_hour', clock: 'take_charge', priority: 'urgent', amountCents: 10_000 })).statusCode).toBe(
        403,
      );
      let res = await admin.post(url, { kind: 'per_day', clock: 'resolution', priority: 'urgent', amountCents: 1_000_000 });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'amountCents', code: 'penaltyRange' })]);
      expect(res.json().errors[0].message).toContain('tra 0,3‰ e 1‰ al giorno');
      expect(res.json().errors[0].message).toContain('3,4014‰'); // € 10,000 of € 2,940,000
      res = await admin.post(url, { kind: 'per_mille_per_day', clock: 'resolution', priority: 'ordinary', perMille: 0.1 });
      expect(res.json().errors[0]).toMatchObject({ field: 'perMille', code: 'penaltyRange' });
      res = await admin.post(url, { kind: 'per_hour', clock: 'take_charge', priority: 'urgent', amountCents: 20_000 });
      expect(res.json().errors[0]).toMatchObject({ field: 'amountCents', code: 'penaltyHourlyMax' });
      res = await admin.post(url, { kind: 'per_hour', clock: 'take_charge', priority: 'urgent', perMille: 0.5 });
      expect(res.statusCode).toBe(400);
      expect(
        res
          .json()
          .errors.map((e: Obj) => e.code)
          .sort(),
      ).toEqual(['penaltyRuleFields', 'required']);

      const hourly = ok(await admin.post(url, { kind: 'per_hour', clock: 'take_charge', priority: 'urgent', amountCents: 10_000 }), 201);
      expect(hourly).toMatchObject({ kind: 'per_hour', amountCents: 10_000, active: true, version: 1, dailyPerMille: 0.816327 });
      expect((await admin.post(url, { kind: 'per_day', clock: 'take_charge', priority: 'urgent', amountCents: 100_000 })).statusCode).toBe(
        409,
      );
      const daily = ok(await admin.post(url, { kind: 'per_mille_per_day', clock: 'resolution', priority: 'ordinary', perMille: 0.5 }), 201);
      expect((await admin.patch(`${url}/${daily.id}`, { version: 9, perMille: 0.4 })).statusCode).toBe(409);
      expect((await admin.patch(`${url}/${daily.id}`, { version: 1, perMille: 1.2 })).json().errors[0]).toMatchObject({
        field: 'perMille',
        code: 'penaltyRange',
      });
      expect(ok(await admin.patch(`${url}/${daily.id}`, { version: 1, perMille: 0.4 }))).toMatchObject({ perMille: 0.4, version: 2 });
      expect(ok(await ele.get(url)).items).toHaveLength(2);
      expect((await ter.get(url)).statusCode).toBe(404);
    });

    it('a breach produces one proposal: recomputing never adds one; a growing breach updates it', async () => {
      at('2026-04-01T07:00:00Z');
      wos.applied = await issue(); // urgent take charge due 11:00 Rome = 09:00Z
      at('2026-04-01T09:30:00Z');
      await watch();
      await watch();
      let p = await only(wos.applied);
      expect(p).toMatchObject({
        status: 'proposed',
        clock: 'take_charge',
        computedCents: 10_000,
        proposedCents: 10_000,
        breachedByMs: 30 * 60_000,
        period: '2026-04',
        rule: { kind: 'per_hour' },
      });
      at('2026-04-01T09:31:00Z');
      await watch();
      expect(await only(wos.applied)).toMatchObject({ proposedCents: 10_000, version: 1 });
      at('2026-04-01T10:35:00Z'); // looked at again an hour later: 1 h 35 min late, two started hours
      await watch();
      expect(await only(wos.applied)).toMatchObject({ proposedCents: 20_000, breachedByMs: 95 * 60_000 });
      at('2026-04-01T10:40:00Z');
      await move(ele, 'work-orders', wos.applied, 'acknowledge');
      await watch();
      p = await only(wos.applied);
      expect(p).toMatchObject({ proposedCents: 20_000, breachedByMs: 100 * 60_000 });
      expect(await env.db.selectFrom('penalties').select('id').where('work_order_id', '=', wos.applied).execute()).toHaveLength(1);

      const detail = ok(await bm.get(`/api/penalties/${p.id}`));
      expect(detail.availableActions).toEqual(['contest', 'withdraw']);
      expect(detail.explanation).toBe('scadenza 01/04 11:00; concluso il 01/04 12:40, superato di 1 h 40 min');
      expect(detail.timeline.map((e: Obj) => e.action)).toEqual(['propose', 'recompute', 'recompute']);
      expect(ok(await ele.get(`/api/penalties/${p.id}`)).availableActions).toEqual([]);
    });

    it('procedure to applied: contest (PDF to the PEC address), no decision while the term runs, counter-arguments with files, apply', async () => {
      const p = await only(wos.applied);
      at('2026-04-01T11:00:00Z');
      const contested = ok(await pact(bm, p.id, 'contest', { note: 'Ritardo nella presa in carico' }));
      expect(contested).toMatchObject({ status: 'contested', termEndsAt: '2026-04-11T21:59:59.999Z' });
      expect(contested.attachments).toEqual([
        expect.objectContaining({
          kind: 'document',
          contentType: 'application/pdf',
          filename: expect.stringMatching(/^contestazione-penale-2026-\d{6}-1\.pdf$/),
        }),
      ]);
      const stored = await env.db
        .selectFrom('attachments')
        .select(['storage_key', 'visibility'])
        .where('id', '=', contested.attachments[0].id)
        .executeTakeFirstOrThrow();
      expect(stored.visibility).toBe('internal');
      expect(fs.readFileSync(path.join(ATTACHMENTS_DIR, stored.storage_key)).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await ele.get(contested.attachments[0].url)).statusCode).toBe(200);

      const pec = await outbox(wos.applied, 'penalty_contested');
      expect(pec.map((x) => x.to_address)).toEqual([MAIL.elettrica, PEC].sort());
      expect(pec.every((x) => x.attachment_id === contested.attachments[0].id)).toBe(true);
      const formal = pec.find((x) => x.to_address === PEC)!;
      expect(formal.language).toBe('it');
      expect(formal.subject).toMatch(/Contestazione formale di penale/);
      expect(formal.text_body).toContain('penale di 200,00\u00a0€');
      expect(formal.text_body).toContain('entro il 11 aprile 2026 alle 23:59');
      expect(formal.text_body).not.toContain('http'); // an address without an account gets no link

      expect(ok(await bm.get(`/api/penalties/${p.id}`)).availableActions).toEqual([]);
      expect(ok(await ele.get(`/api/penalties/${p.id}`)).availableActions).toEqual(['counter_argue']);
      const early = await pact(bm, p.id, 'apply', { reason: 'Ritardo accertato' });
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'PENALTY_TERM_RUNNING', reason: 'term_running' });
      expect((await pact(ele, p.id, 'apply', { reason: 'x' })).statusCode).toBe(403);

      at('2026-04-03T08:00:00Z');
      const file = ok(
        await upload(
          ele,
          `/api/work-orders/${wos.applied}/attachments`,
          { kind: 'document' },
          { filename: 'rapportino.pdf', data: FILES.pdf },
        ),
        201,
      );
      const foreign = await pact(ele, p.id, 'counter_argue', {
        text: 'Il ritardo è dovuto al traffico',
        attachmentIds: [contested.attachments[0].id, 'missing'],
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().errors).toEqual([expect.objectContaining({ field: 'attachmentIds.1', code: 'attachmentNotOfWorkOrder' })]);
      const answered = ok(
        await pact(ele, p.id, 'counter_argue', { text: 'Il ritardo è dovuto al blocco della tangenziale', attachmentIds: [file.id] }),
      );
      expect(answered.status).toBe('counter_argued');
      expect(answered.attachments.map((a: Obj) => a.filename).sort()).toEqual([contested.attachments[0].filename, 'rapportino.pdf'].sort());
      expect((await outbox(wos.applied, 'penalty_counter_argued')).map((x) => x.to_address)).toEqual([MAIL.bmCentrale, MAIL.capo].sort());
      expect(ok(await capo.get(`/api/penalties/${p.id}`)).availableActions).toEqual(['apply', 'reduce', 'waive']);

      at('2026-04-03T09:00:00Z');
      const applied = ok(await pact(capo, p.id, 'apply', { reason: 'Controdeduzioni non accolte' }));
      expect(applied).toMatchObject({ status: 'applied', finalCents: 20_000, availableActions: [] });
      expect(applied.timeline.map((e: Obj) => `${e.action}:${e.to}`)).toEqual([
        'propose:proposed',
        'recompute:proposed',
        'recompute:proposed',
        'contest:contested',
        'counter_argue:counter_argued',
        'apply:applied',
      ]);
      expect(applied.timeline[3]).toMatchObject({
        actor: { label: 'Alessandro Galli' },
        data: { note: 'Ritardo nella presa in carico', termDays: 10 },
      });
      expect((await outbox(wos.applied, 'penalty_decided')).map((x) => x.to_address)).toEqual([MAIL.elettrica, PEC].sort());
      // The same version again is stale now.
      const stale = await capo.post(`/api/penalties/${p.id}/actions/waive`, { version: contested.version, reason: 'x' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('VERSION_CONFLICT');

      // The PEC message leaves with the PDF attached.
      smtp.clear();
      const sender = createOutboxSender({
        db: env.db,
        mail: { ...env.config.mail, smtpUrl: smtp.url, from: 'Presidio <presidio@ateneo.example>' },
        now: () => env.clock.now,
        log: quiet,
        attachmentsDir: ATTACHMENTS_DIR,
      });
      await sender.runOnce();
      sender.close();
      const sent = smtp.messages.find((m) => m.envelopeTo.includes(PEC) && m.header('x-presidio-kind') === 'penalty_contested');
      expect(sent?.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        [contested.attachments[0].filename, 'application/pdf'],
      ]);
      expect(sent!.parsed.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('counter-arguments after the term are refused; waived with a reason', async () => {
      at('2026-04-02T07:00:00Z');
      wos.waived = await issue();
      at('2026-04-02T09:30:00Z');
      await watch();
      const p = await only(wos.waived);
      ok(await pact(bm, p.id, 'contest'));
      at('2026-04-13T07:00:00Z');
      const late = await pact(ele, p.id, 'counter_argue', { text: 'Eravamo in ferie' });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ code: 'PENALTY_TERM_EXPIRED', reason: 'term_expired', termEndsAt: '2026-04-12T21:59:59.999Z' });
      expect(late.json().detail).toContain('12/04/2026, 23:59');
      expect((await pact(bm, p.id, 'waive', {})).statusCode).toBe(400);
      const waived = ok(await pact(bm, p.id, 'waive', { reason: 'Primo ritardo del lotto' }));
      expect(waived).toMatchObject({ status: 'waived', finalCents: 0 });
    });

    it('reduced: below the proposal only', async () => {
      at('2026-04-14T07:00:00Z');
      wos.reduced = await issue();
      at('2026-04-14T11:05:00Z');
      await watch();
      const p = await only(wos.reduced);
      expect(p).toMatchObject({ proposedCents: 30_000, breachedByMs: 125 * 60_000 });
      ok(await pact(bm, p.id, 'contest'));
      ok(await pact(ele, p.id, 'counter_argue', { text: "Tecnico bloccato in un'emergenza" }));
      const tooMuch = await pact(bm, p.id, 'reduce', { amountCents: 30_000, reason: 'x' });
      expect(tooMuch.statusCode).toBe(400);
      expect(tooMuch.json().errors[0]).toMatchObject({ field: 'amountCents', code: 'reduceAmount' });
      expect(ok(await pact(bm, p.id, 'reduce', { amountCents: 12_000, reason: 'Ritardo in parte giustificato' }))).toMatchObject({
        status: 'reduced',
        finalCents: 12_000,
      });
    });

    it('a breach that disappears (priority lowered: limits as if from the start) withdraws its proposal', async () => {
      at('2026-04-15T07:00:00Z');
      wos.withdrawn = await issue();
      at('2026-04-15T09:30:00Z');
      await watch();
      const p = await only(wos.withdrawn);
      expect(p.status).toBe('proposed');
      at('2026-04-15T09:35:00Z');
      await move(bm, 'work-orders', wos.withdrawn, 'change_priority', { priority: 'ordinary', reason: 'Non urgente: un solo locale' });
      await watch();
      const after = ok(await capo.get(`/api/penalties/${p.id}`));
      expect(after).toMatchObject({ status: 'withdrawn', availableActions: [] });
      expect(after.timeline.map((e: Obj) => e.action)).toEqual(['propose', 'withdraw']);
      expect(ok(await capo.get(`/api/penalties?contractId=${lot2}&status=proposed`)).items.map((x: Obj) => x.id)).not.toContain(p.id);
    });

    it('the cap stops further penalties: the last one clipped, then nothing', async () => {
      let s = ok(await bm.get(`/api/contracts/${lot2}/penalties/summary`));
      expect(s).toMatchObject({
        capCents: CAP,
        capPercent: 10,
        appliedCents: 32_000,
        openCents: 0,
        waivedCents: 10_000,
        counts: { applied: 1, reduced: 1, waived: 1, withdrawn: 1 },
      });
      expect(s.legalRange).toEqual({ minDailyPerMille: 0.3, maxDailyPerMille: 1, minDailyCents: 88_200, maxDailyCents: 294_000 });
      // An earlier, large applied penalty (fixture) leaves room for € 50.
      const stamp = '2026-03-31T10:00:00.000Z';
      await env.db
        .insertInto('penalties')
        .values({
          id: crypto.randomUUID(),
          contract_id: lot2,
          work_order_id: null,
          breach_key: 'fixture:cap',
          rule_id: null,
          clock: null,
          breached_by_ms: null,
          computed_cents: CAP - 32_000 - 5_000,
          proposed_cents: CAP - 32_000 - 5_000,
          final_cents: CAP - 32_000 - 5_000,
          status: 'applied',
          term_ends_at: null,
          period: '2026-03',
          created_at: stamp,
          updated_at: stamp,
        })
        .execute();
      at('2026-04-16T07:00:00Z');
      wos.clipped = await issue();
      at('2026-04-16T07:05:00Z');
      wos.none = await issue();
      at('2026-04-16T09:40:00Z');
      await watch();
      expect(await only(wos.clipped)).toMatchObject({
        status: 'proposed',
        computedCents: 10_000,
        proposedCents: 5_000,
        clippedByCap: true,
      });
      expect(await penaltiesOf(wos.none)).toEqual([]);
      s = ok(await bm.get(`/api/contracts/${lot2}/penalties/summary`));
      expect(s).toMatchObject({ remainingCents: 0, usedPercent: 100, openCents: 5_000 });
      const vsCap = ok(await capo.get('/api/reports/penalties-vs-cap')).items;
      expect(vsCap.find((x: Obj) => x.contract.lot === 'Lotto 2')).toMatchObject({ usedPercent: 100, remainingCents: 0 });
      expect(vsCap.find((x: Obj) => x.contract.lot === 'Lotto 1')).toMatchObject({ usedPercent: 0, appliedCents: 0 });
      // Still nothing an hour later, however often recomputed.
      at('2026-04-16T10:45:00Z');
      await watch();
      expect(await penaltiesOf(wos.none)).toEqual([]);
      expect(await only(wos.clipped)).toMatchObject({ proposedCents: 5_000 });
    });

    it('register per contract and period: JSON, XLSX, PDF', async () => {
      const url = `/api/penalties/register?contractId=${lot2}`;
      const month = ok(await capo.get(`${url}&period=2026-04`));
      expect(month.contract).toMatchObject({ lot: 'Lotto 2', cig: '9A41C1F3B2', contractor: 'Elettrosistemi Lombardi S.p.A.' });
      expect(month.rows.map((x: Obj) => x.status).sort()).toEqual(['applied', 'proposed', 'reduced', 'waived']);
      expect(month.totals).toEqual({
        proposedCents: 20_000 + 10_000 + 30_000 + 5_000,
        openCents: 5_000,
        appliedCents: 32_000,
        waivedCents: 10_000,
      });
      const applied = month.rows.find((x: Obj) => x.status === 'applied');
      expect(applied).toMatchObject({
        clock: 'take_charge',
        priority: 'urgent',
        building: 'MI-B01',
        finalCents: 20_000,
        contestedAt: '2026-04-01T11:00:00.000Z',
        decidedAt: '2026-04-03T09:00:00.000Z',
      });
      expect(applied.rule).toBe('100,00\u00a0€ per ogni ora o frazione di ritardo — presa in carico, urgenza');
      expect(ok(await capo.get(`${url}&period=2026`)).rows).toHaveLength(5);
      const xlsx = await capo.get(`${url}&period=2026-04&format=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition']).toBe('attachment; filename="registro-penali-lotto-2-2026-04.xlsx"');
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const pdf = await accounting.get(`${url}&period=2026-04&format=pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await capo.get(`${url}&period=2026-13`)).statusCode).toBe(400);
      expect((await requester.get(`${url}&period=2026-04`)).statusCode).toBe(403);
    });

    it('scope: contractor its own, building managers their buildings, accounting all, requesters none', async () => {
      const all = ok(await accounting.get('/api/penalties?limit=200')).items;
      expect(all.length).toBe(6);
      expect(ok(await ele.get('/api/penalties')).items).toHaveLength(6);
      // A building manager: the work orders of their buildings, and penalties without a work order
      // (the fixture) on contracts covering their buildings.
      expect(ok(await bm.get('/api/penalties')).items).toHaveLength(6);
      expect(ok(await bmDeib.get('/api/penalties')).items.map((x: Obj) => x.breachKey)).toEqual(['fixture:cap']);
      expect(ok(await ter.get('/api/penalties')).items).toEqual([]);
      expect((await requester.get('/api/penalties')).statusCode).toBe(403);
      expect((await ter.get(`/api/penalties/${all[0].id}`)).statusCode).toBe(404);
      const page = ok(await accounting.get('/api/penalties?limit=4'));
      expect(page.items).toHaveLength(4);
      expect(ok(await accounting.get(`/api/penalties?limit=4&cursor=${page.nextCursor}`)).items).toHaveLength(2);
      expect(ok(await capo.get(`/api/penalties?contractId=${lot2}&period=2026-03`)).items).toHaveLength(1);
    });

    it('reports: compliance per group, breaches with their penalty', async () => {
      const c = ok(await capo.get('/api/reports/sla-compliance?from=2026-04-01&to=2026-04-30&groupBy=contract'));
      expect(c.workOrders).toBe(6);
      expect(c.groups).toHaveLength(1);
      expect(c.groups[0]).toMatchObject({ label: 'Lotto 2' });
      // Every take charge of this file was late (that was the point).
      expect(c.groups[0].byClock.take_charge).toMatchObject({ clocks: 6, breached: 6, met: 0, metShare: 0 });
      expect(c.total.clocks).toBe(c.groups[0].clocks);
      const byPriority = ok(await capo.get('/api/reports/sla-compliance?from=2026-04-01&to=2026-04-30&groupBy=priority'));
      expect(byPriority.groups.map((g: Obj) => g.key)).toEqual(['ordinary', 'urgent']);
      const b = ok(await capo.get('/api/reports/breaches?from=2026-04-01&to=2026-04-30&clock=take_charge'));
      expect(b.items).toHaveLength(6);
      expect(b.items[0]).toMatchObject({
        workOrder: { id: wos.applied },
        clock: 'take_charge',
        dueAt: '2026-04-01T09:00:00.000Z',
        penalty: { status: 'applied', finalCents: 20_000 },
      });
      expect(b.items.find((x: Obj) => x.workOrder.id === wos.none).penalty).toBeNull();
      expect((await capo.get('/api/reports/breaches?from=2026-04-30&to=2026-04-01')).statusCode).toBe(400);
      expect((await requester.get('/api/reports/sla-compliance?from=2026-04-01&to=2026-04-30')).statusCode).toBe(403);
    });
  },
  { env: { ATTACHMENTS_DIR, SESSION_TTL_HOURS: '720', PUBLIC_URL: 'https://presidio.example' } },
);

describeEachDb(
  'penalties with two instances watching (#12)',
  (env) => {
    it('their passes never overlap, each breach has one proposal and one breach alert', async () => {
      env.clock.now = new Date('2026-04-01T07:00:00Z'); // Wednesday 09:00 in Rome
      const r = await refs(env);
      const [admin, bm, requester, capo] = await Promise.all(
        ['admin', 'bm.centrale', 'richiedente', 'capo.servizio'].map((u) => env.login(u)),
      );
      const lot2 = (await env.db.selectFrom('contracts').select('id').where('lot', '=', 'Lotto 2').executeTakeFirstOrThrow()).id;
      ok(
        await admin.post(`/api/contracts/${lot2}/penalty-rules`, {
          kind: 'per_hour',
          clock: 'take_charge',
          priority: 'urgent',
          amountCents: 10_000,
        }),
        201,
      );
      const ids: string[] = [];
      for (let n = 0; n < 3; n++) {
        const t = await openTicket(requester, {
          buildingId: await r.building('MI-B01'),
          subject: `Quadro ${n}`,
          description: 'Salta la corrente.',
        });
        await move(bm, 'tickets', t.id, 'qualify', {});
        const after = await move(bm, 'tickets', t.id, 'issue', {
          technologyClassId: await r.cls('ELE'),
          priority: 'urgent',
          description: `Intervento ${n}`,
        });
        ids.push(after.workOrders[0].id as string);
      }
      env.clock.now = new Date('2026-04-01T09:30:00Z'); // all three 30 min past their take-charge limit

      const other = otherInstanceDb(env);
      const passes: Array<{ owner: string; start: number; end: number; penalties: number }> = [];
      let tick = 0;
      // What each instance's scheduler does at its turn (jobs/worker.ts with the job's lease).
      const turn = (owner: string, db: typeof other) =>
        runLeased('sla-watcher', { db, leaseMs: 30_000, owner }, quiet, async () => {
          const start = ++tick;
          const res = await createSlaWatcher({ ...env.app.ctx, db }, quiet).runOnce();
          passes.push({ owner, start, end: ++tick, penalties: res.penalties });
          return res;
        });
      try {
        const turns = await Promise.all([turn('a', env.db), turn('b', other), turn('a', env.db), turn('b', other)]);
        expect(turns.some((t) => t.skipped)).toBe(true);
        // Later turns, one after the other, find nothing left to propose.
        expect(await turn('b', other)).toMatchObject({ skipped: false, value: { penalties: 0 } });
      } finally {
        if (other !== env.db) await other.destroy();
      }
      // Each pass ran alone: none started while another was running.
      const sorted = [...passes].sort((x, y) => x.start - y.start);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeGreaterThan(sorted[i - 1].end);
      expect(passes.reduce((n, p) => n + p.penalties, 0)).toBe(3);
      for (const id of ids) {
        const items = ok(await capo.get(`/api/penalties?workOrderId=${id}`)).items as Obj[];
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({ status: 'proposed', proposedCents: 10_000 });
        const alerts = await env.db
          .selectFrom('sla_alerts')
          .select('id')
          .where('work_order_id', '=', id)
          .where('level', '=', 'breach')
          .execute();
        expect(alerts).toHaveLength(1);
      }
    });
  },
  { env: { ATTACHMENTS_DIR } },
);
