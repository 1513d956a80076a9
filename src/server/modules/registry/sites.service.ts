import type { Site } from '../../../shared/schemas/registry.ts';
import type { FieldIssue } from '../../errors.ts';
import { auditedOut } from './common.ts';
import type { EntityDef } from './crud.service.ts';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; // 29 Feb is a day in some years

/** MM-DD naming a day that exists (a patron saint's feast). */
export function isMonthDay(v: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1];
}

export const sites: EntityDef<Site> = {
  collection: 'sites',
  table: 'sites',
  sort: 'code',
  search: ['code', 'name', 'city'],
  unique: [{ field: 'code', column: 'code' }],
  text: ['code', 'name', 'city'],
  present: async (_db, rows) =>
    rows.map((r) => ({
      ...auditedOut(r),
      code: r.code,
      name: r.name,
      city: r.city,
      patronSaint: r.patron_saint,
    })),
  toRow: (i) => ({ code: i.code, name: i.name, city: i.city, patron_saint: i.patronSaint ?? null }),
  validate: (i) => {
    const issues: FieldIssue[] = [];
    if (i.patronSaint != null && !isMonthDay(i.patronSaint)) issues.push({ field: 'patronSaint', rule: 'mmdd' });
    return issues;
  },
};
