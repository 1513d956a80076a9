// Rating reminder (#11 item 4): a requester who has not rated a closed ticket RATING_REMINDER_DAYS
// after its rating link went gets one reminder, while that link still has at least a day of
// validity. Links are stored only as hashes, so the reminder carries a NEW link, valid until the
// first one expires; the first one keeps working, and rating by either uses both (a ticket is
// rated once: ratings.repository.ts consumeToken).
//
// Never twice, even with several app instances: each link is claimed by a conditional UPDATE
// (reminded_at set only while null) in the transaction that writes the new link and the notice;
// the new link is born reminded; a ticket with any reminded link is not a candidate; and the
// outbox's idempotency key names the first link.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { sha256 } from '../auth/password.ts';
import { newId } from '../ids.ts';
import { enqueueNotices } from '../modules/notices/enqueue.ts';
import { claimReminder, insertReminderToken, reminderCandidates } from '../modules/ratings/satisfaction.repository.ts';
import { startWorker, type JobLog, type Worker } from './worker.ts';
import { jobLeaseOf } from './job-lease.ts';
import { timeSlices } from './yield.ts';

const DAY_MS = 86_400_000;
/** The link must stay valid at least this long after the reminder: a reminder about to expire helps nobody. */
export const REMINDER_MIN_VALIDITY_MS = DAY_MS;

export interface ReminderResult {
  reminded: number;
  failed: number;
}

export function createRatingReminder(ctx: AppContext, log: JobLog, batchSize = 200) {
  const db = ctx.db;
  return {
    async runOnce(maxBatches = 1000): Promise<ReminderResult> {
      const result: ReminderResult = { reminded: 0, failed: 0 };
      const now = ctx.now();
      const at = now.toISOString();
      const sentBefore = new Date(now.getTime() - ctx.config.ratingReminderDays * DAY_MS).toISOString();
      const validAfter = new Date(now.getTime() + REMINDER_MIN_VALIDITY_MS).toISOString();
      let after: [string, string] | null = null;
      const slice = timeSlices(); // requests go first (./yield.ts)
      for (let i = 0; i < maxBatches; i++) {
        const rows = await reminderCandidates(db, { sentBefore, validAfter, after, limit: batchSize });
        for (const r of rows) {
          try {
            await db.transaction().execute(async (trx) => {
              if (!(await claimReminder(trx, r.id, at))) return; // another instance got it
              const token = randomBytes(32).toString('base64url');
              await insertReminderToken(trx, { id: newId(), ticketId: r.ticket_id, hash: sha256(token), now: at, expiresAt: r.expires_at });
              await enqueueNotices(trx, ctx, {
                notices: [{ kind: 'rating_reminder', to: ['requester'] }],
                ticketId: r.ticket_id,
                workOrderId: null,
                eventId: `rating-reminder:${r.id}`,
                actorUserId: null,
                action: 'rating_reminder',
                data: { expiresAt: r.expires_at },
                ratingUrl: `${ctx.config.publicUrl.replace(/\/+$/, '')}/rate/${token}`,
              });
              result.reminded++;
            });
          } catch (err) {
            result.failed++;
            log.warn({ err, ratingTokenId: r.id }, 'rating reminder: failed, will retry');
          }
          await slice();
        }
        if (rows.length < batchSize) break;
        const last = rows[rows.length - 1];
        after = [last.created_at, last.id];
      }
      if (result.reminded || result.failed) log.info({ ...result }, 'rating reminder run');
      return result;
    },
  };
}

/** Starts the job every RATING_REMINDER_INTERVAL_SECONDS (0: off, returns null). */
export function startRatingReminder(ctx: AppContext, log: JobLog): Worker | null {
  const every = ctx.config.ratingReminderIntervalSeconds;
  if (!every) {
    log.info({}, 'RATING_REMINDER_INTERVAL_SECONDS=0: the rating-reminder job does not run');
    return null;
  }
  const job = createRatingReminder(ctx, log);
  return startWorker('rating-reminder', every * 1000, () => job.runOnce(), log, jobLeaseOf(ctx));
}
