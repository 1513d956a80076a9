// Maintenance plans and meters (#8): the server's DTOs (src/shared/schemas/plans.ts, types only).
import { useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { ChecklistItemDto, MeterDto, PlanDto, PlanPreviewSchema, ReadingCreated, ReadingDto } from '../../shared/schemas/plans';
import { api } from './client';

export type Plan = PlanDto;
export type ChecklistItem = ChecklistItemDto;
export type Meter = MeterDto;
export type Reading = ReadingDto;
export type PlanPreview = Static<typeof PlanPreviewSchema>;
export type ReadingResult = Static<typeof ReadingCreated>;

export const PLANS_API = '/api/maintenance-plans';
export const METERS_API = '/api/meters';
export const SCHEDULE_KINDS = ['calendar', 'floating', 'meter'] as const;
export const PLAN_DOCUMENTS = ['conformity_declaration', 'logbook_entry', 'test_report', 'as_built', 'maintenance_tag'] as const;

export interface PreviewParams {
  rrule: string;
  startsOn: string;
  endsOn?: string | null;
  seasonFrom?: string | null;
  seasonTo?: string | null;
  shift?: string;
  scheduleKind?: string;
}

/** The rule in words and its next five dates, asked of the server while the user edits. */
export function usePlanPreview(p: PreviewParams | null) {
  return useQuery({
    queryKey: [PLANS_API, 'preview', p],
    enabled: !!p && p.rrule.trim() !== '' && /^\d{4}-\d{2}-\d{2}$/.test(p.startsOn),
    queryFn: ({ signal }) =>
      api.get<PlanPreview>(
        `${PLANS_API}/preview`,
        {
          rrule: p!.rrule,
          startsOn: p!.startsOn,
          endsOn: p!.endsOn ?? undefined,
          seasonFrom: p!.seasonFrom ?? undefined,
          seasonTo: p!.seasonTo ?? undefined,
          shift: p!.shift,
          scheduleKind: p!.scheduleKind,
        },
        signal,
      ),
    staleTime: 60_000,
    placeholderData: (prev) => prev,
  });
}

export const addReading = (meterId: string, body: { value: number; readAt: string }) =>
  api.post<ReadingResult>(`${METERS_API}/${encodeURIComponent(meterId)}/readings`, body);
export const createMeter = (body: { assetId: string; name: string; unit: string }) => api.post<Meter>(METERS_API, body);
