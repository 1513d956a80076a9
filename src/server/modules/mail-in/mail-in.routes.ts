import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Nullable, problemResponses } from '../../../shared/schemas/common.ts';
import { requireRole } from '../../plugins/auth.ts';
import { AttachBody, DiscardBody, InboundItem, InboundQuery, OpenTicketBody } from './mail-in.schemas.ts';
import * as svc from './mail-in.service.ts';

export async function mailInRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['inbound e-mail'];

  r.get(
    '/api/inbound-messages',
    {
      schema: {
        tags,
        summary: 'E-mail received by the service mailbox, newest first (call center, admin); ?status=held for the ones to handle',
        querystring: InboundQuery,
        response: { 200: Type.Object({ items: Type.Array(InboundItem), nextCursor: Nullable(Type.String()) }), ...problemResponses },
      },
    },
    async (request) => {
      requireRole(request, 'call_center', 'admin');
      return svc.listInbound(app.ctx, request.query);
    },
  );

  r.get(
    '/api/inbound-messages/:id',
    {
      schema: {
        tags,
        summary: 'One received e-mail with its attachments',
        params: IdParams,
        response: { 200: InboundItem, ...problemResponses },
      },
    },
    async (request) => {
      requireRole(request, 'call_center', 'admin');
      return svc.getInbound(app.ctx, request.params.id);
    },
  );

  r.post(
    '/api/inbound-messages/:id/actions/open-ticket',
    {
      schema: {
        tags,
        summary: 'Open a ticket from a held e-mail (its sender is the requester or the caller; attachments kept)',
        params: IdParams,
        body: OpenTicketBody,
        response: { 200: InboundItem, ...problemResponses },
      },
    },
    async (request) => {
      const p = requireRole(request, 'call_center', 'admin');
      return svc.openTicketFrom(app.ctx, p, request.params.id, request.body);
    },
  );

  r.post(
    '/api/inbound-messages/:id/actions/attach',
    {
      schema: {
        tags,
        summary: 'Add a held e-mail to a ticket as a public comment (attachments kept)',
        params: IdParams,
        body: AttachBody,
        response: { 200: InboundItem, ...problemResponses },
      },
    },
    async (request) => {
      const p = requireRole(request, 'call_center', 'admin');
      return svc.attachTo(app.ctx, p, request.params.id, request.body);
    },
  );

  r.post(
    '/api/inbound-messages/:id/actions/discard',
    {
      schema: {
        tags,
        summary: 'Discard a held e-mail, with the reason (spam, duplicate…)',
        params: IdParams,
        body: DiscardBody,
        response: { 200: InboundItem, ...problemResponses },
      },
    },
    async (request) => {
      const p = requireRole(request, 'call_center', 'admin');
      return svc.discard(app.ctx, p, request.params.id, request.body);
    },
  );
}
