// Service indicators (#11, docs/API.md "Service indicators"): the report, the work orders behind
// a figure, the trend by month and the faults by building and class, all scoped by the server
// (a contractor only its own work orders, a building manager its buildings').
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, buildUrl, type QueryParams } from './client';
import type { FigureDto, KpiFigureName, KpiHeatmapDto, KpiReportDto, KpiTrendDto, KpiWorkOrdersDto } from '../../shared/schemas/kpi';

export type { FigureDto, KpiFigureName, KpiHeatmapDto, KpiReportDto, KpiTrendDto, KpiWorkOrdersDto };

export type KpiSet = 'basis' | 'hits' | 'misses';

// The figures of src/shared/schemas/kpi.ts, kept here as values (that module pulls in typebox).
export const KPI_FIGURE_NAMES = [
  'takeCharge',
  'onSite',
  'resolution',
  'reopenRate',
  'firstTimeFix',
  'plannedCompliance',
  'correctiveShare',
  'backlog',
  'satisfactionResponse',
  'satisfactionLow',
  'satisfactionFollowedUp',
] as const satisfies readonly KpiFigureName[];

/** What every indicator request filters by (Rome dates, inclusive, at most 366 days). */
export interface KpiFilter {
  from: string;
  to: string;
  contractId?: string;
  buildingId?: string;
  technologyClassId?: string;
  priority?: string;
}

export interface KpiDrill {
  figure: KpiFigureName;
  set: KpiSet;
  limit: number;
  offset: number;
}

const params = (f: KpiFilter): QueryParams => ({ ...f });

export function useKpiReport(f: KpiFilter) {
  return useQuery({
    queryKey: ['kpi', 'report', f],
    queryFn: ({ signal }) => api.get<KpiReportDto>('/api/kpi/report', params(f), signal),
    placeholderData: keepPreviousData,
  });
}

export function useKpiTrend(f: KpiFilter) {
  return useQuery({
    queryKey: ['kpi', 'trend', f],
    queryFn: ({ signal }) => api.get<KpiTrendDto>('/api/kpi/trend', params(f), signal),
    placeholderData: keepPreviousData,
  });
}

export function useKpiHeatmap(f: KpiFilter) {
  return useQuery({
    queryKey: ['kpi', 'heatmap', f],
    queryFn: ({ signal }) => api.get<KpiHeatmapDto>('/api/kpi/heatmap', params(f), signal),
    placeholderData: keepPreviousData,
  });
}

export function useKpiWorkOrders(f: KpiFilter, drill: KpiDrill | null) {
  return useQuery({
    queryKey: ['kpi', 'work-orders', f, drill],
    queryFn: ({ signal }) => api.get<KpiWorkOrdersDto>('/api/kpi/work-orders', { ...params(f), ...drill }, signal),
    enabled: !!drill,
    placeholderData: keepPreviousData,
  });
}

export type KpiView = 'report' | 'trend' | 'heatmap' | 'work-orders';

/**
 * A view as a file (a plain link): `format=xlsx` of each view, `format=pdf` of the report of one
 * contract (the one-page report to attach to a letter). Same filters as the page shows.
 */
export const kpiFileUrl = (view: KpiView, f: KpiFilter, format: 'xlsx' | 'pdf', extra: QueryParams = {}) =>
  buildUrl(`/api/kpi/${view}`, { ...params(f), ...extra, format });
