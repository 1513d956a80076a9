// Opening tickets (requester, call center for a caller, building manager), reading them in each
// role's view, comments, and every kind of refusal: role, scope, state, field, version, guard.
import { expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { describeEachDb, type Client } from './helpers/app.ts';
import { addComment, openTicket as openAsService } from '../src/server/modules/tickets/tickets.service.ts';
import type { SystemActor } from '../src/server/modules/tickets/actor.ts';
import { act, eventTrail, MAIL, move, ok, openTicket, outboxByKind, refs, type Obj } from './fixtures/workflow/workflow.ts';

describeEachDb(
  'workflow 1 tickets and refusals',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, other: Client, bm: Client, bmDeib: Client, cc: Client, ele: Client, ter: Client, cs: Client, admin: Client;
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };

    it('logs everyone in', async () => {
      at('2026-03-10T09:00:00Z');
      r = await refs(env);
      [requester, other, bm, bmDeib, cc, ele, ter, cs, admin] = await Promise.all(
        [
          'richiedente',
          'requester.en',
          'bm.centrale',
          'bm.deib',
          'callcenter',
          'ditta.elettrica',
          'ditta.termica',
          'capo.servizio',
          'admin',
        ].map((u) => env.login(u)),
      );
    });

    it('opens a ticket from the requester form, deriving the subject; notice 1 goes to requester, call center and the building manager', async () => {
      const t = await openTicket(requester, {
        buildingId: await r.building('MI-B02'),
        spaceId: await r.space('MI-B02', 'P1.01'),
        description: "Il proiettore dell'aula N.1.1 non si accende\nanche dopo il reset",
        danger: false,
      });
      expect(t).toMatchObject({
        status: 'new',
        channel: 'web',
        subject: "Il proiettore dell'aula N.1.1 non si accende",
        building: { code: 'MI-B02' },
        space: { code: 'P1.01', name: 'Aula N.1.1' },
        language: 'it',
        version: 1,
        reopenCount: 0,
        workOrders: [],
        attachments: [],
      });
      expect(t).not.toHaveProperty('emergencyHint');
      expect(t).not.toHaveProperty('caller');
      // #9: and to the building's manager (MI-B02 tells its managers of every new ticket, the default).
      expect(await outboxByKind(env, t.id)).toEqual({ ticket_opened: [MAIL.bmCentrale, MAIL.callcenter, MAIL.richiedente].sort() });
      expect(await eventTrail(requester, t.id)).toEqual(['ticket:open -→new']);
    });

    it('call center opens for a caller (known user or not); building manager opens directly', async () => {
      const known = await openTicket(cc, {
        buildingId: await r.building('MI-B03'),
        description: 'Guasto segnalato per telefono',
        callerPhone: '+39 02 1234',
        requesterId: await r.user('requester.en'),
      });
      expect(known).toMatchObject({
        channel: 'phone',
        requester: { label: 'Sarah Mitchell' },
        language: 'en',
        caller: { name: null, phone: '+39 02 1234', email: null },
        openedBy: { label: 'Giulia Rinaldi' },
      });
      expect(ok(await other.get(`/api/tickets/${known.id}`))).toMatchObject({ requester: { label: 'Sarah Mitchell' } }); // it is hers
      const stranger = await openTicket(cc, {
        buildingId: await r.building('MI-B03'),
        description: 'Allagamento bagno',
        callerName: 'Custode',
        callerEmail: 'custode@example.org',
      });
      expect(stranger).toMatchObject({ channel: 'phone', requester: { id: null, label: 'Custode' } });
      expect((await outboxByKind(env, stranger.id)).ticket_opened).toEqual([MAIL.bmDeib, 'custode@example.org'].sort()); // the caller and MI-B03's manager; the call center opened it
      const noCaller = await cc.post('/api/tickets', { buildingId: await r.building('MI-B03'), description: 'x', callerPhone: '123' });
      expect(noCaller.statusCode).toBe(400);
      expect(noCaller.json().errors).toEqual([expect.objectContaining({ field: 'callerName', code: 'required' })]);
      const direct = await openTicket(bm, { buildingId: await r.building('MI-B01'), description: 'Infiltrazione dal tetto' });
      expect(direct).toMatchObject({ channel: 'staff', requester: { label: 'Alessandro Galli' } });
      // Only the call center opens on behalf of someone; a building manager only in their buildings.
      expect(
        (await requester.post('/api/tickets', { buildingId: await r.building('MI-B01'), description: 'x', callerName: 'Altro' }))
          .statusCode,
      ).toBe(403);
      const outside = await bm.post('/api/tickets', { buildingId: await r.building('MI-B03'), description: 'x' });
      expect(outside.statusCode).toBe(422);
      expect(outside.json()).toMatchObject({ code: 'INVALID_REFERENCE', errors: [{ field: 'buildingId', code: 'notFound' }] });
    });

    it('refuses bad references and bad bodies naming the field', async () => {
      const wrongSpace = await requester.post('/api/tickets', {
        buildingId: await r.building('MI-B01'),
        spaceId: await r.space('MI-B02', 'P0.01'),
        description: 'x',
      });
      expect(wrongSpace.statusCode).toBe(422);
      expect(wrongSpace.json().errors).toEqual([expect.objectContaining({ field: 'spaceId', code: 'spaceBuilding' })]);
      const missing = await requester.post('/api/tickets', { buildingId: await r.building('MI-B01') });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'description', code: 'required' })]);
      const unknown = await requester.post('/api/tickets', {
        buildingId: await r.building('MI-B01'),
        description: 'x',
        priority: 'emergency',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'priority', code: 'unknownField' })]);
    });

    it('numbers are readable and unique per year: 20 parallel opens get 20 consecutive numbers', async () => {
      at('2026-03-20T09:00:00Z');
      const buildingId = await r.building('MI-B06');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => requester.post('/api/tickets', { buildingId, description: `Parallelo ${i}` })),
      );
      expect(results.map((x) => x.statusCode)).toEqual(Array(20).fill(201));
      const numbers = results.map((x) => Number(x.json().number.split('-')[1])).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(20);
      expect(numbers[19] - numbers[0]).toBe(19);
      at('2026-03-10T09:00:00Z');
    });

    it('shows each role its view: requester without internal fields and comments; staff and contractor all', async () => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Perdita dal soffitto' });
      ok(await requester.post(`/api/tickets/${t.id}/comments`, { body: 'Gocciola ancora' }), 201);
      const internal = ok(
        await bm.post(`/api/tickets/${t.id}/comments`, { body: 'Probabile colonna di scarico', visibility: 'internal' }),
        201,
      );
      expect(internal).toMatchObject({ visibility: 'internal', author: { label: 'Alessandro Galli' }, source: 'web' });
      const refused = await requester.post(`/api/tickets/${t.id}/comments`, { body: 'segreto', visibility: 'internal' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'visibility', code: 'internalNotAllowed' })]);

      const mine = ok(await requester.get(`/api/tickets/${t.id}/timeline`)).items;
      expect(mine.filter((i: Obj) => i.type === 'comment').map((i: Obj) => i.comment.body)).toEqual(['Gocciola ancora']);
      const staff = ok(await cc.get(`/api/tickets/${t.id}/timeline`)).items;
      expect(staff.filter((i: Obj) => i.type === 'comment').map((i: Obj) => i.comment.body)).toEqual([
        'Gocciola ancora',
        'Probabile colonna di scarico',
      ]);
      expect(staff.filter((i: Obj) => i.type === 'notice').map((i: Obj) => i.notice.kind)).toEqual([
        'ticket_opened',
        'ticket_opened',
        'ticket_opened',
      ]);
      expect(mine.filter((i: Obj) => i.type === 'notice').map((i: Obj) => i.notice.to)).toEqual([MAIL.richiedente]);

      const asBm = ok(await bm.get(`/api/tickets/${t.id}`));
      expect(asBm).toMatchObject({ complaintCount: 0, reviewFlag: false, openedBy: { label: 'Marco Colombo' } });
      // The contractor sees the ticket only once it has one of its work orders, and comments through it.
      expect((await ele.get(`/api/tickets/${t.id}`)).statusCode).toBe(404);
      const issued = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('IDR'),
        priority: 'ordinary',
        description: 'Verificare scarico',
      });
      expect((await ele.get(`/api/tickets/${t.id}`)).statusCode).toBe(404);
      expect(ok(await ter.get(`/api/tickets/${t.id}`)).availableActions).toEqual([]);
      expect((await ter.post(`/api/tickets/${t.id}/comments`, { body: 'x' })).statusCode).toBe(403);
      const woId = issued.workOrders[0].id;
      const woComment = ok(await ter.post(`/api/work-orders/${woId}/comments`, { body: 'Passiamo domani alle 9' }), 201);
      expect(woComment).toMatchObject({ ticketId: t.id, workOrderId: woId, visibility: 'public' });
      expect(
        ok(await requester.get(`/api/tickets/${t.id}/timeline`)).items.some((i: Obj) => i.comment?.body === 'Passiamo domani alle 9'),
      ).toBe(true);
      expect(ok(await ter.get(`/api/work-orders/${woId}`)).timeline.some((i: Obj) => i.comment?.body === 'Passiamo domani alle 9')).toBe(
        true,
      );
    });

    it('out of scope reads as 404: another requester, another building manager, another contractor', async () => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Porta bloccata' });
      const after = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority: 'ordinary',
        description: 'Porta automatica',
      });
      const woId = after.workOrders[0].id;
      for (const [client, url] of [
        [other, `/api/tickets/${t.id}`],
        [other, `/api/tickets/${t.id}/timeline`],
        [bmDeib, `/api/tickets/${t.id}`],
        [ter, `/api/work-orders/${woId}`],
        [bmDeib, `/api/work-orders/${woId}`],
        [requester, `/api/work-orders/${woId}`],
        [bm, '/api/tickets/00000000-0000-0000-0000-000000000000'],
      ] as const) {
        const res = await client.get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.json().code).toBe('NOT_FOUND');
      }
      const act404 = await act(bmDeib, 'tickets', t.id, 'dismiss', { reason: 'x' });
      expect(act404.statusCode).toBe(404);
      expect((await ter.post(`/api/work-orders/${woId}/actions/acknowledge`, { version: 1 })).statusCode).toBe(404);
      expect((await other.post(`/api/tickets/${t.id}/comments`, { body: 'x' })).statusCode).toBe(404);
      // Read-only roles see everything but may not act.
      expect(ok(await cs.get(`/api/tickets/${t.id}`)).availableActions).toEqual([]);
      expect(ok(await admin.get(`/api/work-orders/${woId}`)).availableActions).toEqual([]);
    });

    it('refuses the wrong role (403), the wrong state (409), a missing field (400) and a stale version (409 with current)', async () => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B05'), description: 'Cappa di aspirazione rumorosa' });
      const role = await act(requester, 'tickets', t.id, 'qualify');
      expect(role.statusCode).toBe(403);
      expect(role.json().code).toBe('FORBIDDEN');
      expect(
        (await act(cc, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('TER'), priority: 'urgent', description: 'x' }))
          .statusCode,
      ).toBe(403);

      const field = await act(bm, 'tickets', t.id, 'dismiss', {});
      expect(field.statusCode).toBe(400);
      expect(field.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'reason', code: 'required' }] });
      const blank = await act(bm, 'tickets', t.id, 'dismiss', { reason: '   ' });
      expect(blank.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'required' })]);
      const badPriority = await act(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('TER'),
        priority: 'asap',
        description: 'x',
      });
      expect(badPriority.statusCode).toBe(400);
      expect(badPriority.json().errors[0].field).toBe('priority');
      const badInstant = await act(bm, 'tickets', t.id, 'request_inspection', { inspectionAt: 'domani' });
      expect(badInstant.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'inspectionAt', code: 'instant' }] });
      const foreign = await act(bm, 'tickets', t.id, 'qualify', { reason: 'not a field of qualify' });
      expect(foreign.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'unknownField' })]);

      const stale = await bm.post(`/api/tickets/${t.id}/actions/qualify`, { version: 7 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: t.id, version: 1, status: 'new' } });

      at('2026-03-10T10:00:00Z');
      await move(bm, 'tickets', t.id, 'dismiss', { reason: 'Segnalazione doppia' });
      const state = await act(bm, 'tickets', t.id, 'qualify');
      expect(state.statusCode).toBe(409);
      expect(state.json()).toMatchObject({ code: 'INVALID_STATE', action: 'qualify', state: 'closed' });
      expect(state.json().detail).toContain('qualify');
      expect((await outboxByKind(env, t.id)).ticket_update).toEqual([MAIL.callcenter, MAIL.richiedente].sort());
      const items = ok(await requester.get(`/api/tickets/${t.id}/timeline`)).items;
      expect(items.map((i: Obj) => i.type)).toEqual(['event', 'notice', 'event', 'notice']); // each notice right after its event
      expect(items[2].event).toMatchObject({ action: 'dismiss', from: 'new', to: 'closed', data: { reason: 'Segnalazione doppia' } });
      at('2026-03-10T09:00:00Z');
    });

    it('issuing with no contract for (building, class, date) names the gap (422 CONTRACT_NOT_FOUND), writing nothing', async () => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Albero pericolante in cortile' });
      const res = await act(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('VER'),
        priority: 'urgent',
        description: 'Potatura',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'CONTRACT_NOT_FOUND' });
      expect(res.json().detail).toContain('MI-B01');
      expect(res.json().detail).toContain('VER');
      expect(ok(await bm.get(`/api/tickets/${t.id}`))).toMatchObject({ status: 'new', version: 1, workOrders: [] });
      const unknownClass = await act(bm, 'tickets', t.id, 'issue', { technologyClassId: 'nope', priority: 'urgent', description: 'x' });
      expect(unknownClass.json()).toMatchObject({ code: 'INVALID_REFERENCE', errors: [{ field: 'technologyClassId' }] });
    });

    it('issuing where two contracts overlap names them (422 CONTRACT_AMBIGUOUS)', async () => {
      const bmComo = await env.login('bm.como');
      const contractorId = (await env.db.selectFrom('contractors').select('id').where('name', 'like', 'Navigli%').executeTakeFirstOrThrow())
        .id;
      const created = await admin.post('/api/contracts', {
        lot: 'Lotto 9',
        cig: 'ZZ00000099',
        title: 'Contratto sovrapposto di prova',
        contractorId,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        netAmountCents: 1000000,
        yearlyFeeCents: 100000,
        discountPercent: 10,
        technologyClassIds: [await r.cls('ASC')],
        buildingIds: [await r.building('CO-B03')],
      });
      expect(created.statusCode).toBe(201);
      const t = await openTicket(requester, { buildingId: await r.building('CO-B03'), description: 'Ascensore fermo al piano' });
      const res = await act(bmComo, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ASC'),
        priority: 'urgent',
        description: 'Sblocco',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('CONTRACT_AMBIGUOUS');
      expect(res.json().detail).toContain('Lotto 5');
      expect(res.json().detail).toContain('Lotto 9');
    });

    it('reminder only after the quiet time since opening, then at most once a day, counted; complaints counted and sent to the building managers', async () => {
      at('2026-03-11T09:00:00Z');
      const t = await openTicket(requester, { buildingId: await r.building('MI-B07'), description: 'Termosifone freddo' });
      // A fresh ticket: no reminder offered (REMINDER_QUIET_HOURS, 24 by default), and one sent anyway is refused with the time.
      expect(t.availableActions).toEqual(['complain']);
      const early = await act(requester, 'tickets', t.id, 'remind');
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'REMINDER_TOO_SOON', reason: 'reminder_too_early', nextAt: '2026-03-12T09:00:00.000Z' });
      at('2026-03-12T08:59:00Z');
      expect(ok(await requester.get(`/api/tickets/${t.id}`)).availableActions).toEqual(['complain']);
      at('2026-03-12T09:00:00Z');
      expect(ok(await requester.get(`/api/tickets/${t.id}`)).availableActions).toEqual(['remind', 'complain']);
      let mine = await move(requester, 'tickets', t.id, 'remind', { note: 'Fa freddo' });
      expect(mine).toMatchObject({ reminderCount: 1, lastReminderAt: '2026-03-12T09:00:00.000Z', availableActions: ['complain'] });
      at('2026-03-12T20:00:00Z');
      const again = await act(requester, 'tickets', t.id, 'remind');
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'REMINDER_TOO_SOON', reason: 'reminder_once_a_day', nextAt: '2026-03-13T09:00:00.000Z' });
      expect(again.json().detail).toContain('13/03/2026, 10:00'); // Rome time
      at('2026-03-13T09:00:00Z');
      mine = await move(requester, 'tickets', t.id, 'remind');
      expect(mine.reminderCount).toBe(2);
      mine = await move(requester, 'tickets', t.id, 'complain', { text: 'Nessuno è ancora passato' });
      expect(ok(await bm.get(`/api/tickets/${t.id}`))).toMatchObject({ complaintCount: 1, reminderCount: 2, status: 'new' });
      expect(await eventTrail(bm, t.id)).toEqual([
        'ticket:open -→new',
        'ticket:remind new→new',
        'ticket:remind new→new',
        'ticket:complain new→new',
      ]);
      const box = await outboxByKind(env, t.id);
      expect(box.reminder).toEqual([MAIL.bmCentrale, MAIL.bmCentrale]);
      expect(box.complaint).toEqual([MAIL.bmCentrale]);
      // Another user's reminder is refused as out of scope.
      expect((await act(other, 'tickets', t.id, 'remind')).statusCode).toBe(404);
      at('2026-03-10T09:00:00Z');
    });

    it('work-order refusals: wrong role, wrong state, stale version, same priority; priority changes reach the ticket', async () => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B02'), description: 'Climatizzatore aula' });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', {
          technologyClassId: await r.cls('TER'),
          priority: 'ordinary',
          description: 'Verifica split',
        })
      ).workOrders[0];
      expect((await act(bm, 'work-orders', w.id, 'acknowledge')).statusCode).toBe(403);
      const state = await act(ter, 'work-orders', w.id, 'record_inspection', { findings: 'x' });
      expect(state.json()).toMatchObject({ code: 'INVALID_STATE', state: 'issued' });
      const field = await act(ter, 'work-orders', w.id, 'schedule_inspection', {});
      expect(field.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'inspectionAt', code: 'required' }] });
      const same = await act(bm, 'work-orders', w.id, 'change_priority', { priority: 'ordinary', reason: 'x' });
      expect(same.statusCode).toBe(422);
      expect(same.json().code).toBe('SAME_PRIORITY');
      const changed = await move(bm, 'work-orders', w.id, 'change_priority', { priority: 'urgent', reason: "Aula d'esame domani" });
      expect(changed).toMatchObject({ priority: 'urgent', version: 2 });
      expect(ok(await bm.get(`/api/tickets/${t.id}`)).priority).toBe('urgent');
      expect((await outboxByKind(env, t.id)).priority_changed).toEqual([MAIL.termica]);
      const stale = await ter.post(`/api/work-orders/${w.id}/actions/acknowledge`, { version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: w.id, version: 2, priority: 'urgent' } });
      const cancelled = await move(bm, 'work-orders', w.id, 'cancel', { reason: 'Duplicato' });
      expect(cancelled).toMatchObject({ status: 'closed', outcome: 'cancelled', ticket: { status: 'closed' } });
      expect((await outboxByKind(env, t.id)).work_order_cancelled).toEqual([MAIL.termica]);
    });

    it('openTicket and addComment serve the e-mail intake: a system actor with a label, channel and source e-mail', async () => {
      const actor: SystemActor = {
        kind: 'system',
        label: 'Marco Colombo <marco.colombo@uniesempio.example> (e-mail)',
        userId: await r.user('richiedente'),
        channel: 'email',
        language: 'it',
      };
      const buildingId = await r.building('MI-B05');
      const opened = await env.db.transaction().execute((trx) =>
        openAsService(
          env.app.ctx,
          actor,
          {
            buildingId,
            description: 'Scritto per e-mail',
            requesterId: actor.userId!,
          },
          { trx },
        ),
      );
      expect(opened.number).toMatch(/^2026-\d{6}$/);
      const t = ok(await cc.get(`/api/tickets/${opened.id}`));
      expect(t).toMatchObject({ channel: 'email', requester: { label: 'Marco Colombo' }, openedBy: { label: 'Marco Colombo' } });
      const c = await addComment(env.app.ctx, actor, opened.id, { body: 'Risposta per e-mail' });
      expect(c).toMatchObject({ source: 'email', visibility: 'public', author: { label: actor.label } });
      const items = ok(await requester.get(`/api/tickets/${opened.id}/timeline`)).items;
      expect(items.find((i: Obj) => i.type === 'event').event.actor.label).toBe(actor.label);
      expect(items.some((i: Obj) => i.comment?.source === 'email')).toBe(true);
    });

    it('numbers restart each year, by the Rome calendar (runs last: the clock jumps to December)', async () => {
      at('2026-12-31T22:59:00Z');
      const late = await env.login('richiedente');
      const buildingId = await r.building('MI-B06');
      expect((await openTicket(late, { buildingId, description: "Ultimo dell'anno" })).number).toMatch(/^2026-/);
      at('2026-12-31T23:30:00Z'); // already 1 January 2027 in Rome
      expect((await openTicket(late, { buildingId, description: 'Capodanno' })).number).toBe('2027-000001');
      expect((await openTicket(late, { buildingId, description: 'Capodanno 2' })).number).toBe('2027-000002');
    });

    it('the OpenAPI document lists the workflow routes with their schemas', async () => {
      const spec = (await env.anonymous().get('/api/openapi.json')).json();
      for (const p of [
        '/api/tickets',
        '/api/tickets/{id}',
        '/api/tickets/{id}/actions/issue',
        '/api/tickets/{id}/timeline',
        '/api/work-orders/{id}/actions/submit_quote',
        '/api/tickets/{id}/attachments',
        '/api/attachments/{id}',
        '/api/ratings/{token}',
        '/api/price-lists',
        '/api/price-lists/{id}/items',
      ]) {
        expect(spec.paths[p], p).toBeDefined();
      }
      const issue = spec.paths['/api/tickets/{id}/actions/issue'].post;
      expect(issue.tags).toEqual(['tickets']);
      const body = issue.requestBody.content['application/json'].schema;
      expect(body.required.sort()).toEqual(['description', 'priority', 'technologyClassId', 'version']);
      expect(body.additionalProperties).toBe(false);
    });
  },
  { env: { ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-wf-tickets-${process.pid}`), SESSION_TTL_HOURS: '720' } },
);
