import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n/messages';
import { nextDate } from './nextDate';

const t = ((key: string, o?: { date: string }) => `${key}:${o?.date ?? ''}`) as unknown as Translate;
const format = { date: (s?: string | null) => (s ?? '').slice(0, 10), dateTime: (s?: string | null) => s ?? '' };
const at = '2026-03-12T08:00:00Z';

describe('the next date of a work order', () => {
  it('shows the work date while the work is ahead', () => {
    expect(nextDate({ status: 'scheduled', scheduledAt: at, expectedOn: null }, t, format)).toBe(`workOrder.workShort:${at}`);
  });
  it.each(['completed', 'verified', 'closed'])('shows none once the order is %s', (status) => {
    expect(nextDate({ status, scheduledAt: at, expectedOn: '2026-03-10', inspectionAt: at }, t, format)).toBe('—');
  });
});
