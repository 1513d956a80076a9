import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { DEFAULT_WEEK, WorkingCalendar, solarCalendar } from './calendar.ts';
import { DEFAULT_SLA, computeClocks, type ClockName, type ClockResult, type TimelineEvent } from './sla.ts';
import { explainClock, formatDuration, formatInstant } from './sla-explain.ts';
import type { Priority } from './workflow/types.ts';

const ROME = 'Europe/Rome';
const t = (local: string) => DateTime.fromISO(local, { zone: ROME }).toMillis();
const ev = (local: string, action: string, from: string | null, to: string | null): TimelineEvent => ({ at: t(local), action, from, to });
const working = new WorkingCalendar({ zone: ROME, week: DEFAULT_WEEK, patronSaint: '12-07' });
const solar = solarCalendar();

function clock(name: ClockName, events: TimelineEvent[], priority: Priority, now: string): ClockResult {
  return computeClocks({ events, initialPriority: priority, sla: DEFAULT_SLA, working, solar, now: t(now) }).find((c) => c.clock === name)!;
}

describe('formatDuration', () => {
  it.each([
    [0, '0 min'],
    [30_000, 'meno di 1 min'],
    [45 * 60_000, '45 min'],
    [3 * 3600_000, '3 h'],
    [2 * 3600_000 + 5 * 60_000, '2 h 05 min'],
    [52 * 3600_000 + 10 * 60_000 + 59_999, '52 h 10 min'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms, 'it')).toBe(text));
  it('English under a minute', () => expect(formatDuration(1, 'en')).toBe('under 1 min'));
});

describe('formatInstant', () => {
  it('Rome wall-clock time, the year only when it differs from now', () => {
    expect(formatInstant(Date.UTC(2026, 2, 12, 15, 0), Date.UTC(2026, 0, 1))).toBe('12/03 16:00');
    expect(formatInstant(Date.UTC(2026, 6, 12, 14, 0), Date.UTC(2026, 0, 1))).toBe('12/07 16:00'); // summer time
    expect(formatInstant(Date.UTC(2027, 0, 4, 8, 0), Date.UTC(2026, 11, 30))).toBe('04/01/2027 09:00');
  });
});

describe('explainClock', () => {
  const urgent = [ev('2026-03-09T09:00', 'issue', null, 'issued')];

  it('running: due and time left', () => {
    const c = clock('take_charge', urgent, 'urgent', '2026-03-09T10:15');
    expect(explainClock(c, 'it', t('2026-03-09T10:15'))).toBe('scade il 09/03 11:00; mancano 45 min');
    expect(explainClock(c, 'en', t('2026-03-09T10:15'))).toBe('due 09/03 11:00; 45 min left');
  });

  it('met: with the margin left', () => {
    const c = clock(
      'take_charge',
      [...urgent, ev('2026-03-09T09:50', 'acknowledge', 'issued', 'acknowledged')],
      'urgent',
      '2026-03-09T12:00',
    );
    expect(explainClock(c, 'it', t('2026-03-09T12:00'))).toBe(
      'scadenza 09/03 11:00; rispettato: concluso il 09/03 09:50 con 1 h 10 min di margine',
    );
    expect(explainClock(c, 'en', t('2026-03-09T12:00'))).toBe('due 09/03 11:00; met: stopped 09/03 09:50 with 1 h 10 min to spare');
  });

  it('breached after a pause for materials: the example of DOMAIN.md', () => {
    // Urgent resolution: 20 working hours. Paused Tue 10:00 → 13:20 (3 h 20 min), completed late.
    const events = [
      ...urgent,
      ev('2026-03-09T09:10', 'acknowledge', 'issued', 'acknowledged'),
      ev('2026-03-09T09:20', 'schedule_inspection', 'acknowledged', 'inspection_scheduled'),
      ev('2026-03-09T10:00', 'record_inspection', 'inspection_scheduled', 'inspected'),
      ev('2026-03-09T11:00', 'schedule_work', 'inspected', 'scheduled'),
      ev('2026-03-10T10:00', 'wait_materials', 'scheduled', 'waiting_materials'),
      ev('2026-03-10T13:20', 'resume', 'waiting_materials', 'scheduled'),
      ev('2026-03-10T14:00', 'start_work', 'scheduled', 'in_progress'),
    ];
    const running = clock('resolution', events, 'urgent', '2026-03-11T14:25');
    // Due Wed 09:00 + 3 h 20 min = 12:20; now 14:25 → 2 h 05 min late.
    expect(explainClock(running, 'it', t('2026-03-11T14:25'))).toBe(
      'scaduto il 11/03 12:20; in pausa 3 h 20 min per materiali; superato di 2 h 05 min',
    );
    const done = clock(
      'resolution',
      [...events, ev('2026-03-11T14:25', 'complete', 'in_progress', 'completed')],
      'urgent',
      '2026-03-12T09:00',
    );
    expect(explainClock(done, 'en', t('2026-03-12T09:00'))).toBe(
      'due 11/03 12:20; paused 3 h 20 min for materials; stopped 11/03 14:25, breached by 2 h 05 min',
    );
  });

  it('paused now: the due instant if work resumed now', () => {
    const events = [
      ...urgent,
      ev('2026-03-09T09:10', 'acknowledge', 'issued', 'acknowledged'),
      ev('2026-03-09T09:20', 'schedule_inspection', 'acknowledged', 'inspection_scheduled'),
      ev('2026-03-09T10:00', 'record_inspection', 'inspection_scheduled', 'inspected'),
      ev('2026-03-09T10:30', 'submit_quote', 'inspected', 'awaiting_authorization'),
    ];
    const c = clock('resolution', events, 'urgent', '2026-03-09T12:30');
    expect(c.status).toBe('paused');
    expect(explainClock(c, 'it', t('2026-03-09T12:30'))).toBe(
      'se ripreso ora scade il 11/03 11:00; in pausa 2 h per autorizzazione del preventivo, ancora in pausa; mancano 18 h 30 min',
    );
    expect(explainClock(c, 'en', t('2026-03-09T12:30'))).toBe(
      'if resumed now, due 11/03 11:00; paused 2 h for quote authorisation, still paused; 18 h 30 min left',
    );
  });

  it('deferrable work has no clock; cancelled before the limit', () => {
    expect(explainClock(clock('resolution', urgent, 'deferrable', '2026-03-09T10:00'), 'it', t('2026-03-09T10:00'))).toBe(
      'nessun limite per questa priorità',
    );
    const c = clock('take_charge', [...urgent, ev('2026-03-09T09:30', 'cancel', 'issued', 'closed')], 'urgent', '2026-03-09T12:00');
    expect(explainClock(c, 'en', t('2026-03-09T12:00'))).toBe('due 09/03 11:00; cancelled 09/03 09:30');
  });
});
