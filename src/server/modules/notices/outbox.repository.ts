// SQL of the outbox sender (jobs/outbox-sender.ts): claiming due notices under a lease, marking
// them sent or scheduling their retry.
import { engineOf, type Db } from '../../db/create-db.ts';
import type { OutboxRow } from '../../db/schema.ts';

export type ClaimedRow = Omit<OutboxRow, 'attempts'> & { attempts: number };

/**
 * Up to `batch` due rows, leased to `owner` until now + leaseMs. PostgreSQL: `for update skip locked`
 * in a short transaction; SQLite: one conditional update … returning, atomic in its single writer.
 */
export async function claim(db: Db, now: Date, batch: number, leaseMs: number, owner: string): Promise<ClaimedRow[]> {
  const at = now.toISOString();
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  const due = (q: typeof db) =>
    q
      .selectFrom('outbox')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(batch);

  if (engineOf(db) === 'postgres') {
    return db.transaction().execute(async (trx) => {
      const rows = await due(trx).selectAll().forUpdate().skipLocked().execute();
      if (rows.length)
        await trx
          .updateTable('outbox')
          .set({ locked_until: lease, locked_by: owner })
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
      return rows.map((r) => ({ ...r, attempts: Number(r.attempts), locked_until: lease }));
    });
  }
  const rows = await db
    .updateTable('outbox')
    .set({ locked_until: lease, locked_by: owner })
    .where('id', 'in', due(db).select('id'))
    .returningAll()
    .execute();
  return rows
    .map((r) => ({ ...r, attempts: Number(r.attempts) }))
    .sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id.localeCompare(b.id));
}

/**
 * The sender's heartbeat, and its check just before sending a row: moves the lease of those of
 * `ids` that `owner` still holds to `until`; returns their ids. A row missing from the answer was
 * lost (its lease lapsed and another instance claimed it, or it was sent or cancelled meanwhile).
 */
export async function renewClaims(db: Db, ids: string[], owner: string, until: Date): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .updateTable('outbox')
    .set({ locked_until: until.toISOString() })
    .where('id', 'in', ids)
    .where('locked_by', '=', owner)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function markSent(db: Db, row: ClaimedRow, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now.toISOString(), attempts: row.attempts + 1, locked_until: null, locked_by: null, last_error: null })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .execute();
}

/** A failed attempt: retried at `retryAt` (the sender's backoff), or failed for good when `final`. */
export async function markFailure(db: Db, row: ClaimedRow, retryAt: Date, error: string, final: boolean): Promise<void> {
  const attempts = row.attempts + 1;
  await db
    .updateTable('outbox')
    .set({
      attempts,
      status: final ? 'failed' : 'pending',
      next_attempt_at: final ? row.next_attempt_at : retryAt.toISOString(),
      locked_until: null,
      locked_by: null,
      last_error: error.slice(0, 1000),
    })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .execute();
}

/** The stored file a notice carries along (the formal penalty notice's PDF). */
export function attachmentFile(db: Db, id: string) {
  return db.selectFrom('attachments').select(['filename', 'content_type', 'storage_key']).where('id', '=', id).executeTakeFirst();
}

/** Replaces the bodies of notices sent before `cutoff` (retention); how many rows changed. */
export async function redactSentBefore(db: Db, cutoff: string, marker: { text: string; html: string }, at: string): Promise<number> {
  const r = await db
    .updateTable('outbox')
    .set({ text_body: marker.text, html_body: marker.html, body_redacted_at: at })
    .where('status', '=', 'sent')
    .where('sent_at', '<', cutoff)
    .where('body_redacted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
