// Notices: audiences → recipients, rendering per language, outbox and in-app rows, the admin
// outbox API and the in-app notifications API. Sending over SMTP: notices-sender.int.test.ts.
import { expect, it } from 'vitest';
import { describeEachDb } from './helpers/app.ts';
import { makeTicket, makeWorkOrder, userId } from './helpers/notice-fixtures.ts';
import { enqueueNotices, type NoticeRequest } from '../src/server/modules/notices/enqueue.ts';
import type { TestEnv } from './helpers/app.ts';

async function enqueue(env: TestEnv, req: Omit<NoticeRequest, 'eventId' | 'data'> & { eventId?: string; data?: Record<string, unknown> }) {
  const full: NoticeRequest = { eventId: crypto.randomUUID(), data: {}, ...req };
  await env.db.transaction().execute((trx) => enqueueNotices(trx, env.app.ctx, full));
  return full.eventId;
}

const outboxOf = (env: TestEnv, ticketId: string) =>
  env.db.selectFrom('outbox').selectAll().where('ticket_id', '=', ticketId).orderBy('to_address').execute();

describeEachDb('notices: recipients, rendering, outbox', (env) => {
  it('notice 1: requester and call center, each in their language, tagged subject, in-app rows; idempotent', async () => {
    const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente', subject: 'Perdita <acqua> & "muffa"' });
    const requester = await userId(env.db, 'richiedente');
    const eventId = await enqueue(env, {
      notices: [{ kind: 'ticket_opened', to: ['requester', 'call_center'] }],
      ticketId: t.id,
      workOrderId: null,
      actorUserId: requester,
      action: 'open',
    });
    const rows = await outboxOf(env, t.id);
    expect(rows.map((r) => r.to_address)).toEqual(['giulia.rinaldi@uniesempio.example', 'marco.colombo@uniesempio.example']);
    for (const r of rows) {
      expect(r.status).toBe('pending');
      expect(r.next_attempt_at).toBe(env.clock.now.toISOString());
      expect(r.idempotency_key).toBe(`${eventId}:ticket_opened:${r.to_address}`);
      expect(r.subject.startsWith(`[Presidio ${t.number}] `)).toBe(true);
      expect(r.language).toBe('it');
      expect(r.html_body).toContain('Perdita &lt;acqua&gt; &amp; &quot;muffa&quot;');
      expect(r.html_body).not.toContain('<acqua>');
    }
    const toRequester = rows.find((r) => r.to_address.startsWith('marco'))!;
    expect(toRequester.subject).toBe(`[Presidio ${t.number}] Segnalazione aperta: Perdita <acqua> & "muffa"`);
    expect(toRequester.text_body).toContain(`registrata con il numero ${t.number}`);
    expect(toRequester.text_body).toContain(`/tickets/${t.id}`);
    const toCallCenter = rows.find((r) => r.to_address.startsWith('giulia'))!;
    expect(toCallCenter.subject).toContain('Nuova segnalazione');

    const notes = await env.db.selectFrom('notifications').selectAll().where('ticket_id', '=', t.id).execute();
    expect(notes).toHaveLength(2);
    expect(notes.every((n) => n.read_at === null && n.kind === 'ticket_opened' && !n.title.startsWith('['))).toBe(true);

    // The same event again writes no second e-mail.
    await enqueue(env, {
      eventId,
      notices: [{ kind: 'ticket_opened', to: ['requester', 'call_center'] }],
      ticketId: t.id,
      workOrderId: null,
      actorUserId: requester,
      action: 'open',
    });
    expect(await outboxOf(env, t.id)).toHaveLength(2);
  });

  it('an English-speaking requester gets English; a phone caller without account gets the ticket language, no in-app row, no link', async () => {
    const t1 = await makeTicket(env.db, { at: env.clock.now, requester: 'requester.en', subject: 'Broken window' });
    await enqueue(env, {
      notices: [{ kind: 'ticket_opened', to: ['requester'] }],
      ticketId: t1.id,
      workOrderId: null,
      actorUserId: null,
      action: 'open',
    });
    const [en] = await outboxOf(env, t1.id);
    expect(en.language).toBe('en');
    expect(en.subject).toBe(`[Presidio ${t1.number}] Request opened: Broken window`);
    expect(en.text_body).toContain('Dear Sarah Mitchell,');

    const t2 = await makeTicket(env.db, {
      at: env.clock.now,
      requester: null,
      callerEmail: 'visiting.prof@other.example',
      callerName: 'Ann Lee',
      language: 'en',
    });
    await enqueue(env, {
      notices: [{ kind: 'ticket_opened', to: ['requester'] }],
      ticketId: t2.id,
      workOrderId: null,
      actorUserId: null,
      action: 'open',
    });
    const [caller] = await outboxOf(env, t2.id);
    expect(caller.to_address).toBe('visiting.prof@other.example');
    expect(caller.to_user_id).toBeNull();
    expect(caller.language).toBe('en');
    expect(caller.text_body).toContain('Dear Ann Lee,');
    expect(caller.text_body).not.toContain('/tickets/');
    expect(await env.db.selectFrom('notifications').select('id').where('ticket_id', '=', t2.id).execute()).toHaveLength(0);
  });

  it('notice 2 says what happened; the actor is left out of staff audiences', async () => {
    const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
    const wo = await makeWorkOrder(env.db, { at: env.clock.now, ticket: t });
    const bm = await userId(env.db, 'bm.centrale');
    await enqueue(env, {
      notices: [
        { kind: 'ticket_update', to: ['requester', 'call_center'] },
        { kind: 'quote_decided', to: ['contractor', 'building_managers'] },
      ],
      ticketId: t.id,
      workOrderId: wo.id,
      actorUserId: bm,
      action: 'deny_quote',
      data: { reason: 'Budget annuale esaurito' },
    });
    const rows = await outboxOf(env, t.id);
    const byKind = (k: string) =>
      rows
        .filter((r) => r.kind === k)
        .map((r) => r.to_address)
        .sort();
    expect(byKind('ticket_update')).toEqual(['giulia.rinaldi@uniesempio.example', 'marco.colombo@uniesempio.example']);
    // bm.centrale manages MI-B02 but is the actor: left out. The contractor's user gets it.
    expect(byKind('quote_decided')).toEqual(['francesca.nessi@termoidraulica-lariana.example']);
    const update = rows.find((r) => r.kind === 'ticket_update' && r.to_address.startsWith('marco'))!;
    expect(update.text_body).toContain('Motivo del diniego: Budget annuale esaurito');
    const decided = rows.find((r) => r.kind === 'quote_decided')!;
    expect(decided.subject).toContain('Preventivo non autorizzato');
    expect(decided.text_body).toContain(`/work-orders/${wo.id}`);
  });

  it("waiting for materials and new date: dates in Rome time in the recipient's language", async () => {
    const t = await makeTicket(env.db, { at: env.clock.now, requester: 'requester.en' });
    const wo = await makeWorkOrder(env.db, { at: env.clock.now, ticket: t });
    await enqueue(env, {
      notices: [{ kind: 'ticket_update', to: ['requester'] }],
      ticketId: t.id,
      workOrderId: wo.id,
      actorUserId: null,
      action: 'wait_materials',
      data: { expectedOn: '2026-04-02', note: 'Valve ordered' },
    });
    await enqueue(env, {
      notices: [{ kind: 'ticket_update', to: ['requester'] }],
      ticketId: t.id,
      workOrderId: wo.id,
      actorUserId: null,
      action: 'resume',
      data: { scheduledAt: '2026-04-03T07:00:00.000Z' },
    });
    const texts = (await outboxOf(env, t.id)).map((r) => r.text_body).join('\n');
    expect(texts).toContain('Materials expected on: 2 April 2026.');
    expect(texts).toContain('Note: Valve ordered');
    expect(texts).toContain('rescheduled for 3 April 2026 at 09:00');
  });

  it("contractor audience: its users, or the contractor's own address when none of them has one; de-duplicated", async () => {
    const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
    const wo = await makeWorkOrder(env.db, { at: env.clock.now, ticket: t, classCode: 'ASC' });
    await env.db.updateTable('users').set({ email: null }).where('contractor_id', '=', wo.contractorId).execute();
    await enqueue(env, {
      notices: [{ kind: 'work_order_issued', to: ['contractor', 'contractor'] }],
      ticketId: t.id,
      workOrderId: wo.id,
      actorUserId: null,
      action: 'issue',
      data: { description: 'Ascensore fermo al piano', priority: 'urgent' },
    });
    const rows = await outboxOf(env, t.id);
    expect(rows.map((r) => r.to_address)).toEqual(['manutenzione@elevatori-orobici.example']);
    expect(rows[0].to_user_id).toBeNull();
    expect(rows[0].subject).toBe(`[Presidio ${t.number}] Nuovo ordine di lavoro ${t.number}/1: Perdita dal soffitto`);
    expect(rows[0].text_body).toContain('priorità urgenza');
    // The contractor's user still gets the in-app notification.
    const notes = await env.db.selectFrom('notifications').select('user_id').where('ticket_id', '=', t.id).execute();
    expect(notes).toHaveLength(1);
  });

  it('a person in two audiences gets one message; inactive users none', async () => {
    const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente', building: 'MI-B03' });
    const bm = await userId(env.db, 'bm.deib');
    await env.db.insertInto('user_roles').values({ user_id: bm, role: 'call_center' }).execute();
    const cc = await userId(env.db, 'callcenter');
    await env.db.updateTable('users').set({ active: 0 }).where('id', '=', cc).execute();
    try {
      await enqueue(env, {
        notices: [{ kind: 'ticket_opened', to: ['call_center', 'building_managers'] }],
        ticketId: t.id,
        workOrderId: null,
        actorUserId: null,
        action: 'open',
      });
      const rows = await outboxOf(env, t.id);
      expect(rows.map((r) => r.to_address)).toEqual(['chiara.fontana@uniesempio.example']);
    } finally {
      await env.db.deleteFrom('user_roles').where('user_id', '=', bm).where('role', '=', 'call_center').execute();
      await env.db.updateTable('users').set({ active: 1 }).where('id', '=', cc).execute();
    }
  });

  it('notice 3: the rating link goes to the requester only, says no login and 30 days', async () => {
    const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
    await enqueue(env, {
      notices: [{ kind: 'ticket_closed', to: ['requester', 'call_center'] }],
      ticketId: t.id,
      workOrderId: null,
      actorUserId: null,
      action: 'close',
      ratingUrl: 'http://localhost:3000/rate/tok123',
    });
    const rows = await outboxOf(env, t.id);
    const req = rows.find((r) => r.to_address.startsWith('marco'))!;
    expect(req.text_body).toContain('http://localhost:3000/rate/tok123');
    expect(req.text_body).toContain('senza accedere a Presidio e scade tra 30 giorni');
    expect(req.html_body).toContain('<a href="http://localhost:3000/rate/tok123">');
    const cc = rows.find((r) => r.to_address.startsWith('giulia'))!;
    expect(cc.text_body).not.toContain('rate/tok123');
  });

  it("all rows are written in the caller's transaction: a rollback leaves nothing", async () => {
    const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
    await expect(
      env.db.transaction().execute(async (trx) => {
        await enqueueNotices(trx, env.app.ctx, {
          notices: [{ kind: 'ticket_opened', to: ['requester', 'call_center'] }],
          ticketId: t.id,
          workOrderId: null,
          eventId: crypto.randomUUID(),
          actorUserId: null,
          action: 'open',
          data: {},
        });
        throw new Error('workflow failed after enqueueing');
      }),
    ).rejects.toThrow('workflow failed');
    expect(await outboxOf(env, t.id)).toHaveLength(0);
    expect(await env.db.selectFrom('notifications').select('id').where('ticket_id', '=', t.id).execute()).toHaveLength(0);
  });
});

