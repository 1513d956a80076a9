// Recomputes the SLA clocks of N synthetic work orders (default 1,000,000) in one process and
// reports the time. Usage: npx tsx bench/clocks.ts [N] [runs]
import { DEFAULT_WEEK, WorkingCalendar, solarCalendar } from '../src/domain/calendar.ts';
import { DEFAULT_SLA, computeClocks, type TimelineEvent } from '../src/domain/sla.ts';
import { PRIORITIES, type Priority } from '../src/domain/workflow/types.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const working = new WorkingCalendar({ zone: 'Europe/Rome', week: DEFAULT_WEEK, patronSaint: '12-07' });
const solar = solarCalendar();

// A deterministic generator (mulberry32) so every run computes the same timelines.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const H = 3600_000;
const START = Date.UTC(2021, 0, 1);
const SPAN = 5 * 365 * 24 * H;

function timeline(r: () => number): { events: TimelineEvent[]; priority: Priority } {
  const priority = PRIORITIES[Math.floor(r() * 3)];
  let at = START + Math.floor(r() * SPAN);
  const events: TimelineEvent[] = [{ at, action: 'issue', from: null, to: 'issued' }];
  const step = (action: string, from: string, to: string, hours: number) => {
    at += Math.floor(r() * hours * H);
    events.push({ at, action, from, to });
  };
  step('acknowledge', 'issued', 'acknowledged', 6);
  step('schedule_inspection', 'acknowledged', 'inspection_scheduled', 2);
  step('record_inspection', 'inspection_scheduled', 'inspected', 48);
  step('schedule_work', 'inspected', 'scheduled', 24);
  if (r() < 0.3) {
    step('wait_materials', 'scheduled', 'waiting_materials', 4);
    step('resume', 'waiting_materials', 'scheduled', 120);
  }
  step('start_work', 'scheduled', 'in_progress', 48);
  step('complete', 'in_progress', 'completed', 8);
  return { events, priority };
}

const r = rng(42);
const data = Array.from({ length: N }, () => timeline(r));
const now = START + SPAN + 30 * 24 * H;

const times: number[] = [];
let breaches = 0;
for (let run = 0; run < RUNS; run++) {
  breaches = 0;
  const t0 = performance.now();
  for (const wo of data) {
    for (const c of computeClocks({ events: wo.events, initialPriority: wo.priority, sla: DEFAULT_SLA, working, solar, now })) {
      if (c.status === 'breached') breaches++;
    }
  }
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    workOrders: N,
    runs: RUNS,
    medianSeconds: +(times[Math.floor(RUNS / 2)] / 1000).toFixed(2),
    allSeconds: times.map((t) => +(t / 1000).toFixed(2)),
    breaches,
  }),
);
