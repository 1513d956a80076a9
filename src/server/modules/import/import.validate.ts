// Row validation of an import: rows of strings + lookup maps → every issue, or a write plan.
// Pure: no database, no clock, no ids. The repository loads the lookups and carries out the plan.
import type { FieldIssue } from '../../errors.ts';
import type { Sheet, SheetRow } from './import.parse.ts';
import { FILE_FIELD } from './import.parse.ts';

export const IMPORT_KINDS = ['buildings', 'spaces', 'assets'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Data rows accepted in one file. */
export const MAX_ROWS = 50_000;

export const LIMITS = {
  code: 50,
  name: 200,
  address: 300,
  use: 100,
  serialNumber: 100,
  /** Largest area in m²: area_cm2 is a 32-bit integer column (2^31 cm² ≈ 214,748 m²). */
  areaM2: 200_000,
  levelMin: -20,
  levelMax: 200,
} as const;

interface ColumnSpec {
  name: string;
  /** Must appear in the header. Optional columns may be left out: then updates leave that field alone. */
  required: boolean;
}

const col = (name: string, required = true): ColumnSpec => ({ name, required });

export const COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = {
  buildings: [
    col('site_code'),
    col('code'),
    col('name'),
    col('address'),
    col('competence'),
    col('department_code', false),
    col('notify_occupants', false),
    col('new_ticket_notices', false),
  ],
  spaces: [
    col('building_code'),
    col('floor_code'),
    col('floor_name', false),
    col('floor_level', false),
    col('code'),
    col('name'),
    col('use', false),
    col('area_m2', false),
  ],
  assets: [
    col('code'),
    col('name'),
    col('technology_class_code'),
    col('building_code'),
    col('space_code', false),
    col('serial_number', false),
  ],
};

/** Where each known column sits in the rows; positions with a blank header are remembered too. */
export interface Columns {
  kind: ImportKind;
  index: Map<string, number>;
  /** Positions of unknown or repeated header names (reported once, on the header row). */
  unknown: Set<number>;
  /** Positions of known columns. */
  known: Set<number>;
}

/** Spreadsheet letters of a 0-based column position: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Header names are matched trimmed and case-insensitively. */
export function mapHeader(kind: ImportKind, header: SheetRow): { columns: Columns; issues: FieldIssue[] } {
  const specs = COLUMNS[kind];
  const known = new Set(specs.map((s) => s.name));
  const index = new Map<string, number>();
  const unknown = new Set<number>();
  const issues: FieldIssue[] = [];
  header.cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === '') return; // a blank header cell: only data under it is an error (see unexpectedCells)
    if (!known.has(name)) {
      unknown.add(i);
      issues.push({ field: raw.trim(), rule: 'unknownColumn', row: header.row });
    } else if (index.has(name)) {
      unknown.add(i);
      issues.push({ field: name, rule: 'duplicateColumn', row: header.row });
    } else index.set(name, i);
  });
  for (const s of specs) {
    if (s.required && !index.has(s.name)) issues.push({ field: s.name, rule: 'missingColumn', row: header.row });
  }
  return { columns: { kind, index, unknown, known: new Set(index.values()) }, issues };
}

// ---------------------------------------------------------------------------------------------
// Values

export type Parsed<T> = { ok: true; value: T } | { ok: false; rule: string; params?: Record<string, unknown> };

/**
 * An area in m² → integer cm² (m² × 10000), rounded half up beyond the fourth decimal.
 * Accepts '12,5', '12.5', '1.234,5', '1,234.5', '1.234.567'; a lone separator is decimal.
 */
export function parseAreaCm2(input: string): Parsed<number> {
  const s = input.trim().replace(/\s*m(²|2|q)$/i, '');
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  let intPart: string;
  let frac = '';
  let m: RegExpMatchArray | null;
  if ((m = body.match(/^(\d+)(?:[.,](\d+))?$/))) [intPart, frac] = [m[1], m[2] ?? ''];
  else if ((m = body.match(/^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/))) [intPart, frac] = [m[1].replaceAll('.', ''), m[2] ?? ''];
  else if ((m = body.match(/^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/))) [intPart, frac] = [m[1].replaceAll(',', ''), m[2] ?? ''];
  else return { ok: false, rule: 'number' };
  if (negative && /[1-9]/.test(intPart + frac)) return { ok: false, rule: 'minimum', params: { limit: 0 } };
  const whole = Number(intPart);
  if (whole > LIMITS.areaM2) return { ok: false, rule: 'maximum', params: { limit: LIMITS.areaM2 } };
  const four = Number((frac + '0000').slice(0, 4));
  const roundUp = frac.length > 4 && Number(frac[4]) >= 5 ? 1 : 0;
  const cm2 = whole * 10_000 + four + roundUp;
  if (cm2 > LIMITS.areaM2 * 10_000) return { ok: false, rule: 'maximum', params: { limit: LIMITS.areaM2 } };
  return { ok: true, value: cm2 };
}

