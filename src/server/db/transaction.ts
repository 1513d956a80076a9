// A transaction that can undo what the database cannot: a file written beside its row (an
// attachment) is removed when the transaction rolls back, so a refused action leaves no orphan.
import type { Transaction } from 'kysely';
import type { Db } from './create-db.ts';
import type { Database } from './schema.ts';

type Undo = () => Promise<void>;
const pending = new WeakMap<Transaction<Database>, Undo[]>();

/** `db.transaction().execute(work)`, plus the undo steps registered with `onRollback` if it fails. */
export async function transaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const undo: Undo[] = [];
  try {
    return await db.transaction().execute((trx) => {
      pending.set(trx, undo);
      return work(trx);
    });
  } catch (e) {
    // Last in, first out; one failed undo (a file already gone) does not stop the others.
    for (const step of undo.reverse()) await step().catch(() => {});
    throw e;
  }
}

/**
 * Registers what to undo if `trx` rolls back. Refuses a transaction not opened by `transaction()`:
 * the undo would silently never run.
 */
export function onRollback(trx: Db, step: Undo): void {
  const list = pending.get(trx as Transaction<Database>);
  if (!list) throw new Error('onRollback needs a transaction opened with transaction() (src/server/db/transaction.ts)');
  list.push(step);
}
