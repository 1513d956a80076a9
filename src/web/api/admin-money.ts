// The admin console's money (#9 item 12): a contract's penalty rules (docs/API.md "SLA and
// penalties"), the price lists per lot with their items and import (docs/API.md "Price lists").
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, apiRequest } from './client';
import type { PenaltyRuleDto } from '../../shared/schemas/sla';
import type { Page } from './types';

export type { PenaltyRuleDto };

// The vocabulary of src/shared/schemas/sla.ts as values (that module pulls in typebox).
export const RULE_KINDS = ['per_hour', 'per_day', 'per_mille_per_day', 'fixed'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const RULE_CLOCKS = ['take_charge', 'on_site', 'resolution'] as const;
export const RULE_PRIORITIES = ['emergency', 'urgent', 'ordinary', 'deferrable'] as const;
export const RULE_EVENTS = ['late_planned_activity', 'late_documents'] as const;

export interface PenaltyRuleInput {
  kind: RuleKind;
  clock?: string;
  priority?: string;
  event?: string;
  amountCents?: number;
  perMille?: number;
}

export const adminMoneyKeys = {
  rules: (contractId: string) => ['penalty-rules', contractId] as const,
  priceLists: ['price-lists'] as const,
};

export function usePenaltyRules(contractId: string | null) {
  return useQuery({
    queryKey: adminMoneyKeys.rules(contractId ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ items: PenaltyRuleDto[] }>(`/api/contracts/${encodeURIComponent(contractId!)}/penalty-rules`, undefined, signal),
    enabled: !!contractId,
  });
}

export const createPenaltyRule = (contractId: string, body: PenaltyRuleInput) =>
  api.post<PenaltyRuleDto>(`/api/contracts/${encodeURIComponent(contractId)}/penalty-rules`, body);

export const patchPenaltyRule = (rule: PenaltyRuleDto, body: { amountCents?: number; perMille?: number; active?: boolean }) =>
  api.patch<PenaltyRuleDto>(`/api/contracts/${encodeURIComponent(rule.contractId)}/penalty-rules/${encodeURIComponent(rule.id)}`, {
    version: rule.version,
    ...body,
  });

export const refreshPenaltyRules = (queryClient: QueryClient, contractId: string) =>
  queryClient.invalidateQueries({ queryKey: adminMoneyKeys.rules(contractId) });

// --- price lists ----------------------------------------------------------------------------------

export interface AdminPriceList {
  id: string;
  code: string;
  name: string;
  source: string | null;
  year: number;
  contract: { id: string; lot: string; cig: string } | null;
  active: boolean;
  itemCount: number;
}

export interface AdminPriceListItem {
  id: string;
  code: string;
  description: string;
  unit: string;
  priceCents: number | null;
  surchargePercent: number | null;
}

export function useAdminPriceLists() {
  return useQuery({
    queryKey: adminMoneyKeys.priceLists,
    queryFn: ({ signal }) => api.get<{ items: AdminPriceList[] }>('/api/price-lists', undefined, signal),
  });
}

export function usePriceListPage(priceListId: string | null, q: string, cursor: string | null) {
  return useQuery({
    queryKey: ['price-lists', priceListId, 'page', q, cursor],
    queryFn: ({ signal }) =>
      api.get<Page<AdminPriceListItem>>(
        `/api/price-lists/${encodeURIComponent(priceListId!)}/items`,
        { q: q || undefined, cursor: cursor ?? undefined, limit: 25 },
        signal,
      ),
    enabled: !!priceListId,
  });
}

export interface PriceListImportInput {
  file: File;
  code: string;
  name: string;
  year: string;
  source: string;
  contractId: string | null;
}

export function importPriceList(input: PriceListImportInput) {
  const body = new FormData();
  body.append('code', input.code);
  body.append('name', input.name);
  body.append('year', input.year);
  if (input.source) body.append('source', input.source);
  if (input.contractId) body.append('contractId', input.contractId);
  body.append('file', input.file, input.file.name);
  return apiRequest<{ priceList: AdminPriceList; items: number; headings: number; notes: number }>('/api/price-lists', {
    method: 'POST',
    body,
  });
}
