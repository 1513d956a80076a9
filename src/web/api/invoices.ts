// Contractors' invoices against approved statements (#10 item 5): registered from the FatturaPA XML
// or by hand, matched with the statement, accepted or disputed.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type InvoiceState = 'registered' | 'accepted' | 'disputed';
export type InvoiceAction = 'accept' | 'dispute';
export type VatCollectability = 'I' | 'D' | 'S';
export type MismatchField = 'supplierVatNumber' | 'cig' | 'taxableCents' | 'vatCents' | 'totalCents' | 'vatCollectability';
export const INVOICE_STATES: readonly InvoiceState[] = ['registered', 'accepted', 'disputed'];

export interface Mismatch {
  field: MismatchField;
  expected: string | number | null;
  actual: string | number | null;
  differenceCents?: number;
}

export interface Invoice {
  id: string;
  statement: { id: string; period: string; number: number; status: string };
  contract: { id: string; lot: string; cig: string };
  contractor: { id: string; name: string; vatNumber: string };
  source: 'fatturapa' | 'manual';
  number: string;
  issueDate: string;
  supplierVatNumber: string;
  cig: string | null;
  taxableCents: number;
  vatCents: number;
  totalCents: number;
  vatCollectability: string | null;
  expected: { supplierVatNumber: string; cig: string; taxableCents: number; vatCents: number; totalCents: number; vatCollectability: 'S' };
  mismatches: Mismatch[];
  matched: boolean;
  status: InvoiceState;
  disputeReason: string | null;
  file: { name: string; sha256: string; url: string } | null;
  registeredBy: { id: string; label: string } | null;
  decidedBy: { id: string; label: string } | null;
  decidedAt: string | null;
  availableActions: InvoiceAction[];
  version: number;
  createdAt: string;
}

export interface StatementToInvoice {
  id: string;
  period: string;
  number: number;
  contract: { id: string; lot: string; cig: string };
  contractor: { id: string; name: string; vatNumber: string };
  taxableCents: number;
  vatCents: number;
  totalCents: number;
  invoices: number;
}

export interface InvoiceFilters {
  status?: string;
  contractId?: string;
  statementId?: string;
}

export interface ManualInvoice {
  number: string;
  issueDate: string;
  supplierVatNumber: string;
  cig: string | null;
  taxableCents: number;
  vatCents: number;
  totalCents: number;
  vatCollectability: VatCollectability;
}

const keys = {
  all: ['invoices'] as const,
  list: (f: InvoiceFilters) => ['invoices', 'list', f] as const,
  one: (id: string | undefined) => ['invoices', 'one', id] as const,
  toInvoice: ['invoices', 'statements-to-invoice'] as const,
};
const PAGE = 50;

export function useInvoices(f: InvoiceFilters) {
  return useInfiniteQuery({
    queryKey: keys.list(f),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: Invoice[]; nextCursor: string | null }>('/api/invoices', { ...f, limit: PAGE, cursor: pageParam }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useInvoice(id: string | undefined) {
  return useQuery({
    queryKey: keys.one(id),
    enabled: !!id,
    queryFn: ({ signal }) => api.get<Invoice>(`/api/invoices/${id}`, undefined, signal),
  });
}

export function useStatementsToInvoice(enabled = true) {
  return useQuery({
    queryKey: keys.toInvoice,
    enabled,
    queryFn: ({ signal }) => api.get<{ items: StatementToInvoice[] }>('/api/invoices/statements-to-invoice', undefined, signal),
  });
}

/** Registers the invoice from its XML file (multipart) or the facts entered by hand (JSON). */
export function useRegisterInvoice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { statementId: string; file: File } | { statementId: string; manual: ManualInvoice }) => {
      const url = `/api/statements/${encodeURIComponent(v.statementId)}/invoices`;
      if ('file' in v) {
        const form = new FormData();
        form.append('file', v.file);
        return api.post<Invoice>(url, form);
      }
      return api.post<Invoice>(url, v.manual);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useInvoiceAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { invoice: Invoice; action: InvoiceAction; reason?: string }) =>
      api.post<Invoice>(`/api/invoices/${v.invoice.id}/actions/${v.action}`, {
        version: v.invoice.version,
        ...(v.reason !== undefined ? { reason: v.reason } : {}),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}
