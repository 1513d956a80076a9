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
  departmentId: Nullable(Type.String()),
  csrfToken: Nullable(Type.String()),
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
  id: Id, name: Type.String(), prefix: Type.String(), createdAt: Instant, lastUsedAt: Type.Union([Instant, Type.Null()]),
});
export const NewTokenSchema = Type.Object({
  id: Id, name: Type.String(), prefix: Type.String(), createdAt: Instant, lastUsedAt: Type.Null(), token: Type.String(),
});
export const TokenBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false });
