// The call center's day (#9 item 11): triage a new ticket (PATCH /api/tickets/{id}) with its history
// in the timeline, look a caller up among the users, find tickets by who called, and the held
// inbound e-mails counted beside the inbox in the navigation.
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, refs, type Obj } from './fixtures/workflow/workflow.ts';

describeEachDb('call center: triage, caller lookup, search by caller, held e-mail badge', (env) => {
  let r: Awaited<ReturnType<typeof refs>>;
  let requester: Client, bm: Client, bmDeib: Client, cc: Client, ele: Client, admin: Client;
  let ticket: Obj;

  const patch = (c: Client, id: string, body: Record<string, unknown>) => c.patch(`/api/tickets/${id}`, body);
  const changesOf = async (c: Client, id: string) =>
    (ok(await c.get(`/api/tickets/${id}/timeline`)).items as Obj[])
      .filter((i) => i.type === 'event' && i.event.action === 'triage')
      .map((i) => i.event.data.changes as Obj[]);

  it('logs everyone in and takes a call', async () => {
    env.clock.now = new Date('2026-03-10T09:00:00Z');
    r = await refs(env);
    [requester, bm, bmDeib, cc, ele, admin] = await Promise.all(
      ['richiedente', 'bm.centrale', 'bm.deib', 'callcenter', 'ditta.elettrica', 'admin'].map((u) => env.login(u)),
    );
    ticket = await openTicket(cc, {
      buildingId: await r.building('MI-B01'),
      description: "Perdita d'acqua",
      callerName: 'Custode notturno',
      callerPhone: '+39 02 5550 9911',
    });
    expect(ticket).toMatchObject({ status: 'new', channel: 'phone', editable: true, priority: null, danger: false });
  });

  it('triages each field; each change is one line of a "triage" event (old → new) that staff see', async () => {
    const spaceId = await r.space('MI-B01', 'S1.01');
    const t1 = ok(
      await patch(cc, ticket.id, {
        version: ticket.version,
        subject: 'Perdita in centrale termica',
        description: "Perdita d'acqua dal soffitto della centrale termica",
        spaceId,
      }),
    );
    expect(t1).toMatchObject({
      subject: 'Perdita in centrale termica',
      description: "Perdita d'acqua dal soffitto della centrale termica",
      space: { code: 'S1.01' },
      version: ticket.version + 1,
    });
    expect(await changesOf(cc, ticket.id)).toEqual([
      [
        { field: 'subject', from: "Perdita d'acqua", to: 'Perdita in centrale termica' },
        { field: 'description', from: "Perdita d'acqua", to: "Perdita d'acqua dal soffitto della centrale termica" },
        { field: 'space', from: null, to: expect.stringMatching(/^S1\.01 — /) },
      ],
    ]);

    // The caller turns out to be a known user: linked, they become the requester (notices in their language).
    const marco = await r.user('richiedente');
    const t2 = ok(
      await patch(cc, ticket.id, {
        version: t1.version,
        requesterId: marco,
        callerName: null,
        callerPhone: '+39 02 5550 2210',
        priority: 'urgent',
      }),
    );
    expect(t2).toMatchObject({
      requester: { id: marco, label: 'Marco Colombo' },
      caller: { name: null, phone: '+39 02 5550 2210' },
      priority: 'urgent',
    });
    expect((await changesOf(cc, ticket.id))[1]).toEqual([
      { field: 'requester', from: null, to: 'Marco Colombo' },
      { field: 'callerName', from: 'Custode notturno', to: null },
      { field: 'callerPhone', from: '+39 02 5550 9911', to: '+39 02 5550 2210' },
      { field: 'priority', from: null, to: 'urgent' },
    ]);

    // A new building drops the old room; danger means emergency.
    const t3 = ok(await patch(cc, ticket.id, { version: t2.version, buildingId: await r.building('MI-B02'), danger: true }));
    expect(t3).toMatchObject({ building: { code: 'MI-B02' }, space: null, danger: true, priority: 'emergency' });
    expect((await changesOf(admin, ticket.id))[2]).toEqual([
      { field: 'building', from: 'MI-B01 — Palazzo del Rettorato', to: 'MI-B02 — Edificio Aule Nord' },
      { field: 'space', from: expect.stringMatching(/^S1\.01 — /), to: null },
      { field: 'danger', from: false, to: true },
      { field: 'priority', from: 'urgent', to: 'emergency' },
    ]);
    // Nothing changed: no event, same version.
    expect(ok(await patch(cc, ticket.id, { version: t3.version, subject: 'Perdita in centrale termica' })).version).toBe(t3.version);
    expect(await changesOf(cc, ticket.id)).toHaveLength(3);
    ticket = t3;
  });

  it('the requester, now linked, reads the ticket as it is but not the triage history', async () => {
    const seen = ok(await requester.get(`/api/tickets/${ticket.id}`));
    expect(seen).toMatchObject({ subject: 'Perdita in centrale termica', editable: false });
    expect(seen).not.toHaveProperty('caller');
    const items = ok(await requester.get(`/api/tickets/${ticket.id}/timeline`)).items as Obj[];
    expect(items.filter((i) => i.type === 'event').map((i) => i.event.action)).toEqual(['open']);
  });

  it('refuses a stale version (409 with the current ticket), bad input naming the field, and other roles', async () => {
    const stale = await patch(cc, ticket.id, { version: ticket.version - 1, description: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: ticket.version } });

    const empty = await patch(cc, ticket.id, { version: ticket.version, description: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([expect.objectContaining({ field: 'description', code: 'required' })]);
    const hint = await patch(cc, ticket.id, { version: ticket.version, priority: 'ordinary' });
    expect(hint.statusCode).toBe(400);
    expect(hint.json().errors).toEqual([
      expect.objectContaining({ field: 'priority', code: 'dangerEmergency', message: expect.stringContaining('emergenza') }),
    ]);
    const badPriority = await patch(cc, ticket.id, { version: ticket.version, danger: false, priority: 'soon' });
    expect(badPriority.json().errors).toEqual([expect.objectContaining({ field: 'priority', code: 'enum' })]);
    const wrongSpace = await patch(cc, ticket.id, { version: ticket.version, spaceId: await r.space('MI-B01', 'S1.01') });
    expect(wrongSpace.statusCode).toBe(422);
    expect(wrongSpace.json().errors).toEqual([expect.objectContaining({ field: 'spaceId', code: 'spaceBuilding' })]);
    const unknownField = await patch(cc, ticket.id, { version: ticket.version, status: 'closed' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().errors).toEqual([expect.objectContaining({ field: 'status', code: 'unknownField' })]);

    // The requester (even their own ticket) may not triage; a contractor and a manager of another building do not see it.
    expect((await patch(requester, ticket.id, { version: ticket.version, description: 'mia' })).statusCode).toBe(403);
    expect((await patch(ele, ticket.id, { version: ticket.version, description: 'x' })).statusCode).toBe(404);
    expect((await patch(bmDeib, ticket.id, { version: ticket.version, description: 'x' })).statusCode).toBe(404);
    expect(ok(await cc.get(`/api/tickets/${ticket.id}`)).version).toBe(ticket.version);
  });

  it('a building manager triages in their buildings only, and no one after qualification', async () => {
    const own = await openTicket(cc, { buildingId: await r.building('MI-B01'), description: 'Porta bloccata', callerName: 'Portineria' });
    // Moving it to a building outside their competence reads as a reference that does not exist.
    const away = await patch(bm, own.id, { version: own.version, buildingId: await r.building('MI-B03') });
    expect(away.statusCode).toBe(422);
    expect(away.json().errors).toEqual([expect.objectContaining({ field: 'buildingId', code: 'notFound' })]);
    const edited = ok(await patch(bm, own.id, { version: own.version, description: "Porta d'ingresso bloccata" }));
    const qualified = await move(bm, 'tickets', own.id, 'qualify');
    expect(qualified).toMatchObject({ status: 'qualified', editable: false });
    const late = await patch(cc, own.id, { version: qualified.version, description: 'troppo tardi' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'INVALID_STATE' });
    expect(edited.version).toBeLessThan(qualified.version);
  });

  it('looks a caller up by name, e-mail or phone: call center and admin only', async () => {
    const names = async (c: Client, q: string) =>
      (ok(await c.get(`/api/callers?q=${encodeURIComponent(q)}`)).items as Obj[]).map((u) => u.displayName);
    expect(await names(cc, 'colombo')).toContain('Marco Colombo');
    expect(await names(cc, 'marco col')).toEqual(['Marco Colombo']);
    expect(await names(cc, 'marco.colombo@')).toEqual(['Marco Colombo']);
    expect(await names(admin, '+39 02 5550 2210')).toEqual(['Marco Colombo']);
    expect(await names(cc, '0255502210')).toEqual(['Marco Colombo']);
    expect(await names(cc, '5550 2210')).toEqual(['Marco Colombo']);
    expect(await names(cc, 'zzzz nessuno')).toEqual([]);
    const one = ok(await cc.get('/api/callers?q=colombo')).items.find((u: Obj) => u.displayName === 'Marco Colombo');
    expect(one).toEqual({
      id: await r.user('richiedente'),
      displayName: 'Marco Colombo',
      email: 'marco.colombo@uniesempio.example',
      phone: '+39 02 5550 2210',
      language: 'it',
      organisation: expect.any(String),
    });
    // Capped, and no guessing of other users' data by anyone else.
    expect(ok(await cc.get('/api/callers?q=it&limit=3')).items.length).toBeLessThanOrEqual(3);
    expect((await cc.get('/api/callers?q=it&limit=500')).statusCode).toBe(400);
    expect((await cc.get('/api/callers?q=a')).statusCode).toBe(400);
    for (const c of [requester, ele, bm]) expect((await c.get('/api/callers?q=colombo')).statusCode).toBe(403);
  });

  it('the ticket list finds tickets by caller name, phone and e-mail for staff; not for a requester', async () => {
    const t = await openTicket(cc, {
      buildingId: await r.building('MI-B01'),
      description: 'Luce fulminata',
      callerName: 'Ermenegilda Brambilla',
      callerPhone: '+39 02 5550 4477',
      callerEmail: 'e.brambilla@esterni.example',
    });
    const found = async (c: Client, q: string) =>
      (ok(await c.get(`/api/tickets?q=${encodeURIComponent(q)}`)).items as Obj[]).map((i) => i.id);
    for (const q of ['Ermenegilda', 'brambilla erme', '5550 4477', '0255504477', '+39 02 5550 4477', 'e.brambilla', 'esterni']) {
      expect(await found(cc, q), q).toContain(t.id);
    }
    expect(await found(admin, 'Ermenegilda')).toContain(t.id);
    expect(await found(bm, 'Ermenegilda')).toContain(t.id); // MI-B01 is in their competence
    expect(await found(bmDeib, 'Ermenegilda')).not.toContain(t.id); // scope still applies
    // A triage that changes the caller moves the search with it.
    ok(await patch(cc, t.id, { version: t.version, callerName: 'Gervasia Brambilla' }));
    expect(await found(cc, 'Ermenegilda')).not.toContain(t.id);
    expect(await found(cc, 'Gervasia')).toContain(t.id);
    // A linked requester is found by who they are too.
    expect(await found(cc, 'Marco Colombo')).toContain(ticket.id);
    // The requester's own search does not match caller fields they cannot read.
    expect(await found(requester, '5550 2210')).toEqual([]);
  });

  it('counts the held inbound e-mails beside the inbox for the call center and admin only', async () => {
    const heldCount = async (c: Client) =>
      (ok(await c.get('/api/worklists/counts')).items as Obj[]).find((i) => i.resource === 'inbound-messages' && i.view === 'held');
    const before = (await heldCount(cc))!.count as number;
    const now = new Date().toISOString();
    for (const [i, status] of (['held', 'held', 'discarded'] as const).entries()) {
      await env.db
        .insertInto('inbound_messages')
        .values({
          id: `00000000-0000-4000-8000-00000000000${i}`,
          message_id: `<held-${i}@esterni.example>`,
          from_address: `x${i}@esterni.example`,
          from_name: null,
          subject: 'Guasto',
          body: 'Guasto',
          received_at: now,
          via: 'smtp',
          status,
          reason: null,
          ticket_id: null,
          handled_by_id: null,
          handled_at: null,
          sender_proof: null,
        })
        .execute();
    }
    expect(await heldCount(cc)).toEqual({ resource: 'inbound-messages', view: 'held', count: before + 2, capped: false });
    expect((await heldCount(admin))!.count).toBe(before + 2);
    for (const c of [requester, bm, ele]) expect(await heldCount(c)).toBeUndefined();
  });
});