/** A floor level: a whole number, negative below ground ('-1'); '2.0' from a spreadsheet is 2. */
export function parseLevel(input: string): Parsed<number> {
  const m = input.trim().match(/^([+-]?\d+)(?:[.,]0+)?$/);
  if (!m) return { ok: false, rule: 'number' };
  const n = Number(m[1]);
  if (n < LIMITS.levelMin) return { ok: false, rule: 'minimum', params: { limit: LIMITS.levelMin } };
  if (n > LIMITS.levelMax) return { ok: false, rule: 'maximum', params: { limit: LIMITS.levelMax } };
  return { ok: true, value: n === 0 ? 0 : n }; // no -0
}

export const COMPETENCE_VALUES = 'central, department, centrale, dipartimento';
const COMPETENCE: Record<string, 'central' | 'department'> = {
  central: 'central',
  centrale: 'central',
  department: 'department',
  dipartimento: 'department',
  dipartimentale: 'department',
};

const YES_NO: Record<string, 0 | 1> = { yes: 1, no: 0, si: 1, sì: 1, true: 1, false: 0, '1': 1, '0': 0 };
/** A yes/no cell (English or Italian, any case); blank = no. */
export function parseYesNo(input: string): Parsed<0 | 1> {
  const v = input.trim() === '' ? 0 : YES_NO[input.trim().toLowerCase()];
  return v !== undefined ? { ok: true, value: v } : { ok: false, rule: 'enum', params: { allowed: 'yes, no, sì, no' } };
}

export const NEW_TICKET_NOTICES_VALUES = 'all, danger, none, tutte, pericolo, nessuna';
const NEW_TICKET_NOTICES: Record<string, 'all' | 'danger' | 'none'> = {
  all: 'all',
  tutte: 'all',
  danger: 'danger',
  pericolo: 'danger',
  none: 'none',
  nessuna: 'none',
};
/** Which new tickets reach the building's managers (#9 item 2), English or Italian, any case; blank = all (the default). */
export function parseNewTicketNotices(input: string): Parsed<'all' | 'danger' | 'none'> {
  const v = input.trim() === '' ? 'all' : NEW_TICKET_NOTICES[input.trim().toLowerCase()];
  return v ? { ok: true, value: v } : { ok: false, rule: 'enum', params: { allowed: NEW_TICKET_NOTICES_VALUES } };
}

export function parseCompetence(input: string): Parsed<'central' | 'department'> {
  const v = COMPETENCE[input.trim().toLowerCase()];
  return v ? { ok: true, value: v } : { ok: false, rule: 'enum', params: { allowed: COMPETENCE_VALUES } };
}

// ---------------------------------------------------------------------------------------------
// Lookups (loaded by the repository for the codes the file mentions) and plans (what to write)

export interface Ref {
  id: string;
  active: boolean;
}
/** Key of things whose code is unique within a building (floors, spaces). */
export const pairKey = (buildingId: string, code: string) => `${buildingId}\u0000${code}`;

export interface ExistingBuilding {
  id: string;
  site_id: string;
  name: string;
  address: string;
  competence: string;
  competence_department_id: string | null;
  notify_occupants_planned: number;
  new_ticket_notices: string;
}
export interface ExistingFloor {
  id: string;
  name: string;
  level: number;
}
export interface ExistingSpace {
  id: string;
  floor_id: string;
  name: string;
  use: string | null;
  area_cm2: number | null;
}
export interface ExistingAsset {
  id: string;
  name: string;
  technology_class_id: string;
  building_id: string;
  space_id: string | null;
  serial_number: string | null;
}

