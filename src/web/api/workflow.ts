// Workflow 1 (fault maintenance): tickets, work orders, their actions, comments, attachments,
// timeline, work lists, counts, price lists (docs/API.md "Workflow", "Work lists and exports").
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, buildUrl, type QueryParams } from './client';
import type { Page } from './types';
import type { AttachmentDto, CommentDto, TicketDto, TimelineItem, WorkOrderDto } from '../../shared/schemas/workflow';

export type { AttachmentDto, CommentDto, TicketDto, TimelineItem, WorkOrderDto };
export type QuoteDto = NonNullable<WorkOrderDto['quote']>;
export type QuoteLineDto = QuoteDto['lines'][number];
export type TicketWorkOrder = TicketDto['workOrders'][number];

export { PRIORITIES, type Priority } from '../../domain/workflow/types';
export { TICKET_STATES, type TicketState } from '../../domain/workflow/ticket';
export { type DocumentKind } from '../../domain/workflow/work-order';
export { type ChecklistItem, type ChecklistResult, OPEN_PLANNED_STATES } from '../../domain/workflow/planned-work-order';
/** Both machines' states: corrective (workflow 1) and planned (workflow 2 adds planned, cancelled). */
export const WORK_ORDER_STATES = [...new Set<WorkOrderState>([...FAULT_STATES, ...PLANNED_WORK_ORDER_STATES])];
export type WorkOrderState = FaultState | PlannedWorkOrderState;
export { quoteTotals, DEFAULT_VAT_BP } from '../../domain/money';

import { WORK_ORDER_STATES as FAULT_STATES, type WorkOrderState as FaultState } from '../../domain/workflow/work-order';
import { PLANNED_WORK_ORDER_STATES, type PlannedWorkOrderState } from '../../domain/workflow/planned-work-order';

