// Planned-lateness job (#8): finds the open planned work orders whose deadline has passed — the
// end of their due date's month in Europe/Rome (the domain's lateDeadline: "not done in its month
// → late"), so those due before the first day of the current Rome month — and marks each late (src/server/modules/work-orders/lateness.ts: late_at, event,
// planned_late notice, penalty proposals) and, for those already late and still open, brings the
// daily late penalty to today's days (src/server/modules/penalties/planned.ts). Works in keyset slices of `batchSize` by (due_on, id).
//
// Safe with several app instances: each work order in its own transaction that claims it again
// (PostgreSQL `for update skip locked`; SQLite's single writer) and sets late_at only while it is
// null; the penalty's breach key is unique. A failure leaves the work order for the next run.
import type { AppContext } from '../context.ts';
import { engineOf } from '../db/create-db.ts';
import { syncLatePlannedDaily } from '../modules/penalties/planned.ts';
import { markLate } from '../modules/work-orders/lateness.ts';
import { claimLate, lateCandidates } from '../modules/work-orders/planned.repository.ts';
import { romeDate } from '../modules/tickets/workflow-helpers.ts';
import { startWorker, type JobLog, type Worker } from './worker.ts';
import { jobLeaseOf } from './job-lease.ts';
import { timeSlices } from './yield.ts';

export interface LatenessResult {
  late: number;
  failed: number;
}

export function createPlannedLateness(ctx: AppContext, log: JobLog, batchSize = 200) {
  const db = ctx.db;
  const pg = engineOf(db) === 'postgres';
  return {
    async runOnce(maxBatches = 1000): Promise<LatenessResult> {
      const result: LatenessResult = { late: 0, failed: 0 };
      const today = romeDate(ctx.now());
      // lateDeadline(due_on) < today ⇔ due_on is in a month before today's.
      const dueBefore = `${today.slice(0, 7)}-01`;
      let after: [string, string] | null = null;
      const slice = timeSlices(); // requests go first (./yield.ts)
      for (let i = 0; i < maxBatches; i++) {
        const rows = await lateCandidates(db, dueBefore, after, batchSize);
        for (const r of rows) {
          try {
            await db.transaction().execute(async (trx) => {
              const w = await claimLate(trx, r.id, dueBefore, pg);
              if (!w) return;
              if (!w.late_at) {
                if (await markLate(trx, ctx, w)) result.late++;
              } else {
                await syncLatePlannedDaily(trx, ctx, w, today); // the daily penalty follows the days
              }
            });
          } catch (err) {
            result.failed++;
            log.warn({ err, workOrderId: r.id }, 'planned lateness: failed, will retry');
          }
          await slice();
        }
        if (rows.length < batchSize) break;
        const last = rows[rows.length - 1];
        after = [String(last.due_on), last.id];
      }
      if (result.late || result.failed) log.info({ ...result }, 'planned lateness run');
      return result;
    },
  };
}

/** Starts the job every PLANNED_LATENESS_INTERVAL_SECONDS (0: off, returns null). */
export function startPlannedLateness(ctx: AppContext, log: JobLog): Worker | null {
  const every = ctx.config.plannedLatenessIntervalSeconds;
  if (!every) {
    log.info({}, 'PLANNED_LATENESS_INTERVAL_SECONDS=0: the planned-lateness job does not run');
    return null;
  }
  const job = createPlannedLateness(ctx, log);
  return startWorker('planned-lateness', every * 1000, () => job.runOnce(), log, jobLeaseOf(ctx));
}
