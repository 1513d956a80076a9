// #9 item 13, technicians: the dispatcher (a contractor user) assigns a work order to one of its
// contractor's technicians; a foreign technician, anyone but the dispatcher and a stale version
// are refused; the technician is told in-app, sees its contractor's work only (scope), and finds
// the work assigned to it that is due today or overdue in "my work today".
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, refs, type Obj } from './fixtures/workflow/workflow.ts';

describeEachDb('technicians', (env) => {
  let r: Awaited<ReturnType<typeof refs>>;
  let requester: Client, bm: Client, ele: Client, tech: Client, tech2: Client, liftTech: Client, lifts: Client;
  let ids: Record<string, string>;
  let w: Obj; // an electrical work order on MI-B01 (Lot 2)
  let ticketId = '';

  it('logs in', async () => {
    r = await refs(env);
    [requester, bm, ele, tech, tech2, liftTech, lifts] = await Promise.all(
      [
        'richiedente',
        'bm.centrale',
        'ditta.elettrica',
        'tecnico.elettrica',
        'tecnica.elettrica',
        'tecnico.ascensori',
        'ditta.ascensori',
      ].map((u) => env.login(u)),
    );
    const users = await env.db.selectFrom('users').select(['id', 'username']).execute();
    ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
    const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Presa bruciata in aula' });
    ticketId = t.id;
    w = (
      await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority: 'urgent',
        description: 'Sostituire la presa',
      })
    ).workOrders[0];
  }, 120_000); // seven scrypt logins: slow on a loaded machine

  it("GET /api/me says who is a technician; GET /api/technicians lists the contractor's own", async () => {
    expect(ok(await tech.get('/api/me')).technician).toBe(true);
    expect(ok(await ele.get('/api/me')).technician).toBe(false);
    const list = ok(await ele.get('/api/technicians')).items as Obj[];
    expect(list.map((x) => x.username).sort()).toEqual(['tecnica.elettrica', 'tecnico.elettrica']);
    expect((await bm.get('/api/technicians')).statusCode).toBe(403);
  });

  it('the dispatcher sees canAssign; the technician and the building manager do not', async () => {
    expect(ok(await ele.get(`/api/work-orders/${w.id}`))).toMatchObject({ canAssign: true, assignee: null });
    expect(ok(await tech.get(`/api/work-orders/${w.id}`)).canAssign).toBe(false);
    expect(ok(await bm.get(`/api/work-orders/${w.id}`)).canAssign).toBe(false);
  });

  it('assigns: the work order names the technician, the timeline has the event, the technician is notified', async () => {
    const res = ok(await ele.post(`/api/work-orders/${w.id}/assign`, { version: 1, technicianId: ids['tecnico.elettrica'] }));
    expect(res).toMatchObject({ version: 2, assignee: { id: ids['tecnico.elettrica'], label: 'Davide Sironi' }, status: 'issued' });
    const ev = (res.timeline as Obj[]).find((e) => e.event?.action === 'assign_technician');
    expect(ev?.event).toMatchObject({ actor: { label: 'Andrea Lombardi' }, data: { technicianName: 'Davide Sironi' } });
    const notes = ok(await tech.get('/api/notifications')).items as Obj[];
    expect(notes.some((n) => n.workOrderId === w.id && String(n.title).includes(w.number))).toBe(true);
    // The assignee shows on the work-order list row too.
    const row = (ok(await ele.get(`/api/work-orders?ticketId=${ticketId}`)).items as Obj[])[0];
    expect(row.assignee).toEqual({ id: ids['tecnico.elettrica'], label: 'Davide Sironi' });
  });

  it('refuses a technician of another contractor, naming the field', async () => {
    const res = await ele.post(`/api/work-orders/${w.id}/assign`, { version: 2, technicianId: ids['tecnico.ascensori'] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'INVALID_REFERENCE', errors: [{ field: 'technicianId', code: 'notTechnician' }] });
    // The dispatcher itself is no technician either.
    expect((await ele.post(`/api/work-orders/${w.id}/assign`, { version: 2, technicianId: ids['ditta.elettrica'] })).statusCode).toBe(422);
  });

  it('refuses anyone but the dispatcher: the technician, the building manager (403); another contractor (404)', async () => {
    for (const c of [tech, bm]) {
      const res = await c.post(`/api/work-orders/${w.id}/assign`, { version: 2, technicianId: ids['tecnica.elettrica'] });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect((await lifts.post(`/api/work-orders/${w.id}/assign`, { version: 2, technicianId: ids['tecnico.ascensori'] })).statusCode).toBe(
      404,
    );
  });

  it('a stale version is a 409 with the current work order', async () => {
    const res = await ele.post(`/api/work-orders/${w.id}/assign`, { version: 1, technicianId: ids['tecnica.elettrica'] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: 2, assignee: { id: ids['tecnico.elettrica'] } } });
  });

  it('reassigns and un-assigns', async () => {
    expect(
      ok(await ele.post(`/api/work-orders/${w.id}/assign`, { version: 2, technicianId: ids['tecnica.elettrica'] })).assignee.label,
    ).toBe('Laura Mauri');
    const res = ok(await ele.post(`/api/work-orders/${w.id}/assign`, { version: 3, technicianId: null }));
    expect(res.assignee).toBeNull();
    expect((res.timeline as Obj[]).map((e) => e.event?.action ?? '').filter((a: string) => a.endsWith('_technician'))).toEqual([
      'assign_technician',
      'assign_technician',
      'unassign_technician',
    ]);
  });

  it("the technician acts on its contractor's work orders and sees none of another contractor", async () => {
    expect(ok(await tech.get(`/api/work-orders/${w.id}`)).availableActions).toContain('acknowledge');
    expect((await liftTech.get(`/api/work-orders/${w.id}`)).statusCode).toBe(404);
    const theirs = ok(await liftTech.get('/api/work-orders?limit=200')).items as Obj[];
    expect(theirs.find((x) => x.id === w.id)).toBeUndefined();
    const mine = ok(await tech.get('/api/work-orders?limit=200')).items as Obj[];
    expect(mine.find((x) => x.id === w.id)).toBeDefined();
  });

  it("my work today: assigned, open, due today or overdue or in progress; not tomorrow's, not another technician's", async () => {
    // Today is 2026-03-10 (Rome) at 10:00; three work orders, all of Lot 2, assigned in turn.
    const make = async (description: string) => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description });
      return (await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description }))
        .workOrders[0] as Obj;
    };
    const today = await make('Oggi');
    const tomorrow = await make('Domani');
    const overdue = await make('In ritardo');
    const other = await make('Di Laura');
    await move(ele, 'work-orders', today.id, 'acknowledge');
    await move(ele, 'work-orders', today.id, 'schedule_inspection', { inspectionAt: '2026-03-10T15:00:00Z' });
    await move(ele, 'work-orders', tomorrow.id, 'acknowledge');
    await move(ele, 'work-orders', tomorrow.id, 'schedule_inspection', { inspectionAt: '2026-03-11T08:00:00Z' });
    await move(ele, 'work-orders', overdue.id, 'acknowledge');
    await move(ele, 'work-orders', overdue.id, 'schedule_inspection', { inspectionAt: '2026-03-09T08:00:00Z' });
    await move(ele, 'work-orders', other.id, 'acknowledge');
    await move(ele, 'work-orders', other.id, 'schedule_inspection', { inspectionAt: '2026-03-10T08:00:00Z' });
    for (const [wo, who] of [
      [today, 'tecnico.elettrica'],
      [tomorrow, 'tecnico.elettrica'],
      [overdue, 'tecnico.elettrica'],
      [other, 'tecnica.elettrica'],
    ] as const) {
      const cur = ok(await ele.get(`/api/work-orders/${wo.id}`));
      ok(await ele.post(`/api/work-orders/${wo.id}/assign`, { version: cur.version, technicianId: ids[who] }));
    }
    const mine = ok(await tech.get('/api/my-work'));
    expect(mine.date).toBe('2026-03-10');
    expect((mine.items as Obj[]).map((x) => x.id)).toEqual([overdue.id, today.id]);
    expect(mine.items[0].availableActions).toContain('record_inspection');
    expect((ok(await tech2.get('/api/my-work')).items as Obj[]).map((x) => x.id)).toEqual([other.id]);
    expect((await bm.get('/api/my-work')).statusCode).toBe(403);

    // The dispatcher's day by technician: today's visits of its own contractor only.
    const day = ok(await ele.get('/api/technicians/schedule'));
    expect(day.date).toBe('2026-03-10');
    expect((day.items as Obj[]).map((x) => [x.id, x.technicianId])).toEqual([
      [other.id, ids['tecnica.elettrica']],
      [today.id, ids['tecnico.elettrica']],
    ]);
    expect((ok(await ele.get('/api/technicians/schedule?date=2026-03-11')).items as Obj[]).map((x) => x.id)).toEqual([tomorrow.id]);
    expect(ok(await lifts.get('/api/technicians/schedule')).items).toEqual([]);
    expect((await ele.get('/api/technicians/schedule?date=10-03-2026')).statusCode).toBe(400);
  });

  it('the administrator makes a contractor user a technician (and takes it back); anyone else gets a clear 400 on `technician`', async () => {
    const admin = await env.login('admin');
    const errors = (res: { json(): Obj }) => (res.json().errors ?? []).map((e: Obj) => `${e.field}:${e.code}`);
    const contractorId = (
      await env.db.selectFrom('users').select('contractor_id').where('username', '=', 'ditta.elettrica').executeTakeFirstOrThrow()
    ).contractor_id;
    const made = ok(
      await admin.post('/api/users', {
        username: 'tecnico.nuovo',
        displayName: 'Marco Nuovo',
        roles: ['contractor'],
        contractorId,
        technician: true,
        password: 'una-password-lunga',
      }),
      201,
    );
    expect(made.technician).toBe(true);
    expect((ok(await ele.get('/api/technicians')).items as Obj[]).map((x) => x.username)).toContain('tecnico.nuovo');
    expect(ok(await admin.get(`/api/users/${ids['ditta.elettrica']}`)).technician).toBe(false);

    // Not a contractor's user: refused, naming the field and the rule, in the admin's language.
    const rq = ok(await admin.get(`/api/users/${ids['richiedente']}`));
    const requesterFlag = await admin.patch(`/api/users/${rq.id}`, { technician: true, version: rq.version });
    expect(requesterFlag.statusCode).toBe(400);
    expect(errors(requesterFlag)).toEqual(['technician:technicianContractor']);
    expect(requesterFlag.json().errors[0].message).toMatch(/tecnico/);
    // Dropping the contractor role keeps the flag only if it is cleared too.
    const dropRole = await admin.patch(`/api/users/${made.id}`, { roles: ['requester'], contractorId: null, version: made.version });
    expect(errors(dropRole)).toEqual(['technician:technicianContractor']);

    const back = ok(await admin.patch(`/api/users/${made.id}`, { technician: false, version: made.version }));
    expect(back.technician).toBe(false);
    expect((ok(await ele.get('/api/technicians')).items as Obj[]).map((x) => x.username)).not.toContain('tecnico.nuovo');
  }, 60_000);
});