// The vocabularies of src/shared/schemas/workflow.ts (kept here as values: that module pulls in typebox).
export const ATTACHMENT_KINDS = [
  'photo',
  'document',
  'conformity_declaration',
  'logbook_entry',
  'test_report',
  'as_built',
  'maintenance_tag',
  'fgas_register_entry',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const LINE_CATEGORIES = ['works', 'safety', 'labour'] as const;
export type LineCategory = (typeof LINE_CATEGORIES)[number];
export type Visibility = 'public' | 'internal';

// --- work lists (GET /api/tickets, GET /api/work-orders) -------------------------------------------

export const VIEWS = [
  'mine',
  'to_qualify',
  'awaiting_my_action',
  'awaiting_authorization',
  'waiting_materials',
  'past_planned_date',
  'overdue',
  'due_soon',
  'planned_this_month',
  'planned_due_this_week',
  'planned_late',
] as const;
export type View = (typeof VIEWS)[number];
export type Resource = 'tickets' | 'work-orders';

/** A list row's SLA state (GET /api/tickets, /api/work-orders: `sla`; filter `sla`). */
export const SLA_ROW_STATES = ['due', 'overdue', 'paused', 'met', 'missed'] as const;
export interface SlaRow {
  state: (typeof SLA_ROW_STATES)[number];
  dueAt: string | null;
  pausedFor: string | null;
}

interface Ref {
  id: string;
  code: string;
  name: string;
}

export interface TicketListItem {
  id: string;
  number: string;
  /** fault (workflow 1) or planned (opened by a published program, #8). */
  kind?: string;
  status: string;
  priority: string | null;
  danger: boolean;
  channel: string;
  subject: string;
  building: Ref;
  space: Ref | null;
  requesterName: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  reopenCount: number;
  reminderCount: number;
  sla: SlaRow | null;
  workOrders: Array<{
    id: string;
    number: string;
    status: string;
    priority: string;
    technologyClass: Ref;
    contractor: { id: string; name: string };
    scheduledAt: string | null;
    expectedOn: string | null;
    sla: SlaRow | null;
  }>;
}

export interface WorkOrderListItem {
  id: string;
  number: string;
  kind: string;
  status: string;
  outcome: string | null;
  priority: string;
  description: string;
  location: string | null;
  ticket: { id: string; number: string; subject: string } | null;
  building: Ref;
  space: Ref | null;
  technologyClass: Ref;
  contractor: { id: string; name: string };
  contract: { id: string; lot: string; cig: string };
  /** #9: the contractor's technician it is assigned to. */
  assignee: { id: string; label: string } | null;
  issuedAt: string;
  acknowledgedAt: string | null;
  inspectionAt: string | null;
  scheduledAt: string | null;
  expectedOn: string | null;
  completedAt: string | null;
  closedAt: string | null;
  sla: SlaRow | null;
}

export interface ListPage<T> extends Page<T> {
  count?: number;
  countCapped?: boolean;
}

/** A navigation badge: a work list, or the inbox of held e-mails (call center, admin). */
export type BadgeSource = { resource: Resource; view: View } | { resource: 'inbound-messages'; view: 'held' };

export interface WorklistCount {
  resource: BadgeSource['resource'];
  view: BadgeSource['view'];
  count: number;
  capped: boolean;
}

const LIST_PATH: Record<Resource, string> = { tickets: '/api/tickets', 'work-orders': '/api/work-orders' };

export const workflowKeys = {
  all: ['workflow'] as const,
  list: (resource: Resource, params: QueryParams) => ['workflow', resource, 'list', params] as const,
  ticket: (id: string) => ['workflow', 'tickets', 'detail', id] as const,
  timeline: (id: string) => ['workflow', 'tickets', 'timeline', id] as const,
  workOrder: (id: string) => ['workflow', 'work-orders', 'detail', id] as const,
  counts: ['workflow', 'counts'] as const,
};

/** A keyset-paginated work list; the first page also asks for the count. */
export function useWorklist<T>(resource: Resource, params: QueryParams, pageSize = 50, enabled = true) {
  return useInfiniteQuery({
    queryKey: workflowKeys.list(resource, { ...params, limit: pageSize }),
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<ListPage<T>>(
        LIST_PATH[resource],
        { ...params, limit: pageSize, cursor: pageParam, count: pageParam ? undefined : true },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useTicketList = (params: QueryParams, pageSize?: number, enabled?: boolean) =>
  useWorklist<TicketListItem>('tickets', params, pageSize, enabled);
export const useWorkOrderList = (params: QueryParams, pageSize?: number, enabled?: boolean) =>
  useWorklist<WorkOrderListItem>('work-orders', params, pageSize, enabled);

/** The navigation badges: how many rows each of my work lists holds. */
export function useWorklistCounts(enabled = true) {
  return useQuery({
    queryKey: workflowKeys.counts,
    queryFn: ({ signal }) => api.get<{ items: WorklistCount[] }>('/api/worklists/counts', undefined, signal),
    enabled,
    staleTime: 30_000,
    refetchInterval: 120_000,
  });
}

/** CSV/XLSX export of a list with the same filters (a plain link: the browser downloads it). */
export function exportUrl(resource: Resource, params: QueryParams, format: 'csv' | 'xlsx'): string {
  const { cursor: _c, limit: _l, count: _n, ...filters } = params;
  return buildUrl(`${LIST_PATH[resource]}/export`, { ...filters, format });
}

export const sheetUrl = (workOrderId: string) => `/api/work-orders/${encodeURIComponent(workOrderId)}/sheet.pdf`;

// --- tickets --------------------------------------------------------------------------------------

const ticketUrl = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;
const workOrderUrl = (id: string) => `/api/work-orders/${encodeURIComponent(id)}`;

export function useTicket(id: string | undefined) {
  return useQuery({
    queryKey: workflowKeys.ticket(id ?? ''),
    queryFn: ({ signal }) => api.get<TicketDto>(ticketUrl(id ?? ''), undefined, signal),
    enabled: !!id,
  });
}

export function useTicketTimeline(id: string | undefined) {
  return useQuery({
    queryKey: workflowKeys.timeline(id ?? ''),
    queryFn: ({ signal }) => api.get<{ items: TimelineItem[] }>(`${ticketUrl(id ?? '')}/timeline`, undefined, signal),
    enabled: !!id,
  });
}

export function useWorkOrder(id: string | undefined) {
  return useQuery({
    queryKey: workflowKeys.workOrder(id ?? ''),
    queryFn: ({ signal }) => api.get<WorkOrderDto>(workOrderUrl(id ?? ''), undefined, signal),
    enabled: !!id,
  });
}

export interface TicketOpenInput {
  buildingId: string;
  spaceId?: string | null;
  assetId?: string | null;
  subject?: string;
  description: string;
  danger?: boolean;
  callerName?: string;
  callerPhone?: string;
  callerEmail?: string;
  requesterId?: string;
}

export const openTicket = (input: TicketOpenInput) => api.post<TicketDto>('/api/tickets', input);

/** PATCH /api/tickets/{id}: the call center's triage before qualification (only the fields sent change). */
export interface TicketPatch {
  subject?: string;
  description?: string;
  buildingId?: string;
  spaceId?: string | null;
  assetId?: string | null;
  requesterId?: string | null;
  callerName?: string | null;
  callerPhone?: string | null;
  callerEmail?: string | null;
  priority?: string | null;
  danger?: boolean;
}

export const patchTicket = (id: string, version: number, changes: TicketPatch) =>
  api.patch<TicketDto>(ticketUrl(id), { version, ...changes });

/** One user found by GET /api/callers (call center, admin). */
export interface CallerDto {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  language: string;
  organisation: string | null;
}

export function useCallers(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['callers', text] as const,
    queryFn: ({ signal }) => api.get<{ items: CallerDto[] }>('/api/callers', { q: text }, signal),
    enabled: text.length >= 2,
    staleTime: 30_000,
  });
}

export type ActionTarget = { kind: 'ticket'; id: string } | { kind: 'workOrder'; id: string };

/** POST …/actions/{action} with the version read and the action's fields. */
export function postAction<T>(target: ActionTarget, action: string, version: number, fields: Record<string, unknown>): Promise<T> {
  const base = target.kind === 'ticket' ? ticketUrl(target.id) : workOrderUrl(target.id);
  return api.post<T>(`${base}/actions/${encodeURIComponent(action)}`, { version, ...fields });
}

export function addComment(target: ActionTarget, body: string, visibility?: Visibility): Promise<CommentDto> {
  const base = target.kind === 'ticket' ? ticketUrl(target.id) : workOrderUrl(target.id);
  return api.post<CommentDto>(`${base}/comments`, visibility ? { body, visibility } : { body });
}

export function uploadAttachment(target: ActionTarget, file: File, kind: string, visibility?: Visibility): Promise<AttachmentDto> {
  const base = target.kind === 'ticket' ? ticketUrl(target.id) : workOrderUrl(target.id);
  const form = new FormData();
  form.append('kind', kind);
  if (visibility) form.append('visibility', visibility);
  form.append('file', file);
  return api.post<AttachmentDto>(`${base}/attachments`, form);
}

/** After any change of a ticket or work order: its page, its ticket, the lists and the badges. */
export function refreshWorkflow(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: workflowKeys.all });
}

// --- price lists ----------------------------------------------------------------------------------

export interface PriceList {
  id: string;
  code: string;
  name: string;
  source: string | null;
  year: number;
  /** The lot whose quotes use it; null: every lot. */
  contract: { id: string; lot: string; cig: string } | null;
  active: boolean;
  itemCount: number;
}

export interface PriceListItem {
  id: string;
  priceListId: string;
  code: string;
  description: string;
  unit: string;
  priceCents: number | null;
  surchargePercent: number | null;
}

/** The lists a contract's quotes may use (its lot's own first, then those of every lot), or all the caller reads. */
export function usePriceLists(contractId?: string, enabled = true) {
  return useQuery({
    queryKey: ['price-lists', 'usable', contractId ?? null],
    queryFn: ({ signal }) => api.get<{ items: PriceList[] }>('/api/price-lists', { contractId }, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function usePriceListItems(priceListId: string | null, q: string) {
  return useQuery({
    queryKey: ['price-lists', priceListId, 'items', q],
    queryFn: ({ signal }) =>
      api.get<Page<PriceListItem>>(
        `/api/price-lists/${encodeURIComponent(priceListId ?? '')}/items`,
        { q: q || undefined, limit: 30 },
        signal,
      ),
    enabled: !!priceListId,
    staleTime: 60_000,
  });
}
