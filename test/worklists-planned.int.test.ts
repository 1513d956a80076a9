import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, refs, type Obj } from './fixtures/workflow/workflow.ts';

// The planned work lists of the home pages (UX.md): the contractor's "Da programmare questo mese"
// and "In scadenza questa settimana", the building manager's "Attività programmate in ritardo".
// The planned work orders are made by turning issued fault orders into planned ones in the
// database: the lists only read kind, status, due_on and late_at.
describeEachDb('planned work lists', (env) => {
  let requester: Client;
  let bm: Client;
  let ele: Client;
  let fire: Client;
  let otherBm: Client;
  beforeAll(async () => {
    requester = await env.login('richiedente');
    bm = await env.login('bm.centrale');
    ele = await env.login('ditta.elettrica');
    fire = await env.login('ditta.antincendio');
    otherBm = await env.login('bm.deib');
  });

  const numbers = async (c: Client, view: string) => (ok(await c.get(`/api/work-orders?view=${view}`)).items as Obj[]).map((w) => w.number);

  async function plannedOrder(dueOn: string, status: string): Promise<string> {
    const r = await refs(env);
    const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: `Verifica periodica ${dueOn}` });
    const w = (
      await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority: 'deferrable',
        description: 'Verifica periodica quadri',
      })
    ).workOrders[0];
    await env.db.updateTable('work_orders').set({ kind: 'planned', status, due_on: dueOn }).where('id', '=', w.id).execute();
    return w.number as string;
  }

  it('shows the contractor what to schedule this month and what falls due this week, and the manager what is late', async () => {
    env.clock.now = new Date('2026-03-10T09:00:00Z'); // Tuesday 10 March, Rome
    const thisMonth = await plannedOrder('2026-03-25', 'planned');
    const nextMonth = await plannedOrder('2026-04-02', 'planned');
    const thisWeek = await plannedOrder('2026-03-13', 'scheduled');
    const nextWeek = await plannedOrder('2026-03-17', 'scheduled');
    const done = await plannedOrder('2026-03-12', 'completed');
    const late = await plannedOrder('2026-03-09', 'scheduled');

    const month = await numbers(ele, 'planned_this_month');
    expect(month).toContain(thisMonth);
    expect(month).not.toContain(nextMonth);
    expect(month).not.toContain(thisWeek); // already has a date

    const week = await numbers(ele, 'planned_due_this_week');
    expect(week).toContain(thisWeek);
    expect(week).not.toContain(nextWeek);
    expect(week).not.toContain(done);
    expect(week).not.toContain(late);

    const lateList = await numbers(bm, 'planned_late');
    expect(lateList).toEqual([late]);

    // Out of scope: another contractor, another building manager.
    expect(await numbers(fire, 'planned_this_month')).not.toContain(thisMonth);
    expect(await numbers(otherBm, 'planned_late')).not.toContain(late);

    // The navigation badges count them.
    const counts = ok(await ele.get('/api/worklists/counts')).items as Obj[];
    expect(counts.find((c) => c.view === 'planned_this_month')?.count).toBe(1);
    expect(counts.find((c) => c.view === 'planned_due_this_week')?.count).toBe(1);
    const bmCounts = ok(await bm.get('/api/worklists/counts')).items as Obj[];
    expect(bmCounts.find((c) => c.view === 'planned_late')?.count).toBe(1);

    // On Sunday the week still ends that day; on Monday a new week starts.
    env.clock.now = new Date('2026-03-15T10:00:00Z');
    ele = await env.login('ditta.elettrica'); // the session of five days ago has expired
    expect(await numbers(ele, 'planned_due_this_week')).toEqual([]);
    env.clock.now = new Date('2026-03-16T10:00:00Z');
    ele = await env.login('ditta.elettrica');
    expect(await numbers(ele, 'planned_due_this_week')).toEqual([nextWeek]);
  });

  it('tells planned tickets from faults in the ticket list, and filters by kind', async () => {
    env.clock.now = new Date('2026-03-10T09:00:00Z');
    requester = await env.login('richiedente'); // the previous test moved the clock on
    const r = await refs(env);
    const fault = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Luce guasta in corridoio' });
    const planned = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Manutenzione programmata quadri' });
    await env.db.updateTable('tickets').set({ kind: 'planned' }).where('id', '=', planned.id).execute();
    const cc = await env.login('callcenter');
    const all = ok(await cc.get('/api/tickets?limit=200')).items as Obj[];
    expect(all.find((x) => x.id === fault.id)?.kind).toBe('fault');
    expect(all.find((x) => x.id === planned.id)?.kind).toBe('planned');
    const onlyPlanned = (ok(await cc.get('/api/tickets?kind=planned')).items as Obj[]).map((x) => x.id);
    expect(onlyPlanned).toContain(planned.id);
    expect(onlyPlanned).not.toContain(fault.id);
    expect((await cc.get('/api/tickets?kind=other')).statusCode).toBe(400);
  });
});
