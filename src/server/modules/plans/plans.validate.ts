// Rules of a plan a schema cannot judge. Pure: the service and the import both call it, the
// database checks (references, asset/meter agreement, unique code) come after.
import type { FieldIssue } from '../../errors.ts';
import { PLAN_DOCUMENTS, type ChecklistItemDto } from '../../../shared/schemas/plans.ts';
import { isMonthDay } from '../../../domain/planned/rule-presets.ts';
import { validateRRule } from './rule.ts';

/** A plan as written (API names), before the database checks. */
export interface PlanInput {
  code: string;
  activity: string;
  description: string | null;
  buildingId: string;
  technologyClassId: string;
  assetId: string | null;
  scheduleKind: string;
  rrule: string | null;
  startsOn: string;
  endsOn: string | null;
  seasonFrom: string | null;
  seasonTo: string | null;
  shift: 'next' | 'previous';
  lastDoneOn: string | null;
  meterId: string | null;
  meterEvery: number | null;
  checklist: ChecklistItemDto[];
  requiredDocuments: string[];
  regulation: string | null;
  estimatedMinutes: number | null;
}

const isDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

export function validatePlan(p: PlanInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fail = (field: string, rule: string, params?: Record<string, unknown>) =>
    issues.push({ field, rule, ...(params ? { params } : {}) });
  if (p.code.trim() === '') fail('code', 'required');
  if (p.activity.trim() === '') fail('activity', 'required');
  if (p.scheduleKind === 'calendar' || p.scheduleKind === 'floating') {
    if (!p.rrule || p.rrule.trim() === '') fail('rrule', 'rruleRequired');
    else if (validateRRule(p.rrule) !== null) fail('rrule', 'rrule');
  }
  if (p.scheduleKind === 'meter') {
    if (!p.meterId) fail('meterId', 'meterRequired');
    // Stored × 1000: less than a thousandth would be no step at all.
    if (p.meterEvery == null || !(p.meterEvery >= 0.001)) fail('meterEvery', 'meterEvery');
  }
  if (!isDate(p.startsOn)) fail('startsOn', 'date');
  if (p.endsOn !== null) {
    if (!isDate(p.endsOn)) fail('endsOn', 'date');
    else if (isDate(p.startsOn) && p.endsOn < p.startsOn) fail('endsOn', 'dateOrder');
  }
  if (p.lastDoneOn !== null && !isDate(p.lastDoneOn)) fail('lastDoneOn', 'date');
  if ((p.seasonFrom === null) !== (p.seasonTo === null)) fail(p.seasonFrom === null ? 'seasonFrom' : 'seasonTo', 'seasonBoth');
  if (p.seasonFrom !== null && !isMonthDay(p.seasonFrom)) fail('seasonFrom', 'mmdd');
  if (p.seasonTo !== null && !isMonthDay(p.seasonTo)) fail('seasonTo', 'mmdd');
  const keys = new Set<string>();
  p.checklist.forEach((item, i) => {
    if (keys.has(item.key)) fail(`checklist.${i}.key`, 'checklistKey', { key: item.key });
    keys.add(item.key);
    if (item.label.trim() === '') fail(`checklist.${i}.label`, 'required');
    if (item.kind === 'measure') {
      if (!item.unit || item.unit.trim() === '') fail(`checklist.${i}.unit`, 'checklistUnit');
      if (item.min !== undefined && item.max !== undefined && item.min > item.max) fail(`checklist.${i}.max`, 'checklistRange');
    }
  });
  const allowed = PLAN_DOCUMENTS as readonly string[];
  p.requiredDocuments.forEach((d, i) => {
    if (!allowed.includes(d)) fail(`requiredDocuments.${i}`, 'requiredDocument', { allowed: allowed.join(', ') });
  });
  return issues;
}

/** A yes/no item drops stray unit/min/max; a measure keeps them. Blank text fields become null. */
export function normalisePlan(p: PlanInput): PlanInput {
  const blank = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim());
  return {
    ...p,
    code: p.code.trim(),
    activity: p.activity.trim(),
    description: blank(p.description),
    rrule: p.scheduleKind === 'meter' ? null : (blank(p.rrule)?.replace(/^RRULE:/i, '') ?? null),
    meterId: p.scheduleKind === 'meter' ? p.meterId : null,
    meterEvery: p.scheduleKind === 'meter' ? p.meterEvery : null,
    regulation: blank(p.regulation),
    checklist: p.checklist.map((c) =>
      c.kind === 'yes_no'
        ? { key: c.key, label: c.label.trim(), kind: 'yes_no' as const }
        : {
            key: c.key,
            label: c.label.trim(),
            kind: 'measure' as const,
            unit: c.unit?.trim(),
            ...(c.min !== undefined ? { min: c.min } : {}),
            ...(c.max !== undefined ? { max: c.max } : {}),
          },
    ),
    requiredDocuments: [...new Set(p.requiredDocuments)],
  };
}
