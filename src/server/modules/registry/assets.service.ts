import type { Asset } from '../../../shared/schemas/registry.ts';
import type { FieldIssue } from '../../errors.ts';
import { auditedOut } from './common.ts';
import { rowsById } from './common.repository.ts';
import { missingReferences, type EntityDef } from './crud.service.ts';

export const assets: EntityDef<Asset> = {
  collection: 'assets',
  table: 'assets',
  sort: 'code',
  search: ['code', 'name', 'serial_number'],
  filters: { buildingId: 'building_id' },
  unique: [{ field: 'code', column: 'code' }],
  text: ['code', 'name'],
  present: async (_db, rows) =>
    rows.map((r) => ({
      ...auditedOut(r),
      code: r.code,
      name: r.name,
      technologyClassId: r.technology_class_id,
      buildingId: r.building_id,
      spaceId: r.space_id,
      serialNumber: r.serial_number,
    })),
  toRow: (i) => ({
    code: i.code,
    name: i.name,
    technology_class_id: i.technologyClassId,
    building_id: i.buildingId,
    space_id: i.spaceId ?? null,
    serial_number: i.serialNumber ?? null,
  }),
  validate: () => [],
  buildingOf: (i) => i.buildingId,
  references: async (db, i) => {
    const issues: FieldIssue[] = [
      ...(await missingReferences(db, 'technology_classes', [{ field: 'technologyClassId', id: i.technologyClassId }])),
      ...(await missingReferences(db, 'buildings', [{ field: 'buildingId', id: i.buildingId }])),
    ];
    if (i.spaceId) {
      const space = (await rowsById(db, 'spaces', [i.spaceId], ['building_id'])).get(i.spaceId);
      if (!space) issues.push({ field: 'spaceId', rule: 'notFound' });
      else if (space.building_id !== i.buildingId) issues.push({ field: 'spaceId', rule: 'spaceBuilding' });
    }
    return issues;
  },
};
