import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppContext } from '../../context.ts';
import type { Audience, Notice, Priority } from '../../../domain/workflow/types.ts';
import { PRIORITIES } from '../../../domain/workflow/types.ts';
import { LANGUAGE_PACKS, noticeLang, renderNotice } from '../../../domain/notices/render.ts';
import type { NoticeFacts, NoticeLang } from '../../../domain/notices/types.ts';
import { newId } from '../../ids.ts';
import * as repo from './notices.repository.ts';

/** What a workflow change asks the notices module to announce, inside the change's transaction. */
export interface NoticeRequest {
  notices: readonly Notice[];
  ticketId: string | null;
  workOrderId: string | null;
  /** The timeline event that caused the notices: part of each message's idempotency key. */
  eventId: string;
  actorUserId: string | null;
  /** The action and its fields (reason, dates, …) for the message text. */
  action: string;
  data: Record<string, unknown>;
  /** Notice 3 only: the personal rating link for the requester. */
  ratingUrl?: string;
  /** A stored attachment sent with every e-mail of the request (the formal penalty notice, a PDF). */
  attachmentId?: string | null;
}

/** One person a notice goes to: a user (in-app + e-mail when they have an address) or an address only. */
export interface Recipient {
  userId: string | null;
  name: string | null;
  email: string | null;
  language: NoticeLang;
  audience: Audience;
}

type Trx = Transaction<Database>;
type TicketFacts = NonNullable<Awaited<ReturnType<typeof repo.ticketForNotice>>>;
type WorkOrderFacts = NonNullable<Awaited<ReturnType<typeof repo.workOrderForNotice>>>;

/**
 * Resolves each notice's audience to people, renders the message in each recipient's language and
 * writes outbox rows (e-mail) and in-app notifications, in the caller's transaction.
 *
 * Rules:
 * - requester: the ticket's requester (an active user: their address and language), or for a
 *   phone/e-mail ticket without a user the caller's address in the ticket's language;
 * - call_center / service_heads: active users with that role; building_managers: active managers
 *   of the work order's building (else the ticket's); contractor: active users (not technicians) of the work
 *   order's contractor (a ticket-level notice: of every contractor with a non-cancelled work order
 *   on the ticket), plus the contractor's own address when none of its users has one;
 *   contractor_pec: the contractor's PEC address (formal notices), in Italian; occupants: active
 *   users of the departments occupying the building, with an e-mail, only when the building has
 *   notify_occupants_planned on (planned dates, #8).
 * - The actor is left out (they know what they just did), except in the requester audience: a
 *   requester who opened their own ticket still gets notice 1, whose number replies thread on.
 * - One message per person and notice: a person in two audiences (a building manager with the
 *   call-center role) is reached once, through the first audience listed; people are matched by
 *   user id and by address (case-insensitive).
 * - Outbox rows (e-mail) for everyone with an address; idempotency key eventId:kind:address, so a
 *   repeated request writes nothing twice. In-app notifications for every user recipient.
 */
export async function enqueueNotices(trx: Trx, ctx: AppContext, req: NoticeRequest): Promise<void> {
  if (req.notices.length === 0) return;
  const wo = req.workOrderId ? await repo.workOrderForNotice(trx, req.workOrderId) : undefined;
  const ticketId = req.ticketId ?? wo?.ticket_id ?? null;
  const ticket = ticketId ? await repo.ticketForNotice(trx, ticketId) : undefined;
  if (!ticket && !wo) return;
  const now = ctx.now().toISOString();

  for (const notice of req.notices) {
    const people = await recipientsOf(trx, notice, ticket, wo, req.actorUserId);
    for (const r of people) {
      const facts = factsFor(ctx, notice, req, r, ticket, wo);
      const msg = renderNotice(r.language, facts);
      if (r.email) {
        await repo.insertOutbox(trx, {
          id: newId(),
          idempotency_key: `${req.eventId}:${notice.kind}:${r.email.toLowerCase()}`,
          kind: notice.kind,
          to_address: r.email,
          to_user_id: r.userId,
          language: r.language,
          subject: msg.subject,
          text_body: msg.text,
          html_body: msg.html,
          ticket_id: ticket?.id ?? null,
          work_order_id: wo?.id ?? null,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          locked_until: null,
          last_error: null,
          created_at: now,
          sent_at: null,
          attachment_id: req.attachmentId ?? null,
        });
      }
      if (r.userId) {
        // The rating link is a credential (single use, no login): kept out of notifications, which
        // are stored for good; the e-mail carries it and the outbox forgets it after retention.
        const inApp = facts.ratingUrl
          ? `${renderNotice(r.language, { ...facts, ratingUrl: null }).summary}\n${LANGUAGE_PACKS[r.language].ratingInApp}`
          : msg.summary;
        await repo.insertNotification(trx, {
          id: newId(),
          user_id: r.userId,
          kind: notice.kind,
          ticket_id: ticket?.id ?? null,
          work_order_id: wo?.id ?? null,
          title: msg.subject.replace(/^\[[^\]]*\]\s*/, ''),
          body: inApp.slice(0, 2000),
          created_at: now,
          read_at: null,
        });
      }
    }
  }
}

/**
 * De-duplication of the people a notice reaches: once per user and once per address (case
 * blind), nobody with neither. Returns the person's trimmed address (or null: in-app only) the first
 * time, undefined after.
 */
