// The demo planned work (src/server/db/seed/demo-planned.ts) on both engines: after the demo
// activity and programs, this month's published programs hold planned work orders in every state
// of the planned machine, last month's program is done but for one activity marked late (with its
// penalty proposal), and the fault proposed "in plan" is closed against a planned work order.
import { expect, it } from 'vitest';
import { PLANNED_WORK_ORDER_STATES } from '../src/domain/workflow/planned-work-order.ts';
import { seedDemoActivity } from '../src/server/db/seed/demo-activity.ts';
import { seedDemoPlannedWork } from '../src/server/db/seed/demo-planned.ts';
import { seedDemoPrograms } from '../src/server/db/seed/demo-programs.ts';
import type { AppContext } from '../src/server/context.ts';
import { describeEachDb } from './helpers/app.ts';

describeEachDb('demo planned work', (env) => {
  const ctx = (): AppContext => ({ db: env.db, config: env.config, now: () => env.clock.now });

  it('shows every planned state, a late activity with its penalty, compliance and a fault closed in plan', async () => {
    await seedDemoActivity(ctx(), { now: env.clock.now });
    await seedDemoPrograms(ctx(), { now: env.clock.now });
    const r = await seedDemoPlannedWork(ctx(), { now: env.clock.now });
    expect(r.late).toBe(1);
    expect(r.previousMonthDone).toBeGreaterThan(0);

    const month = env.clock.now.toISOString().slice(0, 7);
    const wos = await env.db
      .selectFrom('work_orders')
      .select(['id', 'status', 'due_on', 'technician', 'expected_on', 'late_at', 'checklist_results'])
      .where('kind', '=', 'planned')
      .execute();
    const current = wos.filter((w) => w.due_on!.startsWith(month));
    expect(new Set(current.map((w) => w.status))).toEqual(new Set(PLANNED_WORK_ORDER_STATES));
    const scheduled = current.filter((w) => w.status === 'scheduled');
    expect(scheduled.some((w) => w.technician)).toBe(true);
    const windows = await env.db
      .selectFrom('program_items')
      .select(['window_from', 'window_to'])
      .where(
        'work_order_id',
        'in',
        scheduled.map((w) => w.id),
      )
      .execute();
    expect(windows.every((i) => i.window_from && i.window_to && i.window_from < i.window_to)).toBe(true);
    expect(current.find((w) => w.status === 'waiting_materials')!.expected_on).not.toBeNull();

    // Completed ones carry their checklist and required documents; one opened a follow-up fault.
    const done = current.filter((w) => w.status === 'completed' || w.status === 'verified');
    for (const w of done) expect(JSON.parse(w.checklist_results!).length).toBeGreaterThan(0);
    const docs = await env.db
      .selectFrom('attachments')
      .select('work_order_id')
      .where(
        'work_order_id',
        'in',
        done.map((w) => w.id),
      )
      .execute();
    expect(new Set(docs.map((d) => d.work_order_id)).size).toBe(done.length);
    const followUps = await env.db
      .selectFrom('tickets')
      .select('id')
      .where(
        'source_work_order_id',
        'in',
        done.map((w) => w.id),
      )
      .execute();
    expect(followUps).toHaveLength(1);
    const cancelled = await env.db
      .selectFrom('events')
      .select('data')
      .where('action', '=', 'cancel')
      .where(
        'work_order_id',
        'in',
        current.filter((w) => w.status === 'cancelled').map((w) => w.id),
      )
      .execute();
    expect(cancelled).toHaveLength(1);

    // Last month: everything done but the late one, which has its penalty proposal.
    const previous = wos.filter((w) => !w.due_on!.startsWith(month) && w.due_on! < `${month}-01`);
    const late = previous.filter((w) => w.late_at);
    expect(late).toHaveLength(1);
    expect(previous.filter((w) => w.status === 'verified')).toHaveLength(previous.length - 1);
    const penalty = await env.db.selectFrom('penalties').select('status').where('work_order_id', '=', late[0].id).execute();
    expect(penalty).toEqual([{ status: 'proposed' }]);
    const notices = await env.db.selectFrom('outbox').select('kind').where('work_order_id', '=', late[0].id).execute();
    expect(notices.map((n) => n.kind)).toContain('planned_late');

    // The fault proposed "in plan" is closed, linked to a planned work order, its requester told the date.
    const inPlan = await env.db
      .selectFrom('work_orders')
      .select(['id', 'status', 'planned_work_order_id'])
      .where('kind', '!=', 'planned')
      .where('planned_work_order_id', 'is not', null)
      .execute();
    expect(inPlan).toHaveLength(1);
    expect(inPlan[0].status).toBe('closed');
    const told = await env.db.selectFrom('outbox').select('kind').where('work_order_id', '=', inPlan[0].id).execute();
    expect(told.map((n) => n.kind)).toContain('in_plan_date');
  });
});
