// Frozen migration (#8, monthly programs): a program has no ticket, so its timeline (submit, return,
// approve, publish, regenerate, item edits) lives in the append-only events table with a column of
// its own, as penalties did (migration 0004).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('events')
    .addColumn('program_id', 'text', (c) => c.references('programs.id'))
    .execute();
  await db.schema.createIndex('events_program_idx').on('events').columns(['program_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_program_idx').execute();
  await db.schema.alterTable('events').dropColumn('program_id').execute();
}
