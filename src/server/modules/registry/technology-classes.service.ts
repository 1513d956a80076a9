import type { TechnologyClass } from '../../../shared/schemas/registry.ts';
import { auditedOut } from './common.ts';
import type { EntityDef } from './crud.service.ts';

export const technologyClasses: EntityDef<TechnologyClass> = {
  collection: 'technologyClasses',
  table: 'technology_classes',
  sort: 'code',
  search: ['code', 'name_it', 'name_en'],
  unique: [{ field: 'code', column: 'code' }],
  text: ['code', 'nameIt', 'nameEn'],
  present: async (_db, rows) =>
    rows.map((r) => ({
      ...auditedOut(r),
      code: r.code,
      nameIt: r.name_it,
      nameEn: r.name_en,
      dm37Letter: r.dm37_letter,
    })),
  toRow: (i) => ({ code: i.code, name_it: i.nameIt, name_en: i.nameEn, dm37_letter: i.dm37Letter ?? null }),
  validate: () => [],
};
