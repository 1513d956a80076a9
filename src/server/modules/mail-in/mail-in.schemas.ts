// API shapes of the inbound e-mail the call center handles.
import { Type, type Static } from 'typebox';
import { Id, Instant, Language, Nullable } from '../../../shared/schemas/common.ts';

export const InboundStatus = Type.Union([
  Type.Literal('ticket_opened'),
  Type.Literal('comment_added'),
  Type.Literal('held'),
  Type.Literal('released'),
  Type.Literal('discarded'),
]);

export const InboundItem = Type.Object({
  id: Id,
  messageId: Type.String(),
  fromAddress: Type.String(),
  fromName: Nullable(Type.String()),
  subject: Type.String(),
  body: Type.String(),
  receivedAt: Instant,
  via: Type.String({ description: 'smtp | imap' }),
  status: InboundStatus,
  reason: Nullable(
    Type.String({
      description:
        'why held (unknown_sender, unknown_ticket, needs_building, sender_not_allowed, sender_not_verified, auto_reply, too_large, not_processable), or why discarded',
    }),
  ),
  ticketId: Nullable(Type.String()),
  ticketNumber: Nullable(Type.String()),
  handledById: Nullable(Type.String()),
  handledAt: Nullable(Type.String()),
  attachments: Type.Array(Type.Object({ id: Id, filename: Type.String(), contentType: Type.String(), size: Type.Integer() })),
  version: Type.Integer(),
  senderProof: Nullable(
    Type.String({ description: 'how the sender was proven: token (a reply token bound to them and the ticket); null: not proven' }),
  ),
});
export type InboundItem = Static<typeof InboundItem>;

export const InboundQuery = Type.Object(
  {
    status: Type.Optional(InboundStatus),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

const version = Type.Integer({ minimum: 1, description: 'the version you read; a stale one gets 409' });

export const OpenTicketBody = Type.Object(
  {
    version,
    buildingId: Id,
    spaceId: Type.Optional(Id),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000, description: 'default: the e-mail text' })),
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);

export const AttachBody = Type.Object(
  { version, ticketNumber: Type.String({ minLength: 1, maxLength: 20, description: 'e.g. 2026-000123' }) },
  { additionalProperties: false },
);

export const DiscardBody = Type.Object({ version, reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
