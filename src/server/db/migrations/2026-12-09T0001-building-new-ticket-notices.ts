// Frozen migration (#9 item 2): who among a building's managers hears of a new ticket there —
// 'all' (every new ticket, the default), 'danger' (only tickets reporting a danger to people) or
// 'none' (no notice of ordinary tickets; a danger still reaches them: people's safety is not optional).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('buildings')
    .addColumn('new_ticket_notices', 'text', (c) => c.notNull().defaultTo('all'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('buildings').dropColumn('new_ticket_notices').execute();
}
