import { useQueries, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { api, type QueryParams } from '../api/client';
import { detailKey, ENTITY_API, fetchItem } from '../api/registry';
import type { Page, RegistryItem } from '../api/types';
import type { EntityKey } from '../app/permissions';
import { entityLabel } from './entityLabels';

const OPTIONS_LIMIT = 50;

export interface EntityOption {
  value: string;
  label: string;
}

/**
 * Options for a select over a registry collection: the server searches (`q`), and the
 * selected objects are always present even when the current search does not return them.
 */
export function useEntityOptions(
  entity: EntityKey,
  search: string,
  selectedIds: readonly string[],
  params: QueryParams = {},
  enabled = true,
) {
  const { i18n } = useTranslation();
  const apiPath = ENTITY_API[entity];
  const [q] = useDebouncedValue(search.trim(), 250);
  const query: QueryParams = { active: 'true', ...params, q: q || undefined, limit: OPTIONS_LIMIT };
  const list = useQuery({
    queryKey: [apiPath, 'options', query],
    queryFn: ({ signal }) => api.get<Page<RegistryItem>>(apiPath, query, signal),
    enabled,
    staleTime: 60_000,
  });
  const listed = list.data?.items;
  const missing = selectedIds.filter((id) => !listed?.some((i) => i.id === id));
  const selected = useQueries({
    queries: missing.map((id) => ({
      queryKey: detailKey(apiPath, id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchItem<RegistryItem>(apiPath, id, signal),
      staleTime: 60_000,
    })),
  });
  const selectedItems = selected.map((s) => s.data).filter((i): i is RegistryItem => !!i);

  const seen = new Set<string>();
  const options: EntityOption[] = [];
  for (const item of [...selectedItems, ...(listed ?? [])]) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    options.push({ value: item.id, label: entityLabel(entity, item, i18n.language) });
  }

  return { options, loading: list.isFetching, error: list.error };
}
