import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_WEEK, WorkingCalendar, solarCalendar } from '../calendar.ts';
import {
  compliance,
  floatingDue,
  isLate,
  itemsToReplace,
  lateDeadline,
  meterTrigger,
  nextDue,
  nextFloatingDue,
  occurrencesInMonth,
  occurrencesToAdd,
  planRegeneration,
  ruleFrom,
  shiftToWorkingDay,
  type ExistingItem,
  type Schedule,
} from './recurrence.ts';

// Milan: patron saint Sant'Ambrogio (7 December); the body closes on 14 August and 31 July 2026.
const milan = new WorkingCalendar({
  zone: 'Europe/Rome',
  week: DEFAULT_WEEK,
  patronSaint: '12-07',
  closures: ['2026-08-14', '2026-07-31'],
});
const cal = (rrule: string, startsOn: string, more: Partial<Schedule> = {}): Schedule => ({
  kind: 'calendar',
  rrule,
  startsOn,
  shift: 'next',
  ...more,
});
const months = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const dues = (s: Schedule, month: string) => occurrencesInMonth(s, month, milan).map((o) => o.dueOn);

describe('calendar schedules', () => {
  it('last working day of the month: the last weekday, moved back when the body closes that day', () => {
    const s = cal('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2026-01-01', { shift: 'previous' });
    expect(months(2026).map((m) => occurrencesInMonth(s, m, milan)[0].plannedOn)).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-31',
      '2026-04-30',
      '2026-05-29',
      '2026-06-30',
      '2026-07-30',
      '2026-08-31',
      '2026-09-30',
      '2026-10-30',
      '2026-11-30',
      '2026-12-31',
    ]);
    expect(occurrencesInMonth(s, '2026-07', milan)).toEqual([
      { occurrenceKey: '2026-07-31', dueOn: '2026-07-31', plannedOn: '2026-07-30', shiftReason: 'closure' },
    ]);
  });

  it('every 6 months from a start date, nothing in the months between', () => {
    const s = cal('FREQ=MONTHLY;INTERVAL=6', '2026-01-15');
    const found = [...months(2026), ...months(2027)].flatMap((m) => dues(s, m));
    expect(found).toEqual(['2026-01-15', '2026-07-15', '2027-01-15', '2027-07-15']);
    expect(dues(s, '2025-07')).toEqual([]); // nothing before startsOn
  });

  it('the 31st in February: RFC 5545 skips the month (rrule does), BYMONTHDAY=-1 gives the end of every month', () => {
    const on31 = cal('FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-01');
    expect(
      ruleFrom(on31.rrule, on31.startsOn)
        .between(new Date('2026-01-01T00:00:00Z'), new Date('2026-06-30T00:00:00Z'), true)
        .map((d) => d.toISOString().slice(0, 10)),
    ).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
    expect(occurrencesInMonth(on31, '2026-02', milan)).toEqual([]);
    expect(occurrencesInMonth(on31, '2026-04', milan)).toEqual([]);
    const endOfMonth = cal('FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-01');
    expect(months(2026).flatMap((m) => dues(endOfMonth, m))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
    ]);
    expect(occurrencesInMonth(endOfMonth, '2028-02', milan).map((o) => o.dueOn)).toEqual(['2028-02-29']);
  });

  it('a month whose only occurrence is a holiday: moved to the next working day and marked', () => {
    const republic = cal('FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=2', '2026-01-01');
    expect(occurrencesInMonth(republic, '2026-06', milan)).toEqual([
      { occurrenceKey: '2026-06-02', dueOn: '2026-06-02', plannedOn: '2026-06-03', shiftReason: 'holiday' },
    ]);
    // Sant'Ambrogio (Mon 7 Dec) then the Immacolata (Tue 8 Dec): Wednesday.
    const ambrogio = cal('FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=7', '2026-01-01');
    expect(occurrencesInMonth(ambrogio, '2026-12', milan)[0]).toMatchObject({ plannedOn: '2026-12-09', shiftReason: 'patron_saint' });
    const ferragosto = cal('FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=14', '2026-01-01', { shift: 'previous' });
    expect(occurrencesInMonth(ferragosto, '2026-08', milan)[0]).toMatchObject({ plannedOn: '2026-08-13', shiftReason: 'closure' });
    const saturday = cal('FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14', '2026-01-01');
    expect(occurrencesInMonth(saturday, '2026-03', milan)[0]).toMatchObject({
      dueOn: '2026-03-14',
      plannedOn: '2026-03-16',
      shiftReason: 'weekend',
    });
  });

  it("a shift never leaves the due date's month: it turns back instead (and a solar calendar never shifts)", () => {
    // Saturday 28 February 2026, shift "next": Monday 2 March is another month's program → Friday 27.
    expect(shiftToWorkingDay(milan, '2026-02-28', 'next')).toEqual({ plannedOn: '2026-02-27', shiftReason: 'weekend' });
    // Sunday 1 November 2026 (All Saints), shift "previous": 31 October is October's → Monday 2.
    expect(shiftToWorkingDay(milan, '2026-11-01', 'previous')).toEqual({ plannedOn: '2026-11-02', shiftReason: 'holiday' });
    expect(shiftToWorkingDay(milan, '2026-03-14', 'previous')).toEqual({ plannedOn: '2026-03-13', shiftReason: 'weekend' });
    expect(shiftToWorkingDay(solarCalendar(), '2026-12-25', 'next')).toEqual({ plannedOn: '2026-12-25', shiftReason: null });
  });

  it('a seasonal window crossing the year (15 October → 15 April, both included)', () => {
    const heating = cal('FREQ=MONTHLY;BYMONTHDAY=15', '2026-01-01', { seasonFrom: '10-15', seasonTo: '04-15' });
    const found = [...months(2026), ...months(2027)].flatMap((m) => dues(heating, m));
    expect(found).toEqual([
      '2026-01-15',
      '2026-02-15',
      '2026-03-15',
      '2026-04-15',
      '2026-10-15',
      '2026-11-15',
      '2026-12-15',
      '2027-01-15',
      '2027-02-15',
      '2027-03-15',
      '2027-04-15',
      '2027-10-15',
      '2027-11-15',
      '2027-12-15',
    ]);
    const summer = cal('FREQ=WEEKLY;BYDAY=MO', '2026-01-01', { seasonFrom: '06-01', seasonTo: '06-30' });
    expect(dues(summer, '2026-06')).toEqual(['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29']);
    expect(dues(summer, '2026-07')).toEqual([]);
  });

  it('endsOn stops the rule, the day itself included', () => {
    const s = cal('FREQ=WEEKLY;BYDAY=TU', '2026-01-01', { endsOn: '2026-03-17' });
    expect(dues(s, '2026-03')).toEqual(['2026-03-03', '2026-03-10', '2026-03-17']);
    expect(dues(s, '2026-04')).toEqual([]);
  });

  it('daylight-saving days move no date (Rome: 29 March and 25 October 2026)', () => {
    const daily = cal('FREQ=DAILY', '2026-03-27');
    expect(dues(daily, '2026-03')).toEqual(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
    const sundays = cal('FREQ=WEEKLY', '2026-10-25');
    expect(dues(sundays, '2026-10')).toEqual(['2026-10-25']);
    expect(dues(sundays, '2026-11')).toEqual(['2026-11-01', '2026-11-08', '2026-11-15', '2026-11-22', '2026-11-29']);
  });

  it('regeneration is idempotent: same inputs, same occurrence keys, nothing to add the second time', () => {
    const s = cal('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', '2026-01-05');
    const once = occurrencesInMonth(s, '2026-04', milan);
    expect(occurrencesInMonth(s, '2026-04', milan)).toEqual(once);
    expect(occurrencesToAdd([], once)).toEqual(once);
    expect(
      occurrencesToAdd(
        once.map((o) => o.occurrenceKey),
        occurrencesInMonth(s, '2026-04', milan),
      ),
    ).toEqual([]);
  });

  it('nextDue: the first eligible rule date from today', () => {
    expect(nextDue(cal('FREQ=MONTHLY;INTERVAL=6', '2026-01-15'), '2026-03-01')).toBe('2026-07-15');
    expect(nextDue(cal('FREQ=MONTHLY;INTERVAL=6', '2026-01-15'), '2026-07-15')).toBe('2026-07-15');
    expect(nextDue(cal('FREQ=MONTHLY;INTERVAL=6', '2026-01-15', { endsOn: '2026-06-30' }), '2026-03-01')).toBeNull();
    expect(nextDue(cal('FREQ=MONTHLY', '2027-01-10'), '2026-03-01')).toBe('2027-01-10');
  });

  it("property: twelve consecutive months hold exactly the rule's dates of the year (nothing lost or doubled at month edges)", () => {
    const rules = fc.oneof(
      fc
        .record({ f: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'), i: fc.integer({ min: 1, max: 12 }) })
        .map(({ f, i }) => `FREQ=${f};INTERVAL=${i}`),
      fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], { minLength: 1 }).map((d) => `FREQ=WEEKLY;BYDAY=${d.join(',')}`),
      fc
        .integer({ min: -31, max: 31 })
        .filter((n) => n !== 0)
        .map((n) => `FREQ=MONTHLY;BYMONTHDAY=${n}`),
      fc
        .tuple(fc.constantFrom('MO', 'FR', 'SU'), fc.constantFrom(1, 2, -1), fc.constantFrom(1, 3))
        .map(([d, n, i]) => `FREQ=MONTHLY;INTERVAL=${i};BYDAY=${n}${d}`),
      fc.constant('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'),
    );
    const date = fc
      .integer({ min: 0, max: 3 * 365 })
      .map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const md = fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        rules,
        date,
        fc.option(fc.tuple(md, md)),
        fc.constantFrom<'next' | 'previous'>('next', 'previous'),
        fc.integer({ min: 2025, max: 2027 }),
        (rrule, startsOn, season, shift, year) => {
          const s = cal(rrule, startsOn, { shift, seasonFrom: season?.[0], seasonTo: season?.[1] });
          const byMonth = months(year).flatMap((m) => occurrencesInMonth(s, m, milan));
          const inYear = ruleFrom(rrule, startsOn)
            .between(new Date(`${year}-01-01T00:00:00Z`), new Date(`${year}-12-31T00:00:00Z`), true)
            .map((d) => d.toISOString().slice(0, 10))
            .filter(
              (d) =>
                !season ||
                (season[0] <= season[1]
                  ? d.slice(5) >= season[0] && d.slice(5) <= season[1]
                  : d.slice(5) >= season[0] || d.slice(5) <= season[1]),
            );
          expect(byMonth.map((o) => o.occurrenceKey)).toEqual(inYear);
          for (const o of byMonth) {
            expect(o.plannedOn.slice(0, 7)).toBe(o.dueOn.slice(0, 7));
            expect(o.shiftReason === null).toBe(o.plannedOn === o.dueOn);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('floating schedules', () => {
  const boiler: Schedule = { kind: 'floating', rrule: 'FREQ=MONTHLY;INTERVAL=6', startsOn: '2026-01-15', shift: 'next' };

  it('never done: the first rule date from startsOn', () => {
    expect(floatingDue(boiler)).toBe('2026-01-15');
    expect(occurrencesInMonth(boiler, '2026-01', milan)).toEqual([
      { occurrenceKey: '2026-01-15', dueOn: '2026-01-15', plannedOn: '2026-01-15', shiftReason: null },
    ]);
  });

  it('an early completion brings the next due date forward, a late one pushes it back', () => {
    expect(nextFloatingDue(boiler, '2026-01-05')).toBe('2026-07-05');
    expect(nextFloatingDue(boiler, '2026-02-20')).toBe('2026-08-20');
    expect(occurrencesInMonth({ ...boiler, lastDoneOn: '2026-02-20' }, '2026-08', milan).map((o) => o.dueOn)).toEqual(['2026-08-20']);
    expect(occurrencesInMonth({ ...boiler, lastDoneOn: '2026-02-20' }, '2026-07', milan)).toEqual([]);
  });

  it('the due date is shifted like a calendar one (Sunday 5 July → Monday 6)', () => {
    expect(occurrencesInMonth({ ...boiler, lastDoneOn: '2026-01-05' }, '2026-07', milan)).toEqual([
      { occurrenceKey: '2026-07-05', dueOn: '2026-07-05', plannedOn: '2026-07-06', shiftReason: 'weekend' },
    ]);
  });

  it('an overdue job stays due until done: carried into later months with the same key, planned on their first working day', () => {
    const overdue = { ...boiler, lastDoneOn: '2026-01-05' };
    expect(occurrencesInMonth(overdue, '2026-09', milan)).toEqual([
      { occurrenceKey: '2026-07-05', dueOn: '2026-07-05', plannedOn: '2026-09-01', shiftReason: null },
    ]);
    expect(occurrencesInMonth(overdue, '2026-11', milan)[0]).toMatchObject({ occurrenceKey: '2026-07-05', plannedOn: '2026-11-02' }); // 1 Nov is a Sunday and All Saints
    // A program that already holds the key gains nothing.
    expect(occurrencesToAdd(['2026-07-05'], occurrencesInMonth(overdue, '2026-09', milan))).toEqual([]);
    expect(nextDue(overdue, '2026-10-01')).toBe('2026-07-05');
  });

  it('respects the season and the end of the plan', () => {
    const seasonal = { ...boiler, rrule: 'FREQ=MONTHLY;INTERVAL=2', seasonFrom: '10-15', seasonTo: '04-15' };
    expect(nextFloatingDue(seasonal, '2026-03-01')).toBe('2026-11-01'); // 1 May, 1 July, 1 September out of season
    expect(nextFloatingDue({ ...boiler, endsOn: '2026-06-30' }, '2026-01-05')).toBeNull();
  });
});

describe('meter schedules', () => {
  const every = 500_000; // 500 hours

  it('a reading crossing two thresholds at once opens ONE activity and jumps to the highest', () => {
    expect(meterTrigger(every, 1_000_000, 2_100_000)).toEqual({ open: true, newLastTriggerMilli: 2_000_000, thresholdMilli: 2_500_000 });
  });
  it('never re-opens the same threshold', () => {
    const first = meterTrigger(every, null, 510_000);
    expect(first).toEqual({ open: true, newLastTriggerMilli: 500_000, thresholdMilli: 1_000_000 });
    expect(meterTrigger(every, first.newLastTriggerMilli, 510_000).open).toBe(false);
    expect(meterTrigger(every, first.newLastTriggerMilli, 999_999)).toEqual({
      open: false,
      newLastTriggerMilli: 500_000,
      thresholdMilli: 1_000_000,
    });
    expect(meterTrigger(every, first.newLastTriggerMilli, 1_000_000).open).toBe(true);
  });
  it('below the first threshold nothing opens', () => {
    expect(meterTrigger(every, null, 499_999)).toEqual({ open: false, newLastTriggerMilli: null, thresholdMilli: 500_000 });
  });
  it('a reading going down (meter replaced) opens nothing and keeps the last trigger', () => {
    expect(meterTrigger(every, 2_000_000, 30_000)).toEqual({ open: false, newLastTriggerMilli: 2_000_000, thresholdMilli: 2_500_000 });
  });
  it('thresholds count from the last trigger, whatever it is', () => {
    expect(meterTrigger(every, 12_345_000, 12_900_000)).toEqual({
      open: true,
      newLastTriggerMilli: 12_845_000,
      thresholdMilli: 13_345_000,
    });
  });
  it('refuses a non-positive interval', () => {
    expect(() => meterTrigger(0, null, 1)).toThrow(RangeError);
  });
  it('property: a rising series opens once per threshold band entered, never more than the thresholds crossed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(fc.integer({ min: 0, max: 50_000 }), { maxLength: 40 }), (ev, steps) => {
        let last: number | null = null;
        let reading = 0;
        let opened = 0;
        for (const s of steps) {
          reading += s;
          const t = meterTrigger(ev, last, reading);
          if (t.open) opened++;
          expect(t.newLastTriggerMilli ?? 0).toBeLessThanOrEqual(reading);
          expect(t.thresholdMilli).toBeGreaterThan(reading);
          last = t.newLastTriggerMilli;
        }
        expect(opened).toBeLessThanOrEqual(Math.floor(reading / ev));
        expect(last ?? 0).toBe(Math.floor(reading / ev) * ev);
      }),
    );
  });
});

describe('lateness and compliance', () => {
  it.each<[string | null, string | null, boolean, string, boolean]>([
    [null, null, false, '2026-03-11', false], // due 10 March: still in its month
    [null, null, false, '2026-03-31', false],
    [null, null, false, '2026-04-01', true], // not done in its month
    ['2026-03-31', null, false, '2026-04-20', false],
    ['2026-04-01', null, false, '2026-04-20', true],
    ['2026-03-02', null, false, '2026-04-20', false], // early is on time
    [null, '2026-03-15', false, '2026-03-15', false], // an agreed date replaces the month's end
    [null, '2026-03-15', false, '2026-03-16', true],
    ['2026-03-16', '2026-03-15', false, '2026-03-20', true],
    [null, '2026-04-10', false, '2026-04-05', false], // agreed beyond the month
    [null, null, true, '2026-05-01', false], // cancelled: never late
  ])('due 10 March, completed %s, agreed %s, cancelled %s, today %s → late %s', (completedOn, agreedOn, cancelled, today, late) => {
    expect(isLate({ dueOn: '2026-03-10', agreedOn, completedOn, cancelled }, today)).toBe(late);
  });

  it('the deadline is the agreed date, else the last day of the due month', () => {
    expect(lateDeadline({ dueOn: '2026-02-03' })).toBe('2026-02-28');
    expect(lateDeadline({ dueOn: '2028-02-29' })).toBe('2028-02-29');
    expect(lateDeadline({ dueOn: '2026-12-31', agreedOn: null })).toBe('2026-12-31');
    expect(lateDeadline({ dueOn: '2026-12-01', agreedOn: '2027-01-15' })).toBe('2027-01-15');
  });

  it('done on time ÷ due; cancelled not counted; not yet due not counted; null when nothing due', () => {
    const items = [
      { dueOn: '2026-02-05', completedOn: '2026-02-05', cancelled: false }, // on time
      { dueOn: '2026-02-06', completedOn: '2026-03-02', cancelled: false }, // late
      { dueOn: '2026-02-07', completedOn: null, cancelled: false }, // late, undone
      { dueOn: '2026-02-08', completedOn: null, cancelled: true }, // not counted
      { dueOn: '2026-03-25', completedOn: '2026-03-02', cancelled: false }, // early: on time
      { dueOn: '2026-03-05', completedOn: null, cancelled: false }, // its month is not over: not yet due
    ];
    expect(compliance(items, '2026-03-10')).toEqual({ due: 4, doneOnTime: 2, late: 2, pct: 50 });
    expect(compliance(items)).toEqual({ due: 5, doneOnTime: 2, late: 3, pct: 40 });
    expect(compliance([], '2026-03-10')).toEqual({ due: 0, doneOnTime: 0, late: 0, pct: null });
    expect(compliance([items[3]])).toEqual({ due: 0, doneOnTime: 0, late: 0, pct: null });
    expect(compliance(items.slice(0, 3)).pct).toBe(33.3);
  });

  it('property: due = doneOnTime + late, and pct is their ratio', () => {
    const day = fc.integer({ min: 0, max: 120 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const item = fc.record({ dueOn: day, agreedOn: fc.option(day), completedOn: fc.option(day), cancelled: fc.boolean() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), day, (items, today) => {
        const c = compliance(items, today);
        expect(c.due).toBe(c.doneOnTime + c.late);
        expect(c.late).toBe(items.filter((i) => isLate(i, today)).length);
        expect(c.pct).toBe(c.due === 0 ? null : Math.round((c.doneOnTime / c.due) * 1000) / 10);
      }),
    );
  });
});

describe('plan edits after publication affect future occurrences only', () => {
  const today = '2026-03-10';
  const items: (ExistingItem & { id: string })[] = [
    { id: 'past', occurrenceKey: '2026-03-02', dueOn: '2026-03-02', plannedOn: '2026-03-02', published: false },
    { id: 'published', occurrenceKey: '2026-03-16', dueOn: '2026-03-16', plannedOn: '2026-03-16', published: true },
    { id: 'future', occurrenceKey: '2026-03-23', dueOn: '2026-03-23', plannedOn: '2026-03-23', published: false },
    { id: 'today', occurrenceKey: '2026-03-10', dueOn: '2026-03-10', plannedOn: '2026-03-10', published: false },
    { id: 'movedBack', occurrenceKey: '2026-03-14', dueOn: '2026-03-14', plannedOn: '2026-03-09', published: false },
  ];
  it('only future unpublished items may be replaced', () => {
    expect(itemsToReplace(items, today).map((i) => i.id)).toEqual(['future']);
  });
  it('a new rule removes the future items it no longer has, adds its future dates, keeps the rest', () => {
    // Mondays → Wednesdays from the same start.
    const s = cal('FREQ=WEEKLY;BYDAY=WE', '2026-01-01');
    const generated = occurrencesInMonth(s, '2026-03', milan);
    const { remove, add } = planRegeneration(items, generated, today);
    expect(remove.map((i) => i.id)).toEqual(['future']);
    expect(add.map((o) => o.occurrenceKey)).toEqual(['2026-03-11', '2026-03-18', '2026-03-25']);
    // Unchanged rule: nothing moves.
    const same = planRegeneration(
      items,
      items.map((i) => ({ occurrenceKey: i.occurrenceKey, dueOn: i.dueOn })),
      today,
    );
    expect(same).toEqual({ remove: [], add: [] });
  });
});
