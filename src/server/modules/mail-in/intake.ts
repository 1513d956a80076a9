// E-mail intake: the one function the SMTP listener and the IMAP poller feed. Parses the message,
// takes it once (Message-ID unique), and in ONE transaction records it and either adds a public
// comment to the ticket it answers, opens a ticket for a known sender, or holds it for the call
// center. Never drops a message: anything it cannot place is held with a reason.
//
// Rules, in order:
//   1. Written by a machine (Auto-Submitted, Precedence bulk/list, MAILER-DAEMON, our own
//      addresses) → held `auto_reply` (no comment, no ticket: autoresponders cannot loop).
//   2. It refers to a ticket: a number in the subject ("[Presidio 2026-000123]" or a bare
//      "2026-000123"), else Presidio's thread id in In-Reply-To/References.
//      - no such ticket → held `unknown_ticket`;
//      - the sender may act on the ticket (a known user with a role on it: its requester, call
//        center, its building's managers, service head, its work orders' contractor, admin; or the
//        ticket's caller address) → public comment (quoted reply cut), attachments kept;
//      - a known user without a role on it → held `sender_not_allowed`; unknown → `unknown_sender`.
//   3. A new request: unknown sender → held `unknown_sender`. A known sender must name the
//      building: exactly one active building code (e.g. MI-B01, case-insensitive, also inside a
//      room code like MI-B01.P1.03) in the subject or body opens a ticket for them with that
//      building; none or several → held `needs_building` (the call center opens it with the
//      building, POST /api/inbound-messages/{id}/actions/open-ticket).
// Attachments: JPEG, PNG, WebP, HEIC and PDF are stored (the attachments module's rules); others
// (and oversize ones) are not stored and the comment/ticket text lists them as not accepted.
// Held messages keep their attachments too, linked to the message until released.
// Sender addresses are taken from the From header as is: e-mail can be forged, so the receiving
// MTA should reject mail that fails SPF/DKIM/DMARC before it reaches Presidio.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { translate, type Lang } from '../../i18n/messages.ts';
import { newId } from '../../ids.ts';
import {
  buildingCodesIn, isAutomatic, stripQuotedReply, ticketIdFromReferences, ticketNumberFromSubject,
} from '../../../domain/notices/mail-rules.ts';
import type { Principal } from '../../auth/principal.ts';
import { openTicket, addComment } from '../tickets/tickets.service.ts';
import { ticketRoles } from '../tickets/access.ts';
import type { SystemActor } from '../tickets/actor.ts';
import type { Trx } from '../tickets/workflow-helpers.ts';
import { storeAttachment } from '../attachments/attachments.service.ts';
import { extensionOf, safeFilename, sniff } from '../attachments/sniff.ts';
import * as repo from './mail-in.repository.ts';

export type HeldReason = 'unknown_sender' | 'unknown_ticket' | 'needs_building' | 'sender_not_allowed' | 'auto_reply' | 'too_large' | 'not_processable';

export interface IntakeResult {
  /** The inbound_messages row (the existing one for a duplicate). */
  id: string;
  duplicate: boolean;
  status: 'ticket_opened' | 'comment_added' | 'held' | 'released' | 'discarded';
  reason: string | null;
  ticketId: string | null;
}

interface Mail {
  messageId: string;
  fromAddress: string;
  fromName: string | null;
  subject: string;
  text: string;
  references: string[];
  automatic: boolean;
  attachments: Attachment[];
  language: 'it' | 'en' | null;
}

const MAX_SUBJECT = 500;
const MAX_BODY = 100_000;

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string; name: string | null } | null {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const o of list) for (const v of o.value) if (v.address) return { address: v.address.trim(), name: v.name?.trim() || null };
  return null;
}

function headerText(p: ParsedMail, name: string): string | null {
  const v = p.headers.get(name);
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : typeof v === 'object' && 'value' in v ? String((v as { value: unknown }).value) : String(v);
}

