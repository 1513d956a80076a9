import { PRIORITIES, type FieldRule, type Refusal } from './types.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validValue(rule: FieldRule, v: unknown): boolean {
  switch (rule.kind) {
    case 'text': return typeof v === 'string' && v.trim().length > 0 && v.length <= 10_000;
    case 'instant': return typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));
    case 'date': return typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
    case 'priority': return typeof v === 'string' && (PRIORITIES as readonly string[]).includes(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v) && v >= 0;
    case 'lines': return Array.isArray(v) && v.length > 0;
    case 'boolean': return typeof v === 'boolean';
    case 'checklist': return Array.isArray(v) && v.every((r) => typeof r === 'object' && r !== null && typeof (r as { key?: unknown }).key === 'string');
    case 'rating': return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5;
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
    data[rule.field] = typeof v === 'string' ? v.trim() : v;
  }
  return { data };
}
