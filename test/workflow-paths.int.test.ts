// Every path of workflow 1 (DOMAIN.md) through the API, on both engines: states, the timeline
// (events in order with from → to) and the notices written to the outbox (kind → recipients).
import { expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { describeEachDb, type Client } from './helpers/app.ts';
import {
  eventTrail,
  FILES,
  MAIL,
  move,
  act,
  ok,
  openTicket,
  outboxByKind,
  ratingToken,
  refs,
  upload,
  type Obj,
} from './fixtures/workflow/workflow.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-wf-paths-${process.pid}`);

describeEachDb(
  'workflow 1 paths',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, bm: Client, cc: Client, ele: Client, ter: Client, cs: Client;
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };

    const openEle = async (subject: string, extra: Record<string, unknown> = {}) =>
      openTicket(requester, {
        buildingId: await r.building('MI-B01'),
        spaceId: await r.space('MI-B01', 'P1.01'),
        subject,
        description: `${subject}: non funziona.`,
        ...extra,
      });

    /** Opens, qualifies and issues an ELE work order of the given priority; returns [ticket, work order]. */
    const issued = async (subject: string, priority = 'ordinary') => {
      const t = await openEle(subject);
      await move(bm, 'tickets', t.id, 'qualify', {});
      const after = await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority, description: subject });
      return [after, after.workOrders[0]];
    };

    it('logs everyone in', async () => {
      at('2026-03-10T09:00:00Z');
      r = await refs(env);
      [requester, bm, cc, ele, ter, cs] = await Promise.all(
        ['richiedente', 'bm.centrale', 'callcenter', 'ditta.elettrica', 'ditta.termica', 'capo.servizio'].map((u) => env.login(u)),
      );
    });

    it('happy path: open → qualify → issue → acknowledge → inspect → schedule → work → complete → verify → close → rated', async () => {
      at('2026-03-10T09:00:00Z');
      const t = await openEle('Luce guasta');
      expect(t).toMatchObject({ status: 'new', channel: 'web', priority: null, danger: false, requester: { label: 'Marco Colombo' } });
      expect(t.number).toMatch(/^2026-\d{6}$/);
      expect(t.availableActions).toEqual(['complain']); // no reminder before REMINDER_QUIET_HOURS
      expect(t).not.toHaveProperty('reviewFlag');

      const bmView = ok(await bm.get(`/api/tickets/${t.id}`));
      expect(bmView.availableActions).toEqual(['request_inspection', 'qualify', 'issue', 'dismiss']);
      await move(bm, 'tickets', t.id, 'qualify', { findings: 'Plafoniera spenta' });
      at('2026-03-10T09:30:00Z');
      const afterIssue = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority: 'urgent',
        description: 'Sostituire plafoniera',
      });
      expect(afterIssue).toMatchObject({ status: 'in_progress', priority: 'urgent' });
      const woId = afterIssue.workOrders[0].id;
      expect(afterIssue.workOrders[0]).toMatchObject({
        number: `${t.number}/1`,
        status: 'issued',
        contractor: { name: 'Elettrosistemi Lombardi S.p.A.' },
      });

      let wo = ok(await ele.get(`/api/work-orders/${woId}`));
      expect(wo).toMatchObject({
        status: 'issued',
        contract: { lot: 'Lotto 2' },
        availableActions: ['acknowledge'],
        documents: { required: [], missing: [] },
      });
      at('2026-03-10T10:00:00Z');
      wo = await move(ele, 'work-orders', woId, 'acknowledge');
      expect(wo.availableActions).toEqual(['schedule_inspection']); // start_work only in an emergency
      wo = await move(ele, 'work-orders', woId, 'schedule_inspection', { inspectionAt: '2026-03-11T08:00:00+01:00' });
      expect(wo.inspectionAt).toBe('2026-03-11T07:00:00.000Z');
      at('2026-03-11T08:00:00Z');
      await move(ele, 'work-orders', woId, 'record_inspection', { findings: 'Reattore bruciato' });
      await move(ele, 'work-orders', woId, 'schedule_work', { scheduledAt: '2026-03-12T08:00:00Z' });
      at('2026-03-12T08:00:00Z');
      await move(ele, 'work-orders', woId, 'start_work');
      wo = await move(ele, 'work-orders', woId, 'complete', { report: 'Sostituito reattore', hours: 1.5, materials: 'Reattore 36W' });
      expect(wo).toMatchObject({ status: 'completed', hours: 1.5, report: 'Sostituito reattore' });
      // Concluded work takes no new priority and is not cancelled: only verification or rejection.
      expect(ok(await bm.get(`/api/work-orders/${woId}`)).availableActions).toEqual(['reject_completion', 'verify']);
      // Two days after opening the quiet time is over: the requester may remind.
      expect(ok(await requester.get(`/api/tickets/${t.id}`)).availableActions).toEqual(['remind', 'complain']);
      at('2026-03-12T10:00:00Z');
      wo = await move(bm, 'work-orders', woId, 'verify', { note: 'ok' });
      expect(wo).toMatchObject({ status: 'verified', ticket: { status: 'resolved' } });
      expect(wo.availableActions).toEqual(['reopen']);

      const resolved = ok(await cc.get(`/api/tickets/${t.id}`));
      expect(resolved.availableActions).toEqual(['close', 'reopen']);
      at('2026-03-12T11:00:00Z');
      const closed = await move(cc, 'tickets', t.id, 'close', { note: 'Intervento concluso' });
      expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-03-12T11:00:00.000Z' });

      const token = await ratingToken(env, t.id);
      const info = ok(await env.anonymous().get(`/api/ratings/${token}`));
      expect(info).toMatchObject({ ticketNumber: t.number, subject: 'Luce guasta', building: { code: 'MI-B01' } });
      expect(ok(await env.anonymous().post(`/api/ratings/${token}`, { stars: 5, workDone: true, comment: 'Grazie' }))).toEqual({
        ticketNumber: t.number,
        reopened: false,
      });
      const rated = ok(await requester.get(`/api/tickets/${t.id}`));
      expect(rated).toMatchObject({ status: 'closed', rating: { stars: 5, workDone: true, comment: 'Grazie' }, reopenCount: 0 });

      expect(await eventTrail(bm, t.id)).toEqual([
        'ticket:open -→new',
        'ticket:qualify new→qualified',
        'ticket:issue qualified→in_progress',
        'work_order:issue -→issued',
        'work_order:acknowledge issued→acknowledged',
        'work_order:schedule_inspection acknowledged→inspection_scheduled',
        'work_order:record_inspection inspection_scheduled→inspected',
        'work_order:schedule_work inspected→scheduled',
        'work_order:start_work scheduled→in_progress',
        'work_order:complete in_progress→completed',
        'work_order:verify completed→verified',
        'ticket:auto_resolve in_progress→resolved',
        'ticket:close resolved→closed',
        'ticket:rate closed→closed',
      ]);
      // The requester's timeline: no internal data (findings, report), the same path otherwise.
      const mine = ok(await requester.get(`/api/tickets/${t.id}/timeline`)).items;
      const inspection = mine.find((i: Obj) => i.event?.action === 'record_inspection');
      expect(inspection.event.data).toEqual({});
      expect(mine.find((i: Obj) => i.event?.action === 'complete').event.data).toEqual({});
      expect(mine.filter((i: Obj) => i.type === 'notice').every((i: Obj) => i.notice.to === MAIL.richiedente)).toBe(true);

      expect(await outboxByKind(env, t.id)).toEqual({
        ticket_opened: [MAIL.bmCentrale, MAIL.callcenter, MAIL.richiedente].sort(), // #9: the building's manager too
        work_order_issued: [MAIL.elettrica],
        ticket_update: [MAIL.callcenter, MAIL.callcenter, MAIL.richiedente, MAIL.richiedente].sort(), // inspection recorded, work scheduled
        completion_to_verify: [MAIL.bmCentrale, MAIL.callcenter].sort(),
        ticket_closed: [MAIL.richiedente],
        // #9 item 14: the clocks are refreshed by each action, so the warning share reached on the
        // way is told at once, not when the watcher next runs (it does not run in this test).
        sla_warning: [MAIL.bmCentrale, MAIL.elettrica].sort(),
      });
    });

    it('information not adequate: request_inspection → qualifying → qualify → issue', async () => {
      at('2026-03-13T09:00:00Z');
      const t = await openEle('Odore di bruciato');
      let after = await move(bm, 'tickets', t.id, 'request_inspection', { inspectionAt: '2026-03-13T14:00:00Z', note: 'Verifico io' });
      expect(after).toMatchObject({ status: 'qualifying' });
      expect(after.availableActions).toEqual(['qualify', 'dismiss']); // issue from new, qualified or in progress only
      after = await move(bm, 'tickets', t.id, 'qualify', { findings: 'Presa annerita' });
      expect(after.status).toBe('qualified');
      after = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority: 'urgent',
        description: 'Sostituire presa',
      });
      expect(after.workOrders).toHaveLength(1);
      expect(await eventTrail(requester, t.id)).toEqual([
        'ticket:open -→new',
        'ticket:request_inspection new→qualifying',
        'ticket:qualify qualifying→qualified',
        'ticket:issue qualified→in_progress',
        'work_order:issue -→issued',
      ]);
      const mine = ok(await requester.get(`/api/tickets/${t.id}/timeline`)).items;
      expect(mine.find((i: Obj) => i.event?.action === 'request_inspection').event.data).toEqual({
        inspectionAt: '2026-03-13T14:00:00.000Z',
      });
      expect(await outboxByKind(env, t.id)).toEqual({
        ticket_opened: [MAIL.bmCentrale, MAIL.callcenter, MAIL.richiedente].sort(),
        work_order_issued: [MAIL.elettrica],
      });
    });

    it('in plan: the contractor proposes, the building manager confirms; the ticket closes', async () => {
      at('2026-03-16T09:00:00Z');
      const [t, w] = await issued('Lampade corridoio');
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-03-16T13:00:00Z' });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Rientra nel relamping programmato' });
      let wo = await move(ele, 'work-orders', w.id, 'mark_in_plan', { plannedActivity: 'Relamping aprile 2026' });
      expect(wo).toMatchObject({ status: 'in_plan_proposed', plannedActivity: 'Relamping aprile 2026' });
      expect(ok(await bm.get(`/api/work-orders/${w.id}`)).availableActions).toEqual([
        'confirm_in_plan',
        'reject_in_plan',
        'change_priority',
        'cancel',
      ]);
      wo = await move(bm, 'work-orders', w.id, 'confirm_in_plan', { note: 'Confermato' });
      expect(wo).toMatchObject({ status: 'closed', outcome: 'in_plan', ticket: { status: 'closed' } });
      const trail = await eventTrail(bm, t.id);
      expect(trail.slice(-3)).toEqual([
        'work_order:mark_in_plan inspected→in_plan_proposed',
        'work_order:confirm_in_plan in_plan_proposed→closed',
        'ticket:auto_close in_progress→closed',
      ]);
      // The requester does not see the proposal, only the confirmation and the closing.
      expect((await eventTrail(requester, t.id)).slice(-2)).toEqual([
        'work_order:confirm_in_plan in_plan_proposed→closed',
        'ticket:auto_close in_progress→closed',
      ]);
      const box = await outboxByKind(env, t.id);
      expect(box.ticket_update).toEqual([MAIL.bmCentrale, MAIL.callcenter, MAIL.callcenter, MAIL.richiedente, MAIL.richiedente].sort()); // inspection, proposal (BM), confirmation
      // A building manager may also close it in plan at once.
      const [t2, w2] = await issued('Lampade scala');
      await move(ele, 'work-orders', w2.id, 'acknowledge');
      await move(ele, 'work-orders', w2.id, 'schedule_inspection', { inspectionAt: '2026-03-16T15:00:00Z' });
      await move(ele, 'work-orders', w2.id, 'record_inspection', { findings: 'Programmato' });
      wo = await move(bm, 'work-orders', w2.id, 'mark_in_plan', { plannedActivity: 'Relamping aprile 2026' });
      expect(wo).toMatchObject({ status: 'closed', outcome: 'in_plan' });
      expect(ok(await requester.get(`/api/tickets/${t2.id}`)).status).toBe('closed');
    });

    it('not manageable: the reason reaches the requester, the ticket closes without a rating link', async () => {
      at('2026-03-17T09:00:00Z');
      const [t, w] = await issued('Quadro in altra proprietà');
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-03-17T13:00:00Z' });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Impianto del condominio' });
      const wo = await move(ele, 'work-orders', w.id, 'mark_not_manageable', { reason: "Impianto non di proprietà dell'ateneo" });
      expect(wo).toMatchObject({ status: 'closed', outcome: 'not_manageable', closedAt: '2026-03-17T09:00:00.000Z' });
      const mine = ok(await requester.get(`/api/tickets/${t.id}`));
      expect(mine).toMatchObject({ status: 'closed', workOrders: [{ status: 'closed', outcome: 'not_manageable' }] });
      expect(mine.availableActions).toEqual(['not_solved', 'complain']); // #9 item 8: within REOPEN_DAYS
      const items = ok(await requester.get(`/api/tickets/${t.id}/timeline`)).items;
      expect(items.find((i: Obj) => i.event?.action === 'mark_not_manageable').event.data).toEqual({
        reason: "Impianto non di proprietà dell'ateneo",
      });
      expect((await eventTrail(bm, t.id)).slice(-2)).toEqual([
        'work_order:mark_not_manageable inspected→closed',
        'ticket:auto_close in_progress→closed',
      ]);
      const box = await outboxByKind(env, t.id);
      expect(box.ticket_closed).toBeUndefined();
      expect(box.ticket_update).toEqual([MAIL.callcenter, MAIL.callcenter, MAIL.richiedente, MAIL.richiedente].sort());
    });

    const inspected = async (subject: string) => {
      const [t, w] = await issued(subject);
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-03-18T13:00:00Z' });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Serve rifare la linea' });
      return [t, w];
    };
    const quoteLines = [
      { code: 'NP.01', description: 'Nuova linea dorsale', unit: 'm', quantity: 12.5, unitPriceCents: 2000, category: 'works' },
      { description: 'Oneri della sicurezza', unit: 'a corpo', quantity: 1, unitPriceCents: 5000, category: 'safety' },
      { description: 'Manodopera elettricista', unit: 'h', quantity: 2, unitPriceCents: 3500, category: 'labour' },
    ];

    it('quote denied: totals with the contract discount on works only; the reason is shown to the requester', async () => {
      at('2026-03-18T09:00:00Z');
      const [t, w] = await inspected('Linea da rifare');
      let wo = await move(ele, 'work-orders', w.id, 'submit_quote', { lines: quoteLines, note: 'Preventivo n. 12' });
      // works 12.5 × 20.00 = 250.00, Lotto 2 discount 18.75 % = 46.88; + safety 50.00 + labour 70.00 → net 323.12, VAT 22 % 71.09
      expect(wo.status).toBe('awaiting_authorization');
      expect(wo.quote).toMatchObject({
        status: 'submitted',
        discountPercent: 18.75,
        vatPercent: 22,
        discountableCents: 25000,
        discountCents: 4688,
        undiscountedCents: 12000,
        netCents: 20312 + 12000,
        vatCents: 7109,
        totalCents: 32312 + 7109,
        note: 'Preventivo n. 12',
      });
      expect(wo.quote.lines.map((l: Obj) => [l.position, l.quantity, l.amountCents, l.category])).toEqual([
        [1, 12.5, 25000, 'works'],
        [2, 1, 5000, 'safety'],
        [3, 2, 7000, 'labour'],
      ]);
      expect(ok(await cs.get(`/api/work-orders/${w.id}`)).availableActions).toEqual(['approve_quote', 'deny_quote']);
      expect((await act(bm, 'work-orders', w.id, 'approve_quote')).statusCode).toBe(403);
      wo = await move(cs, 'work-orders', w.id, 'deny_quote', { reason: "Intervento non prioritario quest'anno" });
      expect(wo).toMatchObject({
        status: 'closed',
        outcome: 'denied',
        quote: { status: 'denied', decisionReason: "Intervento non prioritario quest'anno", decidedBy: { label: 'Roberto Marchetti' } },
      });
      const mine = ok(await requester.get(`/api/tickets/${t.id}/timeline`)).items;
      expect(mine.find((i: Obj) => i.event?.action === 'deny_quote').event.data).toEqual({
        reason: "Intervento non prioritario quest'anno",
      });
      expect(mine.some((i: Obj) => i.event?.action === 'submit_quote')).toBe(false); // amounts stay internal
      expect(ok(await requester.get(`/api/tickets/${t.id}`)).status).toBe('closed');
      expect((await eventTrail(bm, t.id)).slice(-3)).toEqual([
        'work_order:submit_quote inspected→awaiting_authorization',
        'work_order:deny_quote awaiting_authorization→closed',
        'ticket:auto_close in_progress→closed',
      ]);
      const box = await outboxByKind(env, t.id);
      expect(box.quote_submitted).toEqual([MAIL.bmCentrale, MAIL.capo].sort());
      expect(box.quote_decided).toEqual([MAIL.bmCentrale, MAIL.elettrica].sort());
    });

    it('quote approved: extra fee → the conformity declaration is required before completing', async () => {
      at('2026-03-19T09:00:00Z');
      const [t, w] = await inspected('Nuovo punto luce');
      await move(ele, 'work-orders', w.id, 'submit_quote', { lines: quoteLines });
      let wo = await move(cs, 'work-orders', w.id, 'approve_quote', { note: 'Autorizzato' });
      expect(wo).toMatchObject({
        status: 'authorized',
        extraFee: true,
        quote: { status: 'approved' },
        documents: { required: ['conformity_declaration'], missing: ['conformity_declaration'] },
      });
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: '2026-03-20T08:00:00Z' });
      await move(ele, 'work-orders', w.id, 'start_work');
      wo = ok(await ele.get(`/api/work-orders/${w.id}`));
      expect(wo.availableActions).toContain('complete'); // listed: the documents can still be attached
      const refused = await act(ele, 'work-orders', w.id, 'complete', { report: 'Posato punto luce', hours: 3 });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'DOCUMENTS_MISSING', reason: 'documents_missing', missing: ['conformity_declaration'] });
      expect(refused.json().detail).toContain('dichiarazione di conformità');
      const dico = await upload(
        ele,
        `/api/work-orders/${w.id}/attachments`,
        { kind: 'conformity_declaration' },
        { filename: 'DiCo.pdf', data: FILES.pdf },
      );
      expect(dico.statusCode).toBe(201);
      expect(dico.json()).toMatchObject({ kind: 'conformity_declaration', visibility: 'internal', contentType: 'application/pdf' });
      wo = await move(ele, 'work-orders', w.id, 'complete', { report: 'Posato punto luce', hours: 3 });
      expect(wo).toMatchObject({
        status: 'completed',
        documents: { missing: [], attached: [{ kind: 'conformity_declaration', filename: 'DiCo.pdf' }] },
      });
      wo = await move(bm, 'work-orders', w.id, 'verify');
      expect(wo.ticket.status).toBe('resolved');
      expect((await eventTrail(bm, t.id)).slice(-7)).toEqual([
        'work_order:submit_quote inspected→awaiting_authorization',
        'work_order:approve_quote awaiting_authorization→authorized',
        'work_order:schedule_work authorized→scheduled',
        'work_order:start_work scheduled→in_progress',
        'work_order:complete in_progress→completed',
        'work_order:verify completed→verified',
        'ticket:auto_resolve in_progress→resolved',
      ]);
    });

    it('waiting for materials with the expected date, then resumed with a new date notified', async () => {
      at('2026-03-23T09:00:00Z');
      const [t, w] = await inspected('Interruttore rotto');
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: '2026-03-24T08:00:00Z' });
      let wo = await move(ele, 'work-orders', w.id, 'wait_materials', { expectedOn: '2026-04-02', note: 'Ordinato' });
      expect(wo).toMatchObject({ status: 'waiting_materials', expectedOn: '2026-04-02' });
      const mine = ok(await requester.get(`/api/tickets/${t.id}`));
      expect(mine.workOrders[0]).toMatchObject({ status: 'waiting_materials', expectedOn: '2026-04-02' });
      expect(mine.workOrders[0]).not.toHaveProperty('contractor');
      wo = await move(ele, 'work-orders', w.id, 'resume', { scheduledAt: '2026-04-03T08:00:00Z' });
      expect(wo).toMatchObject({ status: 'scheduled', expectedOn: null, scheduledAt: '2026-04-03T08:00:00.000Z' });
      const items = ok(await requester.get(`/api/tickets/${t.id}/timeline`)).items.filter((i: Obj) => i.type === 'event');
      expect(items.slice(-2).map((i: Obj) => [i.event.action, i.event.data])).toEqual([
        ['wait_materials', { expectedOn: '2026-04-02' }],
        ['resume', { scheduledAt: '2026-04-03T08:00:00.000Z' }],
      ]);
      // inspection, schedule, materials, new date: four updates to the requester and to the call center
      expect((await outboxByKind(env, t.id)).ticket_update.filter((a) => a === MAIL.richiedente)).toHaveLength(4);
    });

    it('completion rejected: back to scheduled, then done and verified', async () => {
      at('2026-03-25T09:00:00Z');
      const [t, w] = await inspected('Presa senza corrente');
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: '2026-03-25T10:00:00Z' });
      await move(ele, 'work-orders', w.id, 'start_work');
      await move(ele, 'work-orders', w.id, 'complete', { report: 'Fatto', hours: 0.5 });
      let wo = await move(cc, 'work-orders', w.id, 'reject_completion', { reason: 'Il richiedente dice che non va ancora' });
      expect(wo).toMatchObject({ status: 'scheduled', completedAt: null });
      await move(ele, 'work-orders', w.id, 'start_work');
      await move(ele, 'work-orders', w.id, 'complete', { report: 'Sostituita presa', hours: 1 });
      wo = await move(bm, 'work-orders', w.id, 'verify');
      expect(wo.ticket.status).toBe('resolved');
      expect((await eventTrail(bm, t.id)).slice(-6)).toEqual([
        'work_order:complete in_progress→completed',
        'work_order:reject_completion completed→scheduled',
        'work_order:start_work scheduled→in_progress',
        'work_order:complete in_progress→completed',
        'work_order:verify completed→verified',
        'ticket:auto_resolve in_progress→resolved',
      ]);
      expect((await eventTrail(requester, t.id)).some((e) => e.includes('reject_completion'))).toBe(false);
      expect((await outboxByKind(env, t.id)).completion_rejected).toEqual([MAIL.elettrica]);
    });

    it('rating "work not done": the ticket and its work order reopen, alerts go out; then done and rated', async () => {
      at('2026-03-26T09:00:00Z');
      const [t, w] = await inspected('Faretto guasto');
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: '2026-03-26T10:00:00Z' });
      await move(ele, 'work-orders', w.id, 'start_work');
      await move(ele, 'work-orders', w.id, 'complete', { report: 'Sostituito faretto', hours: 1 });
      await move(bm, 'work-orders', w.id, 'verify');
      await move(cc, 'tickets', t.id, 'close');
      const first = await ratingToken(env, t.id);
      at('2026-03-27T09:00:00Z');
      expect(
        ok(await env.anonymous().post(`/api/ratings/${first}`, { stars: 2, workDone: false, comment: 'Il faretto è ancora spento' })),
      ).toMatchObject({ reopened: true });
      const reopened = ok(await bm.get(`/api/tickets/${t.id}`));
      expect(reopened).toMatchObject({
        status: 'in_progress',
        reopenCount: 1,
        reviewFlag: true,
        closedAt: null,
        rating: { stars: 2, workDone: false },
      });
      expect(reopened.workOrders[0]).toMatchObject({ status: 'scheduled' });
      const box = await outboxByKind(env, t.id);
      expect(box.ticket_reopened).toEqual([MAIL.bmCentrale, MAIL.elettrica].sort());
      expect(box.low_rating).toEqual([MAIL.bmCentrale]);
      await move(ele, 'work-orders', w.id, 'start_work');
      await move(ele, 'work-orders', w.id, 'complete', { report: 'Sostituito anche il trasformatore', hours: 1 });
      await move(bm, 'work-orders', w.id, 'verify');
      await move(cc, 'tickets', t.id, 'close');
      const second = await ratingToken(env, t.id);
      expect(second).not.toBe(first);
      expect(ok(await env.anonymous().post(`/api/ratings/${second}`, { stars: 5, workDone: true }))).toMatchObject({ reopened: false });
      expect(ok(await bm.get(`/api/tickets/${t.id}`))).toMatchObject({
        status: 'closed',
        reopenCount: 1,
        reviewFlag: true,
        rating: { stars: 5, workDone: true, comment: null },
      });
      expect((await eventTrail(bm, t.id)).slice(-11)).toEqual([
        'work_order:verify completed→verified',
        'ticket:auto_resolve in_progress→resolved',
        'ticket:close resolved→closed',
        'ticket:rate closed→in_progress',
        'work_order:reopen verified→scheduled',
        'work_order:start_work scheduled→in_progress',
        'work_order:complete in_progress→completed',
        'work_order:verify completed→verified',
        'ticket:auto_resolve in_progress→resolved',
        'ticket:close resolved→closed',
        'ticket:rate closed→closed',
      ]);
    });

    it('a building manager or the call center reopens a closed ticket: the verified work order goes back to work', async () => {
      at('2026-03-30T09:00:00Z');
      const [t, w] = await inspected('Presa bruciata');
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: '2026-03-30T10:00:00Z' });
      await move(ele, 'work-orders', w.id, 'start_work');
      await move(ele, 'work-orders', w.id, 'complete', { report: 'Fatto', hours: 1 });
      await move(bm, 'work-orders', w.id, 'verify');
      await move(cc, 'tickets', t.id, 'close');
      const after = await move(cc, 'tickets', t.id, 'reopen', { reason: 'Il richiedente ha richiamato: di nuovo guasta' });
      expect(after).toMatchObject({ status: 'in_progress', reopenCount: 1, workOrders: [{ status: 'scheduled' }] });
      expect((await eventTrail(bm, t.id)).slice(-2)).toEqual(['ticket:reopen closed→in_progress', 'work_order:reopen verified→scheduled']);
      // ticket_reopened once per person, though both the ticket and the work order announce it
      expect((await outboxByKind(env, t.id)).ticket_reopened).toEqual([MAIL.bmCentrale, MAIL.elettrica, MAIL.richiedente].sort());
    });

    it('emergency: danger → emergency priority and the number to call; straight to work after acknowledgement', async () => {
      at('2026-03-31T22:00:00Z');
      const t = await openEle('Scintille dal quadro', { danger: true });
      expect(t).toMatchObject({ priority: 'emergency', danger: true, emergencyHint: { phone: '112' } });
      expect(t.emergencyHint.message).toContain('112');
      expect((await outboxByKind(env, t.id)).ticket_opened).toEqual([MAIL.bmCentrale, MAIL.callcenter, MAIL.richiedente].sort());
      const after = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority: 'emergency',
        description: 'Mettere in sicurezza il quadro',
      });
      const w = after.workOrders[0];
      let wo = await move(ele, 'work-orders', w.id, 'acknowledge');
      expect(wo.availableActions).toEqual(['schedule_inspection', 'start_work']);
      await move(ele, 'work-orders', w.id, 'start_work', { note: 'Messo in sicurezza, sopralluogo contestuale' });
      wo = await move(ele, 'work-orders', w.id, 'complete', { report: 'Sostituito interruttore differenziale', hours: 2 });
      wo = await move(cc, 'work-orders', w.id, 'verify');
      expect(wo.ticket.status).toBe('resolved');
      expect(await eventTrail(bm, t.id)).toEqual([
        'ticket:open -→new',
        'ticket:issue new→in_progress',
        'work_order:issue -→issued',
        'work_order:acknowledge issued→acknowledged',
        'work_order:start_work acknowledged→in_progress',
        'work_order:complete in_progress→completed',
        'work_order:verify completed→verified',
        'ticket:auto_resolve in_progress→resolved',
      ]);
      // Not an emergency: start_work is neither offered nor accepted straight after acknowledgement.
      const [, w2] = await issued('Non urgente');
      wo = await move(ele, 'work-orders', w2.id, 'acknowledge');
      expect(wo.availableActions).not.toContain('start_work');
      const refused = await act(ele, 'work-orders', w2.id, 'start_work');
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'EMERGENCY_ONLY', reason: 'emergency_only' });
    });

    it('termica handles plumbing in the same flow; a second work order gets the next number', async () => {
      at('2026-04-01T09:00:00Z');
      const [t] = await issued('Bagno: luce e perdita');
      const after = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('IDR'),
        priority: 'ordinary',
        description: 'Perdita lavandino',
      });
      expect(after.workOrders.map((w: Obj) => w.number)).toEqual([`${t.number}/1`, `${t.number}/2`]);
      const idr = after.workOrders[1];
      expect(ok(await ter.get(`/api/work-orders/${idr.id}`))).toMatchObject({
        contractor: { name: 'Termoidraulica Lariana S.r.l.' },
        contract: { lot: 'Lotto 3' },
      });
      expect((await ter.get(`/api/work-orders/${after.workOrders[0].id}`)).statusCode).toBe(404);
      expect(ok(await ter.get(`/api/tickets/${t.id}`)).availableActions).toEqual([]);
    });
  },
  { env: { ATTACHMENTS_DIR, PUBLIC_URL: 'https://presidio.example', SESSION_TTL_HOURS: '720' } },
);
