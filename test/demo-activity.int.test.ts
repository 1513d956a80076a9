// The demo activity (src/server/db/seed/demo-activity.ts) on both engines: played through the
// workflow services over the registry demo, it shows every state of workflow 1, closed outcomes,
// a reopened ticket, ratings, materials, quotes; its timeline is valid; it runs once only.
import { expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { TICKET_STATES } from '../src/domain/workflow/ticket.ts';
import { WORK_ORDER_STATES } from '../src/domain/workflow/work-order.ts';
import { seedDemoActivity } from '../src/server/db/seed/demo-activity.ts';
import type { AppContext } from '../src/server/context.ts';
import { describeEachDb } from './helpers/app.ts';
import { ok, type Obj } from './fixtures/workflow/workflow.ts';

const count = (rows: Array<{ status: string }>) =>
  rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
const inWorkingHours = (iso: string) => {
  const t = DateTime.fromISO(iso, { zone: 'Europe/Rome' });
  const minutes = t.hour * 60 + t.minute;
  return t.weekday <= 5 && minutes >= 8 * 60 && minutes < 18 * 60;
};

describeEachDb('demo activity', (env) => {
  const ctx = (): AppContext => ({ db: env.db, config: env.config, now: () => env.clock.now });

  // Its duration is measured in bench/, never asserted here: these machines are shared and noisy.
  it('plays the stories and writes exactly the tickets and work orders it reports', async () => {
    const played = await seedDemoActivity(ctx(), { now: env.clock.now });
    expect(played.tickets).toBeGreaterThanOrEqual(30);
    expect(played.tickets).toBeLessThanOrEqual(40);
    const tickets = await env.db.selectFrom('tickets').select('id').execute();
    const workOrders = await env.db.selectFrom('work_orders').select('id').execute();
    expect({ tickets: tickets.length, workOrders: workOrders.length }).toEqual(played);
  });

  it('shows every ticket state and every work-order state of workflow 1', async () => {
    const tickets = count(await env.db.selectFrom('tickets').select('status').execute());
    const workOrders = count(await env.db.selectFrom('work_orders').select('status').execute());
    console.log(`tickets per state: ${JSON.stringify(tickets)}\nwork orders per state: ${JSON.stringify(workOrders)}`);
    for (const s of TICKET_STATES) expect(tickets[s] ?? 0, `tickets ${s}`).toBeGreaterThan(0);
    for (const s of WORK_ORDER_STATES) expect(workOrders[s] ?? 0, `work orders ${s}`).toBeGreaterThan(0);
    const outcomes = (await env.db.selectFrom('work_orders').select('outcome').where('status', '=', 'closed').execute()).map(
      (w) => w.outcome,
    );
    expect(new Set(outcomes)).toEqual(new Set(['in_plan', 'not_manageable', 'denied', 'cancelled']));
    // A ticket dismissed without work, and the channels: web, phone (call center), staff.
    expect((await env.db.selectFrom('events').select('id').where('action', '=', 'dismiss').execute()).length).toBe(1);
    const channels = new Set((await env.db.selectFrom('tickets').select('channel').execute()).map((t) => t.channel));
    expect(channels).toEqual(new Set(['web', 'phone', 'staff']));
    const buildings = await env.db
      .selectFrom('tickets as t')
      .innerJoin('buildings as b', 'b.id', 't.building_id')
      .select('b.code')
      .distinct()
      .execute();
    expect(buildings.some((b) => b.code.startsWith('MI-')) && buildings.some((b) => b.code.startsWith('CO-'))).toBe(true);
  });

  it('holds a reopened ticket, ratings with a low one flagged, materials, quotes, reminders and a complaint', async () => {
    const t = await env.db.selectFrom('tickets').selectAll().execute();
    const reopened = t.filter((x) => Number(x.reopen_count) > 0);
    expect(reopened).toHaveLength(1);
    expect(reopened[0]).toMatchObject({ status: 'in_progress', rating_stars: 1 });
    expect(Number(reopened[0].rating_work_done)).toBe(0);
    const rated = t.filter((x) => x.rated_at !== null);
    expect(rated.length).toBeGreaterThanOrEqual(5);
    const low = rated.filter((x) => Number(x.rating_stars) <= 2);
    expect(low.length).toBeGreaterThanOrEqual(1);
    expect(low.every((x) => Number(x.review_flag) === 1)).toBe(true);
    expect(rated.some((x) => Number(x.rating_stars) === 5 && x.status === 'closed')).toBe(true);
    expect(t.some((x) => Number(x.reminder_count) >= 2 && Number(x.complaint_count) === 1)).toBe(true);
    expect(t.some((x) => x.danger === 1 || (x.danger as unknown) === true)).toBe(true);

    const waiting = await env.db.selectFrom('work_orders').select(['expected_on']).where('status', '=', 'waiting_materials').execute();
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    for (const w of waiting) expect(w.expected_on! > env.clock.now.toISOString().slice(0, 10)).toBe(true);

    const quotes = await env.db
      .selectFrom('quotes as q')
      .innerJoin('work_orders as w', 'w.id', 'q.work_order_id')
      .select(['q.id', 'q.status', 'w.status as wo'])
      .execute();
    expect(new Set(quotes.map((q) => `${q.status}:${q.wo}`))).toEqual(
      new Set(['submitted:awaiting_authorization', 'approved:authorized', 'approved:scheduled', 'denied:closed']),
    );
    const waitingQuote = quotes.find((q) => q.wo === 'awaiting_authorization')!;
    const lines = await env.db
      .selectFrom('quote_lines')
      .select(['price_list_item_id', 'category'])
      .where('quote_id', '=', waitingQuote.id)
      .execute();
    expect(lines.some((l) => l.price_list_item_id !== null)).toBe(true);
    expect(lines.some((l) => l.price_list_item_id === null)).toBe(true);
    const denied = await env.db.selectFrom('quotes').select('decision_reason').where('status', '=', 'denied').executeTakeFirstOrThrow();
    expect(denied.decision_reason).toMatch(/riqualificazione/);

    // The actions real use leaves behind.
    const actions = new Set((await env.db.selectFrom('events').select('action').execute()).map((e) => e.action));
    for (const a of [
      'reject_completion',
      'change_priority',
      'cancel',
      'confirm_in_plan',
      'deny_quote',
      'approve_quote',
      'wait_materials',
      'resume',
      'remind',
      'complain',
      'rate',
      'auto_resolve',
      'auto_close',
      'reopen',
    ]) {
      expect(actions.has(a), a).toBe(true);
    }
    const visibility = new Set((await env.db.selectFrom('comments').select('visibility').execute()).map((c) => c.visibility));
    expect(visibility).toEqual(new Set(['public', 'internal']));
    // Notices land in the outbox, the closing ones with their rating link.
    const kinds = new Set((await env.db.selectFrom('outbox').select('kind').execute()).map((o) => o.kind));
    for (const k of [
      'ticket_opened',
      'work_order_issued',
      'ticket_update',
      'ticket_closed',
      'quote_submitted',
      'quote_decided',
      'low_rating',
      'reminder',
      'complaint',
      'ticket_reopened',
    ]) {
      expect(kinds.has(k), k).toBe(true);
    }
  });

  it("has a valid timeline: in the past, in working hours, each object's events chained from → to", async () => {
    const now = env.clock.now.toISOString();
    const events = await env.db
      .selectFrom('events')
      .select(['id', 'at', 'ticket_id', 'work_order_id', 'action', 'from_state', 'to_state'])
      .where('penalty_id', 'is', null)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(events.length).toBeGreaterThan(200);
    const byObject = new Map<string, typeof events>();
    for (const e of events) {
      expect(e.at < now, `${e.action} at ${e.at}`).toBe(true);
      expect(inWorkingHours(e.at), `${e.action} at ${e.at}`).toBe(true);
      const key = e.work_order_id ? `wo:${e.work_order_id}` : `t:${e.ticket_id}`;
      byObject.set(key, [...(byObject.get(key) ?? []), e]);
    }
    for (const [key, list] of byObject) {
      expect(list[0].from_state, key).toBeNull();
      expect(list[0].to_state, key).toBe(key.startsWith('wo:') ? 'issued' : 'new');
      for (let i = 1; i < list.length; i++) {
        expect(list[i].at >= list[i - 1].at).toBe(true);
        expect(list[i].from_state, `${key} ${list[i - 1].action} → ${list[i].action}`).toBe(list[i - 1].to_state);
      }
      // The object's stored state is where its timeline ends.
      const last = list[list.length - 1].to_state;
      const row = key.startsWith('wo:')
        ? await env.db.selectFrom('work_orders').select('status').where('id', '=', key.slice(3)).executeTakeFirstOrThrow()
        : await env.db.selectFrom('tickets').select('status').where('id', '=', key.slice(2)).executeTakeFirstOrThrow();
      expect(row.status, key).toBe(last);
    }
    const tickets = await env.db.selectFrom('tickets').select(['created_at']).execute();
    expect(tickets.every((t) => inWorkingHours(t.created_at))).toBe(true);
    const oldest = tickets.map((t) => t.created_at).sort()[0];
    const weeks = (env.clock.now.getTime() - Date.parse(oldest)) / (7 * 86_400_000);
    expect(weeks).toBeGreaterThan(4);
    expect(weeks).toBeLessThan(8);
  });

  it('numbers are unique and follow the calendar', async () => {
    const tickets = await env.db.selectFrom('tickets').select(['number', 'created_at']).orderBy('created_at').execute();
    expect(new Set(tickets.map((t) => t.number)).size).toBe(tickets.length);
    expect(tickets.map((t) => t.number)).toEqual([...tickets.map((t) => t.number)].sort());
    const workOrders = await env.db.selectFrom('work_orders').select('number').execute();
    expect(new Set(workOrders.map((w) => w.number)).size).toBe(workOrders.length);
  });

  it('is what the building manager sees through the API', async () => {
    const bm = await env.login('bm.centrale');
    const page = ok(await bm.get('/api/tickets?limit=200&count=true'));
    const central = ['MI-B01', 'MI-B02', 'MI-B05', 'MI-B06', 'MI-B07'];
    expect(page.count).toBeGreaterThanOrEqual(10);
    expect(page.items.every((t: Obj) => central.includes(t.building.code))).toBe(true);
    const quoted = ok(await bm.get('/api/work-orders?status=awaiting_authorization'));
    expect(quoted.items).toHaveLength(1);
    const wo = ok(await bm.get(`/api/work-orders/${quoted.items[0].id}`));
    expect(wo.quote).toMatchObject({ status: 'submitted' });
    expect(wo.quote.lines.some((l: Obj) => /^G\./.test(l.code ?? ''))).toBe(true);
    const en = await env.login('requester.en');
    const mine = ok(await en.get('/api/tickets?limit=200'));
    expect(mine.items.length).toBeGreaterThanOrEqual(4);
  });

  it('does nothing on a database that already has tickets', async () => {
    const before = await env.db.selectFrom('events').select('id').execute();
    expect(await seedDemoActivity(ctx(), { now: env.clock.now })).toEqual({ tickets: 0, workOrders: 0 });
    expect(await env.db.selectFrom('events').select('id').execute()).toHaveLength(before.length);
  });
});
