// Planned maintenance (#8, Annex C workflow 2): monthly programs and their items, the calendar of
// planned work, calendar feeds (docs/API.md "Planned maintenance", docs/PLANNED.md).
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from './client';
import type { Page } from './types';

export const PROGRAM_STATES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type ProgramState = (typeof PROGRAM_STATES)[number];
export const PROGRAM_ACTIONS = ['submit', 'return', 'approve', 'publish', 'regenerate'] as const;
export type ProgramAction = (typeof PROGRAM_ACTIONS)[number];
export const GROUPINGS = ['activity', 'building_day'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const SHIFT_REASONS = ['holiday', 'patron_saint', 'closure', 'weekend'] as const;
export const PLANNED_WORK_ORDER_STATES = [
  'planned',
  'scheduled',
  'waiting_materials',
  'in_progress',
  'completed',
  'verified',
  'cancelled',
] as const;

export interface Compliance {
  due: number;
  doneOnTime: number;
  late: number;
  pct: number | null;
}

export interface ProgramItemDto {
  id: string;
  planId: string;
  activity: string;
  buildingId: string;
  buildingCode: string;
  buildingName: string;
  assetId: string | null;
  assetName: string | null;
  technologyClassId: string | null;
  dueOn: string;
  plannedOn: string;
  shiftReason: string | null;
  windowFrom: string | null;
  windowTo: string | null;
  technician: string | null;
  source?: string | null;
  ticketId: string | null;
  ticketNumber: string | null;
  workOrderId: string | null;
  workOrderNumber?: string | null;
  workOrderStatus: string | null;
  scheduledAt?: string | null;
  late: boolean;
  version: number;
}

export interface ProgramDto {
  id: string;
  contractId: string;
  contractTitle: string;
  lot: string;
  contractorId: string;
  contractorName: string;
  month: string;
  status: string;
  remarks: string | null;
  grouping: string | null;
  version: number;
  availableActions: string[];
  items: ProgramItemDto[];
  compliance: Compliance;
  /** Who moved the program when (generation, submit, return with remarks, approve, publish). */
  timeline?: Array<{
    id: string;
    at: string;
    actor: { id: string | null; label: string };
    action: string;
    from: string | null;
    to: string | null;
    data: Record<string, unknown>;
  }>;
}

/** A row of GET /api/programs: the program's header with its item count. */
export type ProgramListItem = Pick<
  ProgramDto,
  'id' | 'contractId' | 'contractTitle' | 'lot' | 'contractorId' | 'contractorName' | 'month' | 'status' | 'version'
> & {
  itemCount: number;
  updatedAt: string;
};

export interface PlannedWorkItem {
  programItemId: string | null;
  programId: string | null;
  programStatus: string | null;
  workOrderId: string | null;
  workOrderNumber: string | null;
  workOrderStatus: string | null;
  ticketId: string | null;
  activity: string;
  buildingId: string;
  buildingName: string;
  assetName: string | null;
  date: string;
  windowFrom: string | null;
  windowTo: string | null;
  technician: string | null;
  late: boolean;
  version: number;
  buildingCode?: string;
  contractId?: string;
  contractorId?: string;
  scheduledAt?: string | null;
}

export interface CalendarFeedDto {
  id: string;
  name: string;
  contractId: string | null;
  buildingId: string | null;
  /** The first characters of the secret, to tell feeds apart. */
  prefix?: string;
  createdAt: string;
  revokedAt: string | null;
  /** Only in the answer to the creation: the secret address, shown once. */
  url?: string;
}

export const plannedKeys = {
  all: ['planned'] as const,
  programs: (params: QueryParams) => ['planned', 'programs', params] as const,
  program: (id: string) => ['planned', 'program', id] as const,
  work: (params: QueryParams) => ['planned', 'work', params] as const,
  feeds: (params: QueryParams) => ['planned', 'feeds', params] as const,
};

export function usePrograms(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: plannedKeys.programs(params),
    enabled,
    queryFn: ({ signal }) => api.get<Page<ProgramListItem>>('/api/programs', { limit: 100, ...params }, signal),
  });
}

export function useProgram(id: string | undefined) {
  return useQuery({
    queryKey: plannedKeys.program(id ?? ''),
    enabled: !!id,
    queryFn: ({ signal }) => api.get<ProgramDto>(`/api/programs/${encodeURIComponent(id!)}`, undefined, signal),
  });
}

export const generateProgram = (contractId: string, month: string) => api.post<ProgramDto>('/api/programs', { contractId, month });

export const programAction = (id: string, action: string, body: Record<string, unknown>) =>
  api.post<ProgramDto>(`/api/programs/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, body);

export interface ItemPatch {
  plannedOn?: string;
  windowFrom?: string | null;
  windowTo?: string | null;
  technician?: string | null;
  version: number;
}

export const patchProgramItem = (programId: string, itemId: string, body: ItemPatch) =>
  api.patch<ProgramItemDto>(`/api/programs/${encodeURIComponent(programId)}/items/${encodeURIComponent(itemId)}`, body);

export const programExportUrl = (id: string, format: 'pdf' | 'xlsx') => `/api/programs/${encodeURIComponent(id)}/export.${format}`;

export function usePlannedWork(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: plannedKeys.work(params),
    enabled,
    queryFn: ({ signal }) => api.get<Page<PlannedWorkItem>>('/api/planned-work', params, signal),
  });
}

export function useCalendarFeeds(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: plannedKeys.feeds(params),
    enabled,
    queryFn: ({ signal }) => api.get<Page<CalendarFeedDto>>('/api/calendar-feeds', params, signal),
  });
}

export const createCalendarFeed = (body: { contractId?: string; buildingId?: string; name: string }) =>
  api.post<CalendarFeedDto>('/api/calendar-feeds', body);
export const revokeCalendarFeed = (id: string) => api.delete(`/api/calendar-feeds/${encodeURIComponent(id)}`);

/** Moves a planned work order to a new day (the `reschedule` action, with its reason). */
export const rescheduleWorkOrder = async (workOrderId: string, version: number, scheduledAt: string, reason: string) =>
  api.post(`/api/work-orders/${encodeURIComponent(workOrderId)}/actions/reschedule`, { version, scheduledAt, reason });

/** After a change: the program, the calendar and the work lists read again. */
export function invalidatePlanned(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: plannedKeys.all });
  void qc.invalidateQueries({ queryKey: ['workflow'] });
}

export const usePlannedInvalidate = () => {
  const qc = useQueryClient();
  return () => invalidatePlanned(qc);
};
