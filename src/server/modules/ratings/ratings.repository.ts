// SQL of rating links: stored only as the sha256 of the token; single use.
import type { Db } from '../../db/create-db.ts';

/** The link, if unused, unexpired and its ticket closed, with what the rating page shows. */
export function findUsableToken(db: Db, hash: string, now: string) {
  return db
    .selectFrom('rating_tokens as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .innerJoin('buildings as b', 'b.id', 't.building_id')
    .select(['r.id', 'r.expires_at', 't.number', 't.subject', 't.closed_at', 'b.code as building_code', 'b.name as building_name'])
    .where('r.token_hash', '=', hash)
    .where('r.used_at', 'is', null)
    .where('r.expires_at', '>', now)
    .where('t.status', '=', 'closed')
    .executeTakeFirst();
}

/**
 * Uses the link, and with it every other unused link of its ticket (the reminder's new link and
 * the first one: a ticket is rated once), in one UPDATE that only succeeds while they are unused,
 * so two parallel submissions — by the same link or by both — cannot both pass. Returns the
 * ticket when this link was among those used and unexpired, else undefined (the caller then
 * rolls the transaction back).
 */
export async function consumeToken(db: Db, hash: string, now: string) {
  const own = await db.selectFrom('rating_tokens').select('ticket_id').where('token_hash', '=', hash).executeTakeFirst();
  if (!own) return undefined;
  const used = await db
    .updateTable('rating_tokens')
    .set({ used_at: now })
    .where('ticket_id', '=', own.ticket_id)
    .where('used_at', 'is', null)
    .returning(['token_hash', 'expires_at'])
    .execute();
  return used.some((u) => u.token_hash === hash && u.expires_at > now) ? { ticket_id: own.ticket_id } : undefined;
}
