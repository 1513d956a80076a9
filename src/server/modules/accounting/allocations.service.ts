// Cost allocation (#10 item 3, ripartizione oneri): who pays each approved final account. A rule per
// contract, optionally overridden per building (the building's rule wins); without any rule the
// central administration's budget pays, marked as such ('none' / 'default') so that the recompute
// can apply a rule set later. The amount is what the body pays on top of the flat fee: the
// chargeable net (extra-fee work; flat-fee work costs nothing extra, so nothing is allocated) plus
// its VAT (a public body cannot deduct it), both split in exact cents (domain allocation.ts).
//
// A rule that cannot apply (floor area without occupancies, requesting department without one,
// shares not making 100 %) refuses the approval with 422 ALLOCATION_IMPOSSIBLE naming the problem,
// nothing saved: charging the central budget instead would put the cost in the wrong budget
// chapter, and an accounting office would rather fix the registry (or the rule) than book a
// correcting entry later.
//
// Who: rules are written by the admin, read by accounting and the service head; the report and the
// allocations are read by accounting, service head and admin (all) and a building manager (its
// buildings); anyone else 403.
import {
  allocate,
  checkShares,
  withVat,
  type AllocationProblem,
  type AllocationRule,
  type AllocationRuleKind,
  type SpaceKind,
} from '../../../domain/accounting/allocation.ts';
import { WHOLE_BP } from '../../../domain/accounting/split.ts';
import { formatter, romeDay } from '../../../shared/format.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { translate, type Lang } from '../../i18n/messages.ts';
import { newId } from '../../ids.ts';
import { referenceErrors, uniqueViolationColumns } from '../registry/common.ts';
import { StaleVersion, type Trx } from '../tickets/workflow-helpers.ts';
import { reportPdf, reportXlsx } from './allocations.export.ts';
import { allocationLabel } from './allocations.i18n.ts';
import * as repo from './allocations.repository.ts';
import type { AllocationDto, AllocationListInput, GroupBy, ReportDto, ReportInput, RuleDto, RuleInput } from './allocations.schemas.ts';
import { inManagedBuildings, type ScopePredicate } from './final-accounts.repository.ts';

const bool = (v: unknown) => v === true || v === 1 || v === '1';
const SPACE_KINDS: readonly string[] = ['department_own', 'teaching', 'common'];

// --- who -----------------------------------------------------------------------------------------

function mayReadRules(p: Principal): void {
  if (!hasRole(p, 'admin', 'accounting', 'service_head')) throw forbidden();
}

/** The allocations the caller reads as a SQL predicate; null: all. 403 for roles with no business with them. */
export function allocationScope(p: Principal): ScopePredicate | null {
  if (hasRole(p, 'accounting', 'service_head', 'admin')) return null;
  if (p.roles.has('building_manager')) return inManagedBuildings(p.userId);
  throw forbidden();
}

// --- rules ---------------------------------------------------------------------------------------

async function presentRule(db: Db, owner: repo.RuleOwner): Promise<RuleDto> {
  const base = { owner: 'contractId' in owner ? ('contract' as const) : ('building' as const), ownerId: repo.ownerIdOf(owner) };
  const rule = await repo.ruleOf(db, owner);
  if (!rule) return { ...base, method: null, shares: [], version: 0, updatedAt: null, updatedBy: null };
  const shares = await repo.sharesOf(db, rule.id);
  return {
    ...base,
    method: rule.method,
    shares: shares.map((s) => ({
      department: s.department_id ? { id: s.department_id, code: s.department_code ?? '', name: s.department_name ?? '' } : null,
      shareBp: Number(s.share_bp),
    })),
    version: Number(rule.version),
    updatedAt: rule.updated_at,
    updatedBy: await repo.updatedByName(db, rule.updated_by_id),
  };
}

