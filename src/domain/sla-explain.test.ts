import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { DEFAULT_WEEK, WorkingCalendar, solarCalendar } from './calendar.ts';
import { DEFAULT_SLA, computeClocks, type ClockName, type ClockResult, type TimelineEvent } from './sla.ts';
import { calendarReasons, clockHeadline, explainClock, formatDuration, formatInstant } from './sla-explain.ts';
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
    expect(explainClock(c, 'it', t('2026-03-09T10:15'))).toBe('scade il 09/03 11:00; mancano 45 min (orario di lavoro)');
    expect(explainClock(c, 'en', t('2026-03-09T10:15'))).toBe('due 09/03 11:00; 45 min left (working hours)');
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
      'se ripreso ora scade il 11/03 11:00; in pausa 2 h per autorizzazione del preventivo, ancora in pausa; mancano 18 h 30 min (orario di lavoro)',
    );
    expect(explainClock(c, 'en', t('2026-03-09T12:30'))).toBe(
      'if resumed now, due 11/03 11:00; paused 2 h for quote authorisation, still paused; 18 h 30 min left (working hours)',
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

describe('clockHeadline: the SLA card leads with the due instant and names working time', () => {
  // Urgent take charge: 2 working hours (Mon–Fri 08:00–18:00; Milan's patron saint 7 December).
  const issued = (at: string) => [ev(at, 'issue', null, 'issued')];
  const inPause = [
    ev('2026-03-09T09:00', 'issue', null, 'issued'),
    ev('2026-03-09T09:10', 'acknowledge', 'issued', 'acknowledged'),
    ev('2026-03-09T09:20', 'schedule_inspection', 'acknowledged', 'inspection_scheduled'),
    ev('2026-03-09T10:00', 'record_inspection', 'inspection_scheduled', 'inspected'),
    ev('2026-03-09T11:00', 'schedule_work', 'inspected', 'scheduled'),
    ev('2026-03-10T10:00', 'wait_materials', 'scheduled', 'waiting_materials'),
  ];
  const cases: Array<{ name: string; clock: ClockName; priority: Priority; events: TimelineEvent[]; now: string; it: string; en: string }> =
    [
      {
        name: 'same day: working time is clock time, nothing to explain',
        clock: 'take_charge',
        priority: 'urgent',
        events: issued('2026-03-09T09:00'),
        now: '2026-03-09T10:15',
        it: 'Entro lun 9 mar, 11:00 — 45 minuti lavorativi',
        en: 'Due Mon 9 Mar, 11:00 — 45 working minutes left',
      },
      {
        name: 'overnight: the working day ends before the deadline',
        clock: 'take_charge',
        priority: 'urgent',
        events: issued('2026-03-09T17:00'),
        now: '2026-03-09T17:30',
        it: 'Entro mar 10 mar, 09:00 — 1 ora lavorativa e 30 min (orario di lavoro fino alle 18:00, riprende domani alle 08:00)',
        en: 'Due Tue 10 Mar, 09:00 — 1 working hour 30 min left (working hours end at 18:00, resume tomorrow at 08:00)',
      },
      {
        name: 'weekend: out of hours on Friday evening, resumes on Monday',
        clock: 'take_charge',
        priority: 'urgent',
        events: issued('2026-03-13T17:00'),
        now: '2026-03-13T19:00',
        it: 'Entro lun 16 mar, 09:00 — 1 ora lavorativa (fuori orario: riprende lunedì alle 08:00)',
        en: 'Due Mon 16 Mar, 09:00 — 1 working hour left (outside working hours: resumes Monday at 08:00)',
      },
      {
        name: 'holiday: the weekend, the patron saint and the Immaculate Conception in between',
        clock: 'take_charge',
        priority: 'urgent',
        events: issued('2026-12-04T17:00'),
        now: '2026-12-04T17:30',
        it:
          'Entro mer 9 dic, 09:00 — 1 ora lavorativa e 30 min (orario di lavoro fino alle 18:00, riprende mercoledì alle 08:00; ' +
          'festività: Immacolata Concezione; santo patrono; fine settimana)',
        en:
          'Due Wed 9 Dec, 09:00 — 1 working hour 30 min left (working hours end at 18:00, resume Wednesday at 08:00; ' +
          "public holiday: Immaculate Conception; patron saint's day; weekend)",
      },
      {
        name: 'solar time: clock time, said as such',
        clock: 'on_site',
        priority: 'emergency',
        events: issued('2026-03-14T22:00'),
        now: '2026-03-14T23:15',
        it: 'Entro dom 15 mar, 00:00 — tra 45 min',
        en: 'Due Sun 15 Mar, 00:00 — in 45 min',
      },
      {
        name: 'overdue: late by working time',
        clock: 'take_charge',
        priority: 'urgent',
        events: issued('2026-03-09T09:00'),
        now: '2026-03-09T14:00',
        it: 'Scaduto lun 9 mar, 11:00 — in ritardo di 3 ore lavorative',
        en: 'Overdue since Mon 9 Mar, 11:00 — 3 working hours late',
      },
      {
        name: 'paused: why, since when, what is left and when it would be due',
        clock: 'resolution',
        priority: 'urgent',
        events: inPause,
        now: '2026-03-10T12:00',
        it: 'In pausa per materiali dal mar 10 mar, 10:00 — restano 9 ore lavorative; se riprende ora, entro mer 11 mar, 11:00',
        en: 'Paused for materials since Tue 10 Mar, 10:00 — 9 working hours left; if resumed now, due Wed 11 Mar, 11:00',
      },
      {
        name: 'met: done before the deadline',
        clock: 'take_charge',
        priority: 'urgent',
        events: [...issued('2026-03-09T09:00'), ev('2026-03-09T09:50', 'acknowledge', 'issued', 'acknowledged')],
        now: '2026-03-09T12:00',
        it: 'Rispettato: concluso lun 9 mar, 09:50 (scadenza lun 9 mar, 11:00)',
        en: 'Met: done Mon 9 Mar, 09:50 (due Mon 9 Mar, 11:00)',
      },
      {
        name: 'done late',
        clock: 'take_charge',
        priority: 'urgent',
        events: [...issued('2026-03-09T09:00'), ev('2026-03-09T12:30', 'acknowledge', 'issued', 'acknowledged')],
        now: '2026-03-09T14:00',
        it: 'Concluso lun 9 mar, 12:30, in ritardo di 1 ora lavorativa e 30 min (scadenza lun 9 mar, 11:00)',
        en: 'Done Mon 9 Mar, 12:30, 1 working hour 30 min late (due Mon 9 Mar, 11:00)',
      },
    ];
  it.each(cases)('$name', ({ clock: name, priority, events, now, it: italian, en }) => {
    const c = clock(name, events, priority, now);
    const cal = c.basis === 'solar' ? solar : working;
    expect(clockHeadline(c, 'it', t(now), cal)).toBe(italian);
    expect(clockHeadline(c, 'en', t(now), cal)).toBe(en);
  });

  it('no limit: deferrable work', () => {
    expect(
      clockHeadline(
        clock('resolution', issued('2026-03-09T09:00'), 'deferrable', '2026-03-09T10:00'),
        'it',
        t('2026-03-09T10:00'),
        working,
      ),
    ).toBe('nessun limite per questa priorità');
  });

  it('the year only when the deadline falls in another year', () => {
    const c = clock('take_charge', issued('2026-12-31T17:00'), 'urgent', '2026-12-31T17:30');
    expect(clockHeadline(c, 'en', t('2026-12-31T17:30'), working)).toMatch(/^Due Mon, 4 Jan 2027, 09:00 — /);
  });

  it('calendar reasons are empty when working time and clock time agree', () => {
    expect(calendarReasons(t('2026-03-09T10:00'), t('2026-03-09T12:00'), working, 'it')).toEqual([]);
  });
});
