// #12 item 3: no background job blocks requests. The SLA watcher's pass over 10,000 work orders
// whose clocks it must compute runs while /healthz is asked every ~20 ms over real HTTP; every
// answer comes quickly (see the limits below), and the pass did all its work meanwhile. On SQLite every query is
// synchronous, so without the watcher's time slices (src/server/jobs/yield.ts) the probes wait for
// the whole pass (8.4 s for 405 work orders before the fix).
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { describeEachDb } from './helpers/app.ts';
import { copyWorkOrders } from './helpers/bulk-work-orders.ts';
import { move, openTicket, refs } from './fixtures/workflow/workflow.ts';
import { createSlaWatcher, pendingCount } from '../src/server/jobs/sla-watcher.ts';

const quiet = { info() {}, warn() {}, error() {} };
const WORK_ORDERS = 10_000;
// The one wall-clock limit in the suite, because the requirement is a latency: a request
// may wait for one slice of the watcher (10 ms, src/server/jobs/yield.ts) and one work order's
// refresh, never for the pass (blocked, as before the fix, it waits seconds). The figure is
// 100 ms: the typical answer must meet it. Single answers get 250 ms, because on the shared test
// machine (load 14–22 on 2 cores) the OS alone delays 4% of them past 100 ms (measured: 100–146 ms,
// spread evenly over the pass, SQLite; docs/BENCHMARKS.md › Start).
const TYPICAL_LIMIT_MS = 100;
const HEALTHZ_LIMIT_MS = 250;
// How often /healthz is asked: the cadence of the probes, not a wait for anything.
const PROBE_EVERY_MS = 20;

describeEachDb('/healthz answers while the SLA watcher works through 10,000 work orders', (env) => {
  it('/healthz answers in 100 ms typically, never held up, during a pass that refreshes all 10,000', { timeout: 1_800_000 }, async () => {
    // One work order issued through the API, its clocks running, copied 10,000 times.
    const [requester, bm] = await Promise.all([env.login('richiedente'), env.login('bm.centrale')]);
    const r = await refs(env);
    const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject: 'Guasto', description: 'Non funziona.' });
    await move(bm, 'tickets', t.id, 'qualify', {});
    const issued = await move(bm, 'tickets', t.id, 'issue', {
      technologyClassId: await r.cls('ELE'),
      priority: 'ordinary',
      description: 'Intervento',
    });
    // Whatever the demo left for the watcher is done first, so the pass measured is the copies'.
    await createSlaWatcher(env.app.ctx, quiet).runOnce();
    await copyWorkOrders(env.db, WORK_ORDERS, issued.workOrders[0].id);
    expect(await pendingCount(env.app.ctx)).toBe(WORK_ORDERS);

    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = env.app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/healthz`;

    const probes: Array<{ startedAt: number; ms: number; status: number }> = [];
    let passEnded = false;
    const probing = (async () => {
      while (!passEnded) {
        const startedAt = performance.now();
        const res = await fetch(url);
        await res.text();
        probes.push({ startedAt, ms: performance.now() - startedAt, status: res.status });
        await sleep(PROBE_EVERY_MS);
      }
    })();
    // The first answer comes before the pass starts: the server is up and the probes are running.
    await expect.poll(() => probes.length).toBeGreaterThan(0);

    const passStartedAt = performance.now();
    const result = await createSlaWatcher(env.app.ctx, quiet).runOnce();
    const passEndedAt = performance.now();
    passEnded = true;
    await probing;

    // The pass did all of its work while the probes ran…
    expect(result.failed).toBe(0);
    expect(result.checked).toBe(WORK_ORDERS);
    expect(await pendingCount(env.app.ctx)).toBe(0);
    const during = probes.filter((p) => p.startedAt < passEndedAt && p.startedAt + p.ms > passStartedAt);
    expect(during.length).toBeGreaterThan(10);
    // …and /healthz was never held up by it.
    expect(probes.every((p) => p.status === 200)).toBe(true);
    const slow = during
      .filter((p) => p.ms >= HEALTHZ_LIMIT_MS)
      .map((p) => `${p.ms.toFixed(0)} ms at +${(p.startedAt - passStartedAt).toFixed(0)} ms`);
    expect(slow, `/healthz answers slower than ${HEALTHZ_LIMIT_MS} ms among ${during.length} probes during the pass`).toEqual([]);
    const median = during.map((p) => p.ms).sort((a, b) => a - b)[Math.floor(during.length / 2)];
    expect(median).toBeLessThan(TYPICAL_LIMIT_MS);
  });
});
