// E-mail intake: the one function the SMTP listener and the IMAP poller feed. Parses the message
// in a worker thread (parse-pool.ts: the server's event loop never runs the MIME parse), takes it
// once (Message-ID unique), and in ONE transaction records it and either adds a public comment to
// the ticket it answers as the person who proved to be its sender, or holds it for the call
// center. Never drops a message: anything it cannot place is held with a reason.
//
// Who wrote a message is PROVEN, never read off the From header (which anyone can forge, #7 item 2):
// a reply counts as a person's only when it carries the reply token of the notice that person
// received about that ticket (reply-token.ts: in the To plus-address or in In-Reply-To/References)
// AND its From is that person's address. Without that proof nothing is posted or opened in
// anybody's name: the message is held (`sender_not_verified` for a known address, `unknown_sender`
// otherwise) and the call center decides. See docs/MAIL-IN.md.
//
// Rules, in order:
//   1. Headers over the caps (cut while parsing), or a message that could not be parsed → held
//      `not_processable`.
//   2. Written by a machine (Auto-Submitted, Precedence bulk/list, MAILER-DAEMON, our own
//      addresses) → held `auto_reply` (no comment, no ticket: autoresponders cannot loop).
//   3. It refers to a ticket: a number in the subject ("[Presidio 2026-000123]" or a bare
//      "2026-000123"), else Presidio's thread id in In-Reply-To/References, else the Message-ID of
//      the notice it answers (outbox.message_key; a client that kept only In-Reply-To).
//      - no such ticket → held `unknown_ticket`;
//      - no valid token for the From address and this ticket → held `sender_not_verified` (a known
//        user's or the ticket caller's address) or `unknown_sender`;
//      - proven, and the sender may act on the ticket (a role on it, or its caller) → public
//        comment (quoted reply cut), attachments kept; proven but without a role any more →
//        held `sender_not_allowed`.
//   4. A new request carries no token (there was no notice to reply to): held, `sender_not_verified`
//      for a known user's address, `unknown_sender` otherwise; the call center opens the ticket
//      (POST /api/inbound-messages/{id}/actions/open-ticket) after checking with the person.
// Attachments: JPEG, PNG, WebP, HEIC and PDF are stored (the attachments module's rules); others
// (and oversize ones) are not stored and the comment text lists them as not accepted. Held
// messages keep their attachments too, linked to the message until released.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { translate, type Lang } from '../../i18n/messages.ts';
import { newId } from '../../ids.ts';
import {
  isAutomatic,
  noticeKeysFromReferences,
  stripQuotedReply,
  ticketIdFromReferences,
  ticketNumberFromSubject,
} from '../../../domain/notices/mail-rules.ts';
import type { Principal } from '../../auth/principal.ts';
import { addComment } from '../tickets/tickets.service.ts';
import { ticketRoles } from '../tickets/access.ts';
import type { SystemActor } from '../tickets/actor.ts';
import type { Trx } from '../tickets/workflow-helpers.ts';
import { storeAttachment } from '../attachments/attachments.service.ts';
import { transaction } from '../../db/transaction.ts';
import { extensionOf, safeFilename, sniff } from '../attachments/sniff.ts';
import { ParseFailed, parseOffThread, type ParsedMessage } from './parse-pool.ts';
import { replySecret, tokenMatches, tokensIn } from './reply-token.ts';
import * as repo from './mail-in.repository.ts';

export type HeldReason =
  | 'unknown_sender'
  | 'unknown_ticket'
  | 'needs_building'
  | 'sender_not_allowed'
  | 'sender_not_verified'
  | 'auto_reply'
  | 'too_large'
  | 'not_processable';

export interface IntakeResult {
  /** The inbound_messages row (the existing one for a duplicate). */
  id: string;
  duplicate: boolean;
  status: 'ticket_opened' | 'comment_added' | 'held' | 'released' | 'discarded';
  reason: string | null;
  ticketId: string | null;
}

interface MailAttachment {
  filename: string | null;
  contentType: string;
  content: Buffer;
}

interface Mail {
  messageId: string;
  fromAddress: string;
  fromName: string | null;
  subject: string;
  text: string;
  references: string[];
  /** To, Cc and the SMTP envelope's recipients: where a plus-addressed reply token shows up. */
  recipients: string[];
  automatic: boolean;
  attachments: MailAttachment[];
  language: 'it' | 'en' | null;
  /** The header block was over its caps: never routed. */
  headersCut: boolean;
}

