// Service indicators (#11) through the API on both engines: the figures of a small period computed
// from the timelines, the work orders behind a figure, and the scope — a contractor sees only its
// own figures.
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, refs, type Obj } from './fixtures/workflow/workflow.ts';

describeEachDb('service indicators', (env) => {
  let r: Awaited<ReturnType<typeof refs>>;
  let requester: Client, bm: Client, ele: Client, ter: Client, cs: Client;
  const PERIOD = 'from=2026-03-01&to=2026-03-31';
  let taken: Obj, late: Obj, heating: Obj;

  const issued = async (subject: string, cls: string, priority: string): Promise<Obj> => {
    const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject, description: `${subject}: guasto.` });
    return (await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls(cls), priority, description: subject }))
      .workOrders[0];
  };

  it('three work orders in March: one taken in charge in time, one late, one of another contractor', async () => {
    env.clock.now = new Date('2026-03-10T09:00:00Z');
    r = await refs(env);
    [requester, bm, ele, ter, cs] = await Promise.all(
      ['richiedente', 'bm.centrale', 'ditta.elettrica', 'ditta.termica', 'capo.servizio'].map((u) => env.login(u)),
    );
    taken = await issued('Luce spenta', 'ELE', 'urgent');
    late = await issued('Presa bruciata', 'ELE', 'urgent');
    heating = await issued('Termosifone freddo', 'TER', 'urgent');
    env.clock.now = new Date('2026-03-10T09:30:00Z');
    await move(ele, 'work-orders', taken.id, 'acknowledge');
    env.clock.now = new Date('2026-03-13T09:00:00Z');
    // Three days on, sessions have lapsed: log in again.
    [requester, bm, ele, ter, cs] = await Promise.all(
      ['richiedente', 'bm.centrale', 'ditta.elettrica', 'ditta.termica', 'capo.servizio'].map((u) => env.login(u)),
    );
    await move(ele, 'work-orders', late.id, 'acknowledge');
    await move(ter, 'work-orders', heating.id, 'acknowledge');
  });

  it('the service head reads the take-charge compliance; the drill-down lists the late one', async () => {
    const rep = ok(await cs.get(`/api/kpi/report?${PERIOD}`));
    expect(rep.workOrders).toBe(3);
    expect(rep.sla.takeCharge).toMatchObject({ numerator: 1, denominator: 3 });
    expect(rep.backlog.total).toBe(3);
    expect(rep.plannedCompliance.value).toBeNull();
    const misses = ok(await cs.get(`/api/kpi/work-orders?${PERIOD}&figure=takeCharge&set=misses`));
    expect(misses.items.map((w: Obj) => w.id).sort()).toEqual([late.id, heating.id].sort());
    expect(misses.total).toBe(2);
  });

  it('a contractor sees only its own work orders in every view', async () => {
    const rep = ok(await ele.get(`/api/kpi/report?${PERIOD}`));
    expect(rep.workOrders).toBe(2);
    expect(rep.sla.takeCharge).toMatchObject({ numerator: 1, denominator: 2 });
    const basis = ok(await ter.get(`/api/kpi/work-orders?${PERIOD}&figure=takeCharge`));
    expect(basis.items.map((w: Obj) => w.id)).toEqual([heating.id]);
    const heat = ok(await ter.get(`/api/kpi/heatmap?${PERIOD}`));
    expect(heat.cells).toEqual([{ buildingId: await r.building('MI-B01'), technologyClassId: await r.cls('TER'), faults: 1 }]);
    const trend = ok(await ele.get(`/api/kpi/trend?${PERIOD}`));
    expect(trend.months).toHaveLength(1);
    expect(trend.months[0]).toMatchObject({ month: '2026-03', workOrders: 2 });
  });

  it('a period longer than a year is refused naming the field', async () => {
    const res = await cs.get('/api/kpi/report?from=2025-01-01&to=2026-03-31');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'to', code: 'dateRange' });
  });
});
