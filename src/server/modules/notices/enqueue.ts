import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppContext } from '../../context.ts';
import type { Notice } from '../../../domain/workflow/types.ts';

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
}

/**
 * Resolves each notice's audience to people, renders the message in each recipient's language and
 * writes outbox rows (e-mail) and in-app notifications, in the caller's transaction.
 * TEMPORARY: the notices module (outbox, templates, worker) replaces this body; the signature stays.
 */
export async function enqueueNotices(_trx: Transaction<Database>, _ctx: AppContext, _req: NoticeRequest): Promise<void> {}
