// Attachments of tickets and work orders: content-sniffed, size-limited, stored outside the web
// root under a random key with their sha256, served only to callers who may see their object.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AttachmentDto, AttachmentKind } from '../../../shared/schemas/workflow.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { onRollback, transaction } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { translate, type Lang } from '../../i18n/messages.ts';
import { ticketItemWhere } from '../../scope.ts';
import { isStaffOn, newSortableId } from '../tickets/actor.ts';
import { itemView, ticketRoles, workOrderRoles } from '../tickets/access.ts';
import { getTicket } from '../tickets/tickets.repository.ts';
import { getWorkOrder } from '../work-orders/work-orders.repository.ts';
import * as repo from './attachments.repository.ts';
import { describeContent, extensionOf, safeFilename, sniff } from './sniff.ts';

export interface StoreAttachmentInput {
  ticketId?: string | null;
  workOrderId?: string | null;
  inboundMessageId?: string | null;
  commentId?: string | null;
  kind: AttachmentKind;
  /** internal: hidden from requesters. Default public. */
  visibility?: 'public' | 'internal';
  filename: string;
  /** What the sender claimed; recorded nowhere: the stored type is the sniffed one. */
  contentType?: string;
  data: Buffer;
  uploadedById: string | null;
  /** Language of the refusal messages (415). Default Italian. */
  language?: Lang;
}

