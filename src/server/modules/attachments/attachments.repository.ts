// SQL of attachments (the files themselves live under config.attachmentsDir).
import type { Expression, Insertable, SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { AttachmentRow } from '../../db/schema.ts';
import { precompiled } from '../../db/precompiled.ts';

export async function insertAttachment(db: Db, row: Insertable<AttachmentRow>): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

const withUploader = (db: Db) =>
  db
    .selectFrom('attachments as at')
    .leftJoin('users as u', 'u.id', 'at.uploaded_by_id')
    .selectAll('at')
    .select('u.display_name as uploaded_by_name');

/** One attachment; with `only`, just if it matches (scope.ts ticketItemWhere on alias `at`). */
export function getAttachment(db: Db, id: string, only: Expression<SqlBool> | null = null) {
  let q = withUploader(db).where('at.id', '=', id);
  if (only) q = q.where(only);
  return q.executeTakeFirst();
}
export type AttachmentView = NonNullable<Awaited<ReturnType<typeof getAttachment>>>;

const allOfTicket = precompiled((db: Db, ticketId: string) =>
  withUploader(db).where('at.ticket_id', '=', ticketId).orderBy('at.created_at').orderBy('at.id'),
);

/** Attachments of a ticket (its own and its work orders') or of one work order; `only` narrows them (alias `at`). */
export function listAttachments(db: Db, by: { ticketId: string } | { workOrderId: string }, only: Expression<SqlBool> | null) {
  if ('ticketId' in by && !only) return allOfTicket.execute(db, by.ticketId);
  let q = withUploader(db);
  q = 'ticketId' in by ? q.where('at.ticket_id', '=', by.ticketId) : q.where('at.work_order_id', '=', by.workOrderId);
  if (only) q = q.where(only);
  return q.orderBy('at.created_at').orderBy('at.id').execute();
}

/** The name shown for an uploader, or null. */
export async function displayNameOf(db: Db, userId: string): Promise<string | null> {
  const u = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return u?.display_name ?? null;
}
