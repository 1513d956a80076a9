// GET /api/callers: the call center looks up who is on the phone among the users (name, e-mail or
// phone), to link the ticket to them: they become its requester and get its notices.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id, Nullable, problemResponses } from '../../../shared/schemas/common.ts';
import { requireRole } from '../../plugins/auth.ts';
import { findCallers, lookupWords } from './callers.repository.ts';

export const CALLERS_MAX = 20;

const CallerQuery = Type.Object(
  {
    q: Type.String({
      minLength: 2,
      maxLength: 100,
      description: 'words of the name, the e-mail, or a phone number (digits, any separators)',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: CALLERS_MAX, default: 10 })),
  },
  { additionalProperties: false },
);

const Caller = Type.Object({
  id: Id,
  displayName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  language: Type.String(),
  organisation: Nullable(Type.String({ description: "the user's department, or contractor for contractor staff" })),
});

export async function callerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/callers',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Look up a caller among the active users by name, e-mail or phone (call center, admin); at most 20, by name',
        description:
          'Every word must occur in the name, the e-mail or the phone; a phone number matches by its digits, with or without +39. ' +
          'The id goes in `requesterId` of POST /api/tickets or PATCH /api/tickets/{id}. Other roles: 403.',
        querystring: CallerQuery,
        response: { 200: Type.Object({ items: Type.Array(Caller) }), ...problemResponses },
      },
    },
    async (request) => {
      requireRole(request, 'call_center', 'admin');
      const words = lookupWords(request.query.q);
      if (words.length === 0) return { items: [] };
      const rows = await findCallers(app.ctx.db, words, request.query.limit ?? 10);
      return {
        items: rows.map((u) => ({
          id: u.id,
          displayName: u.display_name,
          email: u.email,
          phone: u.phone,
          language: String(u.language),
          organisation: u.department_name ?? u.contractor_name ?? null,
        })),
      };
    },
  );
}
