// Frozen migration (#10 item 4): the day of the contract's conformity check (verifica di
// conformità); the final statement, which releases the 0.50 % withheld, needs it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contracts').addColumn('conformity_checked_on', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contracts').dropColumn('conformity_checked_on').execute();
}
