import type { Space } from '../../../shared/schemas/registry.ts';
import type { FieldIssue } from '../../errors.ts';
import { auditedOut, cm2ToM2, m2ToCm2 } from './common.ts';
import { rowsById } from './common.repository.ts';
import { missingReferences, type EntityDef } from './crud.service.ts';

export const spaces: EntityDef<Space> = {
  collection: 'spaces',
  table: 'spaces',
  sort: 'code',
  search: ['code', 'name'],
  filters: { buildingId: 'building_id', floorId: 'floor_id' },
  unique: [{ field: 'code', column: 'code', within: { field: 'buildingId', column: 'building_id' } }],
  text: ['code', 'name'],
  present: async (_db, rows) =>
    rows.map((r) => ({
      ...auditedOut(r),
      buildingId: r.building_id,
      floorId: r.floor_id,
      code: r.code,
      name: r.name,
      use: r.use,
      areaM2: cm2ToM2(r.area_cm2),
      allocationKind: r.allocation_kind ?? null,
      departmentId: r.department_id ?? null,
    })),
  toRow: (i) => ({
    building_id: i.buildingId,
    floor_id: i.floorId,
    code: i.code,
    name: i.name,
    use: i.use ?? null,
    area_cm2: m2ToCm2(i.areaM2),
    allocation_kind: i.allocationKind ?? null,
    department_id: i.departmentId ?? null,
  }),
  validate: () => [],
  buildingOf: (i) => i.buildingId,
  references: async (db, i) => {
    const issues: FieldIssue[] = await missingReferences(db, 'buildings', [{ field: 'buildingId', id: i.buildingId }]);
    if (i.departmentId) issues.push(...(await missingReferences(db, 'departments', [{ field: 'departmentId', id: i.departmentId }])));
    const floor = (await rowsById(db, 'floors', [i.floorId], ['building_id'])).get(i.floorId);
    if (!floor) issues.push({ field: 'floorId', rule: 'notFound' });
    else if (floor.building_id !== i.buildingId) issues.push({ field: 'floorId', rule: 'floorBuilding' });
    return issues;
  },
};