export async function getRule(ctx: AppContext, p: Principal, owner: repo.RuleOwner): Promise<RuleDto> {
  mayReadRules(p);
  if (!(await repo.ownerExists(ctx.db, owner))) throw notFound();
  return presentRule(ctx.db, owner);
}

/** Field errors of a rule's shares: only percentages carry them, together exactly 100 %, one per payer, departments that exist. */
async function checkRuleInput(db: Db, input: RuleInput, lang: Lang): Promise<Array<{ departmentId: string | null; shareBp: number }>> {
  const shares = input.shares ?? [];
  if (input.method !== 'percentages') {
    if (shares.length) throw invalid([{ field: 'shares', rule: 'sharesOnlyForPercentages' }]);
    return [];
  }
  const payer = (d: string | null) => (d === null ? { kind: 'central' as const } : { kind: 'department' as const, departmentId: d });
  const problem = checkShares(shares.map((s) => ({ payer: payer(s.departmentId), shareBp: s.shareBp })));
  if (problem === 'duplicatePayer') {
    const seen = new Set<string>();
    const issues: FieldIssue[] = [];
    shares.forEach((s, i) => {
      const k = s.departmentId ?? 'central';
      if (seen.has(k)) issues.push({ field: `shares.${i}.departmentId`, rule: 'duplicatePayer' });
      seen.add(k);
    });
    throw invalid(issues);
  }
  if (problem) {
    const sum = shares.reduce((a, s) => a + s.shareBp, 0);
    throw invalid([{ field: 'shares', rule: 'sharesNotWhole', params: { sum: formatter(lang).number(sum / 100) } }]);
  }
  const ids = [...new Set(shares.map((s) => s.departmentId).filter((d): d is string => d !== null))];
  const found = await repo.existingDepartments(db, ids);
  const missing: FieldIssue[] = [];
  shares.forEach((s, i) => {
    if (s.departmentId !== null && !found.has(s.departmentId)) missing.push({ field: `shares.${i}.departmentId`, rule: 'notFound' });
  });
  if (missing.length) throw referenceErrors(missing);
  return shares.map((s) => ({ departmentId: s.departmentId, shareBp: s.shareBp }));
}

/** PUT: replaces the rule whole (creates it with version 0). 409 on a stale version, 400 naming the field. */
export async function putRule(ctx: AppContext, p: Principal, owner: repo.RuleOwner, input: RuleInput): Promise<RuleDto> {
  if (!p.roles.has('admin')) {
    mayReadRules(p);
    throw forbidden();
  }
  if (!(await repo.ownerExists(ctx.db, owner))) throw notFound();
  const shares = await checkRuleInput(ctx.db, input, p.language);
  const at = ctx.now().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const rule = await repo.ruleOf(trx, owner);
      if (Number(rule?.version ?? 0) !== input.version) throw new StaleVersion();
      let id = rule?.id;
      if (!id) {
        id = newId();
        await repo.insertRule(trx, {
          id,
          contract_id: 'contractId' in owner ? owner.contractId : null,
          building_id: 'buildingId' in owner ? owner.buildingId : null,
          method: input.method,
          updated_by_id: p.userId,
          created_at: at,
          updated_at: at,
        });
      } else if (
        !(await repo.updateRuleVersioned(trx, id, input.version, { method: input.method, updated_by_id: p.userId, updated_at: at }))
      )
        throw new StaleVersion();
      await repo.replaceShares(trx, id, shares);
    });
  } catch (e) {
    // Two admins creating the same rule at once: the loser's insert hits the unique owner.
    if (e instanceof StaleVersion || uniqueViolationColumns(e) !== null) throw conflict(await presentRule(ctx.db, owner));
    throw e;
  }
  return presentRule(ctx.db, owner);
}

