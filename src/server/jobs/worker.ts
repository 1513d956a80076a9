// A periodic job: runs `tick` now and then every `intervalMs` after the previous run ended (never
// two runs at once in one process); stop() waits for a run in progress. Jobs keep no state between
// runs: everything lives in the database, so several app instances can run the same job. With a
// `lease` (jobs/job-lease.ts) a run first takes the job's lease in the database: while another
// instance runs its pass this one skips its turn, so passes never overlap across instances.
import { runLeased, type JobLease } from './job-lease.ts';

export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Worker {
  readonly name: string;
  stop(): Promise<void>;
}

export function startWorker(name: string, intervalMs: number, tick: () => Promise<unknown>, log: JobLog, lease?: JobLease): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const run = async () => {
    timer = null;
    if (stopped) return;
    running = (async () => {
      try {
        if (lease) await runLeased(name, lease, log, tick);
        else await tick();
      } catch (err) {
        log.error({ err, job: name }, `${name}: run failed`);
      }
    })();
    await running;
    running = null;
    if (!stopped) timer = setTimeout(run, intervalMs);
  };
  timer = setTimeout(run, 0);

  return {
    name,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}

/** Replaces the password of a URL (smtp://user:pass@…, imaps://…) with *** for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
  }
}

/** Removes a secret (and its URL-encoded form) from a text before it is logged or stored. */
export function redactSecret(text: string, secret: string | null | undefined): string {
  if (!secret) return text;
  let out = text;
  for (const s of new Set([secret, encodeURIComponent(secret)])) out = out.split(s).join('***');
  return out;
}
