// SQL of cost allocation (#10 item 3): the rules (a contract's, a building's override) with their
// shares, the facts a rule reads for one final account, the stored allocations and the report over
// them. Every function takes a Db, which may be a transaction. Scope is a predicate on the
// allocation (alias `ca`), the same building predicate as the final accounts'.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { AllocationRuleRow, CostAllocationRow } from '../../db/schema.ts';
import type { ScopePredicate } from './final-accounts.repository.ts';

export type AllocationRule = Selectable<AllocationRuleRow>;
export type RuleOwner = { contractId: string } | { buildingId: string };

const ownerColumn = (o: RuleOwner) => ('contractId' in o ? ('contract_id' as const) : ('building_id' as const));
export const ownerIdOf = (o: RuleOwner) => ('contractId' in o ? o.contractId : o.buildingId);

export function ruleOf(db: Db, owner: RuleOwner): Promise<AllocationRule | undefined> {
  return db.selectFrom('allocation_rules').selectAll().where(ownerColumn(owner), '=', ownerIdOf(owner)).executeTakeFirst();
}

/** The shares of a rule in their order, with each department's code and name (null: central budget). */
export function sharesOf(db: Db, ruleId: string) {
  return db
    .selectFrom('allocation_rule_shares as s')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .select(['s.department_id', 's.share_bp', 'd.code as department_code', 'd.name as department_name'])
    .where('s.rule_id', '=', ruleId)
    .orderBy('s.position')
    .execute();
}

export async function updatedByName(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const r = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return r?.display_name ?? null;
}

export async function ownerExists(db: Db, owner: RuleOwner): Promise<boolean> {
  const table = 'contractId' in owner ? 'contracts' : 'buildings';
  return !!(await db.selectFrom(table).select('id').where('id', '=', ownerIdOf(owner)).executeTakeFirst());
}

export async function existingDepartments(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('departments').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertRule(db: Db, row: Insertable<AllocationRuleRow>): Promise<void> {
  await db.insertInto('allocation_rules').values(row).execute();
}

/** Optimistic update, the version check in the UPDATE itself; false when another write won. */
export async function updateRuleVersioned(
  db: Db,
  id: string,
  version: number,
  set: { method: string; updated_by_id: string; updated_at: string },
) {
  const r = await db
    .updateTable('allocation_rules')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function replaceShares(db: Db, ruleId: string, shares: Array<{ departmentId: string | null; shareBp: number }>) {
  await db.deleteFrom('allocation_rule_shares').where('rule_id', '=', ruleId).execute();
  if (shares.length)
    await db
      .insertInto('allocation_rule_shares')
      .values(shares.map((s, i) => ({ rule_id: ruleId, position: i + 1, department_id: s.departmentId, share_bp: s.shareBp })))
      .execute();
}

export async function deleteRuleVersioned(db: Db, id: string, version: number): Promise<boolean> {
  await db.deleteFrom('allocation_rule_shares').where('rule_id', '=', id).execute();
  const r = await db.deleteFrom('allocation_rules').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// --- facts of one final account ------------------------------------------------------------------

/** What the rules read of a final account: its money, work order, requester's department, space. */
export function allocationFacts(db: Db, finalAccountId: string) {
  return db
    .selectFrom('final_accounts as fa')
    .innerJoin('work_orders as w', 'w.id', 'fa.work_order_id')
    .innerJoin('buildings as b', 'b.id', 'fa.building_id')
    .leftJoin('tickets as t', 't.id', 'w.ticket_id')
    .leftJoin('users as rq', 'rq.id', 't.requester_id')
    .leftJoin('spaces as sp', (j) => j.on(sql<boolean>`sp.id = coalesce(w.space_id, t.space_id)`))
    .select([
      'fa.id',
      'fa.status',
      'fa.basis',
      'fa.net_cents',
      'fa.vat_cents',
      'fa.chargeable_net_cents',
      'fa.decided_at',
      'fa.contract_id',
      'fa.building_id',
      'fa.work_order_id',
      'b.code as building_code',
      'w.number as work_order_number',
      'w.technology_class_id',
      'w.changes_installation',
      'rq.department_id as requesting_department_id',
      'sp.allocation_kind as space_kind',
      'sp.department_id as space_department_id',
      'sp.id as space_id',
    ])
    .where('fa.id', '=', finalAccountId)
    .executeTakeFirst();
}
export type AllocationFactsRow = NonNullable<Awaited<ReturnType<typeof allocationFacts>>>;

/** The building's departments and floor-area shares, in a stable order (department code). */
export function occupancies(db: Db, buildingId: string) {
  return db
    .selectFrom('building_occupancies as o')
    .innerJoin('departments as d', 'd.id', 'o.department_id')
    .select(['o.department_id', 'o.share_bp'])
    .where('o.building_id', '=', buildingId)
    .orderBy('d.code')
    .execute();
}

// --- stored allocations --------------------------------------------------------------------------

export async function replaceAllocations(db: Db, finalAccountId: string, rows: Insertable<CostAllocationRow>[]): Promise<void> {
  await db.deleteFrom('cost_allocations').where('final_account_id', '=', finalAccountId).execute();
  if (rows.length) await db.insertInto('cost_allocations').values(rows).execute();
}

/**
 * Approved final accounts that carry a cost and have no allocation by a rule: none stored (approved
 * before the rules existed) or only the default one (central, no rule then). Oldest approval first.
 */
export function toRecompute(db: Db, contractId: string | undefined, limit: number) {
  let q = db
    .selectFrom('final_accounts as fa')
    .select(['fa.id'])
    .where('fa.status', '=', 'approved')
    .where('fa.chargeable_net_cents', '>', 0)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('cost_allocations as rc')
            .select('rc.id')
            .whereRef('rc.final_account_id', '=', 'fa.id')
            .where('rc.rule_source', '!=', 'default'),
        ),
      ),
    );
  if (contractId) q = q.where('fa.contract_id', '=', contractId);
  return q.orderBy('fa.decided_at').orderBy('fa.id').limit(limit).execute();
}

