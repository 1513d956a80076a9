// Program generator: from the 20th of each month (Europe/Rome) it makes sure every active contract
// covering next month has next month's program, generated as a draft with its occurrences, so the
// contractor finds it ready to plan. Idempotent and safe with several app instances: a program is
// inserted only if (contract, month) is missing and each occurrence only if (plan, occurrence) is
// missing — both ON CONFLICT DO NOTHING on the unique keys — so a second instance running at the
// same moment waits for the first one's row (PostgreSQL) or the single writer (SQLite) and adds
// nothing. A program already submitted or further is never touched.
import { DateTime } from 'luxon';
import type { AppContext } from '../context.ts';
import { contractsActiveIn } from '../modules/programs/programs.repository.ts';
import { ensureProgram } from '../modules/programs/programs.service.ts';
import { monthBounds } from '../modules/programs/schedule.ts';
import { startWorker, type JobLog, type Worker } from './worker.ts';
import { jobLeaseOf } from './job-lease.ts';
import { timeSlices } from './yield.ts';

/** The day of the month from which next month's programs are prepared. */
export const GENERATE_FROM_DAY = 20;

export interface GeneratorResult {
  month: string | null;
  created: number;
  existing: number;
  failed: number;
}

export async function generateNextMonthPrograms(ctx: AppContext, log: JobLog): Promise<GeneratorResult> {
  const today = DateTime.fromJSDate(ctx.now()).setZone('Europe/Rome');
  if (today.day < GENERATE_FROM_DAY) return { month: null, created: 0, existing: 0, failed: 0 };
  const month = today.plus({ months: 1 }).toFormat('yyyy-MM');
  const { start, end } = monthBounds(month);
  const result: GeneratorResult = { month, created: 0, existing: 0, failed: 0 };
  const slice = timeSlices(); // requests go first (./yield.ts)
  for (const c of await contractsActiveIn(ctx.db, start, end)) {
    try {
      const r = await ensureProgram(ctx, { contractId: c.id, month }, { id: null, label: 'Presidio' });
      if (r.created) result.created++;
      else result.existing++;
    } catch (err) {
      result.failed++;
      log.warn({ err, contractId: c.id, month }, 'program generator: contract failed, will retry');
    }
    await slice();
  }
  if (result.created || result.failed) log.info({ ...result }, 'program generator run');
  return result;
}

/** Starts the generator every PROGRAM_GENERATOR_INTERVAL_SECONDS (0: off, returns null). */
export function startProgramGenerator(ctx: AppContext, log: JobLog): Worker | null {
  const every = ctx.config.programGeneratorIntervalSeconds;
  if (!every) {
    log.info({}, "PROGRAM_GENERATOR_INTERVAL_SECONDS=0: next month's programs are not prepared automatically");
    return null;
  }
  return startWorker('program-generator', every * 1000, () => generateNextMonthPrograms(ctx, log), log, jobLeaseOf(ctx));
}
