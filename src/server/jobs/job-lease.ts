// Several instances on one database (#12 item 5): a scheduled job's pass runs under its lease in
// job_leases, so two instances never run the same job's pass at once. The lease is short
// (JOB_LEASE_SECONDS) and a heartbeat renews it every third of it while the pass runs, so a
// killed instance's job is free again within one lease, not after the longest pass.
//
// The lease saves work and keeps passes apart; it is not what makes a job correct. Every job
// still claims each row it acts on (skip locked / conditional UPDATE) and relies on its unique
// keys, so a pass that lost its lease (a stalled process) and goes on beside the new holder does
// nothing twice.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/create-db.ts';
import { acquireJobLease, releaseJobLease, renewJobLease } from './job-leases.repository.ts';
import type { JobLog } from './worker.ts';

/** This process among the instances: host, pid (what an operator finds in `ps`) and a random tail (pids are reused). */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

export interface JobLease {
  db: Db;
  leaseMs: number;
  /** Who holds it (default INSTANCE_ID; tests stand in for several instances). */
  owner?: string;
  /** Wall clock: a lease is about a process being alive, not the domain's (possibly simulated) time. */
  now?: () => Date;
}

/** The lease of this app's scheduled jobs (JOB_LEASE_SECONDS). */
export const jobLeaseOf = (ctx: AppContext): JobLease => ({ db: ctx.db, leaseMs: ctx.config.jobLeaseSeconds * 1000 });

/** Every third of the lease: two heartbeats may miss before the lease lapses. */
export const heartbeatMs = (leaseMs: number) => Math.max(1, Math.floor(leaseMs / 3));

/**
 * Runs `pass` while holding the job's lease, renewing it meanwhile; returns `skipped` when another
 * instance holds it (its pass is running).
 */
export async function runLeased<T>(
  name: string,
  lease: JobLease,
  log: JobLog,
  pass: () => Promise<T>,
): Promise<{ skipped: true } | { skipped: false; value: T }> {
  const owner = lease.owner ?? INSTANCE_ID;
  const now = lease.now ?? (() => new Date());
  const until = () => new Date(now().getTime() + lease.leaseMs).toISOString();
  if (!(await acquireJobLease(lease.db, name, owner, now().toISOString(), until()))) return { skipped: true };
  let lost = false;
  let beating: Promise<void> = Promise.resolve();
  const beat = setInterval(() => {
    beating = renewJobLease(lease.db, name, owner, until()).then(
      (held) => {
        if (!held && !lost) {
          lost = true;
          log.warn({ job: name, owner }, `${name}: lease lost while the pass runs (another instance took over)`);
        }
      },
      (err) => log.warn({ err, job: name }, `${name}: lease heartbeat failed`),
    );
  }, heartbeatMs(lease.leaseMs));
  beat.unref();
  try {
    return { skipped: false, value: await pass() };
  } finally {
    clearInterval(beat);
    await beating; // a late renewal must not move the lease on after it was released
    await releaseJobLease(lease.db, name, owner, now().toISOString()).catch((err) =>
      log.warn({ err, job: name }, `${name}: releasing the lease failed (it lapses by itself)`),
    );
  }
}
