// SQLite copies its write-ahead log back into the database file (a checkpoint) from whichever
// connection commits once the log passes `wal_autocheckpoint` pages: that request then waits for
// about a thousand page copies and two fsyncs. On the 10,000-ticket file that was 0.5–0.6 ms of
// every ticket opened, on average (the commit: 0.9–1.1 ms with, 0.4 ms without; docs/BENCHMARKS.md
// "Opening tickets: checkpoints off the request path"). Here a worker thread with its own
// connection checkpoints on a timer, so no request waits for the disk; the server's connection
// keeps an autocheckpoint of its own, higher, should the worker stop or fall behind.
import { Worker } from 'node:worker_threads';
import { appFile } from '../paths.ts';

const WORKER_URL = appFile('src/server/db/checkpoint-worker.mjs');
/** How often the worker checkpoints: a busy server writes a few megabytes of log meanwhile. */
const EVERY_MS = 250;
/** The serving connection's own autocheckpoint (pages of 4 KB): reached only without the worker. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

/** Starts checkpointing `file` in a worker thread; the function returned stops it. */
export function startCheckpointer(file: string, everyMs = EVERY_MS): () => void {
  const worker = new Worker(WORKER_URL, { workerData: { file, everyMs } });
  worker.unref();
  let stopped = false;
  worker.on('error', (e) => {
    // Not fatal: the serving connection checkpoints by itself past FALLBACK_AUTOCHECKPOINT_PAGES.
    // (After a stop, e.g. a database closed and deleted before the worker opened it: nothing to say.)
    if (!stopped) process.emitWarning(`SQLite checkpointer stopped: ${e.message}; the server's connection checkpoints from now on`);
  });
  return () => {
    stopped = true;
    worker.postMessage('stop');
  };
}
