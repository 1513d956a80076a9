// Final accounts of work orders (#10 item 2): accounting's worklist, the contractor's lines on the
// work-order page, and the decisions (approve / return, the service head's variance).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { analysisPrice, DEFAULT_OVERHEADS_BP, OVERHEADS_BP_RANGE, PROFIT_BP } from '../../domain/accounting/final-account';
import { api } from './client';
import { refreshWorkflow } from './workflow';

export { analysisPrice, DEFAULT_OVERHEADS_BP, OVERHEADS_BP_RANGE, PROFIT_BP };

export type FinalAccountState = 'draft' | 'needs_service_head' | 'submitted' | 'approved' | 'returned';
export type FinalAccountAction = 'submit' | 'approve_variance' | 'return_variance' | 'approve' | 'return';
export type LineCategory = 'works' | 'safety' | 'labour';

export interface Analysis {
  materialsCents: number;
  labourCents: number;
  equipmentCents: number;
  overheadsBp: number;
  profitBp: number;
}

export interface FinalAccountLine {
  id: string;
  position: number;
  priceListItemId: string | null;
  code: string | null;
  description: string;
  unit: string;
  quantity: number;
  unitPriceCents: number;
  category: LineCategory;
  amountCents: number;
  analysis: Analysis | null;
}

export interface FinalAccount {
  id: string;
  workOrder: { id: string; number: string; status: string; description: string };
  contract: { id: string; lot: string; cig: string; varianceThresholdBp: number };
  contractor: { id: string; name: string };
  building: { id: string; code: string; name: string };
  basis: 'flat_fee' | 'extra_fee';
  status: FinalAccountState;
  quoteId: string | null;
  approvedNetCents: number | null;
  discountBp: number;
  vatBp: number;
  lines: FinalAccountLine[];
  discountableCents: number;
  discountCents: number;
  undiscountedCents: number;
  netCents: number;
  vatCents: number;
  totalCents: number;
  chargeableNetCents: number;
  varianceCents: number | null;
  varianceBp: number | null;
  varianceReason: string | null;
  hours: number | null;
  materials: string | null;
  returnReason: string | null;
  submittedAt: string | null;
  serviceHead: { id: string; label: string } | null;
  serviceHeadAt: string | null;
  decidedBy: { id: string; label: string } | null;
  decidedAt: string | null;
  availableActions: FinalAccountAction[];
  canEdit: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A line as the API takes it: from the price list, free (own price), or a new price by analysis. */
export type FinalAccountLineInput =
  | { priceListItemId: string; quantity: number; category: LineCategory }
  | { code?: string; description: string; unit: string; quantity: number; unitPriceCents: number; category: LineCategory }
  | {
      code?: string;
      description: string;
      unit: string;
      quantity: number;
      category: LineCategory;
      analysis: { materialsCents: number; labourCents: number; equipmentCents: number; overheadsBp: number };
    };

export interface FinalAccountEdit {
  lines: FinalAccountLineInput[];
  hours: number | null;
  materials: string | null;
}

const keys = {
  all: ['final-accounts'] as const,
  list: (state: string | null) => ['final-accounts', 'list', state] as const,
  one: (id: string | undefined) => ['final-accounts', 'one', id] as const,
  ofWorkOrder: (workOrderId: string) => ['final-accounts', 'work-order', workOrderId] as const,
};

type Page = { items: FinalAccount[]; nextCursor: string | null };

/** Keyset pages of the list (ListPage's shape): `nextCursor` of one page asks for the next. */
export function useFinalAccounts(state: FinalAccountState | null, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: keys.list(state),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page>('/api/final-accounts', { state: state ?? undefined, limit: pageSize, cursor: pageParam ?? undefined }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useFinalAccount(id: string | undefined) {
  return useQuery({
    queryKey: keys.one(id),
    enabled: !!id,
    queryFn: ({ signal }) => api.get<FinalAccount>(`/api/final-accounts/${encodeURIComponent(id ?? '')}`, undefined, signal),
  });
}

/** The work order's final account, or null while none is open. */
export function useFinalAccountOfWorkOrder(workOrderId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.ofWorkOrder(workOrderId),
    enabled,
    queryFn: async ({ signal }) => (await api.get<Page>('/api/final-accounts', { workOrderId, limit: 1 }, signal)).items[0] ?? null,
  });
}

function useRefresh() {
  const qc = useQueryClient();
  // The work order's timeline carries every step of its final account.
  return () => Promise.all([qc.invalidateQueries({ queryKey: keys.all }), refreshWorkflow(qc)]);
}

export function useCreateFinalAccount(workOrderId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api.post<FinalAccount>(`/api/work-orders/${encodeURIComponent(workOrderId)}/final-account`, {}),
    onSettled: refresh,
  });
}

export function useEditFinalAccount() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (v: { account: FinalAccount; edit: FinalAccountEdit }) =>
      api.patch<FinalAccount>(`/api/final-accounts/${encodeURIComponent(v.account.id)}`, { version: v.account.version, ...v.edit }),
    onSettled: refresh,
  });
}

export function useFinalAccountAction() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (v: { account: FinalAccount; action: FinalAccountAction; reason?: string; varianceReason?: string }) =>
      api.post<FinalAccount>(`/api/final-accounts/${encodeURIComponent(v.account.id)}/actions/${v.action}`, {
        version: v.account.version,
        ...(v.reason !== undefined ? { reason: v.reason } : {}),
        ...(v.varianceReason !== undefined ? { varianceReason: v.varianceReason } : {}),
      }),
    onSettled: refresh,
  });
}
