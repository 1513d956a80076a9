import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { QueryParams } from '../../api/client';
import { VIEWS, type Resource, type View } from '../../api/workflow';

/** The filters of a work list, all kept in the URL (bookmarkable, shareable, back-button safe). */
export interface WorklistFilters {
  view: View | null;
  status: string[];
  priority: string[];
  /** SLA row states (due, overdue, paused, met, missed). */
  sla: string[];
  buildingId: string | null;
  technologyClassId: string | null;
  contractorId: string | null;
  /** fault/corrective or planned (#8). */
  kind: string | null;
  from: string | null;
  to: string | null;
  q: string;
  sort: string | null;
  order: 'asc' | 'desc' | null;
}

const SINGLE = ['view', 'buildingId', 'technologyClassId', 'contractorId', 'kind', 'from', 'to', 'q', 'sort', 'order'] as const;
const MULTI = ['status', 'priority', 'sla'] as const;
export const FILTER_NAMES = [...SINGLE, ...MULTI];

export const SORTS: Record<Resource, string[]> = {
  tickets: ['created', 'priority', 'number', 'due'],
  'work-orders': ['issued', 'priority', 'number', 'due'],
};

const isView = (v: string | null): v is View => v !== null && (VIEWS as readonly string[]).includes(v);

export function useWorklistParams(resource: Resource) {
  const [search, setSearch] = useSearchParams();
  const filters = useMemo<WorklistFilters>(() => {
    const view = search.get('view');
    const sort = search.get('sort');
    const order = search.get('order');
    return {
      view: isView(view) ? view : null,
      status: search.getAll('status'),
      priority: search.getAll('priority'),
      sla: search.getAll('sla'),
      buildingId: search.get('buildingId'),
      technologyClassId: search.get('technologyClassId'),
      contractorId: search.get('contractorId'),
      kind: search.get('kind'),
      from: search.get('from'),
      to: search.get('to'),
      q: search.get('q') ?? '',
      sort: sort && SORTS[resource].includes(sort) ? sort : null,
      order: order === 'asc' || order === 'desc' ? order : null,
    };
  }, [search, resource]);

  const set = useCallback(
    (patch: Partial<Record<(typeof SINGLE)[number], string | null>> & Partial<Record<(typeof MULTI)[number], string[]>>) =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            next.delete(key);
            if (Array.isArray(value)) for (const v of value) next.append(key, v);
            else if (value) next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );

  const clear = useCallback(() => setSearch(new URLSearchParams(), { replace: true }), [setSearch]);

  /** The API query for these filters. */
  const query = useMemo<QueryParams>(
    () => ({
      view: filters.view ?? undefined,
      status: filters.status.length ? filters.status : undefined,
      priority: filters.priority.length ? filters.priority : undefined,
      sla: filters.sla.length ? filters.sla : undefined,
      buildingId: filters.buildingId ?? undefined,
      technologyClassId: filters.technologyClassId ?? undefined,
      contractorId: filters.contractorId ?? undefined,
      kind: filters.kind ?? undefined,
      from: filters.from ?? undefined,
      to: filters.to ?? undefined,
      q: filters.q || undefined,
      sort: filters.sort ?? undefined,
      order: filters.order ?? undefined,
    }),
    [filters],
  );

  const filtered =
    filters.status.length > 0 ||
    filters.priority.length > 0 ||
    filters.sla.length > 0 ||
    !!filters.buildingId ||
    !!filters.technologyClassId ||
    !!filters.contractorId ||
    !!filters.kind ||
    !!filters.from ||
    !!filters.to ||
    filters.q !== '';

  return { filters, set, clear, query, filtered };
}