/** DELETE: removes the rule (a building then follows its contracts' rules). */
export async function deleteRule(ctx: AppContext, p: Principal, owner: repo.RuleOwner, version: number): Promise<void> {
  if (!p.roles.has('admin')) {
    mayReadRules(p);
    throw forbidden();
  }
  if (!(await repo.ownerExists(ctx.db, owner))) throw notFound();
  const gone = await ctx.db.transaction().execute(async (trx) => {
    const rule = await repo.ruleOf(trx, owner);
    if (!rule || Number(rule.version) !== version) return false;
    return repo.deleteRuleVersioned(trx, rule.id, version);
  });
  if (!gone) throw conflict(await presentRule(ctx.db, owner));
}

// --- allocating one final account ----------------------------------------------------------------

type Source = 'building' | 'contract' | 'default';

async function ruleFor(db: Db, f: repo.AllocationFactsRow): Promise<{ rule: AllocationRule | null; source: Source }> {
  for (const [owner, source] of [
    [{ buildingId: f.building_id }, 'building'],
    [{ contractId: f.contract_id }, 'contract'],
  ] as const) {
    const r = await repo.ruleOf(db, owner);
    if (!r) continue;
    const method = r.method as AllocationRuleKind;
    if (method !== 'percentages') return { rule: { kind: method }, source };
    const shares = (await repo.sharesOf(db, r.id)).map((s) => ({
      payer: s.department_id === null ? ({ kind: 'central' } as const) : ({ kind: 'department', departmentId: s.department_id } as const),
      shareBp: Number(s.share_bp),
    }));
    return { rule: { kind: 'percentages', shares }, source };
  }
  return { rule: null, source: 'default' };
}

const PROBLEM_RULE: Record<AllocationProblem, string> = {
  noRequestingDepartment: 'allocationNoRequestingDepartment',
  noOccupancies: 'allocationNoOccupancies',
  sharesNotWhole: 'sharesNotWhole',
  negativeShare: 'allocationNegativeShare',
  duplicatePayer: 'duplicatePayer',
};

/**
 * Computes and stores the allocation of an approved final account (replacing any before), in the
 * caller's transaction. Throws 422 ALLOCATION_IMPOSSIBLE when its rule cannot apply.
 */
async function allocateFinalAccount(db: Db, finalAccountId: string, lang: Lang, at: string): Promise<void> {
  const f = await repo.allocationFacts(db, finalAccountId);
  if (!f) throw notFound();
  const netCents = Number(f.chargeable_net_cents);
  // Flat-fee work costs nothing on top of the fee: there is nothing to allocate.
  if (f.basis !== 'extra_fee' || netCents === 0) {
    await repo.replaceAllocations(db, f.id, []);
    return;
  }
  const vatCents = Number(f.vat_cents);
  const { rule, source } = await ruleFor(db, f);
  const kind = f.space_kind && SPACE_KINDS.includes(f.space_kind) ? (f.space_kind as SpaceKind) : null;
  const result = rule
    ? allocate(rule, {
        totalCents: netCents,
        requestingDepartmentId: f.requesting_department_id,
        occupancies: (await repo.occupancies(db, f.building_id)).map((o) => ({
          departmentId: o.department_id,
          shareBp: Number(o.share_bp),
        })),
        space: f.space_id ? { kind, departmentId: f.space_department_id ?? null } : null,
        extraordinary: bool(f.changes_installation),
      })
    : ({ ok: true, parts: [{ payer: { kind: 'central' }, cents: netCents, shareBp: WHOLE_BP }] } as const);
  if (!result.ok) {
    const sourceLabel = translate(lang, 'rule', source === 'building' ? 'allocationSourceBuilding' : 'allocationSourceContract', {
      building: f.building_code,
    });
    const sum = formatter(lang).number(rule?.kind === 'percentages' ? rule.shares.reduce((a, s) => a + s.shareBp, 0) / 100 : 0);
    const params = { building: f.building_code, sum };
    const reason = translate(lang, 'rule', PROBLEM_RULE[result.problem], params);
    throw new AppError(
      'ALLOCATION_IMPOSSIBLE',
      { workOrder: f.work_order_number, method: allocationLabel(lang, 'method', rule!.kind), source: sourceLabel, reason },
      [{ field: 'allocationRule', rule: PROBLEM_RULE[result.problem], params }],
    );
  }
  const period = romeDay(new Date(f.decided_at ?? at)).slice(0, 7);
  const parts = withVat(result.parts, vatCents);
  await repo.replaceAllocations(
    db,
    f.id,
    parts.map((part, i) => ({
      id: newId(),
      final_account_id: f.id,
      position: i + 1,
      department_id: part.payer.kind === 'department' ? part.payer.departmentId : null,
      share_bp: part.shareBp,
      net_cents: part.netCents,
      vat_cents: part.vatCents,
      amount_cents: part.amountCents,
      method: rule ? rule.kind : 'none',
      rule_source: source,
      work_order_id: f.work_order_id,
      contract_id: f.contract_id,
      building_id: f.building_id,
      technology_class_id: f.technology_class_id,
      period,
      created_at: at,
    })),
  );
}

