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
 * Uses the link: one UPDATE that only succeeds while it is unused and unexpired, so two parallel
 * submissions cannot both pass. Returns its ticket, or undefined.
 */
export function consumeToken(db: Db, hash: string, now: string) {
  return db
    .updateTable('rating_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['ticket_id'])
    .executeTakeFirst();
}
