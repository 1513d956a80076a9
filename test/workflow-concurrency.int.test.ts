// Parallel writes with the same version: exactly one wins, the others get 409, one event only.
import { expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, ratingToken, refs } from './fixtures/workflow/workflow.ts';

const N = 8;

describeEachDb(
  'workflow 1 concurrency',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, bm: Client, ele: Client, cc: Client;

    const eventCount = async (where: { ticketId?: string; workOrderId?: string }, action: string) => {
      let q = env.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', action);
      if (where.ticketId) q = q.where('ticket_id', '=', where.ticketId).where('work_order_id', 'is', null);
      if (where.workOrderId) q = q.where('work_order_id', '=', where.workOrderId);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const statuses = (results: Array<{ statusCode: number }>) => results.map((x) => x.statusCode).sort();

    it('logs in', async () => {
      r = await refs(env);
      [requester, bm, ele, cc] = await Promise.all(
        ['richiedente', 'bm.centrale', 'ditta.elettrica', 'callcenter'].map((u) => env.login(u)),
      );
    });

    it(`${N} parallel work-order actions with one version: one 200, ${N - 1} × 409, one event`, async () => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Parallelo ODL' });
      const w = (await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'urgent', description: 'x' }))
        .workOrders[0];
      const results = await Promise.all(
        Array.from({ length: N }, () => ele.post(`/api/work-orders/${w.id}/actions/acknowledge`, { version: 1 })),
      );
      expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(409)]);
      for (const x of results.filter((y) => y.statusCode === 409)) expect(x.json().code).toBe('VERSION_CONFLICT');
      expect(await eventCount({ workOrderId: w.id }, 'acknowledge')).toBe(1);
      expect(ok(await ele.get(`/api/work-orders/${w.id}`))).toMatchObject({ status: 'acknowledged', version: 2 });
    });

    it(`${N} parallel ticket actions with one version: one 200, one event, one set of notices`, async () => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Parallelo ticket' });
      const results = await Promise.all(
        Array.from({ length: N }, (_, i) => bm.post(`/api/tickets/${t.id}/actions/dismiss`, { version: 1, reason: `doppio ${i}` })),
      );
      expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(409)]);
      expect(await eventCount({ ticketId: t.id }, 'dismiss')).toBe(1);
      const updates = await env.db
        .selectFrom('outbox')
        .select('id')
        .where('ticket_id', '=', t.id)
        .where('kind', '=', 'ticket_update')
        .execute();
      expect(updates).toHaveLength(2); // requester + call center, once
    });

    it(`${N} parallel issues of the same ticket version create one work order`, async () => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B02'), description: 'Parallelo emissione' });
      const cls = await r.cls('ELE');
      const results = await Promise.all(
        Array.from({ length: N }, () =>
          bm.post(`/api/tickets/${t.id}/actions/issue`, { version: 1, technologyClassId: cls, priority: 'ordinary', description: 'x' }),
        ),
      );
      expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(409)]);
      const wos = await env.db.selectFrom('work_orders').select('number').where('ticket_id', '=', t.id).execute();
      expect(wos.map((w) => w.number)).toEqual([`${t.number}/1`]);
    });

    it(`${N} parallel submissions of one rating link: one is taken, the others read as an invalid link`, async () => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Parallelo valutazione' });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'emergency', description: 'x' })
      ).workOrders[0];
      for (const [a, f] of [
        ['acknowledge', {}],
        ['start_work', {}],
        ['complete', { report: 'ok', hours: 1 }],
      ] as const)
        await move(ele, 'work-orders', w.id, a, f);
      await move(bm, 'work-orders', w.id, 'verify');
      await move(cc, 'tickets', t.id, 'close');
      const token = await ratingToken(env, t.id);
      const results = await Promise.all(
        Array.from({ length: N }, (_, i) => env.anonymous().post(`/api/ratings/${token}`, { stars: 1 + (i % 5), workDone: i % 2 === 0 })),
      );
      expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(404)]);
      expect(await eventCount({ ticketId: t.id }, 'rate')).toBe(1);
    });
  },
  { env: { ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-wf-conc-${process.pid}`) } },
);
