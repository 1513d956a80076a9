// The service indicators' stored facts (#11, work_order_kpi_facts: one row per work order kept by
// triggers, its facts by the application) on both engines: over the demo
// activity and planned work (every state of both workflows, a reopened ticket, materials awaited,
// faults closed in plan, not manageable, denied and cancelled, ratings), the report, trend and
// heatmap read from the facts equal those of a full recomputation from the events — now, later
// (running clocks breach with time alone), with rows missing or forgotten by a calendar edit — and
// every action rewrites its work order's row in its own transaction.
import { expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Principal } from '../src/server/auth/principal.ts';
import type { AppContext } from '../src/server/context.ts';
import { seedDemoActivity } from '../src/server/db/seed/demo-activity.ts';
import { seedDemoPlannedWork } from '../src/server/db/seed/demo-planned.ts';
import { seedDemoPrograms } from '../src/server/db/seed/demo-programs.ts';
import { createSlaWatcher } from '../src/server/jobs/sla-watcher.ts';
import { heatmap, kpiWorkOrders, report, trend } from '../src/server/modules/kpi/kpi.service.ts';
import { describeEachDb } from './helpers/app.ts';
import { move, ok, type Obj } from './fixtures/workflow/workflow.ts';

const quiet = { info() {}, warn() {}, error() {} };

