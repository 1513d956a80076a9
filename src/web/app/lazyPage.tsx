import { lazy, type ComponentType } from 'react';

/**
 * A page fetched on its first visit, so each route is its own chunk and the login page does not
 * carry the whole app (#12). The Suspense boundaries around the router and the layout's outlet
 * show the loader meanwhile; later navigations keep the previous page until the next one is in.
 */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(async () => ({ default: pick(await load()) }));
}