const MAX_SUBJECT = 500;

function toMail(p: ParsedMessage, own: string[], opts: IntakeOptions): Mail {
  const fromAddress = p.from?.address ?? '';
  const lang = p.contentLanguage?.toLowerCase() ?? '';
  return {
    // A message without a Message-ID gets one from its content, so it is still taken only once.
    messageId: p.messageId || `<sha256.${p.sha256}@presidio.invalid>`,
    fromAddress,
    fromName: p.from?.name ?? null,
    subject: p.subject.slice(0, MAX_SUBJECT),
    text: p.text,
    references: p.references,
    recipients: [...p.recipients, ...(opts.envelope?.rcptTo ?? [])],
    automatic:
      isAutomatic({ autoSubmitted: p.autoSubmitted, precedence: p.precedence, from: fromAddress }) ||
      !fromAddress ||
      own.includes(fromAddress.toLowerCase()),
    attachments: p.attachments,
    language: lang.startsWith('en') ? 'en' : lang.startsWith('it') ? 'it' : null,
    headersCut: p.headersCut,
  };
}

/** The addresses Presidio itself writes from and to: mail from them is never taken as a request. */
function ownAddresses(ctx: AppContext): string[] {
  const out: string[] = [];
  const from = /<([^<>\s]+)>\s*$/.exec(ctx.config.mail.from)?.[1] ?? ctx.config.mail.from;
  out.push(from.trim().toLowerCase());
  if (ctx.config.mail.inAddress) out.push(ctx.config.mail.inAddress.trim().toLowerCase());
  return out;
}

export interface IntakeOptions {
  via: 'smtp' | 'imap';
  /** The SMTP envelope, when the message came over SMTP. */
  envelope?: { mailFrom: string | null; rcptTo: string[] };
}

/** Takes one raw RFC 5322 message. Throws only for failures worth retrying (database down). */
export async function intakeMessage(ctx: AppContext, raw: Buffer, opts: IntakeOptions): Promise<IntakeResult> {
  let parsed: ParsedMessage;
  try {
    parsed = await parseOffThread(raw);
  } catch (e) {
    if (!(e instanceof ParseFailed)) throw e;
    return intakeUnparsed(ctx, raw, opts, e.message);
  }
  const mail = toMail(parsed, ownAddresses(ctx), opts);
  const secret = ctx.config.mail.inAddress ? await replySecret(ctx.db, ctx.config.mail) : null;

  try {
    return await transaction(ctx.db, (trx) => take(ctx, trx, mail, opts, secret, true));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    // The workflow refused (a building gone inactive, a ticket that changed): hold it instead.
    return transaction(ctx.db, (trx) => take(ctx, trx, mail, opts, secret, false));
  }
}

/** A message the parser could not read (or not in time): held with what the envelope tells. */
async function intakeUnparsed(ctx: AppContext, raw: Buffer, opts: IntakeOptions, why: string): Promise<IntakeResult> {
  const mail: Mail = {
    messageId: `<sha256.${createHash('sha256').update(raw).digest('hex')}@presidio.invalid>`,
    fromAddress: opts.envelope?.mailFrom?.slice(0, 320) ?? '',
    fromName: null,
    subject: '',
    text: `(${raw.length} bytes: ${why})`,
    references: [],
    recipients: [],
    automatic: false,
    attachments: [],
    language: null,
    headersCut: true,
  };
  return ctx.db.transaction().execute((trx) => insert(ctx, trx, mail, opts, { status: 'held', reason: 'not_processable' }));
}

/** Records a message too large to read: held with what the envelope tells, never lost. */
export async function intakeTooLarge(
  ctx: AppContext,
  m: { messageId: string; fromAddress: string; fromName: string | null; subject: string; size: number },
  opts: IntakeOptions,
): Promise<IntakeResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await insert(
      ctx,
      trx,
      {
        messageId: m.messageId.slice(0, 998),
        fromAddress: m.fromAddress.slice(0, 320),
        fromName: m.fromName?.slice(0, 200) ?? null,
        subject: m.subject.slice(0, MAX_SUBJECT),
        text: `(${m.size} bytes)`,
        references: [],
        recipients: [],
        automatic: false,
        attachments: [],
        language: null,
        headersCut: false,
      },
      opts,
      { status: 'held', reason: 'too_large' },
    );
    return inserted;
  });
}

