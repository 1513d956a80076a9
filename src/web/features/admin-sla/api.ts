// The SLA module's API for the admin console (docs/API.md "SLA and penalties"): a contract's SLA
// table with its versions, the server's preview of due instants, the working week, closures.
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { api, apiRequest } from '../../api/client';
import type { CalendarDto, ClosureDto, ContractSlaDto, HolidaysDto, SlaPreviewDto, SlaDefinitionDto } from '../../../shared/schemas/sla';
import { romeDay } from '../../../shared/format';

export type { CalendarDto, ClosureDto, ContractSlaDto, HolidaysDto, SlaPreviewDto };
export type Limits = SlaDefinitionDto['limits'];
export type Week = CalendarDto['week'];

export { CLOCKS, PRIORITIES, type ClockKey, type PriorityKey } from './vocab';

const base = (id: string) => `/api/contracts/${encodeURIComponent(id)}`;

export const slaKeys = {
  all: (id: string) => ['admin-sla', id] as const,
  table: (id: string) => ['admin-sla', id, 'table'] as const,
  calendar: (id: string) => ['admin-sla', id, 'calendar'] as const,
  closures: (id: string) => ['admin-sla', id, 'closures'] as const,
  holidays: (id: string, year: number) => ['admin-sla', id, 'holidays', year] as const,
  preview: (id: string, draft: string, siteId: string | null, at: string | null) =>
    ['admin-sla', id, 'preview', draft, siteId, at] as const,
};

export function useContractSla(id: string | undefined) {
  return useQuery({
    queryKey: slaKeys.table(id ?? ''),
    queryFn: ({ signal }) => api.get<ContractSlaDto>(`${base(id!)}/sla`, undefined, signal),
    enabled: !!id,
  });
}

export const saveSlaVersion = (
  id: string,
  body: { version: number; limits: Limits; pauses: ContractSlaDto['current']['pauses']; note?: string; effectiveFrom?: string },
) => api.post<ContractSlaDto>(`${base(id)}/sla`, body);

/** The server's due instants for a ticket opened now (or at `at`): `limits` null previews the table in force then. */
export function useSlaPreview(
  id: string | undefined,
  limits: Limits | null,
  siteId: string | null,
  enabled = true,
  at: string | null = null,
) {
  const draft = limits ? JSON.stringify(limits) : '';
  return useQuery({
    queryKey: slaKeys.preview(id ?? '', draft, siteId, at),
    queryFn: () =>
      api.post<SlaPreviewDto>(`${base(id!)}/sla/preview`, {
        ...(limits ? { limits } : {}),
        ...(siteId ? { siteId } : {}),
        ...(at ? { at } : {}),
      }),
    enabled: !!id && enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCalendar(id: string | undefined) {
  return useQuery({
    queryKey: slaKeys.calendar(id ?? ''),
    queryFn: ({ signal }) => api.get<CalendarDto>(`${base(id!)}/calendar`, undefined, signal),
    enabled: !!id,
  });
}

export const saveCalendar = (id: string, body: { version: number; week: Week }) =>
  apiRequest<CalendarDto>(`${base(id)}/calendar`, { method: 'PUT', body });

/** Closures from a date on (every site's and every other site's: the page shows the site of each). */
export function useClosures(id: string | undefined, from: string) {
  return useQuery({
    queryKey: [...slaKeys.closures(id ?? ''), from],
    queryFn: ({ signal }) => api.get<{ items: ClosureDto[] }>('/api/closures', { from }, signal),
    enabled: !!id,
  });
}

export const createClosure = (body: { siteId: string | null; date: string; dateTo?: string; reason: string }) =>
  api.post<ClosureDto>('/api/closures', body);

/** Today in Rome (YYYY-MM-DD): the day the server counts from (SLA versions, closures). */
/** Today in Europe/Rome, the contracts' calendar, whatever the browser's zone. */
export const romeToday = () => romeDay();
export const deleteClosure = (closureId: string) => api.delete(`/api/closures/${encodeURIComponent(closureId)}`);

/** National holidays (named in the user's language), the patron saints of the contract's sites, closures: one year. */
export function useHolidays(id: string | undefined, year: number) {
  return useQuery({
    queryKey: slaKeys.holidays(id ?? '', year),
    queryFn: ({ signal }) => api.get<HolidaysDto>(`${base(id!)}/holidays`, { year }, signal),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}
