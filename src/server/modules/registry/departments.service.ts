import type { Department } from '../../../shared/schemas/registry.ts';
import { auditedOut } from './common.ts';
import type { EntityDef } from './crud.service.ts';

export const departments: EntityDef<Department> = {
  collection: 'departments',
  table: 'departments',
  sort: 'code',
  search: ['code', 'name', 'cost_centre'],
  unique: [{ field: 'code', column: 'code' }],
  text: ['code', 'name', 'costCentre'],
  present: async (_db, rows) => rows.map((r) => ({ ...auditedOut(r), code: r.code, name: r.name, costCentre: r.cost_centre })),
  toRow: (i) => ({ code: i.code, name: i.name, cost_centre: i.costCentre }),
  validate: () => [],
};
