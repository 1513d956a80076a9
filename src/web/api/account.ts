// #7: own password, own sessions, and confirming a new e-mail address (docs/API.md, session and identity).
import { api } from './client';
import type { OwnSession } from './types';

export const sessionsKey = ['me', 'sessions'] as const;

export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<{ revokedSessions: number; revokedTokens: number }>('/api/me/password', { currentPassword, newPassword });

export const listSessions = () => api.get<{ items: OwnSession[] }>('/api/me/sessions');
export const revokeSession = (id: string) => api.delete(`/api/me/sessions/${encodeURIComponent(id)}`);
export const revokeOtherSessions = () => api.delete<{ revoked: number }>('/api/me/sessions');

/** Public: the token from the link is the proof, so it works in a browser without a session. */
export const confirmEmail = (token: string) => api.post<{ email: string }>('/api/me/email/confirm', { token });
