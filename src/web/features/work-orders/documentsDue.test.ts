import { describe, expect, it } from 'vitest';
import { documentsLate } from './documentsDue';

describe('documents to follow: late once the due day is over with one still missing', () => {
  it.each([
    ['2026-06-03', ['conformity_declaration'], '2026-06-03', false], // the due day itself: in time
    ['2026-06-03', ['conformity_declaration'], '2026-06-04', true],
    ['2026-06-03', [], '2026-06-10', false], // all attached
    [null, ['conformity_declaration'], '2026-06-10', false], // nothing to follow
  ] as const)('due %s, missing %j, today %s → %s', (dueOn, missing, today, late) => {
    expect(documentsLate(dueOn, missing, today)).toBe(late);
  });
});
