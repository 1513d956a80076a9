// CSV/XLSX import of maintenance plans and of meter readings, like the registry import
// (src/server/modules/import): the same parser and zip guard, all or nothing, every bad cell
// reported with its row, column and rule. Header names are case-insensitive and may be written
// snake_case or camelCase (building_code = buildingCode). docs/PLANNED.md lists the columns.
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { AppError, type FieldIssue } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Actor } from '../../scope.ts';
import { PLAN_DOCUMENTS, type ChecklistItemDto } from '../../../shared/schemas/plans.ts';
import { DEFAULT_PARSE_LIMITS, FILE_FIELD, parseSpreadsheet, type SheetRow } from '../import/import.parse.ts';
import { MAX_ROWS, columnLetter, tooManyRows } from '../import/import.validate.ts';
import * as repo from './plans.repository.ts';
import { planScope } from './plans.scope.ts';
import { normalisePlan, validatePlan, type PlanInput } from './plans.validate.ts';
import { insertReadingAndTrigger } from './meters.service.ts';
import { thresholdBehind } from './meter-trigger.ts';

export const PLAN_IMPORT_KINDS = ['maintenance-plans', 'meter-readings'] as const;
export type PlanImportKind = (typeof PLAN_IMPORT_KINDS)[number];

const col = (name: string, required = true) => ({ name, required });
export const PLAN_COLUMNS: Record<PlanImportKind, ReadonlyArray<{ name: string; required: boolean }>> = {
  'maintenance-plans': [
    col('code'),
    col('activity'),
    col('building_code'),
    col('technology_class_code'),
    col('asset_code', false),
    col('schedule_kind'),
    col('rrule', false),
    col('frequency_months', false),
    col('starts_on'),
    col('ends_on', false),
    col('season_from', false),
    col('season_to', false),
    col('shift', false),
    col('meter_name', false),
    col('meter_every', false),
    col('regulation', false),
    col('estimated_minutes', false),
    col('checklist', false),
    col('required_documents', false),
    col('description', false),
  ],
  'meter-readings': [col('asset_code'), col('meter_name'), col('value'), col('read_at')],
};

/** 'buildingCode', 'Building_Code', ' building code ' → 'building_code'. */
const normaliseHeader = (raw: string) =>
  raw
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\s+/g, '_')
    .toLowerCase();

interface Columns {
  index: Map<string, number>;
  positions: Set<number>;
}

function mapHeader(kind: PlanImportKind, header: SheetRow): { columns: Columns; issues: FieldIssue[] } {
  const specs = PLAN_COLUMNS[kind];
  const known = new Set(specs.map((s) => s.name));
  const index = new Map<string, number>();
  const positions = new Set<number>();
  const issues: FieldIssue[] = [];
  header.cells.forEach((raw, i) => {
    if (raw.trim() === '') return;
    positions.add(i);
    const name = normaliseHeader(raw);
    if (!known.has(name)) issues.push({ field: raw.trim(), rule: 'unknownColumn', row: header.row });
    else if (index.has(name)) issues.push({ field: name, rule: 'duplicateColumn', row: header.row });
    else index.set(name, i);
  });
  for (const s of specs) if (s.required && !index.has(s.name)) issues.push({ field: s.name, rule: 'missingColumn', row: header.row });
  return { columns: { index, positions }, issues };
}

class Row {
  constructor(
    private c: Columns,
    readonly line: SheetRow,
    private sink: FieldIssue[],
  ) {}
  get(name: string): string {
    const i = this.c.index.get(name);
    return i === undefined ? '' : (this.line.cells[i] ?? '').trim();
  }
  fail(field: string, rule: string, params?: Record<string, unknown>) {
    this.sink.push({ field, rule, row: this.line.row, ...(params ? { params } : {}) });
  }
  required(name: string): string {
    const v = this.get(name);
    if (v === '' && this.c.index.has(name)) this.fail(name, 'required');
    return v;
  }
  stray() {
    this.line.cells.forEach((v, i) => {
      if (v !== '' && !this.c.positions.has(i)) this.fail(columnLetter(i), 'unknownColumn');
    });
  }
}

/** '12,5' or '12.5' → 12.5; null when not a number. */
export function parseDecimal(s: string): number | null {
  const t = s.trim().replace(/\s/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

/** 'YYYY-MM-DD' or 'DD/MM/YYYY' → ISO date; null otherwise. */
export function parseDate(s: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s.trim());
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : s.trim();
  const d = DateTime.fromISO(iso, { zone: 'utc' });
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && d.isValid ? iso : null;
}

const slug = (label: string) =>
  label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 36) || 'item';

/**
 * The checklist cell: JSON (the API's array) or the compact form
 * "label|yes_no; label|measure|unit|min|max" (min, max optional; comma decimals allowed).
 * Keys come from the labels. null when unreadable.
 */
