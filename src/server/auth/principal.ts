import type { Lang } from '../i18n/messages.ts';

export const ROLES = ['requester', 'call_center', 'building_manager', 'service_head', 'contractor', 'accounting', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, as every service and repository sees it. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  language: Lang;
  roles: ReadonlySet<Role>;
  contractorId: string | null;
  /** #9: one of its contractor's technicians (field staff): may act on work orders, not assign them. */
  technician?: boolean;
  departmentId: string | null;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
}

export const hasRole = (p: Principal, ...roles: Role[]) => roles.some((r) => p.roles.has(r));

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in. */
    public?: boolean;
  }
}
