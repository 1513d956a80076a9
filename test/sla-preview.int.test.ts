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
});