export function parseChecklist(cell: string): ChecklistItemDto[] | null {
  const s = cell.trim();
  if (s === '') return [];
  if (s.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(s);
      if (
        !Array.isArray(v) ||
        !v.every(
          (x) =>
            x &&
            typeof x === 'object' &&
            typeof x.key === 'string' &&
            typeof x.label === 'string' &&
            (x.kind === 'yes_no' || x.kind === 'measure'),
        )
      )
        return null;
      return v as ChecklistItemDto[];
    } catch {
      return null;
    }
  }
  const items: ChecklistItemDto[] = [];
  const keys = new Set<string>();
  for (const chunk of s
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)) {
    const [label, kind, unit, min, max, ...extra] = chunk.split('|').map((x) => x.trim());
    if (!label || extra.length) return null;
    let key = slug(label);
    for (let n = 2; keys.has(key); n++) key = `${slug(label)}_${n}`;
    keys.add(key);
    if (kind === 'yes_no' || kind === 'si_no' || kind === undefined) {
      if (unit || min || max) return null;
      items.push({ key, label, kind: 'yes_no' });
    } else if (kind === 'measure' || kind === 'misura') {
      const lo = min ? parseDecimal(min) : undefined;
      const hi = max ? parseDecimal(max) : undefined;
      if (lo === null || hi === null) return null;
      items.push({
        key,
        label,
        kind: 'measure',
        unit: unit ?? '',
        ...(lo !== undefined ? { min: lo } : {}),
        ...(hi !== undefined ? { max: hi } : {}),
      });
    } else return null;
  }
  return items;
}

const SCHEDULE_WORDS: Record<string, string> = {
  calendar: 'calendar',
  calendario: 'calendar',
  floating: 'floating',
  mobile: 'floating',
  meter: 'meter',
  contatore: 'meter',
};

/** API field of a plan issue → the import column it comes from. */
const FIELD_COLUMN: Record<string, string> = {
  code: 'code',
  activity: 'activity',
  rrule: 'rrule',
  startsOn: 'starts_on',
  endsOn: 'ends_on',
  seasonFrom: 'season_from',
  seasonTo: 'season_to',
  meterId: 'meter_name',
  meterEvery: 'meter_every',
  lastDoneOn: 'starts_on',
  assetId: 'asset_code',
};
const columnOf = (field: string) =>
  FIELD_COLUMN[field] ??
  (field.startsWith('checklist') ? 'checklist' : field.startsWith('requiredDocuments') ? 'required_documents' : field);

export interface PlanImportResult {
  kind: PlanImportKind;
  created: number;
  updated: number;
  unchanged: number;
  opened?: number;
}

const refused = (issues: FieldIssue[]) => new AppError('IMPORT_INVALID', { count: issues.length }, issues);

/** All or nothing, as the registry import. Plans: admin and service head. Readings: the same. */
export async function importPlansFile(
  ctx: AppContext,
  actor: Actor,
  kind: PlanImportKind,
  file: Buffer,
  filename?: string,
): Promise<PlanImportResult> {
  const parsed = await parseSpreadsheet(file, filename, {
    ...DEFAULT_PARSE_LIMITS,
    maxRows: MAX_ROWS,
    maxUnpackedBytes: ctx.config.importMaxUnpackedBytes,
  });
  if (!parsed.ok) throw parsed.tooLarge ? new AppError('IMPORT_TOO_LARGE', {}, parsed.issues) : refused(parsed.issues);
  const { sheet } = parsed;
  const { columns, issues: headerIssues } = mapHeader(kind, sheet.header);
  if (sheet.rows.length === 0) throw refused([...headerIssues, { field: FILE_FIELD, rule: 'emptyFile' }]);
  const tooMany = tooManyRows(sheet);
  if (tooMany) throw refused([...headerIssues, tooMany]);
  if (headerIssues.length) throw refused(headerIssues);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const issues: FieldIssue[] = [];
    const rows = sheet.rows.map((line) => new Row(columns, line, issues));
    const result =
      kind === 'maintenance-plans' ? await importPlans(trx, actor, rows, issues, now) : await importReadings(trx, actor, rows, issues, now);
    if (issues.length) throw refused(issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
    return { kind, ...result };
  });
}

type Trx = Parameters<typeof repo.listPlans>[0];