function toMail(p: ParsedMail, raw: Buffer, ownAddresses: string[]): Mail {
  const from = firstAddress(p.from);
  const fromAddress = from?.address ?? '';
  const refs = [
    ...(p.inReplyTo ? [p.inReplyTo] : []),
    ...(Array.isArray(p.references) ? p.references : p.references ? [p.references] : []),
  ].flatMap((r) => r.split(/\s+/)).filter(Boolean);
  const lang = headerText(p, 'content-language')?.toLowerCase() ?? '';
  return {
    // A message without a Message-ID gets one from its content, so it is still taken only once.
    messageId: (p.messageId?.trim() || `<sha256.${createHash('sha256').update(raw).digest('hex')}@presidio.invalid>`).slice(0, 998),
    fromAddress,
    fromName: from?.name ?? null,
    subject: (p.subject ?? '').trim().slice(0, MAX_SUBJECT),
    text: (p.text ?? '').trim().slice(0, MAX_BODY),
    references: refs,
    automatic:
      isAutomatic({ autoSubmitted: headerText(p, 'auto-submitted'), precedence: headerText(p, 'precedence'), from: fromAddress }) ||
      !fromAddress ||
      ownAddresses.includes(fromAddress.toLowerCase()),
    attachments: p.attachments.filter((a) => a.contentDisposition !== 'inline' || !a.related),
    language: lang.startsWith('en') ? 'en' : lang.startsWith('it') ? 'it' : null,
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
}

/** Takes one raw RFC 5322 message. Throws only for failures worth retrying (database down). */
export async function intakeMessage(ctx: AppContext, raw: Buffer, opts: IntakeOptions): Promise<IntakeResult> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const mail = toMail(parsed, raw, ownAddresses(ctx));

  try {
    return await ctx.db.transaction().execute((trx) => take(ctx, trx, mail, opts, true));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    // The workflow refused (a building gone inactive, a ticket that changed): hold it instead.
    return ctx.db.transaction().execute((trx) => take(ctx, trx, mail, opts, false));
  }
}

/** Records a message too large to read: held with what the envelope tells, never lost. */
export async function intakeTooLarge(
  ctx: AppContext,
  m: { messageId: string; fromAddress: string; fromName: string | null; subject: string; size: number },
  opts: IntakeOptions,
): Promise<IntakeResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await insert(ctx, trx, {
      messageId: m.messageId, fromAddress: m.fromAddress, fromName: m.fromName, subject: m.subject.slice(0, MAX_SUBJECT),
      text: `(${m.size} bytes)`, references: [], automatic: false, attachments: [], language: null,
    }, opts, { status: 'held', reason: 'too_large' });
    return inserted;
  });
}

async function insert(ctx: AppContext, trx: Trx, mail: Mail, opts: IntakeOptions, outcome: { status: 'held'; reason: HeldReason }): Promise<IntakeResult> {
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
  });
  if (!fresh) {
    const existing = (await repo.inboundByMessageId(trx, mail.messageId))!;
    return { id: existing.id, duplicate: true, status: existing.status as IntakeResult['status'], reason: existing.reason, ticketId: existing.ticket_id };
  }
  return { id, duplicate: false, status: 'held', reason: outcome.reason, ticketId: null };
}

