import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type ActiveFilter = 'true' | 'false' | 'all';

export function parseActive(value: string | null): ActiveFilter {
  return value === 'false' || value === 'all' ? value : 'true';
}

/**
 * List filters kept in the URL search params, so that a list can be bookmarked, shared and
 * returned to. A prefix keeps two lists on one page apart (`floors.q`, `spaces.q`).
 */
export function useListParams(prefix = '') {
  const [searchParams, setSearchParams] = useSearchParams();
  const get = useCallback((name: string) => searchParams.get(prefix + name), [searchParams, prefix]);
  const set = useCallback(
    (name: string, value: string | null) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(prefix + name, value);
          else next.delete(prefix + name);
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams, prefix],
  );
  const clear = useCallback(
    (names: string[]) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const name of names) next.delete(prefix + name);
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams, prefix],
  );
  return { get, set, clear };
}
