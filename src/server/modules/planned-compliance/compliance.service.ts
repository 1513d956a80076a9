// Planned-maintenance compliance per (contract, building, month of the due date), from the
// domain's compliance(): an activity counts once its deadline (lateDeadline: the end of its due
// date's month) is past, or it is done; done on time when completed (Rome date) by the deadline;
// cancelled ones do not count. Scope in SQL:
// the contracts the caller reads (a contractor only its own) and the buildings it reads.
import { DateTime } from 'luxon';
import { compliance, type DueItem } from '../../../domain/planned/recurrence.ts';
import type { PlannedComplianceQueryDto, PlannedComplianceRowDto } from '../../../shared/schemas/planned-compliance.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { forbidden, invalid } from '../../errors.ts';
import { readScope, scopeWhere } from '../../scope.ts';
import { romeDate } from '../tickets/workflow-helpers.ts';
import * as repo from './compliance.repository.ts';

export async function plannedCompliance(
  ctx: AppContext,
  actor: Principal,
  q: PlannedComplianceQueryDto,
): Promise<{ items: PlannedComplianceRowDto[]; from: string; to: string }> {
  const contracts = readScope(actor, 'contracts');
  const buildings = readScope(actor, 'buildings');
  if (contracts.kind === 'forbidden' || buildings.kind === 'forbidden') throw forbidden();
  const today = romeDate(ctx.now());
  const from = q.from ?? DateTime.fromISO(today).startOf('month').toISODate()!;
  const to = q.to ?? today;
  if (from > to) throw invalid([{ field: 'to', rule: 'dateOrder' }]);
  const rows = await repo.dueItems(
    ctx.db,
    { from, to, contractId: q.contractId, buildingId: q.buildingId },
    scopeWhere(contracts, 'k'),
    scopeWhere(buildings, 'b'),
  );

  const groups = new Map<string, { head: Omit<PlannedComplianceRowDto, 'due' | 'doneOnTime' | 'late' | 'pct'>; items: DueItem[] }>();
  for (const r of rows) {
    const month = String(r.due_on).slice(0, 7);
    const key = `${r.contract_id}|${r.building_id}|${month}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        head: {
          contractId: r.contract_id,
          lot: r.lot,
          contractorName: r.contractor_name,
          buildingId: r.building_id,
          buildingCode: r.building_code,
          buildingName: r.building_name,
          month,
        },
        items: [],
      };
      groups.set(key, g);
    }
    g.items.push({
      dueOn: String(r.due_on),
      completedOn: r.completed_at && r.status !== 'cancelled' ? romeDate(new Date(r.completed_at)) : null,
      cancelled: r.status === 'cancelled',
    });
  }
  const items = [...groups.values()]
    .map((g) => ({ ...g.head, ...compliance(g.items, today) }))
    .sort((a, b) => a.lot.localeCompare(b.lot) || a.buildingCode.localeCompare(b.buildingCode) || a.month.localeCompare(b.month));
  return { items, from, to };
}
