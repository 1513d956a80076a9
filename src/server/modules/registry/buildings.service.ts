import type { Building } from '../../../shared/schemas/registry.ts';
import type { FieldIssue } from '../../errors.ts';
import { auditedOut, bpToPercent, percentToBp, twoDecimals, unique } from './common.ts';
import { linksOf, replaceLinks } from './common.repository.ts';
import { missingReferences, type EntityDef } from './crud.service.ts';
import { usersHavingRole } from './users.repository.ts';

interface OccupancyIn {
  departmentId: string;
  sharePercent: number;
}

export const buildings: EntityDef<Building> = {
  collection: 'buildings',
  table: 'buildings',
  sort: 'code',
  search: ['code', 'name', 'address'],
  filters: { siteId: 'site_id' },
  unique: [{ field: 'code', column: 'code' }],
  text: ['code', 'name', 'address'],
  present: async (db, rows) => {
    const ids = rows.map((r) => r.id as string);
    const managers = await linksOf(db, 'building_managers', 'building_id', ids, ['user_id']);
    const shares = await linksOf(db, 'building_occupancies', 'building_id', ids, ['department_id', 'share_bp']);
    return rows.map((r) => ({
      ...auditedOut(r),
      siteId: r.site_id,
      code: r.code,
      name: r.name,
      address: r.address,
      competence: r.competence === 'department' ? ('department' as const) : ('central' as const),
      competenceDepartmentId: r.competence_department_id,
      managerIds: managers.get(r.id)!.map((m) => m.user_id as string),
      occupancies: shares.get(r.id)!.map((o) => ({ departmentId: o.department_id as string, sharePercent: bpToPercent(o.share_bp) })),
      notifyOccupantsPlanned: Number(r.notify_occupants_planned) === 1,
      newTicketNotices: r.new_ticket_notices === 'danger' || r.new_ticket_notices === 'none' ? r.new_ticket_notices : ('all' as const),
    }));
  },
  toRow: (i) => ({
    site_id: i.siteId,
    code: i.code,
    name: i.name,
    address: i.address,
    competence: i.competence,
    // A centrally managed building has no competent department.
    competence_department_id: i.competence === 'department' ? i.competenceDepartmentId : null,
    notify_occupants_planned: i.notifyOccupantsPlanned ? 1 : 0,
    new_ticket_notices: i.newTicketNotices ?? 'all',
  }),
  validate: (i) => {
    const issues: FieldIssue[] = [];
    if (i.competence === 'department' && !i.competenceDepartmentId)
      issues.push({ field: 'competenceDepartmentId', rule: 'departmentRequired' });
    const occ: OccupancyIn[] = i.occupancies ?? [];
    const seen = new Set<string>();
    occ.forEach((o, n) => {
      if (!twoDecimals(o.sharePercent)) issues.push({ field: `occupancies.${n}.sharePercent`, rule: 'number' });
      if (seen.has(o.departmentId)) issues.push({ field: `occupancies.${n}.departmentId`, rule: 'unique' });
      seen.add(o.departmentId);
    });
    // Compared in basis points, so 33.33 + 33.33 + 33.34 is exactly 100.
    const totalBp = occ.reduce((sum, o) => sum + percentToBp(o.sharePercent), 0);
    if (occ.length > 0 && totalBp !== 10000) issues.push({ field: 'occupancies', rule: 'sharesTotal', params: { total: totalBp / 100 } });
    return issues;
  },
  references: async (db, i) => {
    const occ: OccupancyIn[] = i.occupancies ?? [];
    const managerIds: string[] = i.managerIds ?? [];
    const issues = [
      ...(await missingReferences(db, 'sites', [{ field: 'siteId', id: i.siteId }])),
      ...(await missingReferences(db, 'departments', [
        { field: 'competenceDepartmentId', id: i.competence === 'department' ? i.competenceDepartmentId : null },
        ...occ.map((o, n) => ({ field: `occupancies.${n}.departmentId`, id: o.departmentId })),
      ])),
    ];
    const missing = new Set(
      (
        await missingReferences(
          db,
          'users',
          managerIds.map((id, n) => ({ field: `managerIds.${n}`, id })),
        )
      ).map((x) => x.field),
    );
    const managers = await usersHavingRole(db, managerIds, 'building_manager');
    managerIds.forEach((id, n) => {
      const field = `managerIds.${n}`;
      if (missing.has(field)) issues.push({ field, rule: 'notFound' });
      else if (!managers.has(id)) issues.push({ field, rule: 'notManager' });
    });
    return issues;
  },
  writeLinks: async (db, id, i) => {
    await replaceLinks(
      db,
      'building_managers',
      'building_id',
      id,
      unique<string>(i.managerIds ?? []).map((user_id) => ({ user_id })),
    );
    await replaceLinks(
      db,
      'building_occupancies',
      'building_id',
      id,
      (i.occupancies ?? []).map((o: OccupancyIn) => ({ department_id: o.departmentId, share_bp: percentToBp(o.sharePercent) })),
    );
  },
};
