// Final accounts of work orders (#10 item 2): accounting's worklist and its approve / return.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type FinalAccountState = 'draft' | 'needs_service_head' | 'submitted' | 'approved' | 'returned';
export type FinalAccountAction = 'submit' | 'approve_variance' | 'return_variance' | 'approve' | 'return';

export interface FinalAccountLine {
  id: string;
  position: number;
  code: string | null;
  description: string;
  unit: string;
  quantity: number;
  unitPriceCents: number;
  category: 'works' | 'safety' | 'labour';
  amountCents: number;
  analysis: { materialsCents: number; labourCents: number; equipmentCents: number; overheadsBp: number; profitBp: number } | null;
}

export interface FinalAccount {
  id: string;
  workOrder: { id: string; number: string; status: string; description: string };
  contract: { id: string; lot: string; cig: string; varianceThresholdBp: number };
  contractor: { id: string; name: string };
  building: { id: string; code: string; name: string };
  basis: 'flat_fee' | 'extra_fee';
  status: FinalAccountState;
  approvedNetCents: number | null;
  lines: FinalAccountLine[];
  netCents: number;
  vatCents: number;
  totalCents: number;
  chargeableNetCents: number;
  varianceCents: number | null;
  varianceBp: number | null;
  varianceReason: string | null;
  returnReason: string | null;
  submittedAt: string | null;
  availableActions: FinalAccountAction[];
  version: number;
}

const keys = { all: ['final-accounts'] as const, list: (state: string | null) => ['final-accounts', 'list', state] as const };

export function useFinalAccounts(state: FinalAccountState | null) {
  return useQuery({
    queryKey: keys.list(state),
    queryFn: ({ signal }) => api.get<{ items: FinalAccount[] }>('/api/final-accounts', { state: state ?? undefined }, signal),
  });
}

export function useFinalAccountAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { account: FinalAccount; action: FinalAccountAction; reason?: string }) =>
      api.post<FinalAccount>(`/api/final-accounts/${v.account.id}/actions/${v.action}`, {
        version: v.account.version,
        ...(v.reason !== undefined ? { reason: v.reason } : {}),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}
