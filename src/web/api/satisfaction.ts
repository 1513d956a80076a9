// The satisfaction loop (#11 item 4): comments stream, follow-ups of low ratings, response rate.
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from './client';

interface BuildingRef {
  id: string;
  code: string;
  name: string;
}

export interface RatingItem {
  ticketId: string;
  ticketNumber: string;
  subject: string;
  building: BuildingRef;
  stars: number;
  workDone: boolean;
  comment: string | null;
  ratedAt: string;
  work: string[];
  followUp: { id: string; status: 'open' | 'done' } | null;
}

export interface FollowUp {
  id: string;
  status: 'open' | 'done';
  ticketId: string;
  ticketNumber: string;
  subject: string;
  building: BuildingRef;
  stars: number | null;
  workDone: boolean | null;
  comment: string | null;
  ratedAt: string | null;
  assignedTo: { id: string; name: string } | null;
  assignedAt: string | null;
  outcome: string | null;
  doneBy: { id: string; name: string } | null;
  doneAt: string | null;
  createdAt: string;
  version: number;
  assignees: Array<{ id: string; name: string }>;
}

export interface ResponseRateRow {
  sent: number;
  rated: number;
  rate: number | null;
  average: number | null;
  low: number;
}

export interface ResponseRate {
  from: string;
  to: string;
  buildings: Array<ResponseRateRow & { building: BuildingRef }>;
  total: ResponseRateRow;
}

export const satisfactionKeys = {
  all: ['satisfaction'] as const,
  ratings: (params: QueryParams) => ['satisfaction', 'ratings', params] as const,
  followUps: ['satisfaction', 'follow-ups'] as const,
  rate: (from: string, to: string) => ['satisfaction', 'rate', from, to] as const,
};

export function useRatings(params: QueryParams, pageSize = 20) {
  return useInfiniteQuery({
    queryKey: satisfactionKeys.ratings({ ...params, limit: pageSize }),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: RatingItem[]; nextCursor: string | null }>(
        '/api/ratings',
        { ...params, limit: pageSize, cursor: pageParam },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useFollowUps() {
  return useQuery({
    queryKey: satisfactionKeys.followUps,
    queryFn: ({ signal }) => api.get<{ items: FollowUp[] }>('/api/rating-follow-ups', undefined, signal),
  });
}

export function useResponseRate(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: satisfactionKeys.rate(from, to),
    enabled,
    queryFn: ({ signal }) => api.get<ResponseRate>('/api/ratings/response-rate', { from, to }, signal),
  });
}

export const patchFollowUp = (id: string, body: { version: number; assignedToId?: string; outcome?: string; done?: boolean }) =>
  api.patch<FollowUp>(`/api/rating-follow-ups/${id}`, body);

export const refreshSatisfaction = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: satisfactionKeys.all });
