// The contract's penalty/reward scheme and its period reports (#11 item 2): read, generate,
// review (building manager), sign off (service head), and the admin's scheme editor.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

import type { SchemeIndicator } from '../../domain/kpi/scheme';
export { SCHEME_INDICATORS, type SchemeIndicator } from '../../domain/kpi/scheme';
export type KpiReportState = 'generated' | 'reviewed' | 'signed_off';

export interface KpiScheme {
  contractId: string;
  exists: boolean;
  period: 'month' | 'quarter';
  indicators: Array<{ indicator: SchemeIndicator; bands: Array<{ from: number; points: number }> }>;
  bands: Array<{ fromPoints: number; bp: number }>;
  maxRewardBp: number;
  acceleration: { enabled: boolean; bpPerDay: number; maxBp: number };
  version: number;
  updatedAt: string | null;
}
export type KpiSchemeInput = Omit<KpiScheme, 'contractId' | 'exists' | 'updatedAt'>;

export interface KpiReport {
  id: string;
  contract: { id: string; lot: string; cig: string; title: string; contractor: string };
  period: string;
  from: string;
  to: string;
  status: KpiReportState;
  scoring: Array<{
    indicator: SchemeIndicator;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    points: number | null;
  }>;
  workOrders: number;
  points: number;
  bandBp: number;
  daysEarly: number;
  periodFeeCents: number;
  capRoomCents: number;
  maxRewardCents: number;
  computedCents: number;
  proposedCents: number;
  finalCents: number | null;
  reviewNote: string | null;
  reason: string | null;
  penaltyId: string | null;
  statementId: string | null;
  generatedBy: { id: string; label: string } | null;
  reviewedBy: { id: string; label: string } | null;
  reviewedAt: string | null;
  signedOffBy: { id: string; label: string } | null;
  signedOffAt: string | null;
  availableActions: Array<'review' | 'sign_off'>;
  version: number;
}

const keys = {
  all: ['kpi-reports'] as const,
  scheme: (contractId: string) => ['kpi-scheme', contractId] as const,
};

export function useKpiReports() {
  return useQuery({
    queryKey: keys.all,
    queryFn: ({ signal }) => api.get<{ items: KpiReport[] }>('/api/kpi-reports', { limit: 200 }, signal),
  });
}

export function useGenerateKpiReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { contractId: string; period: string }) => api.post<KpiReport>('/api/kpi-reports', v),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useKpiReportAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      v:
        | { report: KpiReport; action: 'review'; note?: string }
        | { report: KpiReport; action: 'sign_off'; finalCents: number; reason?: string },
    ) =>
      v.action === 'review'
        ? api.post<KpiReport>(`/api/kpi-reports/${v.report.id}/review`, { version: v.report.version, ...(v.note ? { note: v.note } : {}) })
        : api.post<KpiReport>(`/api/kpi-reports/${v.report.id}/sign-off`, {
            version: v.report.version,
            finalCents: v.finalCents,
            ...(v.reason ? { reason: v.reason } : {}),
          }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useKpiScheme(contractId: string) {
  return useQuery({
    queryKey: keys.scheme(contractId),
    queryFn: ({ signal }) => api.get<KpiScheme>(`/api/contracts/${encodeURIComponent(contractId)}/kpi-scheme`, undefined, signal),
  });
}

export function useSaveKpiScheme(contractId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: KpiSchemeInput) => api.put<KpiScheme>(`/api/contracts/${encodeURIComponent(contractId)}/kpi-scheme`, v),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.scheme(contractId) }),
  });
}
