import type { Floor } from '../../../shared/schemas/registry.ts';
import { auditedOut } from './common.ts';
import { missingReferences, type EntityDef } from './crud.service.ts';

export const floors: EntityDef<Floor> = {
  collection: 'floors',
  table: 'floors',
  sort: 'code',
  search: ['code', 'name'],
  filters: { buildingId: 'building_id' },
  unique: [{ field: 'code', column: 'code', within: { field: 'buildingId', column: 'building_id' } }],
  text: ['code', 'name'],
  present: async (_db, rows) =>
    rows.map((r) => ({
      ...auditedOut(r),
      buildingId: r.building_id,
      code: r.code,
      name: r.name,
      level: Number(r.level),
    })),
  toRow: (i) => ({ building_id: i.buildingId, code: i.code, name: i.name, level: i.level }),
  validate: () => [],
  buildingOf: (i) => i.buildingId,
  references: (db, i) => missingReferences(db, 'buildings', [{ field: 'buildingId', id: i.buildingId }]),
};