export interface BuildingsLookups {
  sites: Map<string, Ref>;
  departments: Map<string, Ref>;
  /** By code. */
  buildings: Map<string, ExistingBuilding>;
}
export interface SpacesLookups {
  buildings: Map<string, Ref>;
  /** By pairKey(buildingId, floor code). */
  floors: Map<string, ExistingFloor>;
  /** By pairKey(buildingId, space code). */
  spaces: Map<string, ExistingSpace>;
}
export interface AssetsLookups {
  classes: Map<string, Ref>;
  buildings: Map<string, Ref>;
  /** By pairKey(buildingId, space code). */
  spaces: Map<string, Ref>;
  /** By code. */
  assets: Map<string, ExistingAsset>;
}

/** The codes a file refers to, so the repository loads only those. */
export interface References {
  sites: Set<string>;
  departments: Set<string>;
  classes: Set<string>;
  buildings: Set<string>;
  /** Codes of the imported things themselves (buildings or assets). */
  own: Set<string>;
  spaces: Set<string>;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface BuildingValues {
  code: string;
  site_id: string;
  name: string;
  address: string;
  competence: 'central' | 'department';
  competence_department_id: string | null;
  /** Only when the file has the notify_occupants column (absent: updates leave the setting alone). */
  notify_occupants_planned?: 0 | 1;
  /** Only when the file has the new_ticket_notices column (absent: updates leave the setting alone, new buildings get all). */
  new_ticket_notices?: 'all' | 'danger' | 'none';
}
export interface FloorValues {
  building_id: string;
  code: string;
  name: string;
  level: number;
}
export interface SpaceValues {
  building_id: string;
  floorKey: string;
  code: string;
  name: string;
  use: string | null;
  area_cm2: number | null;
}
export interface AssetValues {
  code: string;
  name: string;
  technology_class_id: string;
  building_id: string;
  space_id: string | null;
  serial_number: string | null;
}

export type ImportPlan =
  | { kind: 'buildings'; counts: Counts; rows: BuildingValues[]; withNotify: boolean; withNewTicketNotices: boolean }
  | {
      kind: 'spaces';
      counts: Counts;
      /** New floors and existing floors whose name or level changes. */
      floors: FloorValues[];
      /** Ids of existing floors by pairKey; new ones get theirs when written. */
      floorIds: Map<string, string>;
      rows: SpaceValues[];
      /** Optional columns present in the file: only these change on update. */
      optional: ('use' | 'area_cm2')[];
    }
  | { kind: 'assets'; counts: Counts; rows: AssetValues[]; optional: ('space_id' | 'serial_number')[] };

export type Lookups = BuildingsLookups | SpacesLookups | AssetsLookups;
export type ValidationResult = { ok: true; plan: ImportPlan } | { ok: false; issues: FieldIssue[] };

// ---------------------------------------------------------------------------------------------
// Row access

/** Reads one row by column name and records issues against its row number. */
class RowReader {
  readonly issues: FieldIssue[] = [];
  constructor(
    private columns: Columns,
    readonly line: SheetRow,
    private sink: FieldIssue[],
  ) {}

  has(name: string) {
    return this.columns.index.has(name);
  }
  get(name: string): string {
    const i = this.columns.index.get(name);
    return i === undefined ? '' : (this.line.cells[i] ?? '').trim();
  }
  fail(field: string, rule: string, params?: Record<string, unknown>) {
    const issue: FieldIssue = { field, rule, row: this.line.row, ...(params ? { params } : {}) };
    this.issues.push(issue);
    this.sink.push(issue);
  }
  get ok() {
    return this.issues.length === 0;
  }

  /**
   * A required value with a length limit; '' when missing or too long. A required column absent
   * from the header was reported once on row 1, so its rows are not reported again.
   */
  text(name: string, limit: number, required: boolean): string {
    const v = this.get(name);
    if (v === '') {
      if (required && this.has(name)) this.fail(name, 'required');
      return '';
    }
    if (v.length > limit) {
      this.fail(name, 'maxLength', { limit });
      return '';
    }
    return v;
  }

