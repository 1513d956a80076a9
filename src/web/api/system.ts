// The server's state an admin must act on: GET /api/admin/status (docs/API.md "Administration").
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface AdminStatus {
  /** Active accounts still on the public demo password; empty on a real installation. */
  demoAccounts: string[];
}

export const adminStatusKey = ['admin', 'status'] as const;

export function useAdminStatus(enabled: boolean) {
  return useQuery({
    queryKey: adminStatusKey,
    queryFn: ({ signal }) => api.get<AdminStatus>('/api/admin/status', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}
