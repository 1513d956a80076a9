import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/problem';
import { setUnauthorizedHandler } from '../api/client';
import { meKey } from '../api/me';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers are final; only network trouble and 5xx are worth a second try.
      retry: (failureCount, error) => failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});

// 401 on any request: the session is gone. Forget the user; RequireAuth then sends to /login.
setUnauthorizedHandler(() => {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  queryClient.setQueryData(meKey, null);
});