async function insert(
  ctx: AppContext,
  trx: Trx,
  mail: Mail,
  opts: IntakeOptions,
  outcome: { status: 'held'; reason: HeldReason },
): Promise<IntakeResult> {
  const id = newId();
  const fresh = await repo.insertInbound(trx, {
    id,
    message_id: mail.messageId,
    from_address: mail.fromAddress || '(none)',
    from_name: mail.fromName,
    subject: mail.subject,
    body: mail.text,
    received_at: ctx.now().toISOString(),
    via: opts.via,
    status: outcome.status,
    reason: outcome.reason,
    ticket_id: null,
    handled_by_id: null,
    handled_at: null,
    sender_proof: null,
  });
  if (!fresh) {
    const existing = (await repo.inboundByMessageId(trx, mail.messageId))!;
    return {
      id: existing.id,
      duplicate: true,
      status: existing.status as IntakeResult['status'],
      reason: existing.reason,
      ticketId: existing.ticket_id,
    };
  }
  return { id, duplicate: false, status: 'held', reason: outcome.reason, ticketId: null };
}

type TicketRow = NonNullable<Awaited<ReturnType<typeof repo.ticketById>>>;

/**
 * Who proved to have written this reply to this ticket: an active user whose address is the From
 * and whose token for the ticket the reply carries, or the ticket's caller (no account) likewise;
 * null without such a token.
 */
async function provenSender(
  ctx: AppContext,
  trx: Trx,
  mail: Mail,
  ticket: TicketRow,
  secret: Buffer | null,
): Promise<{ sender: Principal | null } | null> {
  if (!secret || !ctx.config.mail.inAddress || !mail.fromAddress) return null;
  const tokens = tokensIn(mail.recipients, mail.references, ctx.config.mail.inAddress);
  if (tokens.length === 0) return null;
  for (const p of await repo.principalsByEmail(trx, mail.fromAddress)) {
    if (tokenMatches(secret, { userId: p.userId }, ticket.id, tokens)) return { sender: p };
  }
  const isCaller = !!ticket.caller_email && ticket.caller_email.toLowerCase() === mail.fromAddress.toLowerCase();
  if (isCaller && tokenMatches(secret, { address: mail.fromAddress }, ticket.id, tokens)) return { sender: null };
  return null;
}

async function take(
  ctx: AppContext,
  trx: Trx,
  mail: Mail,
  opts: IntakeOptions,
  secret: Buffer | null,
  route: boolean,
): Promise<IntakeResult> {
  // Recorded first as held (the safe default), then placed; all in this transaction.
  const rec = await insert(ctx, trx, mail, opts, { status: 'held', reason: 'not_processable' });
  if (rec.duplicate) return rec;
  const hold = async (reason: HeldReason): Promise<IntakeResult> => {
    await repo.setOutcome(trx, rec.id, { status: 'held', reason, ticket_id: null });
    await keepAttachments(ctx, trx, mail, { inboundId: rec.id, ticketId: null, commentId: null, uploadedById: null });
    return { ...rec, status: 'held', reason, ticketId: null };
  };
  if (!route || mail.headersCut) return hold('not_processable');
  if (mail.automatic) return hold('auto_reply');

  const known = async (ticket?: TicketRow) =>
    (await repo.principalByEmail(trx, mail.fromAddress)) !== null ||
    (!!ticket?.caller_email && ticket.caller_email.toLowerCase() === mail.fromAddress.toLowerCase());
  const number = ticketNumberFromSubject(mail.subject);
  // The thread: the subject's number, else Presidio's thread id, else the notice it answers (a
  // client that kept only In-Reply-To = the notice's Message-ID). Finding the ticket proves nobody.
  const threadId = number
    ? null
    : (ticketIdFromReferences(mail.references) ?? (await repo.ticketIdByNoticeKeys(trx, noticeKeysFromReferences(mail.references))));
  if (number || threadId) {
    const ticket = number ? await repo.ticketByNumber(trx, number) : await repo.ticketById(trx, threadId!);
    if (!ticket) return hold('unknown_ticket');
    const proof = await provenSender(ctx, trx, mail, ticket, secret);
    if (!proof) return hold((await known(ticket)) ? 'sender_not_verified' : 'unknown_sender');
    const { sender } = proof;
    const allowed = sender === null || (await ticketRoles(trx, sender, ticket)).size > 0;
    if (!allowed) return hold('sender_not_allowed');
    const actor = emailActor(mail, sender);
    const lang: Lang = ticket.language === 'en' ? 'en' : 'it';
    const body = commentBody(mail, attachmentsNotAccepted(ctx, mail, lang), lang);
    const comment = await addComment(ctx, actor, ticket.id, { body }, { trx });
    await keepAttachments(ctx, trx, mail, {
      inboundId: rec.id,
      ticketId: ticket.id,
      commentId: comment.id,
      uploadedById: sender?.userId ?? null,
    });
    await repo.setOutcome(trx, rec.id, { status: 'comment_added', reason: null, ticket_id: ticket.id, sender_proof: 'token' });
    return { ...rec, status: 'comment_added', reason: null, ticketId: ticket.id };
  }

  // A new request: nothing proves who wrote it, so nothing is opened in anybody's name.
  return hold((await known()) ? 'sender_not_verified' : 'unknown_sender');
}

