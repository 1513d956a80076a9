// Registry collections: keyset lists, single objects, create and patch.
import { useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from './client';
import type { Page, RegistryItem } from './types';
import type { EntityKey } from '../app/permissions';

export const ENTITY_API: Record<EntityKey, string> = {
  sites: '/api/sites',
  departments: '/api/departments',
  buildings: '/api/buildings',
  floors: '/api/floors',
  spaces: '/api/spaces',
  technologyClasses: '/api/technology-classes',
  contractors: '/api/contractors',
  contracts: '/api/contracts',
  assets: '/api/assets',
  users: '/api/users',
};

export const PAGE_SIZE = 50;

export const listKey = (apiPath: string, params: QueryParams) => [apiPath, 'list', params] as const;
export const detailKey = (apiPath: string, id: string) => [apiPath, 'detail', id] as const;

const itemUrl = (apiPath: string, id: string) => `${apiPath}/${encodeURIComponent(id)}`;

/** A keyset-paginated list: pages are fetched on demand with `nextCursor`. */
export function useRegistryList<T extends RegistryItem>(apiPath: string, params: QueryParams, enabled = true) {
  const queryClient = useQueryClient();
  return useInfiniteQuery({
    queryKey: listKey(apiPath, params),
    enabled,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = await api.get<Page<T>>(apiPath, { ...params, limit: PAGE_SIZE, cursor: pageParam }, signal);
      for (const item of page.items) queryClient.setQueryData(detailKey(apiPath, item.id), item);
      return page;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function fetchItem<T>(apiPath: string, id: string, signal?: AbortSignal): Promise<T> {
  return api.get<T>(itemUrl(apiPath, id), undefined, signal);
}

export function useRegistryItem<T extends RegistryItem>(apiPath: string, id: string | null | undefined) {
  return useQuery({
    queryKey: detailKey(apiPath, id ?? ''),
    queryFn: ({ signal }) => fetchItem<T>(apiPath, id ?? '', signal),
    enabled: !!id,
    staleTime: 30_000,
  });
}

export function createItem<T>(apiPath: string, body: Record<string, unknown>): Promise<T> {
  return api.post<T>(apiPath, body);
}

export function patchItem<T>(apiPath: string, id: string, body: Record<string, unknown>): Promise<T> {
  return api.patch<T>(itemUrl(apiPath, id), body);
}

/** After a write: store the object as the server returned it and refresh the lists. */
export function adoptSaved<T extends RegistryItem>(queryClient: QueryClient, apiPath: string, item: T): void {
  queryClient.setQueryData(detailKey(apiPath, item.id), item);
  void queryClient.invalidateQueries({ queryKey: [apiPath, 'list'] });
  void queryClient.invalidateQueries({ queryKey: [apiPath, 'options'] });
}
