// Many work orders at once for load tests: copies of one existing corrective work order (its
// ticket, the work order, their events) with new ids and numbers, inserted in multi-row INSERTs
// inside one transaction — 10,000 take seconds, where the API would take minutes. The copies have
// never been seen by the SLA watcher (sla_checked_version null), so its next pass computes every clock.
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../../src/server/db/create-db.ts';
import type { Database } from '../../src/server/db/schema.ts';

/** Rows a statement: under SQLite's and PostgreSQL's bound-parameter limits for these tables. */
const ROWS_PER_INSERT = 200;

async function insertAll<T extends 'tickets' | 'work_orders' | 'events'>(trx: Db, table: T, rows: Insertable<Database[T]>[]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + ROWS_PER_INSERT) as never)
      .execute();
  }
}

/**
 * Inserts `count` copies of the work order `sourceId` (default: the open corrective work order
 * issued last) and returns their ids.
 */
export async function copyWorkOrders(db: Db, count: number, sourceId?: string): Promise<string[]> {
  const source = await db
    .selectFrom('work_orders')
    .selectAll()
    .where('kind', '<>', 'planned')
    .where('ticket_id', 'is not', null)
    .$if(sourceId !== undefined, (q) => q.where('id', '=', sourceId!))
    .$if(sourceId === undefined, (q) => q.where('closed_at', 'is', null).orderBy('issued_at', 'desc'))
    .executeTakeFirstOrThrow();
  const ticket = await db.selectFrom('tickets').selectAll().where('id', '=', source.ticket_id!).executeTakeFirstOrThrow();
  const events = await db
    .selectFrom('events')
    .selectAll()
    .where((eb) => eb.or([eb('work_order_id', '=', source.id), eb.and([eb('ticket_id', '=', ticket.id), eb('work_order_id', 'is', null)])]))
    .execute();

  const tickets: Insertable<Database['tickets']>[] = [];
  const workOrders: Insertable<Database['work_orders']>[] = [];
  const copiedEvents: Insertable<Database['events']>[] = [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const ticketId = randomUUID();
    const id = randomUUID();
    ids.push(id);
    tickets.push({ ...ticket, id: ticketId, number: `${ticket.number}-copy${i}` });
    workOrders.push({ ...source, id, ticket_id: ticketId, number: `${source.number}-copy${i}`, sla_checked_version: null });
    for (const e of events)
      copiedEvents.push({ ...e, id: randomUUID(), ticket_id: e.ticket_id && ticketId, work_order_id: e.work_order_id && id });
  }
  await db.transaction().execute(async (trx) => {
    await insertAll(trx, 'tickets', tickets);
    await insertAll(trx, 'work_orders', workOrders);
    await insertAll(trx, 'events', copiedEvents);
  });
  return ids;
}