/** The workflow actor of an e-mail: the system on behalf of the sender (channel/source e-mail). */
export function emailActor(
  mail: { fromAddress: string; fromName: string | null; language?: 'it' | 'en' | null },
  sender: Principal | null,
  handledBy?: Principal,
): SystemActor {
  const who = sender?.displayName ?? mail.fromName ?? mail.fromAddress;
  return {
    kind: 'system',
    label: handledBy ? `${handledBy.displayName} (e-mail: ${who} <${mail.fromAddress}>)` : `${who} <${mail.fromAddress}> (e-mail)`,
    userId: handledBy?.userId ?? sender?.userId ?? null,
    channel: 'email',
    language: sender?.language ?? mail.language ?? 'it',
  };
}

function commentBody(mail: Mail, skipped: string[], lang: Lang): string {
  const text = stripQuotedReply(mail.text);
  return [text || mail.subject || translate(lang, 'rule', 'mailNoText'), ...skipped].join('\n\n');
}

const isImage = (a: MailAttachment) => a.contentType.startsWith('image/');

/** Lines naming the attachments that will not be stored, in the language of the ticket. */
function attachmentsNotAccepted(ctx: AppContext, mail: Mail, lang: Lang): string[] {
  const out: string[] = [];
  const limit = `${Math.round(ctx.config.attachmentMaxBytes / 1024 / 1024)} MB`;
  for (const a of mail.attachments) {
    const filename = a.filename ?? a.contentType;
    if (a.content.length > ctx.config.attachmentMaxBytes) {
      out.push(
        translate(lang, 'rule', 'mailAttachmentRefused', {
          filename,
          reason: translate(lang, 'rule', 'mailAttachmentTooLarge', { limit }),
        }),
      );
    } else if (!acceptable(a)) {
      out.push(translate(lang, 'rule', 'mailAttachmentRefused', { filename, reason: translate(lang, 'rule', 'fileType') }));
    }
  }
  return out;
}

// The attachments module decides what is acceptable by content: the same rules, checked up front.
function acceptable(a: MailAttachment): boolean {
  const type = sniff(a.content);
  if (!type) return false;
  const ext = a.filename ? extensionOf(safeFilename(a.filename)) : null;
  return ext === null || type.extensions.includes(ext);
}

async function keepAttachments(
  ctx: AppContext,
  trx: Trx,
  mail: Mail,
  to: { inboundId: string; ticketId: string | null; commentId: string | null; uploadedById: string | null },
): Promise<void> {
  for (const a of mail.attachments) {
    if (a.content.length > ctx.config.attachmentMaxBytes || !acceptable(a)) continue;
    try {
      await storeAttachment(trx, ctx, {
        ticketId: to.ticketId,
        inboundMessageId: to.inboundId,
        commentId: to.commentId,
        kind: isImage(a) ? 'photo' : 'document',
        filename: a.filename ?? (isImage(a) ? 'image' : 'document'),
        contentType: a.contentType,
        data: a.content,
        uploadedById: to.uploadedById,
      });
    } catch (e) {
      // 413/415 are decided before any SQL: the transaction is intact, the file is just not kept.
      if (!(e instanceof AppError)) throw e;
    }
  }
}

/** For the call center's actions: the stored message as an e-mail to act on. */
export function mailOf(row: { from_address: string; from_name: string | null; subject: string; body: string }) {
  return {
    fromAddress: row.from_address,
    fromName: row.from_name,
    subject: row.subject,
    text: row.body,
    language: null as 'it' | 'en' | null,
  };
}