describeEachDb('notices: admin outbox and in-app API', (env) => {
  it('admin lists the outbox by status and ticket number with keyset pages, reads one, retries a failed one', async () => {
    const admin = await env.login('admin');
    const t1 = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
    const t2 = await makeTicket(env.db, { at: env.clock.now, requester: 'requester.en' });
    for (const t of [t1, t2]) {
      await enqueue(env, {
        notices: [{ kind: 'ticket_opened', to: ['requester', 'call_center'] }],
        ticketId: t.id,
        workOrderId: null,
        actorUserId: null,
        action: 'open',
      });
    }
    const all = await admin.get('/api/admin/outbox?limit=3');
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(3);
    const next = await admin.get(`/api/admin/outbox?limit=3&cursor=${all.json().nextCursor}`);
    expect(next.json().items).toHaveLength(1);
    expect(next.json().nextCursor).toBeNull();
    const ids = [...all.json().items, ...next.json().items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(4);

    const byTicket = await admin.get(`/api/admin/outbox?ticket=${t2.number}&status=pending`);
    expect(byTicket.json().items.map((i: { ticketNumber: string }) => i.ticketNumber)).toEqual([t2.number, t2.number]);
    expect((await admin.get('/api/admin/outbox?status=sent')).json().items).toEqual([]);

    const one = await admin.get(`/api/admin/outbox/${byTicket.json().items[0].id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().textBody).toContain(t2.number);
    expect(one.json().htmlBody).toContain('<html');
    expect(one.json().messageId).toMatch(/^<[0-9a-f]{40}\.notice@localhost>$/);

    const id = one.json().id;
    const notFailed = await admin.post(`/api/admin/outbox/${id}/actions/retry`);
    expect(notFailed.statusCode).toBe(409);
    expect(notFailed.json().current.status).toBe('pending');
    await env.db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: 8, last_error: 'EENVELOPE 550: no such user' })
      .where('id', '=', id)
      .execute();
    const retried = await admin.post(`/api/admin/outbox/${id}/actions/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: env.clock.now.toISOString() });

    expect((await admin.get('/api/admin/outbox/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/api/admin/outbox?cursor=garbage')).statusCode).toBe(400);
    expect((await admin.get('/api/admin/outbox?status=lost')).statusCode).toBe(400);
    const cc = await env.login('callcenter');
    expect((await cc.get('/api/admin/outbox')).statusCode).toBe(403);
    expect((await cc.post(`/api/admin/outbox/${id}/actions/retry`)).statusCode).toBe(403);
    expect((await env.anonymous().get('/api/admin/outbox')).statusCode).toBe(401);
  });

  it('notifications: own only, unread first then newest, read one, read all', async () => {
    const me = await env.login('bm.como');
    const other = await env.login('callcenter');
    const tickets = [];
    for (let i = 0; i < 3; i++) {
      env.clock.now = new Date(env.clock.now.getTime() + 60_000);
      const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente', building: 'CO-B01' });
      tickets.push(t);
      await enqueue(env, {
        notices: [{ kind: 'ticket_opened', to: ['building_managers'] }],
        ticketId: t.id,
        workOrderId: null,
        actorUserId: null,
        action: 'open',
      });
    }
    const list = await me.get('/api/notifications');
    expect(list.statusCode).toBe(200);
    expect(list.json().unreadCount).toBe(3);
    const items = list.json().items as Array<{ id: string; ticketId: string; readAt: string | null; title: string }>;
    expect(items.map((i) => i.ticketId)).toEqual([tickets[2].id, tickets[1].id, tickets[0].id]);
    expect(items[0].title).toContain('Nuova segnalazione');

    // Reading the newest moves it after the unread ones.
    expect((await me.post(`/api/notifications/${items[0].id}/actions/read`)).statusCode).toBe(204);
    const after = (await me.get('/api/notifications?limit=2')).json();
    expect(after.unreadCount).toBe(2);
    expect(after.items.map((i: { ticketId: string }) => i.ticketId)).toEqual([tickets[1].id, tickets[0].id]);
    const page2 = (await me.get(`/api/notifications?limit=2&cursor=${after.nextCursor}`)).json();
    expect(page2.items.map((i: { ticketId: string; readAt: string | null }) => [i.ticketId, i.readAt !== null])).toEqual([
      [tickets[2].id, true],
    ]);
    expect(page2.nextCursor).toBeNull();
    expect((await me.get('/api/notifications?unread=true')).json().items).toHaveLength(2);

    // Someone else's notification reads as not found.
    expect((await other.post(`/api/notifications/${items[1].id}/actions/read`)).statusCode).toBe(404);

    const all = await me.post('/api/notifications/actions/read-all');
    expect(all.json()).toEqual({ updated: 2 });
    expect((await me.get('/api/notifications')).json().unreadCount).toBe(0);
  });
});
