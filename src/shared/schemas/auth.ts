import { Type, type Static } from 'typebox';
import { Id, Instant, Language, Nullable, Role } from './common.ts';

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const MeSchema = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  language: Language,
  roles: Type.Array(Role),
  contractorId: Nullable(Type.String()),
  /** #9: one of its contractor's technicians (their home is "my work today"). */
  technician: Type.Boolean(),
  departmentId: Nullable(Type.String()),
  csrfToken: Nullable(Type.String()),
  /** #7: an address asked for in PATCH /api/me, waiting for the link sent to it; `email` is unchanged until then. */
  pendingEmail: Nullable(Type.String()),
  pendingEmailExpiresAt: Nullable(Instant),
});
export type Me = Static<typeof MeSchema>;

export const MePatchBody = Type.Object(
  {
    language: Type.Optional(Language),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);

export const TokenSchema = Type.Object({
  id: Id,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Instant,
  lastUsedAt: Type.Union([Instant, Type.Null()]),
  expiresAt: Nullable(Instant),
});
export const NewTokenSchema = Type.Object({
  id: Id,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Instant,
  lastUsedAt: Type.Null(),
  expiresAt: Instant,
  token: Type.String(),
});
export const TOKEN_DAYS_DEFAULT = 90;
export const TokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    expiresInDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 365, description: `days the token works (default ${TOKEN_DAYS_DEFAULT})` }),
    ),
  },
  { additionalProperties: false },
);

// #7, item 9: own password and sessions; item 7: confirming a new address.
export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export const PasswordChangeResult = Type.Object({
  /** other sessions of the user closed, and API tokens revoked, by the change */
  revokedSessions: Type.Integer(),
  revokedTokens: Type.Integer(),
});
export const SessionSchema = Type.Object({
  id: Id,
  createdAt: Instant,
  lastSeenAt: Nullable(Instant),
  expiresAt: Instant,
  userAgent: Nullable(Type.String()),
  clientAddress: Nullable(Type.String()),
  current: Type.Boolean(),
});
export const EmailConfirmBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
