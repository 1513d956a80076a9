// The SLA table as the editor holds it: each cell's minutes as typed ('' = no limit) and its basis;
// back to the API's limits when every cell is valid, else the cells in error.
import type { SlaDefinitionDto } from '../../../shared/schemas/sla';
import { CLOCKS, PRIORITIES, type ClockKey, type PriorityKey } from './vocab';

type Limits = SlaDefinitionDto['limits'];

export type Basis = 'solar' | 'working';
export interface DraftCell {
  minutes: string;
  basis: Basis;
}
export type Draft = Record<PriorityKey, Record<ClockKey, DraftCell>>;

/** The schema's bounds (src/shared/schemas/sla.ts): one minute to a year. */
export const MAX_MINUTES = 525_600;

export const cellKey = (p: PriorityKey, c: ClockKey) => `limits.${p}.${c}`;

export function toDraft(limits: Limits): Draft {
  const out = {} as Draft;
  for (const p of PRIORITIES) {
    out[p] = {} as Record<ClockKey, DraftCell>;
    for (const c of CLOCKS) {
      const l = limits[p][c];
      // A cell without a limit keeps the basis its priority's other cells use, for when one is typed.
      out[p][c] = l ? { minutes: String(l.minutes), basis: l.basis } : { minutes: '', basis: p === 'emergency' ? 'solar' : 'working' };
    }
  }
  return out;
}

/** The limits, or the cells whose minutes are not a whole number from 1 to MAX_MINUTES. */
export function fromDraft(draft: Draft): { limits: Limits | null; invalid: string[] } {
  const invalid: string[] = [];
  const limits = {} as Record<PriorityKey, Record<ClockKey, { minutes: number; basis: Basis } | null>>;
  for (const p of PRIORITIES) {
    limits[p] = {} as Record<ClockKey, { minutes: number; basis: Basis } | null>;
    for (const c of CLOCKS) {
      const { minutes, basis } = draft[p][c];
      const text = minutes.trim();
      if (text === '') {
        limits[p][c] = null;
        continue;
      }
      const n = Number(text);
      if (!/^\d+$/.test(text) || n < 1 || n > MAX_MINUTES) invalid.push(cellKey(p, c));
      else limits[p][c] = { minutes: n, basis };
    }
  }
  return { limits: invalid.length ? null : (limits as Limits), invalid };
}
