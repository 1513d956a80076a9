import { PRIORITIES, type FieldRule, type Refusal } from './types.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Bounds of a checklist answer (field kind 'checklist'): a plan's checklist is short; a note is a line or two. */
export const CHECKLIST_LIMITS = { maxEntries: 200, maxNote: 2000 } as const;

/** One answer: a yes/no item carries `ok`, a measurement carries `value`; both may carry a note. */
function validChecklistEntry(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return false;
  const { key, ok, value, note } = e as Record<string, unknown>;
  if (typeof key !== 'string' || key.trim() === '') return false;
  if (ok !== undefined && typeof ok !== 'boolean') return false;
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) return false;
  if (note !== undefined && (typeof note !== 'string' || note.length > CHECKLIST_LIMITS.maxNote)) return false;
  return true;
}

/** The answers with their known properties only, so nothing else reaches the stored results. */
function cleanChecklist(v: readonly Record<string, unknown>[]) {
  return v.map(({ key, ok, value, note }) => ({
    key: (key as string).trim(),
    ...(ok !== undefined ? { ok } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(note !== undefined && (note as string).trim() !== '' ? { note: (note as string).trim() } : {}),
  }));
}

function validValue(rule: FieldRule, v: unknown): boolean {
  switch (rule.kind) {
    case 'text':
      return typeof v === 'string' && v.trim().length > 0 && v.length <= 10_000;
    case 'instant':
      return typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));
    case 'date':
      return typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
    case 'priority':
      return typeof v === 'string' && (PRIORITIES as readonly string[]).includes(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0;
    case 'lines':
      return Array.isArray(v) && v.length > 0;
    case 'boolean':
      return typeof v === 'boolean';
    case 'rating':
      return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5;
    case 'checklist':
      return Array.isArray(v) && v.length <= CHECKLIST_LIMITS.maxEntries && v.every(validChecklistEntry);
  }
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Checks an action's fields; returns the clean subset (known fields only, text trimmed) or a refusal. */
export function checkFields(rules: readonly FieldRule[], fields: Record<string, unknown>): { data: Record<string, unknown> } | Refusal {
  const data: Record<string, unknown> = {};
  for (const rule of rules) {
    const v = fields[rule.field];
    if (isBlank(v)) {
      if (rule.optional) continue;
      return { ok: false, code: 'FIELD_REQUIRED', field: rule.field };
    }
    if (!validValue(rule, v)) return { ok: false, code: 'FIELD_INVALID', field: rule.field, params: { kind: rule.kind } };
    data[rule.field] = typeof v === 'string' ? v.trim() : rule.kind === 'checklist' ? cleanChecklist(v as Record<string, unknown>[]) : v;
  }
  return { data };
}
