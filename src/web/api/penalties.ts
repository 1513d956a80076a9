// SLA and penalties (docs/API.md "SLA and penalties"): penalties in scope, one penalty with its
// available actions and timeline, the contract's totals against the cap, the register exports and
// the SLA compliance report.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, buildUrl, type QueryParams } from './client';
import type { ComplianceDto, PenaltyDetailDto, PenaltyDto, PenaltySummaryDto } from '../../shared/schemas/sla';

export type { ComplianceDto, PenaltyDetailDto, PenaltyDto, PenaltySummaryDto };

// The vocabulary of src/shared/schemas/sla.ts, kept here as values (that module pulls in typebox).
export const PENALTY_STATUSES = ['proposed', 'contested', 'counter_argued', 'applied', 'reduced', 'waived', 'withdrawn'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];
export const PENALTY_ACTIONS = ['contest', 'counter_argue', 'apply', 'reduce', 'waive', 'withdraw'] as const;

export interface PenaltyFilters {
  contractId?: string;
  status?: string;
  period?: string;
}

export interface ContractCap extends PenaltySummaryDto {
  contract: { id: string; lot: string; cig: string; contractor: string };
}

export const penaltyKeys = {
  all: ['penalties'] as const,
  list: (f: PenaltyFilters) => ['penalties', 'list', f] as const,
  one: (id: string) => ['penalties', 'one', id] as const,
  caps: ['penalties', 'caps'] as const,
  summary: (contractId: string) => ['penalties', 'summary', contractId] as const,
  compliance: (contractId: string, from: string, to: string) => ['penalties', 'compliance', contractId, from, to] as const,
  plannedCompliance: (contractId: string, from: string, to: string) => ['penalties', 'planned-compliance', contractId, from, to] as const,
};

export function usePenalties(f: PenaltyFilters) {
  const query: QueryParams = { contractId: f.contractId, status: f.status, period: f.period, limit: 200 };
  return useQuery({
    queryKey: penaltyKeys.list(f),
    queryFn: ({ signal }) => api.get<{ items: PenaltyDto[]; nextCursor: string | null }>('/api/penalties', query, signal),
  });
}

export function usePenalty(id: string | undefined) {
  return useQuery({
    queryKey: penaltyKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<PenaltyDetailDto>(`/api/penalties/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

/** The contracts the caller sees, each with its penalties against the cap. */
export function useContractCaps(enabled = true) {
  return useQuery({
    queryKey: penaltyKeys.caps,
    queryFn: ({ signal }) => api.get<{ items: ContractCap[] }>('/api/reports/penalties-vs-cap', undefined, signal),
    enabled,
  });
}

export function useContractSummary(contractId: string | undefined) {
  return useQuery({
    queryKey: penaltyKeys.summary(contractId ?? ''),
    queryFn: ({ signal }) =>
      api.get<PenaltySummaryDto>(`/api/contracts/${encodeURIComponent(contractId!)}/penalties/summary`, undefined, signal),
    enabled: !!contractId,
  });
}

export function useSlaCompliance(contractId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: penaltyKeys.compliance(contractId ?? '', from, to),
    queryFn: ({ signal }) => api.get<ComplianceDto>('/api/reports/sla-compliance', { from, to, groupBy: 'priority', contractId }, signal),
    enabled: !!contractId,
  });
}

/** One row of GET /api/planned-compliance: a contract's planned activities in a building and month. */
export interface PlannedComplianceRow {
  contractId: string;
  lot: string;
  contractorName: string;
  buildingId: string;
  buildingCode: string;
  buildingName: string;
  month: string;
  due: number;
  doneOnTime: number;
  late: number;
  pct: number | null;
}

/** Planned-maintenance compliance of a contract (#8): done on time ÷ due, per building and month. */
export function usePlannedCompliance(contractId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: penaltyKeys.plannedCompliance(contractId ?? '', from, to),
    queryFn: ({ signal }) => api.get<{ items: PlannedComplianceRow[] }>('/api/planned-compliance', { contractId, from, to }, signal),
    enabled: !!contractId,
  });
}

/** The register of a contract for a month (YYYY-MM) or year (YYYY), as a file (a plain link). */
export const registerUrl = (contractId: string, period: string, format: 'xlsx' | 'pdf') =>
  buildUrl('/api/penalties/register', { contractId, period, format });

export function postPenaltyAction(id: string, action: string, version: number, fields: Record<string, unknown>): Promise<PenaltyDetailDto> {
  return api.post<PenaltyDetailDto>(`/api/penalties/${encodeURIComponent(id)}/actions/${action}`, { version, ...fields });
}

export function refreshPenalties(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: penaltyKeys.all });
}

/** A penalty proposed by hand (building manager, service head): clipped by the contract's cap. */
export function proposePenalty(body: {
  contractId: string;
  workOrderId?: string;
  amountCents: number;
  reason: string;
  evidence?: string;
}): Promise<PenaltyDetailDto> {
  return api.post<PenaltyDetailDto>('/api/penalties', body);
}
