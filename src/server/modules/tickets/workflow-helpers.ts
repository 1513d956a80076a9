// Small helpers both workflow services share: the actions to offer, priorities, dates in Rome,
// and the optimistic-lock plumbing (a stale version anywhere in the transaction → 409 with current).
import { DateTime } from 'luxon';
import { availableActions } from '../../../domain/workflow/machine.ts';
import { PRIORITIES, type Priority, type Role, type Transition } from '../../../domain/workflow/types.ts';
import type { AppContext } from '../../context.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { transaction } from '../../db/transaction.ts';
import { conflict } from '../../errors.ts';

/** A transaction of the app's database: what enqueueNotices needs. */
export type Trx = Transaction<Database>;

/** Guards the user can satisfy before submitting (attach the documents): their actions stay listed. */
const FIXABLE_GUARDS = new Set(['documents_missing', 'checklist_incomplete']);

/**
 * The actions to offer: the domain's availableActions, minus those whose guard already refuses on
 * the object's context alone (start_work before an inspection when not an emergency, a second
 * reminder the same day), minus `exclude` (actions taken elsewhere, like the rating link).
 */
export function offeredActions<S extends string, C>(
  table: readonly Transition<S, C>[],
  state: S,
  roles: ReadonlySet<Role>,
  ctx: C,
  exclude: readonly string[] = [],
): string[] {
  return availableActions(table, state, roles, ctx, (action) => {
    const row = table.find((t) => t.action === action && t.from.includes(state) && t.roles.some((r) => roles.has(r)));
    const blocked = row?.guard?.({}, ctx);
    return !blocked || FIXABLE_GUARDS.has(blocked.reason);
  }).filter((a) => !exclude.includes(a));
}

const rank = (p: string | null | undefined) => (p ? PRIORITIES.indexOf(p as Priority) : PRIORITIES.length);

/** The most urgent of the priorities given (emergency first), or null. */
export function highestPriority(...ps: Array<string | null | undefined>): Priority | null {
  const best = ps.filter((p): p is Priority => !!p && (PRIORITIES as readonly string[]).includes(p)).sort((a, b) => rank(a) - rank(b))[0];
  return best ?? null;
}

/** The calendar date in Europe/Rome of an instant (contracts and ticket years are Rome dates). */
export const romeDate = (now: Date): string => DateTime.fromJSDate(now).setZone('Europe/Rome').toISODate()!;
export const romeYear = (now: Date): number => DateTime.fromJSDate(now).setZone('Europe/Rome').year;

/** Thrown inside a transaction when the version the client read is no longer the stored one. */
export class StaleVersion extends Error {
  constructor() {
    super('stale version');
  }
}

/**
 * Runs `work` in one transaction; a StaleVersion thrown anywhere rolls everything back and
 * becomes 409 VERSION_CONFLICT carrying the object as stored now (`current`, read afterwards).
 */
export async function inVersionedTransaction<T>(
  ctx: AppContext,
  work: (trx: Trx) => Promise<T>,
  current: () => Promise<unknown>,
): Promise<T> {
  try {
    return await transaction(ctx.db, work);
  } catch (e) {
    // A PostgreSQL deadlock or serialization failure between two writers of one ticket: the loser
    // rolled back entirely, exactly like a stale version.
    const pgCode = (e as { code?: string }).code;
    if (e instanceof StaleVersion || pgCode === '40P01' || pgCode === '40001') throw conflict(await current());
    throw e;
  }
}