export const tooLarge = (ctx: AppContext) =>
  new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(ctx.config.attachmentMaxBytes / 1024 / 1024)} MB` });

/**
 * Writes bytes under a new random key in the attachments directory, removed again if `trx` rolls
 * back (`trx` from `transaction()`, db/transaction.ts). For every stored file (attachments, the
 * contractors' invoices): the key is what the row records.
 */
export async function writeStoredFile(trx: Db, ctx: AppContext, data: Buffer): Promise<string> {
  const key = randomBytes(16).toString('hex');
  const storageKey = `${key.slice(0, 2)}/${key}`;
  const file = storedFilePath(ctx, storageKey);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, data, { flag: 'wx', mode: 0o640 });
  // Only once written: a failed 'wx' (another file under that key) must not remove that file.
  onRollback(trx, () => fs.promises.rm(file, { force: true }));
  return storageKey;
}

export const storedFilePath = (ctx: AppContext, storageKey: string) => path.join(ctx.config.attachmentsDir, storageKey);

/**
 * Checks and stores one file and records it, in the caller's transaction: over the size limit →
 * 413; content not JPEG/PNG/WebP/HEIC/PDF, or a name whose extension lies about the content
 * (a ".jpg" that is a PDF, an executable, HTML) → 415. The file is written before the row and
 * removed if the transaction rolls back: `trx` must come from `transaction()` (db/transaction.ts).
 * For other modules too (the e-mail intake stores attachments of inbound messages with it).
 */
export async function storeAttachment(trx: Db, ctx: AppContext, input: StoreAttachmentInput): Promise<AttachmentDto> {
  const lang = input.language ?? 'it';
  if (input.data.length > ctx.config.attachmentMaxBytes) throw tooLarge(ctx);
  const filename = safeFilename(input.filename);
  const type = sniff(input.data);
  if (!type)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { reason: `${translate(lang, 'rule', 'fileType')} (${describeContent(input.data)})` });
  const ext = extensionOf(filename);
  if (ext !== null && !type.extensions.includes(ext)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      reason: translate(lang, 'rule', 'fileNameMismatch', { filename, detected: type.contentType }),
    });
  }
  const storageKey = await writeStoredFile(trx, ctx, input.data);
  const row = {
    id: newSortableId(),
    ticket_id: input.ticketId ?? null,
    work_order_id: input.workOrderId ?? null,
    comment_id: input.commentId ?? null,
    inbound_message_id: input.inboundMessageId ?? null,
    kind: input.kind,
    visibility: input.visibility ?? 'public',
    filename,
    content_type: type.contentType,
    size: input.data.length,
    sha256: createHash('sha256').update(input.data).digest('hex'),
    storage_key: storageKey,
    uploaded_by_id: input.uploadedById,
    created_at: ctx.now().toISOString(),
  };
  await repo.insertAttachment(trx, row);
  const uploaderName = input.uploadedById ? await repo.displayNameOf(trx, input.uploadedById) : null;
  return presentAttachment({ ...row, uploaded_by_name: uploaderName });
}

export function presentAttachment(a: Omit<repo.AttachmentView, 'visibility'> & { visibility: string }): AttachmentDto {
  return {
    id: a.id,
    ticketId: a.ticket_id,
    workOrderId: a.work_order_id,
    kind: a.kind as AttachmentKind,
    visibility: a.visibility === 'internal' ? 'internal' : 'public',
    filename: a.filename,
    contentType: a.content_type,
    size: Number(a.size),
    sha256: a.sha256,
    uploadedBy: a.uploaded_by_id || a.uploaded_by_name ? { id: a.uploaded_by_id, label: a.uploaded_by_name ?? '' } : null,
    createdAt: a.created_at,
    url: `/api/attachments/${a.id}`,
  };
}

export interface Upload {
  kind: AttachmentKind;
  visibility?: 'public' | 'internal';
  filename: string;
  contentType: string;
  data: Buffer;
}

/**
 * A file on a ticket: anyone with a role on the ticket except a contractor acting only through
 * its work orders (it uploads to the work order). Requesters upload public files only.
 */
export async function uploadToTicket(ctx: AppContext, actor: Principal, ticketId: string, up: Upload): Promise<AttachmentDto> {
  return transaction(ctx.db, async (trx) => {
    const t = await getTicket(trx, ticketId);
    if (!t) throw notFound();
    const roles = await ticketRoles(trx, actor, t);
    if (roles.size === 0) throw notFound();
    if (roles.size === 1 && roles.has('contractor')) throw forbidden();
    const staff = isStaffOn(roles);
    if (!staff && up.visibility === 'internal') throw invalid([{ field: 'visibility', rule: 'internalNotAllowed' }]);
    return storeAttachment(trx, ctx, {
      ticketId,
      kind: up.kind,
      visibility: up.visibility ?? 'public',
      filename: up.filename,
      contentType: up.contentType,
      data: up.data,
      uploadedById: actor.userId,
      language: actor.language,
    });
  });
}

/** A file on a work order (reports, conformity declarations…): internal unless said public. */
export async function uploadToWorkOrder(ctx: AppContext, actor: Principal, workOrderId: string, up: Upload): Promise<AttachmentDto> {
  return transaction(ctx.db, async (trx) => {
    const w = await getWorkOrder(trx, workOrderId);
    if (!w) throw notFound();
    const roles = await workOrderRoles(trx, actor, w);
    if (roles.size === 0) throw notFound();
    return storeAttachment(trx, ctx, {
      ticketId: w.ticket_id,
      workOrderId,
      kind: up.kind,
      visibility: up.visibility ?? 'internal',
      filename: up.filename,
      contentType: up.contentType,
      data: up.data,
      uploadedById: actor.userId,
      language: actor.language,
    });
  });
}

/**
 * The attachment and its file, if the caller may see it: through its work order (its contractor,
 * building managers, staff), through its ticket as the ticket's items are read (scope.ts: a
 * requester the public ones, a contractor the ticket's public ones and its own work orders'), or,
 * for an attachment of a held e-mail only, call center / admin. The ticket's rule is the SQL of
 * the read itself, so a sibling contractor's file reads exactly like a missing one.
 */
export async function openAttachment(ctx: AppContext, actor: Principal, id: string) {
  const found = await repo.getAttachment(ctx.db, id);
  if (!found) throw notFound();
  let a: repo.AttachmentView | undefined;
  if (found.work_order_id) {
    const w = await getWorkOrder(ctx.db, found.work_order_id);
    if (w && (await workOrderRoles(ctx.db, actor, w)).size > 0) a = found;
  }
  if (!a && found.ticket_id) {
    const t = await getTicket(ctx.db, found.ticket_id);
    if (t) {
      const roles = await ticketRoles(ctx.db, actor, t);
      if (roles.size > 0) a = await repo.getAttachment(ctx.db, id, ticketItemWhere(itemView(actor, roles), 'at', 'flagged'));
    }
  }
  if (!a && !found.ticket_id && !found.work_order_id && (actor.roles.has('call_center') || actor.roles.has('admin'))) a = found;
  if (!a) throw notFound();
  const file = path.join(ctx.config.attachmentsDir, a.storage_key);
  if (!fs.existsSync(file)) throw notFound();
  return { attachment: a, file };
}
