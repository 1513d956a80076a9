// The server's own state as an admin needs to see it (#7 item 1): today, whether accounts with
// the published demo password are still active, so the admin's home can say so.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../../shared/schemas/common.ts';
import { requireRole } from '../../plugins/auth.ts';
import { demoAccountsInUse } from '../../db/seed/demo.ts';

export const AdminStatusSchema = Type.Object({
  demoAccounts: Type.Array(Type.String(), {
    description: 'usernames of active accounts still on the demo password; empty on a real installation',
  }),
});

export async function systemRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/admin/status',
    {
      schema: {
        tags: ['admin'],
        summary: 'Server state an admin must act on (admin): active accounts still on the public demo password',
        response: { 200: AdminStatusSchema, ...problemResponses },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return { demoAccounts: await demoAccountsInUse(app.ctx.db) };
    },
  );
}
