import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeRule, validateRRule } from './rule-text.ts';
import { normalizeRRule } from './recurrence.ts';

describe('describeRule', () => {
  it.each<[string, string, string]>([
    ['FREQ=MONTHLY;INTERVAL=6', 'Ogni 6 mesi dal 15/01/2026', 'Every 6 months from 15 January 2026'],
    ['RRULE:FREQ=MONTHLY;INTERVAL=6', 'Ogni 6 mesi dal 15/01/2026', 'Every 6 months from 15 January 2026'],
    ['FREQ=DAILY', 'Ogni giorno dal 15/01/2026', 'Every day from 15 January 2026'],
    ['FREQ=WEEKLY;INTERVAL=2', 'Ogni 2 settimane dal 15/01/2026', 'Every 2 weeks from 15 January 2026'],
    ['FREQ=YEARLY', 'Ogni anno dal 15/01/2026', 'Every year from 15 January 2026'],
    ['FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO', 'Il primo lunedì di ogni trimestre', 'The first Monday of every quarter'],
    ['FREQ=MONTHLY;BYDAY=-1FR', "L'ultimo venerdì di ogni mese", 'The last Friday of every month'],
    ['FREQ=MONTHLY;BYDAY=SU;BYSETPOS=2', 'La seconda domenica di ogni mese', 'The second Sunday of every month'],
    ['FREQ=MONTHLY;BYDAY=-1SU', "L'ultima domenica di ogni mese", 'The last Sunday of every month'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', "L'ultimo giorno lavorativo del mese", 'The last working day of the month'],
    [
      'FREQ=MONTHLY;INTERVAL=6;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1',
      'Il primo giorno lavorativo di ogni semestre',
      'The first working day of every 6 months',
    ],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', "L'ultimo giorno del mese", 'The last day of the month'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', 'Il giorno 15 di ogni mese', 'The 15th of every month'],
    ['FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1', 'Il giorno 1 di ogni bimestre', 'The 1st of every 2 months'],
    ['FREQ=WEEKLY;BYDAY=MO,TH', 'Ogni lunedì e giovedì', 'Every Monday and Thursday'],
    ['FREQ=WEEKLY;BYDAY=FR,MO,WE', 'Ogni lunedì, mercoledì e venerdì', 'Every Monday, Wednesday and Friday'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Ogni giorno dal lunedì al venerdì', 'Every weekday, Monday to Friday'],
    [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU',
      'Ogni 2 settimane, il martedì e la domenica, dal 15/01/2026',
      'Every 2 weeks on Tuesday and Sunday, from 15 January 2026',
    ],
    ['FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=21', 'Ogni anno il 21 marzo', 'Every year on 21 March'],
    ['FREQ=MONTHLY;INTERVAL=6;COUNT=4', 'Ogni 6 mesi dal 15/01/2026, per 4 volte', 'Every 6 months from 15 January 2026, 4 times'],
    [
      'FREQ=MONTHLY;UNTIL=20271231',
      'Ogni mese dal 15/01/2026, fino al 31/12/2027',
      'Every month from 15 January 2026, until 31 December 2027',
    ],
  ])('%s', (rule, it_, en) => {
    expect(describeRule(rule, '2026-01-15', 'it')).toBe(it_);
    expect(describeRule(rule, '2026-01-15', 'en')).toBe(en);
  });

  it('reads a rule in lower case or with a trailing semicolon like its canonical form', () => {
    expect(describeRule('rrule:freq=monthly;byday=-1fr;', '2026-01-15', 'it')).toBe("L'ultimo venerdì di ogni mese");
    expect(normalizeRRule(' RRULE:freq=monthly;byday=-1fr; ')).toBe('FREQ=MONTHLY;BYDAY=-1FR');
  });

  it('adds the season, which may cross the year', () => {
    expect(describeRule('FREQ=MONTHLY;BYMONTHDAY=1', '2026-01-15', 'it', { from: '10-15', to: '04-15' })).toBe(
      'Il giorno 1 di ogni mese, dal 15 ottobre al 15 aprile',
    );
    expect(describeRule('FREQ=MONTHLY;BYMONTHDAY=1', '2026-01-15', 'en', { from: '10-15', to: '04-15' })).toBe(
      'The 1st of every month, from 15 October to 15 April',
    );
  });

  it('says any other rule as written (and an invalid one too, never throwing)', () => {
    expect(describeRule('FREQ=MONTHLY;BYDAY=MO,FR;BYMONTHDAY=13', '2026-01-15', 'it')).toBe('FREQ=MONTHLY;BYDAY=MO,FR;BYMONTHDAY=13');
    expect(describeRule('FREQ=YEARLY;BYWEEKNO=20', '2026-01-15', 'en')).toBe('FREQ=YEARLY;BYWEEKNO=20');
    expect(describeRule('nonsense', '2026-01-15', 'it', { from: '06-01', to: '06-30' })).toBe('nonsense, dal 1 giugno al 30 giugno');
  });
});

describe('validateRRule', () => {
  it.each<[string, string | null]>([
    ['FREQ=MONTHLY;INTERVAL=6', null],
    ['RRULE:FREQ=WEEKLY;BYDAY=MO,TH', null],
    ['freq=monthly;byday=-1fr', null],
    ['FREQ=DAILY', null],
    ['FREQ=MONTHLY;BYMONTHDAY=31', null],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3', null],
    ['FREQ=MONTHLY;UNTIL=20271231T000000Z', null],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;', null],
    ['', 'syntax'],
    ['   ', 'syntax'],
    ['FOO=BAR', 'syntax'],
    ['FREQ=FORTNIGHTLY', 'syntax'],
    ['FREQ=WEEKLY;BYDAY=XX', 'syntax'],
    ['FREQ=WEEKLY;INTERVAL=abc', 'syntax'],
    ['FREQ=WEEKLY;INTERVAL=0', 'syntax'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'syntax'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'syntax'],
    ['FREQ=MONTHLY;BYMONTH=13', 'syntax'],
    ['FREQ=MONTHLY;FREQ=WEEKLY', 'syntax'],
    ['FREQ=MONTHLY;;INTERVAL=2', 'syntax'],
    ['FREQ=MONTHLY;UNTIL=20270231', 'syntax'],
    ['FREQ=DAILY;BYHOUR=8,14', 'syntax'],
    ['FREQ=MONTHLY\nRRULE:FREQ=DAILY', 'syntax'],
    ['DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', 'dtstartNotAllowed'],
    ['FREQ=DAILY;DTSTART=20260101', 'dtstartNotAllowed'],
    ['INTERVAL=6', 'noFreq'],
    ['BYDAY=MO', 'noFreq'],
    ['FREQ=HOURLY', 'tooFrequent'],
    ['FREQ=MINUTELY;INTERVAL=30', 'tooFrequent'],
    ['FREQ=SECONDLY', 'tooFrequent'],
    ['FREQ=MONTHLY;COUNT=3;UNTIL=20271231', 'count_and_until'],
  ])('%j → %s', (text, expected) => expect(validateRRule(text)).toBe(expected));

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^(FREQ|BYDAY|INTERVAL|COUNT|UNTIL|BYSETPOS)=[A-Z0-9,+-]{0,8}(;[A-Z]{2,8}=[-+0-9A-Z,]{0,6}){0,3}$/),
        ),
        (s) => {
          const r = validateRRule(s);
          expect(r === null || ['syntax', 'dtstartNotAllowed', 'noFreq', 'tooFrequent', 'count_and_until'].includes(r)).toBe(true);
          expect(() => describeRule(s, '2026-01-15', 'it')).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
    expect(validateRRule(null as unknown as string)).toBe('syntax');
  });
});
