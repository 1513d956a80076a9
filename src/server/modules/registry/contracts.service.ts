import { DOCUMENTS_DUE_DAYS_DEFAULT, VARIANCE_THRESHOLD_PERCENT_DEFAULT, type Contract } from '../../../shared/schemas/registry.ts';
import { describeContracts, pickContract } from '../../../domain/contract-resolver.ts';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, type FieldIssue } from '../../errors.ts';
import { contractMoneyScope, readScope, type Actor } from '../../scope.ts';
import { auditedOut, bool, bpToPercent, percentToBp, referenceErrors, twoDecimals, unique } from './common.ts';
import { findRow, linksOf, replaceLinks } from './common.repository.ts';
import { missingReferences, type EntityDef } from './crud.service.ts';
import { contractsCovering, moneyReadableIds } from './contracts.repository.ts';

const CIG = /^[0-9A-Z]{10}$/;

export const contracts: EntityDef<Contract> = {
  collection: 'contracts',
  table: 'contracts',
  sort: 'lot',
  search: ['lot', 'cig', 'title'],
  filters: { contractorId: 'contractor_id' },
  unique: [{ field: 'cig', column: 'cig' }],
  text: ['lot', 'cig', 'title'],
  present: async (db, rows, actor) => {
    const ids = rows.map((r) => r.id as string);
    // Issue #7 item 14: the amounts are money, like penalties: only within contractMoneyScope.
    const money = actor ? await moneyReadableIds(db, ids, contractMoneyScope(actor)) : null;
    const shows = (id: string) => money === null || money.has(id);
    const classes = await linksOf(db, 'contract_classes', 'contract_id', ids, ['technology_class_id']);
    const covered = await linksOf(db, 'contract_buildings', 'contract_id', ids, ['building_id']);
    return rows.map((r) => ({
      ...auditedOut(r),
      lot: r.lot,
      cig: r.cig,
      title: r.title,
      contractorId: r.contractor_id,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      netAmountCents: shows(r.id) ? Number(r.net_amount_cents) : null,
      yearlyFeeCents: shows(r.id) ? Number(r.yearly_fee_cents) : null,
      discountPercent: shows(r.id) ? bpToPercent(r.discount_bp) : null,
      lotCeilingCents: shows(r.id) && r.lot_ceiling_cents !== null ? Number(r.lot_ceiling_cents) : null,
      documentsDueDays: Number(r.documents_due_days),
      conformityCheckedOn: r.conformity_checked_on ?? null,
      varianceThresholdPercent: bpToPercent(r.variance_threshold_bp),
      technologyClassIds: classes.get(r.id)!.map((c) => c.technology_class_id as string),
      buildingIds: covered.get(r.id)!.map((b) => b.building_id as string),
    }));
  },
  toRow: (i) => ({
    lot: i.lot,
    cig: i.cig,
    title: i.title,
    contractor_id: i.contractorId,
    starts_on: i.startsOn,
    ends_on: i.endsOn,
    net_amount_cents: i.netAmountCents,
    yearly_fee_cents: i.yearlyFeeCents,
    discount_bp: percentToBp(i.discountPercent),
    lot_ceiling_cents: i.lotCeilingCents ?? null,
    documents_due_days: i.documentsDueDays ?? DOCUMENTS_DUE_DAYS_DEFAULT,
    conformity_checked_on: i.conformityCheckedOn ?? null,
    variance_threshold_bp: percentToBp(i.varianceThresholdPercent ?? VARIANCE_THRESHOLD_PERCENT_DEFAULT),
  }),
  validate: (i) => {
    const issues: FieldIssue[] = [];
    if (!CIG.test(i.cig)) issues.push({ field: 'cig', rule: 'cigFormat' });
    if (!(i.endsOn > i.startsOn)) issues.push({ field: 'endsOn', rule: 'dateOrder' });
    if (!twoDecimals(i.discountPercent)) issues.push({ field: 'discountPercent', rule: 'number' });
    if (i.varianceThresholdPercent !== undefined && !twoDecimals(i.varianceThresholdPercent))
      issues.push({ field: 'varianceThresholdPercent', rule: 'number' });
    const ceiling = i.lotCeilingCents ?? null;
    if (ceiling !== null && i.netAmountCents !== null && ceiling < i.netAmountCents)
      issues.push({ field: 'lotCeilingCents', rule: 'ceilingBelowAmount' });
    return issues;
  },
  references: async (db, i) => [
    ...(await missingReferences(db, 'contractors', [{ field: 'contractorId', id: i.contractorId }])),
    ...(await missingReferences(
      db,
      'technology_classes',
      (i.technologyClassIds as string[]).map((id, n) => ({ field: `technologyClassIds.${n}`, id })),
    )),
    ...(await missingReferences(
      db,
      'buildings',
      (i.buildingIds as string[]).map((id, n) => ({ field: `buildingIds.${n}`, id })),
    )),
  ],
  writeLinks: async (db, id, i) => {
    await replaceLinks(
      db,
      'contract_classes',
      'contract_id',
      id,
      unique<string>(i.technologyClassIds).map((technology_class_id) => ({ technology_class_id })),
    );
    await replaceLinks(
      db,
      'contract_buildings',
      'contract_id',
      id,
      unique<string>(i.buildingIds).map((building_id) => ({ building_id })),
    );
  },
};

export interface ResolveInput {
  buildingId: string;
  technologyClassId: string;
  date: string;
}

/**
 * The one contract that applies to (building, technology class, date), seen as `actor` sees
 * contracts ('system' sees all). Throws 422 CONTRACT_NOT_FOUND (the gap) or CONTRACT_AMBIGUOUS
 * (the overlap, naming the contracts by lot and CIG); a building or class the actor cannot see
 * is a missing reference. `ctx.db` may be a transaction of the caller.
 */
export async function resolveContract(ctx: AppContext, actor: Actor, input: ResolveInput): Promise<Contract> {
  const scope = readScope(actor, 'contracts');
  if (scope.kind === 'forbidden') throw forbidden();
  const building = await findRow(ctx.db, 'buildings', input.buildingId, readScope(actor, 'buildings'));
  const cls = await findRow(ctx.db, 'technology_classes', input.technologyClassId, readScope(actor, 'technologyClasses'));
  const missing: FieldIssue[] = [];
  if (!building) missing.push({ field: 'buildingId', rule: 'notFound' });
  if (!cls) missing.push({ field: 'technologyClassId', rule: 'notFound' });
  if (missing.length) throw referenceErrors(missing);

  const rows = await contractsCovering(ctx.db, input.buildingId, input.technologyClassId, scope);
  const candidates = rows.map((r) => ({
    id: r.id as string,
    lot: r.lot as string,
    cig: r.cig as string,
    active: bool(r.active),
    startsOn: r.starts_on as string,
    endsOn: r.ends_on as string,
  }));
  const result = pickContract(candidates, input.date);
  const params = { building: building!.code, technologyClass: cls!.code, date: input.date };
  if (!result.ok) {
    if (result.code === 'CONTRACT_NOT_FOUND') throw new AppError('CONTRACT_NOT_FOUND', params);
    throw new AppError('CONTRACT_AMBIGUOUS', { ...params, contracts: describeContracts(result.contracts) });
  }
  return (
    await contracts.present(
      ctx.db,
      rows.filter((r) => r.id === result.contract.id),
      actor,
    )
  )[0];
}
