import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Nullable, problemResponses } from '../../../shared/schemas/common.ts';
import { principalOf, requireRole } from '../../plugins/auth.ts';
import { NotificationsPage, NotificationsQuery, OutboxDetail, OutboxItem, OutboxQuery } from './notices.schemas.ts';
import * as svc from './notices.service.ts';

export async function noticesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/admin/outbox',
    {
      schema: {
        tags: ['notices'],
        summary: 'E-mail notices waiting, sent or failed (admin), newest first',
        description: 'With no SMTP_URL configured nothing is sent: the notices stay pending here and can be read in full.',
        querystring: OutboxQuery,
        response: { 200: Type.Object({ items: Type.Array(OutboxItem), nextCursor: Nullable(Type.String()) }), ...problemResponses },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return svc.listOutbox(app.ctx, request.query);
    },
  );

  r.get(
    '/api/admin/outbox/:id',
    {
      schema: {
        tags: ['notices'],
        summary: 'One notice with its rendered text and HTML (admin)',
        params: IdParams,
        response: { 200: OutboxDetail, ...problemResponses },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return svc.getOutbox(app.ctx, request.params.id);
    },
  );

  r.post(
    '/api/admin/outbox/:id/actions/retry',
    {
      schema: {
        tags: ['notices'],
        summary: 'Send a failed notice again (admin): failed → pending, attempts from zero',
        params: IdParams,
        response: { 200: OutboxDetail, ...problemResponses },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return svc.retryOutbox(app.ctx, request.params.id);
    },
  );

  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notices'],
        summary: 'Own in-app notifications, unread first, then newest',
        querystring: NotificationsQuery,
        response: { 200: NotificationsPage, ...problemResponses },
      },
    },
    async (request) => svc.listNotifications(app.ctx, principalOf(request), request.query),
  );

  r.post(
    '/api/notifications/:id/actions/read',
    {
      schema: {
        tags: ['notices'],
        summary: 'Mark one own notification read',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await svc.markRead(app.ctx, principalOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/notifications/actions/read-all',
    {
      schema: {
        tags: ['notices'],
        summary: 'Mark every own notification read',
        response: { 200: Type.Object({ updated: Type.Integer() }), ...problemResponses },
      },
    },
    async (request) => svc.markAllRead(app.ctx, principalOf(request)),
  );
}