export async function hasAllocations(db: Db, finalAccountId: string): Promise<boolean> {
  return !!(await db.selectFrom('cost_allocations').select('id').where('final_account_id', '=', finalAccountId).executeTakeFirst());
}

export interface AllocationFilter {
  from?: string;
  to?: string;
  contractId?: string;
  /** A department id, or null for the central budget; undefined: every payer. */
  departmentId?: string | null;
  buildingId?: string;
  classId?: string;
  period?: string;
  scope: ScopePredicate | null;
}

function filtered(db: Db, f: AllocationFilter) {
  let q = db.selectFrom('cost_allocations as ca');
  if (f.from) q = q.where('ca.period', '>=', f.from);
  if (f.to) q = q.where('ca.period', '<=', f.to);
  if (f.period) q = q.where('ca.period', '=', f.period);
  if (f.contractId) q = q.where('ca.contract_id', '=', f.contractId);
  if (f.buildingId) q = q.where('ca.building_id', '=', f.buildingId);
  if (f.classId) q = q.where('ca.technology_class_id', '=', f.classId);
  if (f.departmentId === null) q = q.where('ca.department_id', 'is', null);
  else if (f.departmentId) q = q.where('ca.department_id', '=', f.departmentId);
  if (f.scope) q = q.where(f.scope('ca'));
  return q;
}

export type GroupBy = 'department' | 'building' | 'class' | 'period';

