// Spend against the ceiling (#10 item 6): per contract the amount, the lot ceiling, what is
// committed and spent (src/domain/accounting/spend.ts says what counts), and the alerts to the
// service heads at 80 % and 100 %. checkSpendAlerts runs inside the transaction of each approval
// that can raise the spend (a quote approved, a final account approved), so the alert is written
// with the change that caused it (outbox rule) and is recorded once per contract, basis and
// threshold (contract_spend_alerts).
//
// Who reads: service head, accounting and admin every contract; a building manager the contracts
// covering their buildings; a contractor its own (the registry's contractMoneyScope); others 403.
import { newSpendAlerts, spendFigures, type SpendAlert, type SpendBasis, type SpendThresholdBp } from '../../../domain/accounting/spend.ts';
import { romeDay } from '../../../shared/format.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { forbidden, notFound } from '../../errors.ts';
import { contractMoneyScope, scopeWhere } from '../../scope.ts';
import { enqueueSpendNotice } from '../notices/spend-notices.ts';
import type { Trx } from '../tickets/workflow-helpers.ts';
import * as repo from './spend.repository.ts';
import type { ContractSpendDetailDto, ContractSpendDto } from './spend.schemas.ts';

function scopeOf(p: Principal): repo.ContractScope {
  const scope = contractMoneyScope(p);
  if (scope.kind === 'forbidden') throw forbidden();
  return scopeWhere(scope, 'k');
}

function present(c: repo.ContractMoney, today: string, alerts: readonly SpendAlert[]): ContractSpendDto {
  const f = spendFigures({ ...c, today });
  return {
    contract: { id: c.id, lot: c.lot, cig: c.cig, title: c.title, startsOn: c.startsOn, endsOn: c.endsOn },
    contractor: { id: c.contractorId, name: c.contractorName },
    amountCents: c.amountCents,
    ceilingCents: c.ceilingCents,
    quotesCents: c.quotesCents,
    finalAccountsCents: c.finalAccountsCents,
    quoteCount: c.quoteCount,
    finalAccountCount: c.finalAccountCount,
    ...f,
    alerts: [...alerts],
  };
}

const asAlerts = (rows: Array<{ basis: string; thresholdBp: number }>): SpendAlert[] =>
  rows.map((r) => ({ basis: r.basis as SpendBasis, thresholdBp: r.thresholdBp as SpendThresholdBp }));

/** GET /api/contracts/spend: every contract in scope, by lot. */
export async function listSpend(ctx: AppContext, p: Principal): Promise<{ items: ContractSpendDto[] }> {
  const today = romeDay(ctx.now());
  const rows = await repo.contractsMoney(ctx.db, scopeOf(p));
  const items: ContractSpendDto[] = [];
  for (const c of rows) items.push(present(c, today, asAlerts(await repo.alertsOf(ctx.db, c.id))));
  return { items };
}

/** GET /api/contracts/{id}/spend: one contract with the work orders behind committed and spent. */
export async function getSpend(ctx: AppContext, p: Principal, id: string): Promise<ContractSpendDetailDto> {
  const [c] = await repo.contractsMoney(ctx.db, scopeOf(p), id);
  if (!c) throw notFound();
  const [alerts, committed, spent] = await Promise.all([
    repo.alertsOf(ctx.db, id),
    repo.committedWorkOrders(ctx.db, id),
    repo.spentWorkOrders(ctx.db, id),
  ]);
  const toDto = (w: repo.SpendWorkOrder) => ({
    id: w.workOrderId,
    number: w.number,
    description: w.description,
    buildingCode: w.buildingCode,
    amountCents: w.amountCents,
    approvedAt: w.approvedAt,
    finalAccountId: w.finalAccountId,
  });
  return {
    ...present(c, romeDay(ctx.now()), asAlerts(alerts)),
    committedWorkOrders: committed.map(toDto),
    spentWorkOrders: spent.map(toDto),
  };
}

/** The contracts at or over 80 % of their amount or ceiling, highest share first (accounting's and the service head's home). */
export async function contractsOverAlert(db: Db, today: string): Promise<ContractSpendDto[]> {
  const rows = await repo.contractsMoney(db, null);
  const out: ContractSpendDto[] = [];
  for (const c of rows) {
    const d = present(c, today, []);
    if (Math.max(d.amountUsedBp ?? 0, d.ceilingUsedBp ?? 0) >= 8000) out.push(d);
  }
  const top = (d: ContractSpendDto) => Math.max(d.amountUsedBp ?? 0, d.ceilingUsedBp ?? 0);
  return out.sort((a, b) => top(b) - top(a) || a.contract.lot.localeCompare(b.contract.lot));
}

/**
 * After an approval that raised the spend of `contractId` (inside its transaction): records each
 * threshold newly reached and tells the service heads, once per contract, basis and threshold.
 */
export async function checkSpendAlerts(trx: Trx, ctx: AppContext, contractId: string): Promise<void> {
  const [c] = await repo.contractsMoney(trx, null, contractId);
  if (!c) return;
  const f = spendFigures({ ...c, today: romeDay(ctx.now()) });
  const { record, announce } = newSpendAlerts(f, asAlerts(await repo.alertsOf(trx, contractId)));
  const at = ctx.now().toISOString();
  for (const a of record) {
    const baseCents = a.basis === 'amount' ? c.amountCents : c.ceilingCents!;
    const fresh = await repo.recordAlert(trx, {
      contractId,
      basis: a.basis,
      thresholdBp: a.thresholdBp,
      usedCents: f.usedCents,
      baseCents,
      at,
    });
    if (!fresh || !announce.some((x) => x.basis === a.basis && x.thresholdBp === a.thresholdBp)) continue;
    await enqueueSpendNotice(trx, ctx, {
      contract: { id: c.id, lot: c.lot, title: c.title },
      basis: a.basis,
      thresholdBp: a.thresholdBp,
      usedCents: f.usedCents,
      baseCents,
      usedBp: (a.basis === 'amount' ? f.amountUsedBp : f.ceilingUsedBp) ?? 0,
    });
  }
}
