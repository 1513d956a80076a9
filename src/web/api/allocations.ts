// Cost allocation (#10 item 3): the report per department, building, class or month, the
// allocations behind a figure, and the rule of a contract.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, buildUrl } from './client';

export type GroupBy = 'department' | 'building' | 'class' | 'period';
export type AllocationMethod = 'requesting_department' | 'floor_area' | 'percentages' | 'central_vs_department';

export interface ReportQuery {
  groupBy: GroupBy;
  from?: string;
  to?: string;
  contractId?: string;
}
interface Sums {
  finalAccounts: number;
  netCents: number;
  vatCents: number;
  amountCents: number;
}
export interface ReportRow extends Sums {
  key: string | null;
  code: string | null;
  label: string;
}
export interface Report {
  groupBy: GroupBy;
  rows: ReportRow[];
  totals: Sums;
  unallocated: number;
}
export interface Allocation {
  id: string;
  finalAccountId: string;
  workOrder: { id: string; number: string; description: string };
  payer: string;
  building: { id: string; code: string; name: string };
  technologyClass: { id: string; code: string; name: string };
  contract: { id: string; lot: string };
  period: string;
  method: string;
  shareBp: number;
  netCents: number;
  vatCents: number;
  amountCents: number;
}
export interface Rule {
  method: AllocationMethod | null;
  shares: Array<{ department: { id: string; code: string; name: string } | null; shareBp: number }>;
  version: number;
}

export const reportFileUrl = (q: ReportQuery, format: 'xlsx' | 'pdf') => buildUrl('/api/allocations/report', { ...q, format });

export function useAllocationReport(q: ReportQuery) {
  return useQuery({
    queryKey: ['allocations', 'report', q],
    queryFn: ({ signal }) => api.get<Report>('/api/allocations/report', { ...q }, signal),
  });
}

/** The filter of the allocations behind one row of a report. */
export function drillFilter(q: ReportQuery, key: string | null): Record<string, string | undefined> {
  const range = { from: q.from, to: q.to, contractId: q.contractId };
  if (q.groupBy === 'department') return { ...range, departmentId: key ?? 'central' };
  if (q.groupBy === 'building') return { ...range, buildingId: key ?? undefined };
  if (q.groupBy === 'class') return { ...range, classId: key ?? undefined };
  return { period: key ?? undefined, contractId: q.contractId };
}

export function useAllocations(filter: Record<string, string | undefined> | null) {
  return useQuery({
    queryKey: ['allocations', 'list', filter],
    enabled: filter !== null,
    queryFn: ({ signal }) => api.get<{ items: Allocation[]; totals: Sums }>('/api/allocations', filter ?? {}, signal),
  });
}

/** Whose rule: a contract's, or a building's (which prevails for every contract's work in it). */
export type RuleOwner = 'contract' | 'building';
const ruleUrl = (owner: RuleOwner, id: string) => `/api/${owner === 'contract' ? 'contracts' : 'buildings'}/${id}/allocation-rule`;

export function useAllocationRule(owner: RuleOwner, id: string) {
  return useQuery({
    queryKey: ['allocations', 'rule', owner, id],
    queryFn: ({ signal }) => api.get<Rule>(ruleUrl(owner, id), undefined, signal),
  });
}

export function useSaveAllocationRule(owner: RuleOwner, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; method: AllocationMethod; shares?: Array<{ departmentId: string | null; shareBp: number }> }) =>
      apiRequest<Rule>(ruleUrl(owner, id), { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['allocations'] }),
  });
}

/** Removes the rule: a building's work then follows its contract's. */
export function useDeleteAllocationRule(owner: RuleOwner, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => apiRequest<void>(`${ruleUrl(owner, id)}?version=${version}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['allocations'] }),
  });
}
