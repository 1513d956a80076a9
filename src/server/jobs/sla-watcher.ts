// SLA watcher: finds the work orders whose clocks may have changed and refreshes them
// (src/server/modules/sla/refresh.ts: warning and breach alerts with their notices, penalty
// proposals, the stored due instant). It looks at two kinds of work order, both by index:
// - stale: changed since their clocks were last computed (a new event moves the version; a
//   calendar or closure edit clears sla_checked_version), the partial index of migration 0005;
// - due: sla_next_check_at has come (a warning share or a due instant reached, a breach growing).
// Then one window of the service indicators' facts filler (modules/kpi/facts.ts).
//
// Safe with several app instances on one database: each work order is refreshed in its own
// transaction that first claims it again — on PostgreSQL `for update skip locked` (another
// instance working on it is skipped), on SQLite under the single writer — and re-checks that it
// is still stale or due. The alert's unique key (work order, clock, level, cycle start) is the
// last line: an alert inserted twice fails the second time and sends nothing.
import type { AppContext } from '../context.ts';
import { fillKpiFacts } from '../modules/kpi/facts.ts';
import { refreshWorkOrderSla } from '../modules/sla/refresh.ts';
import { claimForWatch, countWaitingForWatch, watchPage } from '../modules/sla/sla.repository.ts';
import { reconcileLateDocuments } from '../modules/penalties/late-documents.ts';
import { startWorker, type JobLog, type Worker } from './worker.ts';
import { jobLeaseOf } from './job-lease.ts';
import { timeSlices } from './yield.ts';

/** Ids per call of the KPI facts filler: its window is computed in parts this size, yielding between them. */
const KPI_SLICE = 50;

export interface WatchResult {
  checked: number;
  alerts: number;
  penalties: number;
  failed: number;
}

export interface SlaWatcher {
  /** Refreshes stale and due work orders, `batchSize` at a time, until none is left (or `maxBatches`). */
  runOnce(maxBatches?: number): Promise<WatchResult>;
}

export function createSlaWatcher(ctx: AppContext, log: JobLog, batchSize = 200, kpiWindow = 5000): SlaWatcher {
  const db = ctx.db;
  /** Where the KPI facts filler goes on next (null: from the first id). */
  let kpiCursor: string | null = null;

  async function refreshOne(id: string, result: WatchResult): Promise<void> {
    try {
      await db.transaction().execute(async (trx) => {
        if (!(await claimForWatch(trx, id, ctx.now().toISOString()))) return;
        const r = await refreshWorkOrderSla(trx, ctx, id);
        result.checked++;
        result.alerts += r?.alerts.length ?? 0;
        result.penalties += r?.penalties.length ?? 0;
      });
    } catch (err) {
      result.failed++;
      log.warn({ err, workOrderId: id }, 'sla watcher: refresh failed, will retry');
    }
  }

  return {
    async runOnce(maxBatches = 1000) {
      const result: WatchResult = { checked: 0, alerts: 0, penalties: 0, failed: 0 };
      const at = ctx.now().toISOString();
      // Requests go first: the pass yields to the event loop between work orders (./yield.ts).
      const slice = timeSlices();
      // Stale ones in issue order, due ones in the order they fell due: when the cap leaves room for
      // one more penalty, the earlier work goes first. Keyset pages, so a work order that fails (or
      // stays due) is not taken again in this run.
      for (const kind of ['stale', 'due'] as const) {
        let after: [string, string] | null = null;
        for (let i = 0; i < maxBatches; i++) {
          const rows = await watchPage(db, kind, at, after, batchSize);
          for (const r of rows) {
            await refreshOne(r.id, result);
            await slice();
          }
          if (rows.length < batchSize) break;
          const last = rows[rows.length - 1];
          after = [String(kind === 'stale' ? last.issued_at : last.sla_next_check_at), last.id];
        }
      }
      // Documents declared "to follow" at completion and now past their due date (#9): the late_documents rule.
      const docs = await reconcileLateDocuments(ctx, log, batchSize, slice);
      result.checked += docs.checked;
      result.penalties += docs.penalties;
      result.failed += docs.failed;
      // #11: the service indicators' facts of work orders that have none or an outdated one (a
      // dataset loaded without the app, a calendar edit): one window of ids per run, round the table.
      // The window goes in parts of KPI_SLICE ids (the same keyset walk), yielding between them.
      try {
        for (let done = 0; done < kpiWindow; done += KPI_SLICE) {
          kpiCursor = (await fillKpiFacts(ctx, kpiCursor, Math.min(KPI_SLICE, kpiWindow - done))).next;
          await slice();
          if (kpiCursor === null) break;
        }
      } catch (err) {
        log.warn({ err }, 'sla watcher: filling the KPI facts failed, will retry');
      }
      if (result.checked || result.failed) log.info({ ...result }, 'sla watcher run');
      return result;
    },
  };
}

/** Starts the watcher every SLA_WATCH_INTERVAL_SECONDS (0: off, returns null). */
export function startSlaWatcher(ctx: AppContext, log: JobLog): Worker | null {
  const every = ctx.config.sla.watchIntervalSeconds;
  if (!every) {
    log.info({}, 'SLA_WATCH_INTERVAL_SECONDS=0: the SLA watcher does not run');
    return null;
  }
  const watcher = createSlaWatcher(ctx, log);
  log.info({ every, warnShare: ctx.config.sla.warnShare }, 'sla watcher started');
  return startWorker('sla-watcher', every * 1000, () => watcher.runOnce(), log, jobLeaseOf(ctx));
}

/** For tests and scripts: how many work orders wait for the watcher now. */
export function pendingCount(ctx: AppContext): Promise<number> {
  return countWaitingForWatch(ctx.db, ctx.now().toISOString());
}
