// Session and identity: GET/PATCH /api/me, POST/DELETE /api/session, personal tokens.
import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import { isApiError } from './problem';
import type { ApiToken, CreatedApiToken, Language, Me } from './types';
import { applyLanguage } from '../i18n';

export const meKey = ['me'] as const;
export const tokensKey = ['me', 'tokens'] as const;

/** Remembers what a fresh Me carries for the rest of the app: CSRF token and language. */
export function adoptMe(me: Me): Me {
  setCsrfToken(me.csrfToken);
  applyLanguage(me.language);
  return me;
}

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return adoptMe(await api.get<Me>('/api/me'));
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export interface Credentials {
  username: string;
  password: string;
}

export async function login(credentials: Credentials): Promise<Me> {
  return adoptMe(await api.post<Me>('/api/session', credentials));
}

export async function logout(): Promise<void> {
  await api.delete('/api/session');
  setCsrfToken(null);
}

export interface MePatch {
  language?: Language;
  displayName?: string;
  email?: string | null;
  phone?: string | null;
}

export async function updateMe(patch: MePatch): Promise<Me> {
  return adoptMe(await api.patch<Me>('/api/me', patch));
}

export const listTokens = () => api.get<{ items: ApiToken[] }>('/api/me/tokens');
export const createToken = (name: string, expiresInDays?: number) =>
  api.post<CreatedApiToken>('/api/me/tokens', { name, ...(expiresInDays ? { expiresInDays } : {}) });
export const revokeToken = (id: string) => api.delete(`/api/me/tokens/${encodeURIComponent(id)}`);
