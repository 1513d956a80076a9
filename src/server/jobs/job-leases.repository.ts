// SQL of the scheduled jobs' leases (jobs/job-lease.ts): one row per job name, claimed by a
// conditional upsert, so of several instances only one runs a job's pass at a time.
import type { Db } from '../db/create-db.ts';

/**
 * Takes the job's lease until `until` if nobody holds it or its holder let it lapse (released at
 * the end of its pass, or dead). One statement: on PostgreSQL a racing instance waits for the row and then
 * finds it taken; on SQLite the single writer orders them. True when `owner` holds it now.
 */
export async function acquireJobLease(db: Db, name: string, owner: string, now: string, until: string): Promise<boolean> {
  const rows = await db
    .insertInto('job_leases')
    .values({ name, owner, acquired_at: now, expires_at: until })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ owner, acquired_at: now, expires_at: until }).where('job_leases.expires_at', '<=', now),
    )
    .returning('owner')
    .execute();
  return rows.length === 1;
}

/** The heartbeat: moves the lease on while `owner` still holds it. False: it was lost (lapsed and taken). */
export async function renewJobLease(db: Db, name: string, owner: string, until: string): Promise<boolean> {
  const r = await db
    .updateTable('job_leases')
    .set({ expires_at: until })
    .where('name', '=', name)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The pass is over: the lease ends now, so any instance may run the next pass. */
export async function releaseJobLease(db: Db, name: string, owner: string, now: string): Promise<void> {
  await db.updateTable('job_leases').set({ expires_at: now }).where('name', '=', name).where('owner', '=', owner).execute();
}

/** Tests and the admin's view of who runs what: every job's lease. */
export function jobLeases(db: Db) {
  return db.selectFrom('job_leases').selectAll().orderBy('name').execute();
}
