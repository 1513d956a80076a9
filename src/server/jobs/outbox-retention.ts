// Outbox retention (#7 item 10): a sent notice's bodies hold the rating link (a credential until
// used or expired) and personal data; after OUTBOX_RETENTION_DAYS they are replaced by a marker.
// Subject, recipient, kind, status and dates stay: the audit trail of who was told what, when.
// Pending and failed notices keep their bodies: they are still to be (re)sent.
import type { Db } from '../db/create-db.ts';
import { redactSentBefore } from '../modules/notices/outbox.repository.ts';

export const REDACTED_BODY_TEXT = '[Testo rimosso dopo il periodo di conservazione / Body removed after the retention period]';
export const REDACTED_BODY_HTML = `<p>${REDACTED_BODY_TEXT}</p>`;

/**
 * Redacts the bodies of notices sent more than `retentionDays` before `now`. One UPDATE, so
 * several app instances running it at once are harmless. Returns how many rows it changed.
 */
export async function redactDeliveredBodies(db: Db, now: Date, retentionDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  return redactSentBefore(db, cutoff, { text: REDACTED_BODY_TEXT, html: REDACTED_BODY_HTML }, now.toISOString());
}
