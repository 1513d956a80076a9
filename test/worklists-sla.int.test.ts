import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, refs, type Obj } from './fixtures/workflow/workflow.ts';
import { refreshWorkOrderSla } from '../src/server/modules/sla/refresh.ts';

// The SLA work lists: "due soon" (a clock due within 4 h) and "overdue" (past its due instant),
// from the due instant the SLA refresh keeps on the work order.
describeEachDb('SLA work lists', (env) => {
  let requester: Client;
  let bm: Client;
  let ele: Client;
  let other: Client;
  beforeAll(async () => {
    requester = await env.login('richiedente');
    bm = await env.login('bm.centrale');
    ele = await env.login('ditta.elettrica');
    other = await env.login('bm.deib');
  });

  const numbers = async (c: Client, view: string) => (ok(await c.get(`/api/work-orders?view=${view}`)).items as Obj[]).map((w) => w.number);

  it('an urgent work order not taken in charge is due soon, then overdue, for those in scope only', async () => {
    env.clock.now = new Date('2026-03-10T08:00:00Z'); // Tuesday 09:00 in Rome
    const r = await refs(env);
    const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Quadro elettrico che scatta' });
    const w = (
      await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority: 'urgent',
        description: 'Verifica quadro',
      })
    ).workOrders[0];
    await env.db.transaction().execute((trx) => refreshWorkOrderSla(trx, env.app.ctx, w.id));
    const stored = await env.db.selectFrom('work_orders').select('sla_due_at').where('id', '=', w.id).executeTakeFirstOrThrow();
    expect(stored.sla_due_at).toBe('2026-03-10T10:00:00.000Z'); // take charge: 2 working hours

    env.clock.now = new Date('2026-03-10T09:00:00Z');
    expect(await numbers(bm, 'due_soon')).toContain(w.number);
    expect(await numbers(bm, 'overdue')).not.toContain(w.number);

    env.clock.now = new Date('2026-03-10T10:30:00Z');
    expect(await numbers(bm, 'overdue')).toContain(w.number);
    expect(await numbers(ele, 'overdue')).toContain(w.number);
    expect(await numbers(bm, 'due_soon')).not.toContain(w.number);
    expect(await numbers(other, 'overdue')).not.toContain(w.number);
    const badges = ok(await bm.get('/api/worklists/counts'));
    expect(JSON.stringify(badges)).toContain('overdue');
  });
});
