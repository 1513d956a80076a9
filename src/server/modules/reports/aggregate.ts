// SLA compliance as a pure aggregation over computed clocks (computeClocks results), per group.
import { CLOCKS, type ClockResult } from '../../../domain/sla.ts';

export interface Counts {
  /** Clocks with a limit, not cancelled before it. */
  clocks: number;
  met: number;
  breached: number;
  /** Running or paused, not yet breached: their outcome is not known yet. */
  open: number;
  /** met / (met + breached), null when none is decided. */
  metShare: number | null;
  breachedByMsTotal: number;
}

export interface GroupCounts extends Counts {
  key: string;
  label: string;
  byClock: Record<string, Counts>;
}

const empty = (): Counts => ({ clocks: 0, met: 0, breached: 0, open: 0, metShare: null, breachedByMsTotal: 0 });

function add(c: Counts, r: ClockResult): void {
  if (r.status === 'not_applicable' || r.status === 'cancelled') return;
  c.clocks++;
  if (r.status === 'met') c.met++;
  else if (r.status === 'breached') {
    c.breached++;
    c.breachedByMsTotal += Math.round(r.breachedByMs);
  } else c.open++;
}

function close(c: Counts): Counts {
  const decided = c.met + c.breached;
  c.metShare = decided ? Math.round((c.met / decided) * 10_000) / 10_000 : null;
  return c;
}

export interface ClockRow {
  key: string;
  label: string;
  clocks: readonly ClockResult[];
}

/** Groups in the order of their keys, then the total over all rows. */
export function aggregateCompliance(rows: Iterable<ClockRow>): {
  groups: GroupCounts[];
  total: Counts & { byClock: Record<string, Counts> };
} {
  const groups = new Map<string, GroupCounts>();
  const total = { ...empty(), byClock: Object.fromEntries(CLOCKS.map((c) => [c, empty()])) as Record<string, Counts> };
  for (const row of rows) {
    let g = groups.get(row.key);
    if (!g) {
      g = { key: row.key, label: row.label, ...empty(), byClock: Object.fromEntries(CLOCKS.map((c) => [c, empty()])) };
      groups.set(row.key, g);
    }
    for (const r of row.clocks) {
      add(g, r);
      add(g.byClock[r.clock], r);
      add(total, r);
      add(total.byClock[r.clock], r);
    }
  }
  const out = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const g of out) {
    close(g);
    Object.values(g.byClock).forEach(close);
  }
  close(total);
  Object.values(total.byClock).forEach(close);
  return { groups: out, total };
}
