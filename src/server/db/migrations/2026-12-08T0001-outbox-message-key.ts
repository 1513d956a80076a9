// Frozen migration (#9 item 9): the key of each outbox message's Message-ID
// ("<{key}.notice[.rt-…]@domain>", the first 40 hex digits of the SHA-256 of its idempotency key),
// stored and indexed so that a reply carrying only In-Reply-To (no References, no subject tag)
// finds the ticket of the notice it answers. Existing rows are filled in.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

const keyOf = (idempotencyKey: string) => createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('message_key', 'text').execute();
  let after = '';
  for (;;) {
    const rows: Array<{ id: string; idempotency_key: string }> = await db
      .selectFrom('outbox')
      .select(['id', 'idempotency_key'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows)
      await db
        .updateTable('outbox')
        .set({ message_key: keyOf(r.idempotency_key) })
        .where('id', '=', r.id)
        .execute();
    after = rows[rows.length - 1].id;
  }
  await db.schema.createIndex('outbox_message_key').on('outbox').column('message_key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_message_key').execute();
  await db.schema.alterTable('outbox').dropColumn('message_key').execute();
}