  /** Data under a blank header cell, or beyond the header, is an error: it would be lost. */
  checkStrayCells() {
    this.line.cells.forEach((v, i) => {
      if (v !== '' && !this.columns.known.has(i) && !this.columns.unknown.has(i)) this.fail(columnLetter(i), 'unknownColumn');
    });
  }
}

function lookup(r: RowReader, map: Map<string, Ref>, field: string, code: string): string | null {
  if (!code) return null;
  const ref = map.get(code);
  if (!ref || !ref.active) {
    r.fail(field, 'notFound');
    return null;
  }
  return ref.id;
}

/** Remembers the first row of each key; a later row with the same key is `duplicateInFile`. */
class FirstSeen {
  private rows = new Map<string, number>();
  check(r: RowReader, field: string, key: string): boolean {
    const first = this.rows.get(key);
    if (first !== undefined) {
      r.fail(field, 'duplicateInFile', { firstRow: first });
      return false;
    }
    this.rows.set(key, r.line.row);
    return true;
  }
}

const byRow = (a: FieldIssue, b: FieldIssue) => (a.row ?? 0) - (b.row ?? 0);

export function referencedCodes(sheet: Sheet, columns: Columns): References {
  const refs: References = {
    sites: new Set(),
    departments: new Set(),
    classes: new Set(),
    buildings: new Set(),
    own: new Set(),
    spaces: new Set(),
  };
  const at = (line: SheetRow, name: string) => {
    const i = columns.index.get(name);
    return i === undefined ? '' : (line.cells[i] ?? '').trim();
  };
  const add = (set: Set<string>, v: string) => {
    if (v) set.add(v);
  };
  for (const line of sheet.rows) {
    if (columns.kind === 'buildings') {
      add(refs.sites, at(line, 'site_code'));
      add(refs.departments, at(line, 'department_code'));
      add(refs.own, at(line, 'code'));
    } else if (columns.kind === 'spaces') {
      add(refs.buildings, at(line, 'building_code'));
      add(refs.spaces, at(line, 'code'));
    } else {
      add(refs.classes, at(line, 'technology_class_code'));
      add(refs.buildings, at(line, 'building_code'));
      add(refs.spaces, at(line, 'space_code'));
      add(refs.own, at(line, 'code'));
    }
  }
  return refs;
}

// ---------------------------------------------------------------------------------------------
// Per kind

export function validateRows(sheet: Sheet, columns: Columns, lookups: Lookups): ValidationResult {
  const issues: FieldIssue[] = [];
  const plan =
    columns.kind === 'buildings'
      ? validateBuildings(sheet, columns, lookups as BuildingsLookups, issues)
      : columns.kind === 'spaces'
        ? validateSpaces(sheet, columns, lookups as SpacesLookups, issues)
        : validateAssets(sheet, columns, lookups as AssetsLookups, issues);
  if (issues.length) return { ok: false, issues: issues.sort(byRow) };
  return { ok: true, plan };
}

function validateBuildings(sheet: Sheet, columns: Columns, lk: BuildingsLookups, issues: FieldIssue[]): ImportPlan {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const rows: BuildingValues[] = [];
  const seen = new FirstSeen();
  for (const line of sheet.rows) {
    const r = new RowReader(columns, line, issues);
    r.checkStrayCells();
    const siteCode = r.text('site_code', LIMITS.code, true);
    const code = r.text('code', LIMITS.code, true);
    if (code) seen.check(r, 'code', code);
    const name = r.text('name', LIMITS.name, true);
    const address = r.text('address', LIMITS.address, true);
    const competenceRaw = r.text('competence', LIMITS.code, true);
    const departmentCode = r.text('department_code', LIMITS.code, false);
    let notify: 0 | 1 | undefined;
    if (r.has('notify_occupants')) {
      const n = parseYesNo(r.text('notify_occupants', LIMITS.code, false));
      if (n.ok) notify = n.value;
      else r.fail('notify_occupants', n.rule, n.params);
    }
    let newTicketNotices: 'all' | 'danger' | 'none' | undefined;
    if (r.has('new_ticket_notices')) {
      const n = parseNewTicketNotices(r.text('new_ticket_notices', LIMITS.code, false));
      if (n.ok) newTicketNotices = n.value;
      else r.fail('new_ticket_notices', n.rule, n.params);
    }
    const siteId = lookup(r, lk.sites, 'site_code', siteCode);
    let competence: 'central' | 'department' | null = null;
    if (competenceRaw) {
      const c = parseCompetence(competenceRaw);
      if (c.ok) competence = c.value;
      else r.fail('competence', c.rule, c.params);
    }
    let departmentId: string | null = null;
    if (competence === 'department') {
      if (!departmentCode) r.fail('department_code', 'departmentRequired');
      else departmentId = lookup(r, lk.departments, 'department_code', departmentCode);
    }
    // A department code next to a central competence is ignored: central buildings have none.
    if (!r.ok || !siteId || !code || !name || !address || !competence) continue;
    const values: BuildingValues = {
      code,
      site_id: siteId,
      name,
      address,
      competence,
      competence_department_id: competence === 'department' ? departmentId : null,
      ...(notify !== undefined ? { notify_occupants_planned: notify } : {}),
      ...(newTicketNotices !== undefined ? { new_ticket_notices: newTicketNotices } : {}),
    };
    const old = lk.buildings.get(code);
    if (!old) counts.created++;
    else if (
      old.site_id === values.site_id &&
      old.name === values.name &&
      old.address === values.address &&
      old.competence === values.competence &&
      old.competence_department_id === values.competence_department_id &&
      (values.notify_occupants_planned === undefined || Number(old.notify_occupants_planned) === values.notify_occupants_planned) &&
      (values.new_ticket_notices === undefined || old.new_ticket_notices === values.new_ticket_notices)
    ) {
      counts.unchanged++;
      continue;
    } else counts.updated++;
    rows.push(values);
  }
  return {
    kind: 'buildings',
    counts,
    rows,
    withNotify: columns.index.has('notify_occupants'),
    withNewTicketNotices: columns.index.has('new_ticket_notices'),
  };
}

interface FloorDraft {
  buildingId: string;
  code: string;
  firstRow: number;
  name?: string;
  nameRow?: number;
  level?: number;
  levelRow?: number;
  /** A row gave a value that did not parse: do not also say it is missing. */
  badName: boolean;
  badLevel: boolean;
  existing?: ExistingFloor;
}

function validateSpaces(sheet: Sheet, columns: Columns, lk: SpacesLookups, issues: FieldIssue[]): ImportPlan {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const seen = new FirstSeen();
  const floors = new Map<string, FloorDraft>();
  const drafts: (SpaceValues & { row: number })[] = [];
  for (const line of sheet.rows) {
    const r = new RowReader(columns, line, issues);
    r.checkStrayCells();
    const buildingCode = r.text('building_code', LIMITS.code, true);
    const floorCode = r.text('floor_code', LIMITS.code, true);
    const floorNameRaw = r.get('floor_name');
    const floorName = r.text('floor_name', LIMITS.name, false);
    const levelRaw = r.get('floor_level');
    let level: number | undefined;
    if (levelRaw) {
      const l = parseLevel(levelRaw);
      if (l.ok) level = l.value;
      else r.fail('floor_level', l.rule, l.params);
    }
    const code = r.text('code', LIMITS.code, true);
    if (code && buildingCode) seen.check(r, 'code', `${buildingCode}\u0000${code}`);
    const name = r.text('name', LIMITS.name, true);
    const use = r.text('use', LIMITS.use, false);
    let area: number | null = null;
    const areaRaw = r.get('area_m2');
    if (areaRaw) {
      const a = parseAreaCm2(areaRaw);
      if (a.ok) area = a.value;
      else r.fail('area_m2', a.rule, a.params);
    }
    const buildingId = lookup(r, lk.buildings, 'building_code', buildingCode);

    let floorKey: string | null = null;
    if (buildingId && floorCode) {
      floorKey = pairKey(buildingId, floorCode);
      let f = floors.get(floorKey);
      if (!f) {
        f = { buildingId, code: floorCode, firstRow: line.row, badName: false, badLevel: false, existing: lk.floors.get(floorKey) };
        floors.set(floorKey, f);
      }
      if (floorNameRaw && !floorName) f.badName = true;
      if (floorName) {
        if (f.name === undefined) [f.name, f.nameRow] = [floorName, line.row];
        else if (f.name !== floorName) r.fail('floor_name', 'inconsistentInFile', { firstRow: f.nameRow });
      }
      if (levelRaw && level === undefined) f.badLevel = true;
      if (level !== undefined) {
        if (f.level === undefined) [f.level, f.levelRow] = [level, line.row];
        else if (f.level !== level) r.fail('floor_level', 'inconsistentInFile', { firstRow: f.levelRow });
      }
    }
    if (!r.ok || !buildingId || !floorKey || !code || !name) continue;
    drafts.push({
      row: line.row,
      building_id: buildingId,
      floorKey,
      code,
      name,
      use: use || null,
      area_cm2: area,
    });
  }

  const floorValues: FloorValues[] = [];
  const floorIds = new Map<string, string>();
  for (const [key, f] of floors) {
    if (f.existing) {
      floorIds.set(key, f.existing.id);
      const name = f.name ?? f.existing.name;
      const level = f.level ?? f.existing.level;
      if (name !== f.existing.name || level !== f.existing.level)
        floorValues.push({ building_id: f.buildingId, code: f.code, name, level });
      continue;
    }
    // A new floor: some row of the file must name it and give its level.
    if (f.name === undefined && !f.badName) issues.push({ field: 'floor_name', rule: 'required', row: f.firstRow });
    if (f.level === undefined && !f.badLevel) issues.push({ field: 'floor_level', rule: 'required', row: f.firstRow });
    if (f.name !== undefined && f.level !== undefined)
      floorValues.push({ building_id: f.buildingId, code: f.code, name: f.name, level: f.level });
  }

  const optional: ('use' | 'area_cm2')[] = [];
  if (columns.index.has('use')) optional.push('use');
  if (columns.index.has('area_m2')) optional.push('area_cm2');
  const rows: SpaceValues[] = [];
  for (const { row: _row, ...d } of drafts) {
    const old = lk.spaces.get(pairKey(d.building_id, d.code));
    if (!old) counts.created++;
    else if (
      old.floor_id === floorIds.get(d.floorKey) &&
      old.name === d.name &&
      (!optional.includes('use') || old.use === d.use) &&
      (!optional.includes('area_cm2') || old.area_cm2 === d.area_cm2)
    ) {
      counts.unchanged++;
      continue;
    } else counts.updated++;
    rows.push(d);
  }
  return { kind: 'spaces', counts, floors: floorValues, floorIds, rows, optional };
}

function validateAssets(sheet: Sheet, columns: Columns, lk: AssetsLookups, issues: FieldIssue[]): ImportPlan {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const rows: AssetValues[] = [];
  const seen = new FirstSeen();
  const hasSpace = columns.index.has('space_code');
  const hasSerial = columns.index.has('serial_number');
  for (const line of sheet.rows) {
    const r = new RowReader(columns, line, issues);
    r.checkStrayCells();
    const code = r.text('code', LIMITS.code, true);
    if (code) seen.check(r, 'code', code);
    const name = r.text('name', LIMITS.name, true);
    const classCode = r.text('technology_class_code', LIMITS.code, true);
    const buildingCode = r.text('building_code', LIMITS.code, true);
    const spaceCode = r.text('space_code', LIMITS.code, false);
    const serial = r.text('serial_number', LIMITS.serialNumber, false);
    const classId = lookup(r, lk.classes, 'technology_class_code', classCode);
    const buildingId = lookup(r, lk.buildings, 'building_code', buildingCode);
    let spaceId: string | null = null;
    if (buildingId && spaceCode) spaceId = lookup(r, lk.spaces, 'space_code', pairKey(buildingId, spaceCode));
    const old = code ? lk.assets.get(code) : undefined;
    // Moving an asset to another building without saying its space would leave it in a foreign space.
    if (old && buildingId && !hasSpace && old.space_id && old.building_id !== buildingId) r.fail('space_code', 'spaceBuilding');
    if (!r.ok || !code || !name || !classId || !buildingId) continue;
    const values: AssetValues = {
      code,
      name,
      technology_class_id: classId,
      building_id: buildingId,
      space_id: spaceId,
      serial_number: serial || null,
    };
    if (!old) counts.created++;
    else if (
      old.name === values.name &&
      old.technology_class_id === values.technology_class_id &&
      old.building_id === values.building_id &&
      (!hasSpace || old.space_id === values.space_id) &&
      (!hasSerial || old.serial_number === values.serial_number)
    ) {
      counts.unchanged++;
      continue;
    } else counts.updated++;
    rows.push(values);
  }
  const optional: ('space_id' | 'serial_number')[] = [];
  if (hasSpace) optional.push('space_id');
  if (hasSerial) optional.push('serial_number');
  return { kind: 'assets', counts, rows, optional };
}

/** File-level issue for more rows than MAX_ROWS; `row` is the first row beyond the limit. */
export function tooManyRows(sheet: Sheet): FieldIssue | null {
  if (sheet.rows.length <= MAX_ROWS) return null;
  return { field: FILE_FIELD, rule: 'maxItems', params: { limit: MAX_ROWS }, row: sheet.rows[MAX_ROWS].row };
}
