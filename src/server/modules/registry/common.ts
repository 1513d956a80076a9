// Helpers shared by the registry collections: cursors, unit conversions, engine error mapping.
// No SQL here (that lives in the repositories).
import { AppError, invalid, type FieldIssue } from '../../errors.ts';
import type { Row } from './common.repository.ts';

/** Opaque keyset cursor: the sort value and id of the last row of the page, base64url JSON. */
export type Cursor = [string, string];

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as Cursor;
  } catch {
    // fall through
  }
  throw invalid([{ field: 'cursor', rule: 'pattern' }]);
}

/** SQLite returns 0/1, PostgreSQL integers too; both become booleans here. */
export const bool = (v: unknown): boolean => v === true || v === 1 || v === '1';

/** The common fields of every registry row, as the API names them. */
export const auditedOut = (r: Row) => ({
  id: r.id as string,
  active: bool(r.active),
  version: Number(r.version),
  createdAt: r.created_at as string,
  updatedAt: r.updated_at as string,
});

/** True when a number has at most two decimals (percentages, square metres). */
export const twoDecimals = (n: number): boolean => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/** 33.33 % ↔ 3333 basis points. */
export const percentToBp = (p: number): number => Math.round(p * 100);
export const bpToPercent = (bp: number | string): number => Number(bp) / 100;

/** m² ↔ cm² (× 10000): integer storage keeps the decimals of m² exact. */
export const m2ToCm2 = (m2: number | null | undefined): number | null => (m2 == null ? null : Math.round(m2 * 10000));
export const cm2ToM2 = (cm2: number | string | null): number | null => (cm2 == null ? null : Number(cm2) / 10000);

/** Each id once, in the order given. */
export const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** A unique field that clashes: 409 DUPLICATE naming the field and the value. */
export const duplicate = (field: string, value: unknown): AppError =>
  new AppError('DUPLICATE', { field, value: String(value) }, [{ field, rule: 'unique' }]);

export const referenceErrors = (issues: FieldIssue[]): AppError => new AppError('INVALID_REFERENCE', {}, issues);

interface EngineError {
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

/**
 * The columns of a unique constraint the engine refused, or null when `err` is no such error.
 * SQLite: code SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, message "UNIQUE constraint failed: t.a, t.b".
 * PostgreSQL: code 23505, detail "Key (a, b)=(…) already exists.".
 */
export function uniqueViolationColumns(err: unknown): string[] | null {
  const e = err as EngineError;
  if (e?.code === '23505') {
    const m = /Key \(([^)]+)\)=/.exec(e.detail ?? '');
    return m ? m[1].split(',').map((c) => c.trim()) : [];
  }
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const m = /constraint failed: (.+)$/.exec(e.message ?? '');
    return m ? m[1].split(',').map((c) => c.trim().split('.').pop()!) : [];
  }
  return null;
}

/** True when the engine refused a row whose reference points nowhere. */
export const isForeignKeyViolation = (err: unknown): boolean => {
  const code = (err as EngineError)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
};