/**
 * Called by the final accounts' `approve` in its transaction: allocates the account just approved.
 * A rule that cannot apply throws, and the whole approval rolls back.
 */
export async function allocateOnApproval(trx: Trx, p: Principal, finalAccountId: string, at: string): Promise<void> {
  await allocateFinalAccount(trx, finalAccountId, p.language, at);
}

/**
 * POST /api/allocations/recompute: allocates the approved final accounts that have no allocation by
 * a rule (approved before the rules existed, or by the default when there was none). Idempotent:
 * those already allocated by a rule are left as they are; a second run changes nothing. Each final
 * account in its own transaction, so one that cannot be allocated is reported and the rest go on.
 */
export async function recompute(ctx: AppContext, p: Principal, input: { contractId?: string }) {
  if (!hasRole(p, 'admin', 'accounting')) throw forbidden();
  const at = ctx.now().toISOString();
  const ids = await repo.toRecompute(ctx.db, input.contractId, 5000);
  let allocated = 0;
  const problems: Array<{ finalAccountId: string; workOrderNumber: string; message: string }> = [];
  for (const { id } of ids) {
    try {
      await ctx.db.transaction().execute((trx) => allocateFinalAccount(trx, id, p.language, at));
      allocated += 1;
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'ALLOCATION_IMPOSSIBLE') throw e;
      problems.push({
        finalAccountId: id,
        workOrderNumber: String(e.params.workOrder),
        message: translate(p.language, 'detail', 'ALLOCATION_IMPOSSIBLE', e.params),
      });
    }
  }
  return { allocated, problems };
}

// --- report --------------------------------------------------------------------------------------

export function centralLabel(lang: Lang): string {
  return translate(lang, 'rule', 'allocationCentral');
}

function checkRange(from?: string, to?: string): void {
  if (from && to && from > to) throw invalid([{ field: 'from', rule: 'monthRange' }]);
}

export async function report(ctx: AppContext, p: Principal, q: ReportInput): Promise<ReportDto> {
  const scope = allocationScope(p);
  checkRange(q.from, q.to);
  const groupBy: GroupBy = q.groupBy ?? 'department';
  const lang = p.language;
  const rows = await repo.reportRows(ctx.db, groupBy, { from: q.from, to: q.to, contractId: q.contractId, scope });
  const fmt = formatter(lang);
  const out = rows.map((r) => {
    const label =
      groupBy === 'department' && r.key === null
        ? centralLabel(lang)
        : groupBy === 'period'
          ? fmt.month(r.key)
          : `${r.code ?? ''} — ${(lang === 'en' ? r.name_en : r.name) ?? ''}`;
    return {
      key: r.key,
      code: r.code,
      label,
      finalAccounts: Number(r.final_accounts),
      netCents: Number(r.net_cents),
      vatCents: Number(r.vat_cents),
      amountCents: Number(r.amount_cents),
    };
  });
  // Final accounts are counted once each in the total, even when split among several rows.
  const totals = {
    finalAccounts: (await repo.reportRows(ctx.db, 'period', { from: q.from, to: q.to, contractId: q.contractId, scope })).reduce(
      (a, r) => a + Number(r.final_accounts),
      0,
    ),
    netCents: out.reduce((a, r) => a + r.netCents, 0),
    vatCents: out.reduce((a, r) => a + r.vatCents, 0),
    amountCents: out.reduce((a, r) => a + r.amountCents, 0),
  };
  return {
    groupBy,
    from: q.from ?? null,
    to: q.to ?? null,
    rows: out,
    totals,
    unallocated: await repo.unallocatedCount(ctx.db, q.contractId, scope),
  };
}