describeEachDb('service indicators from the stored facts', (env) => {
  const ctx = (): AppContext => ({ db: env.db, config: env.config, now: () => env.clock.now });
  let head: Principal;
  let q: { from: string; to: string };

  /** The views read with the facts equal the full recomputation's (planned rows: what their figures use). */
  async function expectSameAsRecomputation(query: typeof q & { contractId?: string } = q) {
    const [fast, full] = await Promise.all([report(ctx(), head, query), report(ctx(), head, query, { recompute: true })]);
    expect(fast).toEqual(full);
    expect(await trend(ctx(), head, query)).toEqual(await trend(ctx(), head, query, { recompute: true }));
    expect(await heatmap(ctx(), head, query)).toEqual(await heatmap(ctx(), head, query, { recompute: true }));
    const [rows, reference] = [await kpiWorkOrders(ctx(), head, query), await kpiWorkOrders(ctx(), head, query, { recompute: true })];
    expect(rows.filter((w) => w.kind === 'corrective')).toEqual(reference.filter((w) => w.kind === 'corrective'));
    const plannedView = (ws: typeof rows) =>
      ws.filter((w) => w.kind === 'planned').map((w) => ({ id: w.id, status: w.status, outcome: w.closedOutcome, planned: w.planned }));
    expect(plannedView(rows)).toEqual(plannedView(reference));
    return fast;
  }

  const factsOf = (id: string) => env.db.selectFrom('work_order_kpi_facts').selectAll().where('work_order_id', '=', id).executeTakeFirst();

  /** Every work order has one row, whose mirrored columns and rating are the work order's and its ticket's now. */
  async function expectRowsMirror() {
    const source = await env.db
      .selectFrom('work_orders as w')
      .leftJoin('tickets as t', 't.id', 'w.ticket_id')
      .leftJoin('rating_follow_ups as fu', 'fu.ticket_id', 'w.ticket_id')
      .select((eb) => [
        'w.id',
        'w.contract_id',
        'w.issued_at',
        'w.number',
        'w.kind',
        'w.status',
        'w.outcome',
        'w.priority',
        'w.version',
        'w.contractor_id',
        'w.building_id',
        'w.technology_class_id',
        'w.ticket_id',
        'w.completed_at',
        'w.due_on',
        't.rating_stars',
        'fu.status as follow_up',
        eb
          .case()
          .when(eb.exists(eb.selectFrom('rating_tokens as rt').select('rt.id').whereRef('rt.ticket_id', '=', 'w.ticket_id')))
          .then(1)
          .else(0)
          .end()
          .as('rating_link'),
      ])
      .orderBy('w.id')
      .execute();
    const rows = await env.db
      .selectFrom('work_order_kpi_facts')
      .select([
        'work_order_id as id',
        'contract_id',
        'issued_at',
        'number',
        'kind',
        'status',
        'outcome',
        'priority',
        'version',
        'contractor_id',
        'building_id',
        'technology_class_id',
        'ticket_id',
        'wo_completed_at as completed_at',
        'due_on',
        'rating_stars',
        'follow_up',
        'rating_link',
      ])
      .orderBy('work_order_id')
      .execute();
    const norm = (xs: typeof source) => xs.map((x) => ({ ...x, version: Number(x.version), rating_link: Number(x.rating_link) }));
    expect(norm(rows)).toEqual(norm(source));
    expect(source.length).toBeGreaterThan(0);
  }

  it('after the demo activity every corrective work order has the facts of its current version', async () => {
    await seedDemoActivity(ctx(), { now: env.clock.now });
    await seedDemoPrograms(ctx(), { now: env.clock.now });
    await seedDemoPlannedWork(ctx(), { now: env.clock.now });
    const user = await env.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', 'capo.servizio')
      .executeTakeFirstOrThrow();
    head = {
      userId: user.id,
      username: 'capo.servizio',
      displayName: user.display_name,
      language: 'it',
      roles: new Set(['service_head']),
      contractorId: null,
      departmentId: null,
      via: 'session',
    };
    const first = await env.db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.min('issued_at').as('at'))
      .executeTakeFirstOrThrow();
    const rome = (d: Date | string) => DateTime.fromJSDate(new Date(d), { zone: 'Europe/Rome' }).toISODate()!;
    q = { from: rome(String(first.at)), to: rome(DateTime.fromJSDate(env.clock.now).plus({ days: 40 }).toJSDate()) };

    const stale = await env.db
      .selectFrom('work_orders as w')
      .leftJoin('work_order_kpi_facts as kf', 'kf.work_order_id', 'w.id')
      .select(['w.number', 'kf.facts_version'])
      .where('w.kind', '<>', 'planned')
      .where((eb) => eb.or([eb('kf.facts_version', 'is', null), eb('kf.facts_version', '<>', eb.ref('w.version'))]))
      .execute();
    expect(stale).toEqual([]);
    await expectRowsMirror();
    // The mix the comparison covers: outcomes, reopenings, pauses for materials, planned work.
    const outcomes = await env.db
      .selectFrom('work_order_kpi_facts')
      .select('closed_outcome')
      .distinct()
      .where('kind', '<>', 'planned')
      .execute();
    expect(new Set(outcomes.map((o) => o.closed_outcome))).toEqual(new Set([null, 'in_plan', 'not_manageable', 'denied', 'cancelled']));
    for (const action of ['reopen', 'wait_materials', 'reject_completion'])
      expect((await env.db.selectFrom('events').select('id').where('action', '=', action).execute()).length, action).toBeGreaterThan(0);
    expect((await env.db.selectFrom('work_orders').select('id').where('kind', '=', 'planned').execute()).length).toBeGreaterThan(0);
    // Playing ~40 stories through the services outlasts the default timeout on a busy shared machine.
  }, 180_000);

  it('the report, trend and heatmap equal a full recomputation', async () => {
    const rep = await expectSameAsRecomputation();
    expect(rep.workOrders).toBeGreaterThan(30);
    expect(rep.sla.takeCharge.denominator).toBeGreaterThan(0);
    expect(rep.satisfaction.responseRate.denominator).toBeGreaterThan(0);
    // Some facts are not final (a clock still counting): those are recomputed at every reading.
    const notFinal = await env.db.selectFrom('work_order_kpi_facts').select('work_order_id').where('final', '=', 0).execute();
    expect(notFinal.length).toBeGreaterThan(0);
    // The report counts the settled ones (closed, final facts of their version) in groups, not row
    // by row: the comparison covers them, with and without a closing outcome, and rated tickets.
    const settled = await env.db
      .selectFrom('work_order_kpi_facts as w')
      .select(['w.closed_outcome', 'w.rating_stars'])
      .where('w.kind', '=', 'corrective')
      .where('w.status', 'in', ['verified', 'closed'])
      .where('w.final', '=', 1)
      .where('w.facts_version', '=', (eb) => eb.ref('w.version'))
      .execute();
    expect(settled.length).toBeGreaterThan(10);
    expect(settled.some((r) => r.closed_outcome === null)).toBe(true);
    expect(settled.some((r) => r.closed_outcome !== null)).toBe(true);
    expect(settled.some((r) => r.rating_stars !== null)).toBe(true);
  });

  it("a contractor's and a building manager's reports equal their recomputation (the summary keeps the scope)", async () => {
    const as = async (username: string, role: 'contractor' | 'building_manager'): Promise<Principal> => {
      const u = await env.db
        .selectFrom('users')
        .select(['id', 'display_name', 'contractor_id'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return { ...head, userId: u.id, username, displayName: u.display_name, roles: new Set([role]), contractorId: u.contractor_id };
    };
    const scoped = [await as('ditta.termica', 'contractor'), await as('bm.centrale', 'building_manager')];
    const all = await report(ctx(), head, q);
    for (const actor of scoped) {
      const [fast, full] = await Promise.all([report(ctx(), actor, q), report(ctx(), actor, q, { recompute: true })]);
      expect(fast, actor.username).toEqual(full);
      expect(fast.workOrders, actor.username).toBeGreaterThan(0);
      expect(fast.workOrders, actor.username).toBeLessThan(all.workOrders);
    }
  });

  it('a month later, with no action, running clocks have breached: still equal', async () => {
    const before = await report(ctx(), head, q);
    env.clock.now = new Date(env.clock.now.getTime() + 30 * 86_400_000);
    const after = await expectSameAsRecomputation();
    expect(after.sla).not.toEqual(before.sla);
  });

  it('an action rewrites the work order facts row in its transaction', async () => {
    const bm = await env.login('bm.centrale');
    const open = await env.db
      .selectFrom('work_orders as w')
      .innerJoin('contracts as k', 'k.id', 'w.contract_id')
      .select(['w.id', 'w.version'])
      .where('w.status', '=', 'issued')
      .where('w.kind', '<>', 'planned')
      .orderBy('w.issued_at')
      .executeTakeFirstOrThrow();
    const wo: Obj = ok(await bm.get(`/api/work-orders/${open.id}`));
    const contractor = await env.db
      .selectFrom('users')
      .select('username')
      .where('contractor_id', '=', wo.contractor.id)
      .orderBy('username')
      .executeTakeFirstOrThrow();
    await move(await env.login(contractor.username), 'work-orders', open.id, 'acknowledge');
    const row = await factsOf(open.id);
    expect({ ...row, version: Number(row!.version), facts_version: Number(row!.facts_version) }).toMatchObject({
      version: Number(open.version) + 1,
      facts_version: Number(open.version) + 1,
      status: 'acknowledged',
      computed_at: env.clock.now.toISOString(),
      take_charge_status: 'breached',
    });
    expect(Number(row!.final)).toBe(0); // the other clocks still count
    await expectSameAsRecomputation();
    await expectRowsMirror();
  }, 60_000);

  it('a rating, its link and its follow-up reach the rows of the ticket, whenever and however they change', async () => {
    const ticket = await env.db
      .selectFrom('work_orders as w')
      .innerJoin('tickets as t', 't.id', 'w.ticket_id')
      .select(['t.id'])
      .where('t.rating_stars', 'is', null)
      .where('w.status', '=', 'closed')
      .orderBy('t.id')
      .executeTakeFirstOrThrow();
    const at = env.clock.now.toISOString();
    // A rating given after closure, a low one; then its follow-up, opened and done; a link sent and withdrawn.
    await env.db.updateTable('tickets').set({ rating_stars: 1 }).where('id', '=', ticket.id).execute();
    await env.db
      .insertInto('rating_follow_ups')
      .values({ id: `fu-${ticket.id}`, ticket_id: ticket.id, status: 'open', created_at: at })
      .execute();
    await expectRowsMirror();
    await env.db.updateTable('rating_follow_ups').set({ status: 'done' }).where('ticket_id', '=', ticket.id).execute();
    await env.db.deleteFrom('rating_tokens').where('ticket_id', '=', ticket.id).execute();
    await expectRowsMirror();
    await env.db
      .insertInto('rating_tokens')
      .values({ id: `rt-${ticket.id}`, ticket_id: ticket.id, token_hash: `hash-${ticket.id}`, created_at: at, expires_at: at })
      .execute();
    await expectRowsMirror();
    const rows = await env.db
      .selectFrom('work_order_kpi_facts')
      .select(['rating_stars', 'follow_up', 'rating_link'])
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(rows.map((r) => ({ ...r, rating_link: Number(r.rating_link) }))[0]).toEqual({
      rating_stars: 1,
      follow_up: 'done',
      rating_link: 1,
    });
    await env.db.deleteFrom('rating_follow_ups').where('ticket_id', '=', ticket.id).execute();
    await expectRowsMirror();
    await expectSameAsRecomputation();
  });

  it('a plain UPDATE of a work order, outside any action, moves its row (a new building, another contract)', async () => {
    const [a, b] = await env.db
      .selectFrom('work_orders')
      .select(['id', 'contract_id', 'building_id'])
      .where('kind', '<>', 'planned')
      .orderBy('id')
      .limit(2)
      .execute();
    await env.db
      .updateTable('work_orders')
      .set({ building_id: b.building_id, contract_id: b.contract_id })
      .where('id', '=', a.id)
      .execute();
    await expectRowsMirror();
    await env.db
      .updateTable('work_orders')
      .set({ building_id: a.building_id, contract_id: a.contract_id })
      .where('id', '=', a.id)
      .execute();
    await expectRowsMirror();
    await expectSameAsRecomputation();
  });

  it('facts missing or forgotten by a calendar edit are recomputed, then filled again by the SLA watcher', async () => {
    const some = await env.db.selectFrom('work_order_kpi_facts').select('work_order_id').where('kind', '<>', 'planned').limit(5).execute();
    await env.db
      .updateTable('work_order_kpi_facts')
      .set({ facts_version: null })
      .where(
        'work_order_id',
        'in',
        some.map((s) => s.work_order_id),
      )
      .execute();
    await expectSameAsRecomputation();

    // A contract's working week changes: its work orders' clocks, closed ones too, count differently.
    const admin = await env.login('admin');
    const contract = (await env.db.selectFrom('contracts').select('id').where('lot', '=', 'Lotto 2').executeTakeFirstOrThrow()).id;
    const cal: Obj = ok(await admin.get(`/api/contracts/${contract}/calendar`));
    const hours = [{ from: '07:00', to: '19:00' }];
    ok(
      await admin.put(`/api/contracts/${contract}/calendar`, {
        version: cal.version,
        week: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours },
      }),
    );
    const left = await env.db
      .selectFrom('work_order_kpi_facts as kf')
      .innerJoin('work_orders as w', 'w.id', 'kf.work_order_id')
      .select('w.id')
      .where('w.contract_id', '=', contract)
      .where('kf.facts_version', 'is not', null)
      .execute();
    expect(left).toEqual([]);
    await expectSameAsRecomputation();

    await createSlaWatcher(ctx(), quiet).runOnce();
    const missing = await env.db
      .selectFrom('work_orders as w')
      .leftJoin('work_order_kpi_facts as kf', 'kf.work_order_id', 'w.id')
      .select('w.id')
      .where('w.kind', '<>', 'planned')
      .where((eb) => eb.or([eb('kf.facts_version', 'is', null), eb('kf.facts_version', '<>', eb.ref('w.version'))]))
      .execute();
    expect(missing).toEqual([]);
    await expectSameAsRecomputation();
  });
});
