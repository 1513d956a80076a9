// Monthly statements of a contract (#10 item 4): the list, one statement with its items, prepare,
// refresh, approve, discard, and the PDF / XLSX links.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from './client';

export type StatementState = 'draft' | 'approved';
export type StatementAction = 'refresh' | 'approve' | 'discard';
export type StatementItemKind = 'flat_fee' | 'extra_fee' | 'kpi_reward' | 'penalty' | 'penalty_carried' | 'withholding_release';
export type DurcState = 'valid' | 'expiring' | 'expired' | 'missing';

export interface StatementTotals {
  flatFeeCents: number;
  extraFeeCents: number;
  rewardsCents: number;
  grossCents: number;
  penaltiesCents: number;
  penaltiesDeductedCents: number;
  penaltiesCarriedCents: number;
  netCents: number;
  previousNetCents: number;
  progressiveNetCents: number;
  withheldCents: number;
  releasedCents: number;
  taxableCents: number;
  vatBp: number;
  vatCents: number;
  totalCents: number;
}

export interface StatementItem {
  id: string;
  position: number;
  kind: StatementItemKind;
  description: string;
  amountCents: number;
  workOrder: { id: string; number: string; description: string } | null;
  finalAccountId: string | null;
  finalAccountApprovedAt: string | null;
  penaltyId: string | null;
  penaltyPeriod: string | null;
  kpiReportId: string | null;
}

export interface Statement {
  id: string;
  contract: { id: string; lot: string; cig: string; title: string; conformityCheckedOn: string | null };
  contractor: { id: string; name: string; vatNumber: string };
  period: string;
  number: number;
  final: boolean;
  status: StatementState;
  totals: StatementTotals;
  durc: { validUntil: string | null; state: DurcState; recorded: boolean };
  items?: StatementItem[];
  preparedBy: { id: string; label: string } | null;
  approvedBy: { id: string; label: string } | null;
  approvedAt: string | null;
  availableActions: StatementAction[];
  version: number;
}

export interface StatementFilters {
  contractId?: string;
  period?: string;
  status?: StatementState;
}

const keys = {
  all: ['statements'] as const,
  list: (f: StatementFilters) => ['statements', 'list', f] as const,
  one: (id: string) => ['statements', 'one', id] as const,
};

export function useStatements(f: StatementFilters, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: keys.list(f),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: Statement[]; nextCursor: string | null }>('/api/statements', { ...f, limit: pageSize, cursor: pageParam }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useStatement(id: string) {
  return useQuery({ queryKey: keys.one(id), queryFn: ({ signal }) => api.get<Statement>(`/api/statements/${id}`, undefined, signal) });
}

export function usePrepareStatement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { contractId: string; period: string; final: boolean }) =>
      api.post<Statement>(`/api/contracts/${v.contractId}/statements`, { period: v.period, ...(v.final ? { final: true } : {}) }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useStatementAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { statement: Statement; action: StatementAction }) =>
      api.post<Statement | null>(`/api/statements/${v.statement.id}/actions/${v.action}`, { version: v.statement.version }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export const statementExportUrl = (id: string, format: 'pdf' | 'xlsx') => buildUrl(`/api/statements/${id}/export`, { format });