export async function listAllocations(
  ctx: AppContext,
  p: Principal,
  q: AllocationListInput,
): Promise<{ items: AllocationDto[]; totals: ReportDto['totals']; truncated: boolean }> {
  const scope = allocationScope(p);
  checkRange(q.from, q.to);
  const limit = q.limit ?? 500;
  const rows = await repo.allocationRows(
    ctx.db,
    {
      from: q.from,
      to: q.to,
      period: q.period,
      contractId: q.contractId,
      buildingId: q.buildingId,
      classId: q.classId,
      departmentId: q.departmentId === 'central' ? null : q.departmentId,
      scope,
    },
    limit + 1,
  );
  const lang = p.language;
  const items = rows.slice(0, limit).map((r) => present(r, lang));
  return {
    items,
    totals: {
      finalAccounts: new Set(items.map((i) => i.finalAccountId)).size,
      netCents: items.reduce((a, i) => a + i.netCents, 0),
      vatCents: items.reduce((a, i) => a + i.vatCents, 0),
      amountCents: items.reduce((a, i) => a + i.amountCents, 0),
    },
    truncated: rows.length > limit,
  };
}

function present(r: repo.AllocationView, lang: Lang): AllocationDto {
  const department = r.department_id ? { id: r.department_id, code: r.department_code ?? '', name: r.department_name ?? '' } : null;
  return {
    id: r.id,
    finalAccountId: r.final_account_id,
    workOrder: { id: r.work_order_id, number: r.work_order_number, description: r.work_order_description },
    department,
    payer: department ? `${department.code} — ${department.name}` : centralLabel(lang),
    building: { id: r.building_id, code: r.building_code, name: r.building_name },
    technologyClass: { id: r.technology_class_id, code: r.class_code, name: lang === 'en' ? r.class_name_en : r.class_name_it },
    contract: { id: r.contract_id, lot: r.lot },
    period: r.period,
    method: r.method,
    ruleSource: r.rule_source,
    shareBp: Number(r.share_bp),
    netCents: Number(r.net_cents),
    vatCents: Number(r.vat_cents),
    amountCents: Number(r.amount_cents),
  };
}

// --- files ---------------------------------------------------------------------------------------

/** The report as XLSX (with the allocations behind it) or PDF, same figures as the page. */
export async function reportFile(ctx: AppContext, p: Principal, q: ReportInput, format: 'xlsx' | 'pdf') {
  const r = await report(ctx, p, q);
  const lang = p.language;
  const stem = [allocationLabel(lang, 'misc', 'filePrefix'), q.from ?? '', q.to ?? '', r.groupBy].filter(Boolean).join('-');
  if (format === 'xlsx') {
    // The file carries every allocation behind the figures, not only a page of them.
    const { items } = await listAllocations(ctx, p, { from: q.from, to: q.to, contractId: q.contractId, limit: 100_000 });
    return {
      filename: `${stem}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await reportXlsx(lang, r, items),
    };
  }
  const contract = q.contractId ? await repo.contractLot(ctx.db, q.contractId) : null;
  return {
    filename: `${stem}.pdf`,
    contentType: 'application/pdf',
    body: await reportPdf(lang, r, { contract, generatedAt: ctx.now().toISOString() }),
  };
}