export function onceEach(): (p: { userId: string | null; email: string | null }) => string | null | undefined {
  const seenUsers = new Set<string>();
  const seenEmails = new Set<string>();
  return (p) => {
    if (p.userId && seenUsers.has(p.userId)) return undefined;
    const email = p.email?.trim() || null;
    if (email && seenEmails.has(email.toLowerCase())) return undefined;
    if (!p.userId && !email) return undefined;
    if (p.userId) seenUsers.add(p.userId);
    if (email) seenEmails.add(email.toLowerCase());
    return email;
  };
}

/** The people one notice reaches, de-duplicated, actor left out (see enqueueNotices). */
export async function recipientsOf(
  db: Trx | AppContext['db'],
  notice: Notice,
  ticket: TicketFacts | undefined,
  wo: WorkOrderFacts | undefined,
  actorUserId: string | null,
): Promise<Recipient[]> {
  const out: Recipient[] = [];
  const firstTime = onceEach();
  const add = (p: repo.PersonRow, audience: Audience, language = p.language) => {
    if (p.userId && p.userId === actorUserId && audience !== 'requester') return;
    const email = firstTime(p);
    if (email !== undefined) out.push({ userId: p.userId, name: p.name, email, language: noticeLang(language), audience });
  };

  for (const audience of notice.to) {
    switch (audience) {
      case 'requester': {
        if (!ticket) break;
        if (ticket.requester_id) {
          const u = await repo.activeUserById(db, ticket.requester_id);
          if (u) add(u, audience);
        } else if (ticket.caller_email) {
          add({ userId: null, name: ticket.caller_name, email: ticket.caller_email, language: ticket.language }, audience);
        }
        break;
      }
      case 'call_center':
        for (const u of await repo.activeUsersWithRole(db, 'call_center')) add(u, audience);
        break;
      case 'service_heads':
        for (const u of await repo.activeUsersWithRole(db, 'service_head')) add(u, audience);
        break;
      case 'building_managers': {
        const buildingId = wo?.building_id ?? ticket?.building_id;
        if (buildingId) for (const u of await repo.activeManagersOf(db, buildingId)) add(u, audience);
        break;
      }
      case 'occupants': {
        // Only where the building asks (notify_occupants_planned); each in their own language.
        const buildingId = wo?.building_id ?? ticket?.building_id;
        if (buildingId) for (const u of await repo.activeOccupantsOf(db, buildingId)) add(u, audience);
        break;
      }
      case 'contractor_pec': {
        // The contractor's certified address, not a person's: formal notices go there in Italian.
        const ids = wo ? [wo.contractor_id] : ticket ? await repo.contractorIdsOfTicket(db, ticket.id) : [];
        for (const cid of ids) {
          const c = await repo.contractorById(db, cid);
          if (c?.pec) add({ userId: null, name: c.name, email: c.pec, language: 'it' }, audience);
        }
        break;
      }
      case 'contractor': {
        const ids = wo ? [wo.contractor_id] : ticket ? await repo.contractorIdsOfTicket(db, ticket.id) : [];
        for (const cid of ids) {
          const users = await repo.activeUsersOfContractor(db, cid);
          for (const u of users) add(u, audience);
          if (!users.some((u) => u.email?.trim())) {
            const c = await repo.contractorById(db, cid);
            if (c?.active && c.email) add({ userId: null, name: c.name, email: c.email, language: 'it' }, audience);
          }
        }
        break;
      }
    }
  }
  return out;
}

function factsFor(
  ctx: AppContext,
  notice: Notice,
  req: NoticeRequest,
  r: Recipient,
  ticket: TicketFacts | undefined,
  wo: WorkOrderFacts | undefined,
): NoticeFacts {
  const base = ctx.config.publicUrl.replace(/\/+$/, '');
  // People without an account get no link to the app (they could not open it).
  let url: string | null = null;
  // Occupants are told a date; the planned ticket is not theirs to open (it would read as 404).
  if (r.userId && r.audience !== 'occupants') {
    if (wo && (r.audience === 'contractor' || !ticket)) url = `${base}/work-orders/${wo.id}`;
    else if (ticket) url = `${base}/tickets/${ticket.id}`;
  }
  const buildingCode = wo?.building_code ?? ticket?.building_code;
  const buildingName = wo?.building_name ?? ticket?.building_name;
  const spaceCode = wo ? wo.space_code : ticket?.space_code;
  const spaceName = wo ? wo.space_name : ticket?.space_name;
  const priority = (wo?.priority ?? ticket?.priority ?? null) as Priority | null;
  return {
    kind: notice.kind,
    action: req.action,
    audience: r.audience,
    recipientName: r.name,
    ticketNumber: ticket?.number ?? null,
    ticketSubject: ticket?.subject ?? null,
    ticketDescription: ticket?.description ?? wo?.description ?? null,
    building: buildingCode ? `${buildingCode} ${buildingName ?? ''}`.trim() : null,
    space: spaceCode ? `${spaceCode} ${spaceName ?? ''}`.trim() : null,
    workOrderNumber: wo?.number ?? null,
    priority: priority && (PRIORITIES as readonly string[]).includes(priority) ? priority : null,
    url,
    // The rating link is personal to the requester: nobody else's message carries it.
    ratingUrl: r.audience === 'requester' ? (req.ratingUrl ?? null) : null,
    ratingDays: ctx.config.ratingLinkDays,
    data: req.data,
  };
}
