import { Type, type Static, type TSchema } from 'typebox';

/**
 * `type: [T, 'null']` rather than anyOf [T, null]: with the app's `coerceTypes`, ajv would coerce a
 * null into the first branch ("" or 0) before trying the null one.
 */
export const Nullable = <T extends TSchema & { type: string }>(t: T) => Type.Unsafe<Static<T> | null>({ ...t, type: [t.type, 'null'] });

export const Id = Type.String({ minLength: 1, maxLength: 64, description: 'identifier (UUID)' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Instant = Type.String({ description: 'ISO-8601 UTC instant' });
export const Language = Type.Union([Type.Literal('it'), Type.Literal('en')]);
export const Role = Type.Union([
  Type.Literal('requester'),
  Type.Literal('call_center'),
  Type.Literal('building_manager'),
  Type.Literal('service_head'),
  Type.Literal('contractor'),
  Type.Literal('accounting'),
  Type.Literal('admin'),
]);

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          code: Type.String(),
          message: Type.String(),
          row: Type.Optional(Type.Integer()),
        }),
      ),
    ),
    current: Type.Optional(Type.Unknown()),
  },
  { $id: 'Problem', description: 'application/problem+json' },
);

export const ListQuery = {
  q: Type.Optional(Type.String({ maxLength: 200 })),
  active: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('all')])),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** Fields every registry object carries. */
export const AuditedFields = {
  id: Id,
  active: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
};

export const problemResponses = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
} as const;
