// The SLA preview on both engines (issue #9, admin console): "a ticket opened now with priority
// urgent is due at …" gives exactly the due instants a real work order issued then gets, for the
// table in force or a draft, in the contract's working week, skipping the site's closures.
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, refs, type Obj } from './fixtures/workflow/workflow.ts';

describeEachDb('SLA preview', (env) => {
  let r: Awaited<ReturnType<typeof refs>>;
  let admin: Client, bm: Client, requester: Client, ele: Client, ter: Client;
  let lot3: string, mi: string;
  const at = (iso: string) => {
    env.clock.now = new Date(iso);
  };
  const due = (p: Obj, priority: string, clock: string) => p.items.find((i: Obj) => i.priority === priority && i.clock === clock)?.dueAt;

  it('logs everyone in', async () => {
    at('2026-03-10T09:00:00Z');
    r = await refs(env);
    [admin, bm, requester, ele, ter] = await Promise.all(
      ['admin', 'bm.centrale', 'richiedente', 'ditta.elettrica', 'ditta.termica'].map((u) => env.login(u)),
    );
    lot3 = (await env.db.selectFrom('contracts').select('id').where('lot', '=', 'Lotto 3').executeTakeFirstOrThrow()).id;
    mi = (await env.db.selectFrom('sites').select('id').where('code', '=', 'MI').executeTakeFirstOrThrow()).id;
  });

  it('equals the deadlines a real work order issued at that instant gets', async () => {
    at('2026-03-10T09:00:00Z'); // Tuesday 10:00 in Rome
    const p = ok(await bm.post(`/api/contracts/${lot3}/sla/preview`, { siteId: mi }));
    expect(p).toMatchObject({ contractId: lot3, at: '2026-03-10T09:00:00.000Z', site: { id: mi, code: 'MI' } });
    expect(p.sites.map((s: Obj) => s.code)).toContain('MI');
    expect(p.items).toHaveLength(12);
    expect(due(p, 'urgent', 'take_charge')).toBe('2026-03-10T11:00:00.000Z');
    expect(due(p, 'emergency', 'take_charge')).toBe('2026-03-10T09:30:00.000Z');
    expect(due(p, 'deferrable', 'resolution')).toBeNull();

    for (const priority of ['urgent', 'ordinary']) {
      const t = await openTicket(requester, {
        buildingId: await r.building('MI-B01'),
        subject: `Guasto ${priority}`,
        description: 'Non funziona.',
      });
      await move(bm, 'tickets', t.id, 'qualify', {});
      const issued = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('TER'),
        priority,
        description: 'Intervento',
      });
      const wo = ok(await bm.get(`/api/work-orders/${issued.workOrders[0].id}`));
      for (const c of wo.clocks.items as Obj[]) expect(due(p, priority, c.clock)).toBe(c.dueAt);
    }
    // A contractor of the contract may read it too; nothing was saved.
    expect(due(ok(await ter.post(`/api/contracts/${lot3}/sla/preview`, { siteId: mi })), 'urgent', 'resolution')).toBe(
      due(p, 'urgent', 'resolution'),
    );
    expect(ok(await admin.get(`/api/contracts/${lot3}/sla`)).history).toHaveLength(1);
  });

  it('a draft table and another instant: the preview follows them, the saved table does not change', async () => {
    at('2026-03-10T09:00:00Z');
    const sla = ok(await admin.get(`/api/contracts/${lot3}/sla`));
    const limits = structuredClone(sla.current.limits);
    limits.urgent.take_charge = { minutes: 60, basis: 'working' };
    const p = ok(await admin.post(`/api/contracts/${lot3}/sla/preview`, { limits, siteId: mi }));
    expect(due(p, 'urgent', 'take_charge')).toBe('2026-03-10T10:00:00.000Z');
    // Friday 17:30 in Rome: 1 working hour is 30 minutes on Friday and 30 on Monday.
    const later = ok(await admin.post(`/api/contracts/${lot3}/sla/preview`, { limits, siteId: mi, at: '2026-03-13T16:30:00Z' }));
    expect(later.at).toBe('2026-03-13T16:30:00.000Z');
    expect(due(later, 'urgent', 'take_charge')).toBe('2026-03-16T07:30:00.000Z');
    expect(ok(await admin.get(`/api/contracts/${lot3}/sla`)).current.limits.urgent.take_charge).toEqual({ minutes: 120, basis: 'working' });
  });

  it('a closure of the site moves the preview past it; removing it brings it back', async () => {
    at('2026-03-10T09:00:00Z'); // Tuesday 10:00
    const before = ok(await admin.post(`/api/contracts/${lot3}/sla/preview`, { siteId: mi }));
    // Ordinary take charge: 10 working hours → Tuesday 10:00–18:00, Wednesday 08:00–10:00.
    expect(due(before, 'ordinary', 'take_charge')).toBe('2026-03-11T09:00:00.000Z');
    const closure = ok(await admin.post('/api/closures', { siteId: mi, date: '2026-03-11', reason: 'Chiusura ponte' }), 201);
    const after = ok(await admin.post(`/api/contracts/${lot3}/sla/preview`, { siteId: mi }));
    expect(due(after, 'ordinary', 'take_charge')).toBe('2026-03-12T09:00:00.000Z');
    // Solar time ignores closures.
    expect(due(after, 'emergency', 'resolution')).toBe(due(before, 'emergency', 'resolution'));
    expect((await admin.delete(`/api/closures/${closure.id}`)).statusCode).toBe(204);
    expect(due(ok(await admin.post(`/api/contracts/${lot3}/sla/preview`, { siteId: mi })), 'ordinary', 'take_charge')).toBe(
      '2026-03-11T09:00:00.000Z',
    );
  });

  it("the days off of a year: national holidays named in the caller's language, the sites' patron saints, closures", async () => {
    at('2026-03-10T09:00:00Z');
    const closure = ok(await admin.post('/api/closures', { siteId: mi, date: '2026-11-02', reason: 'Ponte' }), 201);
    const h = ok(await bm.get(`/api/contracts/${lot3}/holidays?year=2026`));
    expect(h.year).toBe(2026);
    const rows = h.items.map((i: Obj) => `${i.date} ${i.kind} ${i.name ?? '-'} ${i.site?.code ?? '*'}`);
    expect(rows).toContain('2026-12-08 national Immacolata Concezione *');
    expect(rows).toContain("2026-10-04 national Festa nazionale di San Francesco d'Assisi *");
    expect(rows).toContain('2026-12-07 patron_saint - MI');
    expect(rows).toContain('2026-11-02 closure Ponte MI');
    expect(h.items.map((i: Obj) => i.date)).toEqual([...h.items.map((i: Obj) => i.date)].sort());
    const next = ok(await bm.get(`/api/contracts/${lot3}/holidays?year=2027`));
    expect(next.items.filter((i: Obj) => i.kind === 'closure')).toEqual([]);
    expect(next.items.map((i: Obj) => i.date)).toContain('2027-03-29'); // Easter Monday moves
    expect((await admin.delete(`/api/closures/${closure.id}`)).statusCode).toBe(204);
    expect(ok(await bm.get(`/api/contracts/${lot3}/holidays`)).year).toBe(2026); // this year by default
    expect((await bm.get(`/api/contracts/${lot3}/holidays?year=1999`)).statusCode).toBe(400);
  });

  it('refuses what it should: roles without contracts, out of scope, bad cells, unknown sites', async () => {
    expect((await requester.post(`/api/contracts/${lot3}/sla/preview`, {})).statusCode).toBe(403);
    expect((await ele.post(`/api/contracts/${lot3}/sla/preview`, {})).statusCode).toBe(404); // another contractor's contract
    const sla = ok(await admin.get(`/api/contracts/${lot3}/sla`));
    const limits = structuredClone(sla.current.limits);
    limits.urgent.on_site = { minutes: 0, basis: 'working' };
    const bad = await admin.post(`/api/contracts/${lot3}/sla/preview`, { limits });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('limits.urgent.on_site.minutes');
    const site = await admin.post(`/api/contracts/${lot3}/sla/preview`, { siteId: 'nope' });
    expect(site.statusCode).toBe(422);
    expect(site.json().errors[0]).toMatchObject({ field: 'siteId' });
    expect((await admin.post(`/api/contracts/${lot3}/sla/preview`, { at: 'yesterday' })).statusCode).toBe(400);
  });

  it('a closure over several days (from–to, with a reason) is one entry, and the clocks skip every one of its days', async () => {
    at('2026-03-10T09:00:00Z'); // Tuesday 10:00
    const ordinary = async () => due(ok(await admin.post(`/api/contracts/${lot3}/sla/preview`, { siteId: mi })), 'ordinary', 'take_charge');
    expect(await ordinary()).toBe('2026-03-11T09:00:00.000Z');
    const closure = ok(
      await admin.post('/api/closures', { siteId: mi, date: '2026-03-11', dateTo: '2026-03-13', reason: 'Chiusura per lavori' }),
      201,
    );
    expect(closure).toMatchObject({ date: '2026-03-11', dateTo: '2026-03-13', days: 3, reason: 'Chiusura per lavori', siteCode: 'MI' });
    // Tuesday 10:00–18:00 (8 h), then Wednesday to Friday closed: Monday 08:00–10:00.
    expect(await ordinary()).toBe('2026-03-16T09:00:00.000Z');
    // A real work order issued now gets the same due instant: the clocks see every day of the range.
    const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject: 'Guasto lungo', description: 'Non va.' });
    await move(bm, 'tickets', t.id, 'qualify', {});
    const issued = await move(bm, 'tickets', t.id, 'issue', {
      technologyClassId: await r.cls('TER'),
      priority: 'ordinary',
      description: 'X',
    });
    const wo = ok(await bm.get(`/api/work-orders/${issued.workOrders[0].id}`));
    expect(wo.clocks.items.find((c: Obj) => c.clock === 'take_charge').dueAt).toBe('2026-03-16T09:00:00.000Z');

    // Listed once, found by any day it covers; the year's days off list each of its days.
    const listed = ok(await bm.get(`/api/closures?siteId=${mi}&from=2026-03-12&to=2026-03-12`)).items as Obj[];
    expect(listed.map((c) => [c.id, c.date, c.dateTo])).toEqual([[closure.id, '2026-03-11', '2026-03-13']]);
    const days = (ok(await bm.get(`/api/contracts/${lot3}/holidays?year=2026`)).items as Obj[])
      .filter((i) => i.kind === 'closure')
      .map((i) => `${i.date} ${i.name}`);
    expect(days).toEqual(['2026-03-11 Chiusura per lavori', '2026-03-12 Chiusura per lavori', '2026-03-13 Chiusura per lavori']);

    // Bad ranges name the field and the rule.
    const reversed = await admin.post('/api/closures', { siteId: mi, date: '2026-03-13', dateTo: '2026-03-11', reason: 'x' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toMatchObject([{ field: 'dateTo', code: 'dateOrder' }]);
    const long = await admin.post('/api/closures', { siteId: mi, date: '2026-01-01', dateTo: '2027-01-05', reason: 'x' });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toMatchObject([{ field: 'dateTo', code: 'rangeTooLong' }]);
    const shrink = await admin.patch(`/api/closures/${closure.id}`, { date: '2026-03-14' });
    expect(shrink.json().errors).toMatchObject([{ field: 'dateTo', code: 'dateOrder' }]);

    // Shortened to one day, then removed as one entry.
    expect(ok(await admin.patch(`/api/closures/${closure.id}`, { dateTo: '2026-03-11' }))).toMatchObject({ dateTo: '2026-03-11', days: 1 });
    expect(await ordinary()).toBe('2026-03-12T09:00:00.000Z');
    expect((await admin.delete(`/api/closures/${closure.id}`)).statusCode).toBe(204);
    expect(await ordinary()).toBe('2026-03-11T09:00:00.000Z');
    // A one-day closure as before: dateTo defaults to date.
    const one = ok(await admin.post('/api/closures', { siteId: null, date: '2026-08-14', reason: 'Ponte' }), 201);
    expect(one).toMatchObject({ dateTo: '2026-08-14', days: 1 });
    expect((await admin.delete(`/api/closures/${one.id}`)).statusCode).toBe(204);
  });

  it('a new version takes effect from the day the admin picks: the preview and new work orders use the version in force at their instant', async () => {
    at('2026-03-10T09:00:00Z'); // Tuesday
    const issueAt = async () => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject: 'Guasto', description: 'Non va.' });
      await move(bm, 'tickets', t.id, 'qualify', {});
      const issued = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('TER'),
        priority: 'urgent',
        description: 'X',
      });
      return ok(await bm.get(`/api/work-orders/${issued.workOrders[0].id}`)).clocks;
    };
    const relogin = async () => {
      [admin, bm, requester] = await Promise.all(['admin', 'bm.centrale', 'richiedente'].map((u) => env.login(u)));
    };
    const sla = ok(await admin.get(`/api/contracts/${lot3}/sla`));
    expect(sla.current).toMatchObject({ number: 1, status: 'in_force', effectiveFrom: expect.any(String) });
    const limits = structuredClone(sla.current.limits);
    limits.urgent.take_charge = { minutes: 60, basis: 'working' };
    const body = { version: 1, limits, pauses: sla.current.pauses, note: 'Atto aggiuntivo', effectiveFrom: '2026-03-16' };

    const saved = ok(await admin.post(`/api/contracts/${lot3}/sla`, body), 201);
    // Monday 16 March from 00:00 in Rome; until then version 1 stays in force.
    expect(saved.current.number).toBe(1);
    expect(saved.history.map((v: Obj) => [v.number, v.status, v.effectiveFrom])).toEqual([
      [2, 'scheduled', '2026-03-15T23:00:00.000Z'],
      [1, 'in_force', sla.current.effectiveFrom],
    ]);
    const now = ok(await admin.post(`/api/contracts/${lot3}/sla/preview`, { siteId: mi }));
    expect(now.slaVersion).toMatchObject({ number: 1 });
    expect(due(now, 'urgent', 'take_charge')).toBe('2026-03-10T11:00:00.000Z');
    const monday = ok(await admin.post(`/api/contracts/${lot3}/sla/preview`, { siteId: mi, at: '2026-03-16T09:00:00Z' }));
    expect(monday.slaVersion).toEqual({ number: 2, effectiveFrom: '2026-03-15T23:00:00.000Z' });
    expect(due(monday, 'urgent', 'take_charge')).toBe('2026-03-16T10:00:00.000Z');
    expect((await issueAt()).slaVersion.number).toBe(1);

    at('2026-03-16T09:00:00Z');
    await relogin(); // sessions end after days without use
    expect((await issueAt()).slaVersion.number).toBe(2);
    const inForce = ok(await admin.get(`/api/contracts/${lot3}/sla`));
    expect(inForce.current).toMatchObject({ number: 2, status: 'in_force' });
    expect(inForce.history.map((v: Obj) => v.status)).toEqual(['in_force', 'superseded']);

    // Not before the newest version; an earlier day only while nothing was issued since.
    const before = await admin.post(`/api/contracts/${lot3}/sla`, { ...body, version: 2, effectiveFrom: '2026-03-12' });
    expect(before.statusCode).toBe(400);
    expect(before.json().errors).toMatchObject([{ field: 'effectiveFrom', code: 'slaEffectiveBeforeLatest' }]);
    at('2026-03-18T09:00:00Z');
    await relogin();
    const past = await admin.post(`/api/contracts/${lot3}/sla`, { ...body, version: 2, effectiveFrom: '2026-03-16' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toMatchObject([{ field: 'effectiveFrom', code: 'slaEffectivePast' }]);
    expect(past.json().errors[0].message).toMatch(/giorno passato/);
    const quietPast = ok(await admin.post(`/api/contracts/${lot3}/sla`, { ...body, version: 2, effectiveFrom: '2026-03-17' }), 201);
    expect(quietPast.current).toMatchObject({ number: 3, status: 'in_force', effectiveFrom: '2026-03-16T23:00:00.000Z' });
    // Today (the default): from the moment it is saved.
    const today = ok(await admin.post(`/api/contracts/${lot3}/sla`, { ...body, version: 3, effectiveFrom: undefined }), 201);
    expect(today.current).toMatchObject({ number: 4, effectiveFrom: '2026-03-18T09:00:00.000Z' });
    const bad = await admin.post(`/api/contracts/${lot3}/sla`, { ...body, version: 4, effectiveFrom: '18/03/2026' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('effectiveFrom');
  });
});
