// SQL of attachments (the files themselves live under config.attachmentsDir).
import type { Insertable } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { AttachmentRow } from '../../db/schema.ts';

export async function insertAttachment(db: Db, row: Insertable<AttachmentRow>): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

const withUploader = (db: Db) =>
  db.selectFrom('attachments as at').leftJoin('users as u', 'u.id', 'at.uploaded_by_id').selectAll('at').select('u.display_name as uploaded_by_name');

export function getAttachment(db: Db, id: string) {
  return withUploader(db).where('at.id', '=', id).executeTakeFirst();
}
export type AttachmentView = NonNullable<Awaited<ReturnType<typeof getAttachment>>>;

/** Attachments of a ticket (its own and its work orders') or of one work order. */
export function listAttachments(db: Db, by: { ticketId: string } | { workOrderId: string }, publicOnly: boolean) {
  let q = withUploader(db);
  q = 'ticketId' in by ? q.where('at.ticket_id', '=', by.ticketId) : q.where('at.work_order_id', '=', by.workOrderId);
  if (publicOnly) q = q.where('at.visibility', '=', 'public');
  return q.orderBy('at.created_at').orderBy('at.id').execute();
}

/** The name shown for an uploader, or null. */
export async function displayNameOf(db: Db, userId: string): Promise<string | null> {
  const u = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return u?.display_name ?? null;
}
