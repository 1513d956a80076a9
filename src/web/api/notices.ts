// Notices and e-mail: in-app notifications, the admin outbox, the held inbound e-mails, and the
// public rating links (docs/API.md "Notices and e-mail", "Workflow").
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from './client';
import type { Page } from './types';

export interface NotificationItem {
  id: string;
  kind: string;
  ticketId: string | null;
  workOrderId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationsPage extends Page<NotificationItem> {
  unreadCount: number;
}

export const noticeKeys = {
  notifications: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  outbox: (params: QueryParams) => ['outbox', 'list', params] as const,
  outboxItem: (id: string) => ['outbox', 'detail', id] as const,
  inbound: (params: QueryParams) => ['inbound', 'list', params] as const,
  rating: (token: string) => ['rating', token] as const,
};

/** The unread count for the bell: one tiny page, refreshed every minute. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: noticeKeys.unread,
    queryFn: ({ signal }) => api.get<NotificationsPage>('/api/notifications', { unread: 'true', limit: 1 }, signal),
    enabled,
    select: (page) => page.unreadCount,
    refetchInterval: 60_000,
    staleTime: 20_000,
  });
}

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: noticeKeys.notifications,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api.get<NotificationsPage>('/api/notifications', { limit: 30, cursor: pageParam }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const markNotificationRead = (id: string) => api.post<void>(`/api/notifications/${encodeURIComponent(id)}/actions/read`);
export const markAllNotificationsRead = () => api.post<{ updated: number }>('/api/notifications/actions/read-all');

// --- outbox (admin) -------------------------------------------------------------------------------

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxItem {
  id: string;
  kind: string;
  toAddress: string;
  toUserId: string | null;
  language: string;
  subject: string;
  ticketId: string | null;
  ticketNumber: string | null;
  workOrderId: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxDetail extends OutboxItem {
  idempotencyKey: string;
  messageId: string;
  textBody: string;
  htmlBody: string;
}

export function useOutbox(params: QueryParams) {
  return useInfiniteQuery({
    queryKey: noticeKeys.outbox(params),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api.get<Page<OutboxItem>>('/api/admin/outbox', { ...params, limit: 50, cursor: pageParam }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOutboxItem(id: string | undefined) {
  return useQuery({
    queryKey: noticeKeys.outboxItem(id ?? ''),
    queryFn: ({ signal }) => api.get<OutboxDetail>(`/api/admin/outbox/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: !!id,
  });
}

export const retryOutboxItem = (id: string) => api.post<OutboxDetail>(`/api/admin/outbox/${encodeURIComponent(id)}/actions/retry`);

// --- inbound e-mail (call center) -----------------------------------------------------------------

export interface InboundItem {
  id: string;
  messageId: string;
  fromAddress: string;
  fromName: string | null;
  subject: string;
  body: string;
  receivedAt: string;
  via: string;
  status: string;
  reason: string | null;
  ticketId: string | null;
  ticketNumber: string | null;
  handledById: string | null;
  handledAt: string | null;
  attachments: Array<{ id: string; filename: string; contentType: string; size: number }>;
  version: number;
}

export function useInbound(params: QueryParams) {
  return useInfiniteQuery({
    queryKey: noticeKeys.inbound(params),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<InboundItem>>('/api/inbound-messages', { ...params, limit: 30, cursor: pageParam }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const inboundAction = (id: string, action: string, body: Record<string, unknown>) =>
  api.post<InboundItem>(`/api/inbound-messages/${encodeURIComponent(id)}/actions/${action}`, body);

export const openTicketFromInbound = (
  m: InboundItem,
  body: { buildingId: string; spaceId?: string; subject?: string; description?: string },
) => inboundAction(m.id, 'open-ticket', { version: m.version, ...body });
export const attachInbound = (m: InboundItem, ticketNumber: string) => inboundAction(m.id, 'attach', { version: m.version, ticketNumber });
export const discardInbound = (m: InboundItem, reason: string) => inboundAction(m.id, 'discard', { version: m.version, reason });

// --- rating links (public) ------------------------------------------------------------------------

export interface RatingInfo {
  ticketNumber: string;
  subject: string;
  building: { code: string; name: string };
  closedAt: string | null;
  expiresAt: string;
}

export function useRatingInfo(token: string) {
  return useQuery({
    queryKey: noticeKeys.rating(token),
    queryFn: ({ signal }) => api.get<RatingInfo>(`/api/ratings/${encodeURIComponent(token)}`, undefined, signal),
    retry: false,
    staleTime: Infinity,
  });
}

export const submitRating = (token: string, body: { stars: number; comment?: string; workDone: boolean }) =>
  api.post<{ ticketNumber: string; reopened: boolean }>(`/api/ratings/${encodeURIComponent(token)}`, body);