async function take(ctx: AppContext, trx: Trx, mail: Mail, opts: IntakeOptions, route: boolean): Promise<IntakeResult> {
  // Recorded first as held (the safe default), then placed; all in this transaction.
  const rec = await insert(ctx, trx, mail, opts, { status: 'held', reason: 'not_processable' });
  if (rec.duplicate) return rec;
  const hold = async (reason: HeldReason): Promise<IntakeResult> => {
    await repo.setOutcome(trx, rec.id, { status: 'held', reason, ticket_id: null });
    await keepAttachments(ctx, trx, mail, { inboundId: rec.id, ticketId: null, commentId: null, uploadedById: null });
    return { ...rec, status: 'held', reason, ticketId: null };
  };
  if (!route) return hold('not_processable');
  if (mail.automatic) return hold('auto_reply');

  const sender = await repo.principalByEmail(trx, mail.fromAddress);
  const number = ticketNumberFromSubject(mail.subject);
  const threadId = number ? null : ticketIdFromReferences(mail.references);
  if (number || threadId) {
    const ticket = number ? await repo.ticketByNumber(trx, number) : await repo.ticketById(trx, threadId!);
    if (!ticket) return hold('unknown_ticket');
    const isCaller = !!ticket.caller_email && ticket.caller_email.toLowerCase() === mail.fromAddress.toLowerCase();
    const allowed = isCaller || (sender !== null && (await ticketRoles(trx, sender, ticket)).size > 0);
    if (!allowed) return hold(sender ? 'sender_not_allowed' : 'unknown_sender');
    const actor = emailActor(mail, sender);
    const lang: Lang = ticket.language === 'en' ? 'en' : 'it';
    const body = commentBody(mail, attachmentsNotAccepted(ctx, mail, lang), lang);
    const comment = await addComment(ctx, actor, ticket.id, { body }, { trx });
    await keepAttachments(ctx, trx, mail, { inboundId: rec.id, ticketId: ticket.id, commentId: comment.id, uploadedById: sender?.userId ?? null });
    await repo.setOutcome(trx, rec.id, { status: 'comment_added', reason: null, ticket_id: ticket.id });
    return { ...rec, status: 'comment_added', reason: null, ticketId: ticket.id };
  }

  if (!sender) return hold('unknown_sender');
  const codes = await repo.activeBuildingCodes(trx);
  const named = buildingCodesIn(`${mail.subject}\n${mail.text}`, codes.keys());
  if (named.length !== 1) return hold('needs_building');
  const skipped = attachmentsNotAccepted(ctx, mail, sender.language);
  const opened = await openTicket(ctx, emailActor(mail, sender), {
    buildingId: codes.get(named[0])!,
    subject: mail.subject || undefined,
    description: ticketDescription(mail, skipped, sender.language),
    requesterId: sender.userId,
  }, { trx });
  await keepAttachments(ctx, trx, mail, { inboundId: rec.id, ticketId: opened.id, commentId: null, uploadedById: sender.userId });
  await repo.setOutcome(trx, rec.id, { status: 'ticket_opened', reason: null, ticket_id: opened.id });
  return { ...rec, status: 'ticket_opened', reason: null, ticketId: opened.id };
}

/** The workflow actor of an e-mail: the system on behalf of the sender (channel/source e-mail). */
export function emailActor(mail: { fromAddress: string; fromName: string | null; language?: 'it' | 'en' | null }, sender: Principal | null, handledBy?: Principal): SystemActor {
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

function ticketDescription(mail: Mail, skipped: string[], lang: Lang): string {
  return [mail.text || mail.subject || translate(lang, 'rule', 'mailNoText'), ...skipped].join('\n\n');
}

const isImage = (a: Attachment) => a.contentType.startsWith('image/');

/** Lines naming the attachments that will not be stored, in the language of the ticket. */
function attachmentsNotAccepted(ctx: AppContext, mail: Mail, lang: Lang): string[] {
  const out: string[] = [];
  const limit = `${Math.round(ctx.config.attachmentMaxBytes / 1024 / 1024)} MB`;
  for (const a of mail.attachments) {
    const filename = a.filename ?? a.contentType;
    if (a.content.length > ctx.config.attachmentMaxBytes) {
      out.push(translate(lang, 'rule', 'mailAttachmentRefused', { filename, reason: translate(lang, 'rule', 'mailAttachmentTooLarge', { limit }) }));
    } else if (!acceptable(a)) {
      out.push(translate(lang, 'rule', 'mailAttachmentRefused', { filename, reason: translate(lang, 'rule', 'fileType') }));
    }
  }
  return out;
}

// The attachments module decides what is acceptable by content: the same rules, checked up front.
function acceptable(a: Attachment): boolean {
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
  return { fromAddress: row.from_address, fromName: row.from_name, subject: row.subject, text: row.body, language: null as 'it' | 'en' | null };
}
