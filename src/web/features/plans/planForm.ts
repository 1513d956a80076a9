// The plan editor's values ↔ the API's plan. The recurrence is edited as a preset
// (src/domain/planned/rule-presets.ts) and sent as rrule + shift + season.
import { presetToRule, ruleToPreset, type RulePreset, type Weekday } from '../../../domain/planned/rule-presets';
import type { ChecklistItem, Plan } from '../../api/plans';

export interface ChecklistRow {
  key: string;
  label: string;
  kind: 'yes_no' | 'measure';
  unit: string;
  min: number | string;
  max: number | string;
}

export interface PlanFormValues {
  code: string;
  activity: string;
  description: string;
  buildingId: string | null;
  technologyClassId: string | null;
  assetId: string | null;
  scheduleKind: 'calendar' | 'floating' | 'meter';
  presetKind: RulePreset['kind'];
  months: number | string;
  nth: string;
  weekday: Weekday;
  period: 'month' | 'quarter';
  years: number | string;
  seasonFrom: string;
  seasonTo: string;
  advanced: string;
  startsOn: string | null;
  endsOn: string | null;
  lastDoneOn: string | null;
  meterId: string | null;
  meterEvery: number | string;
  checklist: ChecklistRow[];
  requiredDocuments: string[];
  regulation: string;
  estimatedHours: number | string;
}

export function emptyPlan(): PlanFormValues {
  return {
    code: '',
    activity: '',
    description: '',
    buildingId: null,
    technologyClassId: null,
    assetId: null,
    scheduleKind: 'calendar',
    presetKind: 'every_n_months',
    months: 6,
    nth: '1',
    weekday: 'MO',
    period: 'month',
    years: 1,
    seasonFrom: '',
    seasonTo: '',
    advanced: '',
    startsOn: null,
    endsOn: null,
    lastDoneOn: null,
    meterId: null,
    meterEvery: '',
    checklist: [],
    requiredDocuments: [],
    regulation: '',
    estimatedHours: '',
  };
}

export function fromPlan(p: Plan): PlanFormValues {
  const v = emptyPlan();
  const preset = p.rrule ? ruleToPreset({ rrule: p.rrule, shift: p.shift, seasonFrom: p.seasonFrom, seasonTo: p.seasonTo }) : null;
  if (preset) {
    v.presetKind = preset.kind;
    if (preset.kind === 'every_n_months') v.months = preset.months;
    if (preset.kind === 'nth_weekday') Object.assign(v, { nth: String(preset.nth), weekday: preset.weekday, period: preset.period });
    if (preset.kind === 'yearly_in_season')
      Object.assign(v, { years: preset.years, seasonFrom: preset.seasonFrom, seasonTo: preset.seasonTo });
    if (preset.kind === 'advanced') v.advanced = preset.rrule;
  }
  return {
    ...v,
    code: p.code,
    activity: p.activity,
    description: p.description ?? '',
    buildingId: p.buildingId,
    technologyClassId: p.technologyClassId,
    assetId: p.assetId,
    scheduleKind: p.scheduleKind,
    // An advanced rule keeps its own season, if any.
    seasonFrom: p.seasonFrom ?? v.seasonFrom,
    seasonTo: p.seasonTo ?? v.seasonTo,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    lastDoneOn: p.lastDoneOn,
    meterId: p.meterId,
    meterEvery: p.meterEvery ?? '',
    checklist: p.checklist.map((c) => ({
      key: c.key,
      label: c.label,
      kind: c.kind,
      unit: c.unit ?? '',
      min: c.min ?? '',
      max: c.max ?? '',
    })),
    requiredDocuments: [...p.requiredDocuments],
    regulation: p.regulation ?? '',
    estimatedHours: p.estimatedMinutes == null ? '' : p.estimatedMinutes / 60,
  };
}

const num = (v: number | string): number | undefined => (v === '' || v === null || Number.isNaN(Number(v)) ? undefined : Number(v));

/** The preset the values describe. */
export function presetOf(v: PlanFormValues): RulePreset {
  switch (v.presetKind) {
    case 'every_n_months':
      return { kind: 'every_n_months', months: num(v.months) ?? 1 };
    case 'nth_weekday':
      return { kind: 'nth_weekday', nth: Number(v.nth), weekday: v.weekday, period: v.period };
    case 'last_working_day':
      return { kind: 'last_working_day' };
    case 'yearly_in_season':
      return { kind: 'yearly_in_season', years: num(v.years) ?? 1, seasonFrom: v.seasonFrom.trim(), seasonTo: v.seasonTo.trim() };
    default:
      return { kind: 'advanced', rrule: v.advanced };
  }
}

/** The rule fields (rrule, shift, season) the values give; none for a meter plan. */
export function ruleOf(v: PlanFormValues) {
  if (v.scheduleKind === 'meter') return { rrule: null, shift: 'next' as const, seasonFrom: null, seasonTo: null };
  const r = presetToRule(presetOf(v));
  // The free rule may still carry a season window typed before switching to it.
  if (v.presetKind === 'advanced' && v.seasonFrom.trim() && v.seasonTo.trim())
    return { ...r, seasonFrom: v.seasonFrom.trim(), seasonTo: v.seasonTo.trim() };
  return { ...r, seasonFrom: r.seasonFrom || null, seasonTo: r.seasonTo || null };
}

/** The API body (create, or the base of the PATCH diff). */
export function toBody(v: PlanFormValues): Record<string, unknown> {
  // New rows get their key from their label when saved; saved rows keep theirs (results refer to it).
  const taken = v.checklist.map((c) => c.key).filter(Boolean);
  const rows = v.checklist.map((c) => {
    if (c.key) return c;
    const key = keyFor(c.label, taken);
    taken.push(key);
    return { ...c, key };
  });
  const checklist: ChecklistItem[] = rows.map((c) =>
    c.kind === 'yes_no'
      ? { key: c.key, label: c.label.trim(), kind: 'yes_no' }
      : {
          key: c.key,
          label: c.label.trim(),
          kind: 'measure',
          unit: c.unit.trim(),
          ...(num(c.min) !== undefined ? { min: num(c.min) } : {}),
          ...(num(c.max) !== undefined ? { max: num(c.max) } : {}),
        },
  );
  const hours = num(v.estimatedHours);
  return {
    code: v.code.trim(),
    activity: v.activity.trim(),
    description: v.description.trim() || null,
    buildingId: v.buildingId,
    technologyClassId: v.technologyClassId,
    assetId: v.assetId,
    scheduleKind: v.scheduleKind,
    ...ruleOf(v),
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    lastDoneOn: v.scheduleKind === 'floating' ? v.lastDoneOn : null,
    meterId: v.scheduleKind === 'meter' ? v.meterId : null,
    meterEvery: v.scheduleKind === 'meter' ? (num(v.meterEvery) ?? null) : null,
    checklist,
    requiredDocuments: v.requiredDocuments,
    regulation: v.regulation.trim() || null,
    estimatedMinutes: hours === undefined ? null : Math.max(1, Math.round(hours * 60)),
  };
}

/** A checklist key from a label, unique among `taken`. */
export function keyFor(label: string, taken: readonly string[]): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 36) || 'item';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}
