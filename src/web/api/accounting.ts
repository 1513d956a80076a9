// Accounting's work-order list (GET /api/accounting/work-orders, #9 item 16): the work-order list's
// rows with their money, and its XLSX.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, buildUrl, type QueryParams } from './client';
import { workflowKeys, type ListPage, type WorkOrderListItem } from './workflow';

export interface WorkOrderAmounts {
  quoteStatus: 'submitted' | 'approved' | 'denied' | null;
  quoteNetCents: number | null;
  quoteTotalCents: number | null;
  authorizedCents: number | null;
  /** Billed beyond the yearly flat fee (an authorised quote). */
  extraFee: boolean;
}

export interface AmountListItem extends WorkOrderListItem {
  amounts: WorkOrderAmounts;
}

const PATH = '/api/accounting/work-orders';

/** Keyed under the work lists, so whatever refreshes them (an action, a new quote) refreshes this too. */
export function useAmountList(params: QueryParams, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: [...workflowKeys.all, 'amounts', { ...params, limit: pageSize }] as const,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<ListPage<AmountListItem>>(
        PATH,
        { ...params, limit: pageSize, cursor: pageParam, count: pageParam ? undefined : true },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The XLSX of the list as filtered now (a plain link: the browser downloads it). */
export function amountExportUrl(params: QueryParams): string {
  const { cursor: _c, limit: _l, count: _n, ...filters } = params;
  return buildUrl(`${PATH}/export`, { ...filters, format: 'xlsx' });
}
