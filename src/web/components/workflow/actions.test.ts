// Every field of every action of the workflow tables has its words in both languages (#9 item 1: a
// yes/no field once showed its raw key), and the requester's side actions are never the main button.
import { describe, expect, it } from 'vitest';
import { TICKET_TRANSITIONS } from '../../../domain/workflow/ticket';
import { WORK_ORDER_TRANSITIONS } from '../../../domain/workflow/work-order';
import { PLANNED_WORK_ORDER_TRANSITIONS } from '../../../domain/workflow/planned-work-order';
import it_ from '../../i18n/it.json';
import en from '../../i18n/en.json';
import { arrangeActions } from './actions';

const has = (dict: unknown, key: string): boolean => {
  let node: unknown = dict;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.trim() !== '';
};

const TABLES = { ticket: TICKET_TRANSITIONS, workOrder: WORK_ORDER_TRANSITIONS, planned: PLANNED_WORK_ORDER_TRANSITIONS };
const FIELDS = Object.entries(TABLES).flatMap(([table, rows]) =>
  rows.flatMap((row) => row.fields.map((f) => ({ table, action: row.action, field: f.field, kind: f.kind }))),
);

describe('the words of the action dialogs', () => {
  for (const [lang, dict] of [
    ['it', it_],
    ['en', en],
  ] as const) {
    it(`${lang}: every field of every action has a label`, () => {
      const missing = FIELDS.filter(
        ({ action, field }) => !has(dict, `actions.${action}.fields.${field}`) && !has(dict, `fields.${field}`),
      ).map(({ table, action, field }) => `${table}.${action}.${field}`);
      expect([...new Set(missing)]).toEqual([]);
    });
    it(`${lang}: every action has a name`, () => {
      const missing = Object.values(TABLES)
        .flatMap((rows) => rows.map((r) => r.action))
        .filter((a) => !has(dict, `actions.${a}.label`));
      expect([...new Set(missing)]).toEqual([]);
    });
  }
  it('the tables have yes/no fields (rendered as a switch, not a text box)', () => {
    expect(FIELDS.filter((f) => f.kind === 'boolean').map((f) => f.field)).toContain('changesInstallation');
  });
});

describe('the main button', () => {
  it('a reminder or a complaint is never the main action', () => {
    expect(arrangeActions(['complain', 'remind'])).toEqual({ primary: null, secondary: ['remind', 'complain'], destructive: [] });
    expect(arrangeActions(['remind', 'close', 'dismiss'])).toMatchObject({
      primary: 'close',
      secondary: ['remind'],
      destructive: ['dismiss'],
    });
  });
});
