// #9 items 6 and 14: the cells of the work-list exports. CSV dates in the reader's language through
// src/shared/format.ts; XLSX dates as real dates (Rome wall-clock time); the SLA state in the words
// of the lists' badge, with its due instant.
import { describe, expect, it } from 'vitest';
import { cellText, cellValue, csvCell, slaText } from './worklists.export.ts';
import { label, TICKET_COLUMNS, WORK_ORDER_COLUMNS } from './worklists.i18n.ts';

describe('export cells', () => {
  const winter = { instant: '2026-12-09T09:30:00.000Z' };
  const summer = { instant: '2026-07-01T22:15:00.000Z' };

  it('CSV: an instant in Rome time, day before month, in both languages (never ISO)', () => {
    expect(cellText('it', winter)).toBe('09/12/2026 10:30');
    expect(cellText('en', winter)).toBe('09/12/2026 10:30');
    expect(cellText('it', summer)).toBe('02/07/2026 00:15'); // CEST: the next day in Rome
    expect(cellText('en', { day: '2026-03-20' })).toBe('20/03/2026');
    expect(cellText('it', null)).toBe('');
    expect(csvCell('en', winter)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('XLSX: a Date holding the Rome wall-clock time (Excel serials have no zone)', () => {
    expect(cellValue(winter)).toEqual(new Date(Date.UTC(2026, 11, 9, 10, 30)));
    expect(cellValue(summer)).toEqual(new Date(Date.UTC(2026, 6, 2, 0, 15)));
    expect(cellValue({ day: '2026-03-20' })).toEqual(new Date(Date.UTC(2026, 2, 20)));
    expect(cellValue('text')).toBe('text');
  });

  it('SLA state: the badge words with the due instant, in the reader language', () => {
    const dueAt = '2026-12-09T09:30:00.000Z';
    expect(slaText('it', { state: 'due', dueAt, pausedFor: null })).toBe('Scade 09/12/2026, 10:30');
    expect(slaText('it', { state: 'overdue', dueAt, pausedFor: null })).toBe('Scaduto 09/12/2026, 10:30');
    expect(slaText('en', { state: 'overdue', dueAt, pausedFor: null })).toBe('Overdue since 09/12/2026, 10:30');
    expect(slaText('it', { state: 'paused', dueAt: null, pausedFor: 'waiting_materials' })).toBe('In pausa: In attesa di materiali');
    expect(slaText('en', { state: 'paused', dueAt: null, pausedFor: 'waiting_materials' })).toBe('Paused: Waiting for materials');
    expect(slaText('en', { state: 'paused', dueAt: null, pausedFor: null })).toBe('SLA paused');
    expect(slaText('it', { state: 'met', dueAt: null, pausedFor: null })).toBe('SLA rispettato');
    expect(slaText('en', null)).toBeNull();
  });

  it('both lists export the SLA state and its due instant, with headers in both languages', () => {
    for (const columns of [TICKET_COLUMNS, WORK_ORDER_COLUMNS] as readonly (readonly string[])[]) {
      expect(columns).toContain('sla');
      expect(columns).toContain('slaDueAt');
      for (const col of columns) {
        expect(label('it', 'header', col)).not.toBe(col === 'sla' || col === 'cig' ? '' : col);
        expect(label('en', 'header', col)).not.toBe(col === 'sla' || col === 'cig' ? '' : col);
      }
    }
    expect(label('it', 'header', 'slaDueAt')).toBe('Scadenza SLA');
    expect(label('en', 'header', 'slaDueAt')).toBe('SLA due');
  });
});
