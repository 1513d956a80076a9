// #9 item 8: the requester's "not solved" on the ticket page — within REOPEN_DAYS (default 15) of
// the closure, with a reason — reopens the ticket and its last verified work order through the
// same path as the rating link's "work not done" (and its notices); refused after the window,
// to anybody but the ticket's requester, and on a stale version.
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { act, eventTrail, MAIL, move, ok, openTicket, outboxByKind, refs, type Obj } from './fixtures/workflow/workflow.ts';

describeEachDb(
  'the requester says a closed ticket is not solved',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, other: Client, bm: Client, cc: Client, ele: Client;
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };

    /** A ticket of richiedente's, worked, verified and closed by the call center at `closedAt`; [ticket, work order id]. */
    async function closedTicket(subject: string, closedAt: string): Promise<[Obj, string]> {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: `${subject}: non funziona.` });
      const issued = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority: 'ordinary',
        description: subject,
      });
      const w = issued.workOrders[0].id;
      await move(ele, 'work-orders', w, 'acknowledge');
      await move(ele, 'work-orders', w, 'schedule_inspection', { inspectionAt: env.clock.now.toISOString() });
      await move(ele, 'work-orders', w, 'record_inspection', { findings: 'Interruttore rotto' });
      await move(ele, 'work-orders', w, 'schedule_work', { scheduledAt: env.clock.now.toISOString() });
      await move(ele, 'work-orders', w, 'start_work');
      await move(ele, 'work-orders', w, 'complete', { report: 'Sostituito', hours: 1 });
      await move(bm, 'work-orders', w, 'verify');
      at(closedAt);
      const closed = await move(cc, 'tickets', t.id, 'close', { note: 'Intervento concluso' });
      expect(closed).toMatchObject({ status: 'closed', closedAt });
      return [closed, w];
    }

    it('logs everyone in', async () => {
      at('2026-04-01T08:00:00Z');
      r = await refs(env);
      [requester, other, bm, cc, ele] = await Promise.all(
        ['richiedente', 'requester.en', 'bm.centrale', 'callcenter', 'ditta.elettrica'].map((u) => env.login(u)),
      );
    });

    it('within the window: offered to the requester, reason required, the ticket and its work order reopen; notices; the timeline shows the reason', async () => {
      at('2026-04-01T08:00:00Z');
      const [t, w] = await closedTicket('Luce del bagno', '2026-04-01T12:00:00.000Z');
      expect(ok(await requester.get(`/api/tickets/${t.id}`)).availableActions).toEqual(expect.arrayContaining(['not_solved']));
      // Staff reopen with their own action; "not solved" is the requester's.
      expect(ok(await cc.get(`/api/tickets/${t.id}`)).availableActions).not.toContain('not_solved');

      at('2026-04-16T11:59:00Z'); // 14 days 23 h 59 min after the closure
      const noReason = await act(requester, 'tickets', t.id, 'not_solved', {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'reason', code: 'required' })],
      });

      const after = await move(requester, 'tickets', t.id, 'not_solved', { reason: 'La luce si spegne di nuovo dopo pochi minuti' });
      expect(after).toMatchObject({ status: 'in_progress', reopenCount: 1, closedAt: null, workOrders: [{ id: w, status: 'scheduled' }] });
      expect((await eventTrail(bm, t.id)).slice(-2)).toEqual([
        'ticket:not_solved closed→in_progress',
        'work_order:reopen verified→scheduled',
      ]);

      // The requester's own timeline shows the move with its reason.
      const mine = ok(await requester.get(`/api/tickets/${t.id}/timeline`)).items;
      const ev = mine.find((i: Obj) => i.event?.action === 'not_solved');
      expect(ev.event).toMatchObject({
        from: 'closed',
        to: 'in_progress',
        data: { reason: 'La luce si spegne di nuovo dopo pochi minuti' },
      });

      // The same notices as the rating link's reopen: the building manager and the contractor, plus the call center; once each.
      const sent = await outboxByKind(env, t.id);
      expect(sent.ticket_reopened).toEqual([MAIL.bmCentrale, MAIL.callcenter, MAIL.elettrica].sort());
      const row = await env.db
        .selectFrom('outbox')
        .select(['subject', 'text_body'])
        .where('ticket_id', '=', t.id)
        .where('kind', '=', 'ticket_reopened')
        .where('to_address', '=', MAIL.bmCentrale)
        .executeTakeFirstOrThrow();
      expect(row.subject).toBe(`[Presidio ${t.number}] Non risolta, riaperta: ${t.subject}`);
      expect(row.text_body).toContain('Motivo del richiedente: La luce si spegne di nuovo dopo pochi minuti');

      // The work goes on as after any reopen: done again, verified, the ticket resolved.
      await move(ele, 'work-orders', w, 'start_work');
      await move(ele, 'work-orders', w, 'complete', { report: 'Sostituito il reattore', hours: 1 });
      expect((await move(bm, 'work-orders', w, 'verify')).ticket.status).toBe('resolved');
    });

    it("after the window: not offered, and refused with 409 REOPEN_WINDOW_OVER saying until when, in the requester's language", async () => {
      at('2026-04-02T08:00:00Z');
      const [t] = await closedTicket('Presa del corridoio', '2026-04-02T12:00:00.000Z');
      at('2026-04-17T12:00:01Z');
      expect(ok(await requester.get(`/api/tickets/${t.id}`)).availableActions).not.toContain('not_solved');
      const late = await act(requester, 'tickets', t.id, 'not_solved', { reason: 'Ancora guasta' });
      expect(late.statusCode).toBe(409);
      expect(late.headers['content-type']).toContain('application/problem+json');
      expect(late.json()).toMatchObject({ code: 'REOPEN_WINDOW_OVER', reason: 'reopen_window_over' });
      expect(late.json().detail).toBe(
        'Si può indicare che il problema non è risolto entro 15 giorni dalla chiusura (fino al 17/04/2026, 14:00): apri una nuova segnalazione.',
      );
      expect(ok(await requester.get(`/api/tickets/${t.id}`))).toMatchObject({ status: 'closed', reopenCount: 0 });
    });

    it("another user's ticket: out of scope (404); staff on it: not their action (403); a stale version: 409 with the ticket as it is", async () => {
      at('2026-04-03T08:00:00Z');
      const [t] = await closedTicket('Termosifone freddo', '2026-04-03T12:00:00.000Z');
      at('2026-04-04T09:00:00Z');
      expect((await act(other, 'tickets', t.id, 'not_solved', { reason: 'non è mio' })).statusCode).toBe(404);
      const byStaff = await act(cc, 'tickets', t.id, 'not_solved', { reason: 'per conto del richiedente' });
      expect(byStaff.statusCode).toBe(403);

      const stale = await requester.post(`/api/tickets/${t.id}/actions/not_solved`, { version: t.version - 1, reason: 'Ancora freddo' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: t.id, status: 'closed', version: t.version } });
      // Two tabs with the same version: one wins, the other gets 409.
      const [a, b] = await Promise.all([
        requester.post(`/api/tickets/${t.id}/actions/not_solved`, { version: t.version, reason: 'Ancora freddo' }),
        requester.post(`/api/tickets/${t.id}/actions/not_solved`, { version: t.version, reason: 'Ancora freddo (bis)' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      expect(ok(await requester.get(`/api/tickets/${t.id}`))).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    });
  },
  { env: { ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-not-solved-${process.pid}`), SESSION_TTL_HOURS: '720' } },
);
