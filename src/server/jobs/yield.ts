// Background jobs share the event loop with every request. On SQLite (better-sqlite3) a query is
// synchronous: Kysely's `await` resolves as a microtask, so a loop over thousands of rows never
// lets the loop read a socket, and /healthz waited 8.4 s behind the SLA watcher's first pass
// (#12 item 3). A job therefore works in slices and yields between them: after a slice has run
// SLICE_MS, the next `await slice()` waits one turn of the event loop (setImmediate: after the
// pending I/O callbacks), so a request waits at most about one slice plus one row's work.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Long enough that yielding costs nothing measurable, short enough that nobody notices the wait. */
export const SLICE_MS = 10;

/** Returns `slice()`: yields to the event loop when the current slice has run `sliceMs`, else returns at once. */
export function timeSlices(sliceMs = SLICE_MS): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started < sliceMs) return;
    await nextTurn();
    started = performance.now();
  };
}
