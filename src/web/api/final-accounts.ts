// Final accounts of work orders (#10 item 2): accounting's worklist and its approve / return.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
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

/** Keyset pages of the list (ListPage's shape): `nextCursor` of one page asks for the next. */
export function useFinalAccounts(state: FinalAccountState | null, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: keys.list(state),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: FinalAccount[]; nextCursor: string | null }>(
        '/api/final-accounts',
        { state: state ?? undefined, limit: pageSize, cursor: pageParam ?? undefined },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
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
