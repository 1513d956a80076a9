// Spend against the ceiling (#10 item 6) and accounting's home (#10 item 7).
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface SpendAlert {
  basis: 'amount' | 'ceiling';
  thresholdBp: number;
}

export interface ContractSpend {
  contract: { id: string; lot: string; cig: string; title: string; startsOn: string; endsOn: string };
  contractor: { id: string; name: string };
  amountCents: number;
  ceilingCents: number | null;
  flatFeeTermCents: number;
  flatFeeAccruedCents: number;
  quotesCents: number;
  finalAccountsCents: number;
  committedCents: number;
  spentCents: number;
  usedCents: number;
  amountUsedBp: number | null;
  ceilingUsedBp: number | null;
  quoteCount: number;
  finalAccountCount: number;
  alerts: SpendAlert[];
}

export interface SpendWorkOrder {
  id: string;
  number: string;
  description: string;
  buildingCode: string;
  amountCents: number;
  approvedAt: string | null;
  finalAccountId: string | null;
}

export interface ContractSpendDetail extends ContractSpend {
  committedWorkOrders: SpendWorkOrder[];
  spentWorkOrders: SpendWorkOrder[];
}

interface Counted<T> {
  count: number;
  items: T[];
}

export interface AccountingHome {
  period: string;
  finalAccounts: Counted<{
    id: string;
    workOrderNumber: string;
    lot: string;
    contractorName: string;
    netCents: number;
    submittedAt: string | null;
  }>;
  statements: Counted<{
    contractId: string;
    lot: string;
    contractorName: string;
    period: string;
    statementId: string | null;
    status: 'missing' | 'draft';
  }>;
  invoices: Counted<{ id: string; number: string; issueDate: string; contractorName: string; totalCents: number; mismatchCount: number }>;
  spendAlerts: Counted<{
    contractId: string;
    lot: string;
    contractorName: string;
    amountUsedBp: number | null;
    ceilingUsedBp: number | null;
  }>;
}

export function useContractSpend() {
  return useQuery({
    queryKey: ['spend', 'list'],
    queryFn: ({ signal }) => api.get<{ items: ContractSpend[] }>('/api/contracts/spend', undefined, signal),
  });
}

export function useContractSpendDetail(id: string | null) {
  return useQuery({
    queryKey: ['spend', 'detail', id],
    enabled: !!id,
    queryFn: ({ signal }) => api.get<ContractSpendDetail>(`/api/contracts/${id}/spend`, undefined, signal),
  });
}

export function useAccountingHome(enabled: boolean) {
  return useQuery({
    queryKey: ['accounting', 'home'],
    enabled,
    queryFn: ({ signal }) => api.get<AccountingHome>('/api/accounting/home', undefined, signal),
  });
}
