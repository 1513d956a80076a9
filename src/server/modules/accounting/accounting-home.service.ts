// Accounting's home (#10 item 7): final accounts to approve, statements to prepare for the last
// closed month (and drafts), invoices to match, contracts at 80 % or more of their spend. Money
// records of every contract: accounting, the service head (who also gets the spend alerts) and admin.
import { romeDay } from '../../../shared/format.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import * as repo from './accounting-home.repository.ts';
import type { AccountingHomeDto } from './spend.schemas.ts';
import { contractsOverAlert } from './spend.service.ts';

/** The month before `today`'s (YYYY-MM): the last closed one. */
export function lastClosedMonth(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function accountingHome(ctx: AppContext, p: Principal): Promise<AccountingHomeDto> {
  if (!hasRole(p, 'accounting', 'service_head', 'admin')) throw forbidden();
  const today = romeDay(ctx.now());
  const period = lastClosedMonth(today);
  const [finalAccounts, statements, invoices, over] = await Promise.all([
    repo.submittedFinalAccounts(ctx.db),
    repo.statementsToPrepare(ctx.db, period),
    repo.invoicesToMatch(ctx.db),
    contractsOverAlert(ctx.db, today),
  ]);
  return {
    period,
    finalAccounts,
    statements,
    invoices,
    spendAlerts: {
      count: over.length,
      items: over.slice(0, 10).map((d) => ({
        contractId: d.contract.id,
        lot: d.contract.lot,
        contractorName: d.contractor.name,
        amountUsedBp: d.amountUsedBp,
        ceilingUsedBp: d.ceilingUsedBp,
      })),
    },
  };
}
