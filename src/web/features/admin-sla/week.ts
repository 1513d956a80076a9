// A working day's ranges as the calendar editor types them: "08:00-12:30, 13:30-17:00" ('' = closed).
import type { CalendarDto } from '../../../shared/schemas/sla';

type Week = CalendarDto['week'];

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const RANGE = /^([01]\d|2[0-3]):[0-5]\d\s*[-–]\s*(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export const rangesText = (ranges: ReadonlyArray<{ from: string; to: string }>) => ranges.map((r) => `${r.from}–${r.to}`).join(', ');

/** The ranges typed, or null when one is not HH:mm–HH:mm (the server checks order and overlaps). */
export function parseRanges(text: string): Array<{ from: string; to: string }> | null {
  const parts = text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: Array<{ from: string; to: string }> = [];
  for (const p of parts) {
    if (!RANGE.test(p)) return null;
    const [from, to] = p.split(/[-–]/).map((s) => s.trim());
    out.push({ from, to });
  }
  return out;
}

export function weekFromTexts(texts: Record<string, string>): { week: Week | null; invalid: string[] } {
  const week: Week = {};
  const invalid: string[] = [];
  for (const d of WEEKDAYS) {
    const ranges = parseRanges(texts[d] ?? '');
    if (ranges === null) invalid.push(d);
    else week[d] = ranges;
  }
  return { week: invalid.length ? null : week, invalid };
}