async function importPlans(trx: Trx, actor: Actor, rows: Row[], issues: FieldIssue[], now: string) {
  const codes = (name: string) => [...new Set(rows.map((r) => r.get(name)).filter(Boolean))];
  const buildings = await repo.idsByCode(trx, 'buildings', codes('building_code'));
  const classes = await repo.idsByCode(trx, 'technology_classes', codes('technology_class_code'));
  const assets = new Map((await repo.assetsByCode(trx, codes('asset_code'))).map((a) => [a.code, a]));
  const meters = await repo.metersByAssetCodes(trx, codes('asset_code'));
  const existing = new Map((await repo.plansByCode(trx, codes('code'))).map((p) => [p.code, p]));
  const scope = planScope(actor, 'write');
  const seen = new Map<string, number>();
  const writes: Array<{ input: PlanInput; old: (typeof existing extends Map<string, infer V> ? V : never) | undefined }> = [];

  for (const r of rows) {
    r.stray();
    const before = issues.length;
    const code = r.required('code');
    if (code) {
      const first = seen.get(code);
      if (first !== undefined) r.fail('code', 'duplicateInFile', { firstRow: first });
      else seen.set(code, r.line.row);
    }
    const activity = r.required('activity');
    const ref = (name: string, map: Map<string, { id: string; active: boolean }>) => {
      const v = r.required(name);
      if (!v) return null;
      const hit = map.get(v);
      if (!hit || !hit.active) {
        r.fail(name, 'notFound');
        return null;
      }
      return hit.id;
    };
    const buildingId = ref('building_code', buildings);
    const classId = ref('technology_class_code', classes);
    let assetId: string | null = null;
    const assetCode = r.get('asset_code');
    if (assetCode) {
      const a = assets.get(assetCode);
      if (!a || Number(a.active) !== 1) r.fail('asset_code', 'notFound');
      else {
        assetId = a.id;
        if (buildingId && a.building_id !== buildingId) r.fail('asset_code', 'assetBuilding');
        if (classId && a.technology_class_id !== classId) r.fail('asset_code', 'assetClass');
      }
    }
    const kindRaw = r.required('schedule_kind');
    const scheduleKind = SCHEDULE_WORDS[kindRaw.toLowerCase()];
    if (kindRaw && !scheduleKind) r.fail('schedule_kind', 'enum', { allowed: 'calendar, floating, meter, calendario, mobile, contatore' });
    let rrule = r.get('rrule') || null;
    const months = r.get('frequency_months');
    if (months) {
      if (rrule) r.fail('frequency_months', 'frequencyOrRule');
      else if (!/^\d{1,3}$/.test(months) || Number(months) < 1 || Number(months) > 120) r.fail('frequency_months', 'monthsFormat');
      else rrule = Number(months) === 1 ? 'FREQ=MONTHLY' : `FREQ=MONTHLY;INTERVAL=${Number(months)}`;
    }
    const date = (name: string, required: boolean) => {
      const v = required ? r.required(name) : r.get(name);
      if (!v) return null;
      const d = parseDate(v);
      if (!d) r.fail(name, 'date');
      return d;
    };
    const startsOn = date('starts_on', true);
    const endsOn = date('ends_on', false);
    const shiftRaw = r.get('shift').toLowerCase();
    if (shiftRaw && shiftRaw !== 'next' && shiftRaw !== 'previous') r.fail('shift', 'enum', { allowed: 'next, previous' });
    let meterId: string | null = null;
    const meterName = r.get('meter_name');
    if (meterName) {
      const m = meters.find((x) => x.asset_code === assetCode && x.name.toLowerCase() === meterName.toLowerCase());
      if (!m) r.fail('meter_name', 'notFound');
      else meterId = m.id;
    }
    let meterEvery: number | null = null;
    if (r.get('meter_every')) {
      meterEvery = parseDecimal(r.get('meter_every'));
      if (meterEvery === null) r.fail('meter_every', 'number');
    }
    let estimatedMinutes: number | null = null;
    if (r.get('estimated_minutes')) {
      const n = r.get('estimated_minutes');
      if (!/^\d{1,6}$/.test(n) || Number(n) < 1) r.fail('estimated_minutes', 'number');
      else estimatedMinutes = Number(n);
    }
    const checklist = parseChecklist(r.get('checklist'));
    if (checklist === null) r.fail('checklist', 'checklistFormat');
    const docs = r
      .get('required_documents')
      .split(/[,;]/)
      .map((d) => d.trim())
      .filter(Boolean);
    const bad = docs.filter((d) => !(PLAN_DOCUMENTS as readonly string[]).includes(d));
    if (bad.length) r.fail('required_documents', 'requiredDocument', { allowed: PLAN_DOCUMENTS.join(', ') });
    if (!code || !activity || !buildingId || !classId || !scheduleKind || !startsOn) continue;

    const input = normalisePlan({
      code,
      activity,
      description: r.get('description') || null,
      buildingId,
      technologyClassId: classId,
      assetId,
      scheduleKind,
      rrule,
      startsOn,
      endsOn,
      seasonFrom: r.get('season_from') || null,
      seasonTo: r.get('season_to') || null,
      shift: (shiftRaw || 'next') as 'next' | 'previous',
      lastDoneOn: null,
      meterId,
      meterEvery,
      checklist: checklist ?? [],
      requiredDocuments: docs,
      regulation: r.get('regulation') || null,
      estimatedMinutes,
    });
    // Every bad cell once: a column already refused above is not refused again by the plan's rules.
    const reported = new Set(issues.slice(before).map((i) => i.field));
    for (const i of validatePlan(input)) if (!reported.has(columnOf(i.field))) r.fail(columnOf(i.field), i.rule, i.params);
    if (issues.length > before) continue;
    if (!(await repo.pairInScope(trx, scope, buildingId, classId))) {
      r.fail('building_code', 'notFound');
      continue;
    }
    writes.push({ input, old: existing.get(code) });
  }
  const counts = { created: 0, updated: 0, unchanged: 0 };
  if (issues.length) return counts;

  for (const { input, old } of writes) {
    const columns = {
      code: input.code,
      activity: input.activity,
      description: input.description,
      building_id: input.buildingId,
      technology_class_id: input.technologyClassId,
      asset_id: input.assetId,
      schedule_kind: input.scheduleKind,
      rrule: input.rrule,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      season_from: input.seasonFrom,
      season_to: input.seasonTo,
      shift: input.shift,
      meter_id: input.meterId,
      meter_every_milli: input.meterEvery === null ? null : Math.round(input.meterEvery * 1000),
      checklist: JSON.stringify(input.checklist),
      required_documents: JSON.stringify(input.requiredDocuments),
      regulation: input.regulation,
      estimated_minutes: input.estimatedMinutes,
    };
    if (!old) {
      const last =
        input.meterId && columns.meter_every_milli
          ? thresholdBehind(await repo.highestReadingMilli(trx, input.meterId), columns.meter_every_milli)
          : null;
      await repo.insertPlan(trx, {
        id: newId(),
        ...columns,
        meter_last_trigger_milli: last,
        active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      counts.created++;
      continue;
    }
    const same =
      (Object.keys(columns) as (keyof typeof columns)[]).every((k) => String(old[k] ?? '') === String(columns[k] ?? '')) &&
      Number(old.active) === 1;
    if (same) {
      counts.unchanged++;
      continue;
    }
    await repo.updatePlan(trx, old.id, Number(old.version), { ...columns, active: 1 }, now);
    counts.updated++;
  }
  return counts;
}

/** A date alone is read at noon in Rome; a date and time without offset is Rome's local time. */
export function parseReadAt(s: string): string | null {
  const v = s.trim();
  const d = parseDate(v);
  if (d) return DateTime.fromISO(`${d}T12:00:00`, { zone: 'Europe/Rome' }).toUTC().toISO();
  const t = DateTime.fromISO(v.replace(' ', 'T'), { zone: 'Europe/Rome', setZone: false });
  return t.isValid ? t.toUTC().toISO() : null;
}

async function importReadings(trx: Trx, actor: Actor, rows: Row[], issues: FieldIssue[], now: string) {
  const meters = await repo.metersByAssetCodes(trx, [...new Set(rows.map((r) => r.get('asset_code')).filter(Boolean))]);
  const scope = planScope(actor, 'reading');
  const good: Array<{ meterId: string; valueMilli: number; readAt: string }> = [];
  for (const r of rows) {
    r.stray();
    const before = issues.length;
    const assetCode = r.required('asset_code');
    const name = r.required('meter_name');
    const valueRaw = r.required('value');
    const readRaw = r.required('read_at');
    const meter =
      assetCode && name ? meters.find((m) => m.asset_code === assetCode && m.name.toLowerCase() === name.toLowerCase()) : undefined;
    if (assetCode && name && !meter) r.fail('meter_name', 'notFound');
    if (meter && !(await repo.pairInScope(trx, scope, meter.building_id, meter.technology_class_id))) r.fail('asset_code', 'notFound');
    const value = valueRaw ? parseDecimal(valueRaw) : null;
    if (valueRaw && (value === null || value < 0)) r.fail('value', 'number');
    const readAt = readRaw ? parseReadAt(readRaw) : null;
    if (readRaw && !readAt) r.fail('read_at', 'instant');
    else if (readAt && readAt > now) r.fail('read_at', 'maximum', { limit: now });
    if (issues.length > before || !meter || value === null || !readAt) continue;
    good.push({ meterId: meter.id, valueMilli: Math.round(value * 1000), readAt });
  }
  if (issues.length) return { created: 0, updated: 0, unchanged: 0 };
  // In time order, so thresholds open as they would have reading by reading.
  good.sort((a, b) => a.readAt.localeCompare(b.readAt));
  let opened = 0;
  for (const g of good) {
    opened += (
      await insertReadingAndTrigger(trx, g.meterId, g.valueMilli, g.readAt, 'import', actor === 'system' ? null : actor.userId, now)
    ).opened.length;
  }
  return { created: good.length, updated: 0, unchanged: 0, opened };
}
