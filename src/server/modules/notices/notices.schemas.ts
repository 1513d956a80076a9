// API shapes of the outbox (admin) and the in-app notifications.
import { Type, type Static } from 'typebox';
import { Id, Instant, Nullable } from '../../../shared/schemas/common.ts';

export const OutboxStatus = Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]);

export const OutboxItem = Type.Object({
  id: Id,
  kind: Type.String(),
  toAddress: Type.String(),
  toUserId: Nullable(Type.String()),
  language: Type.String(),
  subject: Type.String(),
  ticketId: Nullable(Type.String()),
  ticketNumber: Nullable(Type.String()),
  workOrderId: Nullable(Type.String()),
  status: OutboxStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Instant,
  lockedUntil: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  createdAt: Instant,
  sentAt: Nullable(Type.String()),
});
export type OutboxItem = Static<typeof OutboxItem>;

export const OutboxDetail = Type.Object({
  ...OutboxItem.properties,
  idempotencyKey: Type.String(),
  messageId: Type.String({ description: 'the Message-ID the message is (or will be) sent with' }),
  textBody: Type.String(),
  htmlBody: Type.String(),
});
export type OutboxDetail = Static<typeof OutboxDetail>;

export const OutboxQuery = Type.Object(
  {
    status: Type.Optional(OutboxStatus),
    ticket: Type.Optional(Type.String({ maxLength: 20, description: 'ticket number, e.g. 2026-000123' })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const NotificationItem = Type.Object({
  id: Id,
  kind: Type.String(),
  ticketId: Nullable(Type.String()),
  workOrderId: Nullable(Type.String()),
  title: Type.String(),
  body: Type.String(),
  createdAt: Instant,
  readAt: Nullable(Type.String()),
});
export type NotificationItem = Static<typeof NotificationItem>;

export const NotificationsQuery = Type.Object(
  {
    unread: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const NotificationsPage = Type.Object({
  items: Type.Array(NotificationItem),
  nextCursor: Nullable(Type.String()),
  unreadCount: Type.Integer(),
});