/** Sums per group; `key` is the group's id (null: the central budget), labels for showing it. */
export async function reportRows(db: Db, groupBy: GroupBy, f: AllocationFilter) {
  const base = filtered(db, f);
  const sums = [
    sql<string>`sum(ca.net_cents)`.as('net_cents'),
    sql<string>`sum(ca.vat_cents)`.as('vat_cents'),
    sql<string>`sum(ca.amount_cents)`.as('amount_cents'),
    sql<string>`count(distinct ca.final_account_id)`.as('final_accounts'),
  ];
  type Out = { key: string | null; code: string | null; name: string | null; name_en: string | null };
  let rows: Array<Out & { net_cents: string; vat_cents: string; amount_cents: string; final_accounts: string }>;
  if (groupBy === 'department')
    rows = await base
      .leftJoin('departments as d', 'd.id', 'ca.department_id')
      .select(['ca.department_id as key', 'd.code as code', 'd.name as name', 'd.name as name_en', ...sums])
      .groupBy(['ca.department_id', 'd.code', 'd.name'])
      .orderBy(sql`case when ca.department_id is null then 0 else 1 end`)
      .orderBy('d.code')
      .execute();
  else if (groupBy === 'building')
    rows = await base
      .innerJoin('buildings as b', 'b.id', 'ca.building_id')
      .select(['ca.building_id as key', 'b.code as code', 'b.name as name', 'b.name as name_en', ...sums])
      .groupBy(['ca.building_id', 'b.code', 'b.name'])
      .orderBy('b.code')
      .execute();
  else if (groupBy === 'class')
    rows = await base
      .innerJoin('technology_classes as c', 'c.id', 'ca.technology_class_id')
      .select(['ca.technology_class_id as key', 'c.code as code', 'c.name_it as name', 'c.name_en as name_en', ...sums])
      .groupBy(['ca.technology_class_id', 'c.code', 'c.name_it', 'c.name_en'])
      .orderBy('c.code')
      .execute();
  else
    rows = await base
      .select(['ca.period as key', 'ca.period as code', sql<null>`null`.as('name'), sql<null>`null`.as('name_en'), ...sums])
      .groupBy('ca.period')
      .orderBy('ca.period')
      .execute();
  return rows;
}

/** The allocations behind a figure, with their final account, work order and labels. */
export function allocationRows(db: Db, f: AllocationFilter, limit: number) {
  return filtered(db, f)
    .innerJoin('work_orders as w', 'w.id', 'ca.work_order_id')
    .innerJoin('buildings as b', 'b.id', 'ca.building_id')
    .innerJoin('technology_classes as c', 'c.id', 'ca.technology_class_id')
    .innerJoin('contracts as k', 'k.id', 'ca.contract_id')
    .leftJoin('departments as d', 'd.id', 'ca.department_id')
    .select([
      'ca.id',
      'ca.final_account_id',
      'ca.work_order_id',
      'ca.department_id',
      'ca.share_bp',
      'ca.net_cents',
      'ca.vat_cents',
      'ca.amount_cents',
      'ca.method',
      'ca.rule_source',
      'ca.period',
      'ca.building_id',
      'ca.technology_class_id',
      'ca.contract_id',
      'w.number as work_order_number',
      'w.description as work_order_description',
      'b.code as building_code',
      'b.name as building_name',
      'c.code as class_code',
      'c.name_it as class_name_it',
      'c.name_en as class_name_en',
      'k.lot',
      'd.code as department_code',
      'd.name as department_name',
    ])
    .orderBy('ca.period')
    .orderBy('w.number')
    .orderBy('ca.position')
    .limit(limit)
    .execute();
}
export type AllocationView = Awaited<ReturnType<typeof allocationRows>>[number];

/** Approved final accounts with a cost and nothing allocated, in scope (the recompute's work). */
export async function unallocatedCount(db: Db, contractId: string | undefined, scope: ScopePredicate | null): Promise<number> {
  let q = db
    .selectFrom('final_accounts as fa')
    .select(sql<string>`count(*)`.as('n'))
    .where('fa.status', '=', 'approved')
    .where('fa.chargeable_net_cents', '>', 0)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('cost_allocations as uc').select('uc.id').whereRef('uc.final_account_id', '=', 'fa.id'))),
    );
  if (contractId) q = q.where('fa.contract_id', '=', contractId);
  if (scope) q = q.where(scope('fa'));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function contractLot(db: Db, id: string): Promise<string | null> {
  const r = await db.selectFrom('contracts').select(['lot', 'cig']).where('id', '=', id).executeTakeFirst();
  return r ? `${r.lot} (CIG ${r.cig})` : null;
}
