// The SLA state on every list row (#9 item 14): stored by the action that moves a clock, in its
// own transaction, so the list read right after the response shows it — no watcher run between.
// Sorting by the due instant and filtering by state happen in SQL, on both engines.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, refs, type Obj } from './fixtures/workflow/workflow.ts';
import { pendingCount } from '../src/server/jobs/sla-watcher.ts';

describeEachDb(
  'SLA state on list rows',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, bm: Client, ele: Client;
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };
    let n = 0;
    beforeAll(async () => {
      r = await refs(env);
      requester = await env.login('richiedente');
      bm = await env.login('bm.centrale');
      ele = await env.login('ditta.elettrica');
    });

    const issue = async (priority: string) => {
      const t = await openTicket(requester, {
        buildingId: await r.building('MI-B01'),
        subject: `Guasto righe ${++n}`,
        description: 'Non funziona.',
      });
      const after = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority,
        description: `Intervento righe ${n}`,
      });
      return {
        ticketId: t.id as string,
        ticketNumber: t.number as string,
        id: after.workOrders[0].id as string,
        number: after.workOrders[0].number as string,
      };
    };
    /** The work order's row as the list shows it (found by its number). */
    const woRow = async (c: Client, number: string) => {
      const items = ok(await c.get(`/api/work-orders?q=${encodeURIComponent(number)}`)).items as Obj[];
      return items.find((w) => w.number === number)!;
    };
    const ticketRow = async (c: Client, number: string) => {
      const items = ok(await c.get(`/api/tickets?q=${encodeURIComponent(number)}`)).items as Obj[];
      return items.find((t) => t.number === number)!;
    };
    /** The earliest due instant among the clocks still running, as GET /api/work-orders/{id} computes it now. */
    const earliestRunningDue = async (id: string) => {
      const wo = ok(await bm.get(`/api/work-orders/${id}`));
      return (wo.clocks.items as Obj[])
        .filter((c) => c.status === 'running')
        .map((c) => c.dueAt as string)
        .sort()[0];
    };
    const numbersWith = async (resource: 'work-orders' | 'tickets', query: string) => {
      const out: Obj[] = [];
      let cursor: string | null = null;
      do {
        // Only this file's rows (their words), two a page: the cursor carries the sort across pages.
        const page: Obj = ok(await bm.get(`/api/${resource}?${query}&q=righe&limit=2${cursor ? `&cursor=${cursor}` : ''}`));
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };

    it('every action that moves a clock shows in the lists at once: due, paused with its reason, due again, met', async () => {
      at('2026-03-16T08:00:00Z'); // Monday 09:00 in Rome
      const w = await issue('urgent');
      // Issued: take charge due in 2 working hours, on the rows of both lists, without the watcher.
      expect(await pendingCount(env.app.ctx)).toBe(0);
      expect((await woRow(bm, w.number)).sla).toEqual({ state: 'due', dueAt: '2026-03-16T10:00:00.000Z', pausedFor: null });
      expect((await ticketRow(bm, w.ticketNumber)).sla).toEqual({ state: 'due', dueAt: '2026-03-16T10:00:00.000Z', pausedFor: null });
      expect((await ticketRow(bm, w.ticketNumber)).workOrders[0].sla).toMatchObject({ state: 'due' });

      at('2026-03-16T08:10:00Z');
      await move(ele, 'work-orders', w.id, 'acknowledge');
      // Take charge stopped: the row's due instant is now the next running clock's.
      const afterAck = (await woRow(ele, w.number)).sla;
      expect(afterAck).toEqual({ state: 'due', dueAt: await earliestRunningDue(w.id), pausedFor: null });
      expect(afterAck.dueAt).not.toBe('2026-03-16T10:00:00.000Z');

      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-03-16T09:00:00Z' });
      at('2026-03-16T09:00:00Z');
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Serve un reattore' });
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: '2026-03-16T10:00:00Z' });
      at('2026-03-16T09:30:00Z');
      await move(ele, 'work-orders', w.id, 'wait_materials', { expectedOn: '2026-03-18' });
      expect((await woRow(bm, w.number)).sla).toEqual({ state: 'paused', dueAt: null, pausedFor: 'waiting_materials' });
      expect((await ticketRow(bm, w.ticketNumber)).sla).toEqual({ state: 'paused', dueAt: null, pausedFor: 'waiting_materials' });
      expect((await numbersWith('work-orders', 'sla=paused')).map((x) => x.number)).toContain(w.number);
      expect((await numbersWith('work-orders', 'sla=due&sla=overdue')).map((x) => x.number)).not.toContain(w.number);

      at('2026-03-17T08:00:00Z');
      await move(ele, 'work-orders', w.id, 'resume', { scheduledAt: '2026-03-17T09:00:00Z' });
      const resumed = (await woRow(bm, w.number)).sla;
      expect(resumed).toEqual({ state: 'due', dueAt: await earliestRunningDue(w.id), pausedFor: null });

      at('2026-03-17T09:00:00Z');
      await move(ele, 'work-orders', w.id, 'start_work');
      await move(ele, 'work-orders', w.id, 'complete', { report: 'Reattore sostituito', hours: 1 });
      expect((await woRow(bm, w.number)).sla).toEqual({ state: 'met', dueAt: null, pausedFor: null });
      expect((await ticketRow(bm, w.ticketNumber)).sla).toEqual({ state: 'met', dueAt: null, pausedFor: null });
      expect((await numbersWith('work-orders', 'sla=met')).map((x) => x.number)).toContain(w.number);
      expect(await pendingCount(env.app.ctx)).toBe(0);
    });

    it('overdue is the stored due instant passed, read at the request: filter and sort by it in SQL', async () => {
      at('2026-03-18T09:00:00Z');
      const late = await issue('emergency'); // take charge: 30 min, solar time
      at('2026-03-18T09:05:00Z');
      const soon = await issue('urgent');
      at('2026-03-18T09:10:00Z');
      const later = await issue('ordinary');
      at('2026-03-18T09:45:00Z'); // no action, no watcher: the emergency is past its due instant

      const lateRow = await woRow(bm, late.number);
      expect(lateRow.sla).toEqual({ state: 'overdue', dueAt: '2026-03-18T09:30:00.000Z', pausedFor: null });
      const overdue = await numbersWith('work-orders', 'sla=overdue');
      expect(overdue.map((x) => x.number)).toContain(late.number);
      expect(overdue.map((x) => x.number)).not.toContain(soon.number);
      expect(overdue.every((x) => x.sla.state === 'overdue')).toBe(true);
      const due = await numbersWith('work-orders', 'sla=due');
      expect(due.map((x) => x.number)).toEqual(expect.arrayContaining([soon.number, later.number]));
      expect(due.every((x) => x.sla.state === 'due')).toBe(true);
      expect((await numbersWith('tickets', 'sla=overdue')).map((x) => x.number)).toContain(late.ticketNumber);

      // Sorted by due instant, earliest first, across keyset pages; rows without one come last.
      for (const resource of ['work-orders', 'tickets'] as const) {
        const rows = await numbersWith(resource, 'sort=due');
        const dues = rows.map((x) => x.sla?.dueAt ?? null);
        const firstNull = dues.indexOf(null);
        const withDue = firstNull === -1 ? dues : dues.slice(0, firstNull);
        expect(withDue.length).toBeGreaterThanOrEqual(3);
        expect(rows.length).toBeGreaterThan(withDue.length); // the met and paused ones of the first test, last
        expect(withDue).toEqual([...withDue].sort());
        if (firstNull !== -1) expect(dues.slice(firstNull).every((d) => d === null)).toBe(true);
        const nums = rows.map((x) => x.number);
        const own =
          resource === 'tickets' ? [late.ticketNumber, soon.ticketNumber, later.ticketNumber] : [late.number, soon.number, later.number];
        expect(nums.indexOf(own[0])).toBeLessThan(nums.indexOf(own[1]));
        expect(nums.indexOf(own[1])).toBeLessThan(nums.indexOf(own[2]));
        const desc = (await numbersWith(resource, 'sort=due&order=desc')).map((x) => x.number);
        expect(desc.indexOf(own[2])).toBeLessThan(desc.indexOf(own[0]));
      }

      // An unknown state is refused, naming the field.
      const bad = await bm.get('/api/work-orders?sla=late');
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('sla');
    });
  },
  { env: { SESSION_TTL_HOURS: '720' } },
);
