// SQL of price lists and their items.
import { sql, type Insertable, type SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { PriceListItemRow, PriceListRow } from '../../db/schema.ts';

export async function codeTaken(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('price_lists').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function contractExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('contracts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function insertPriceList(db: Db, list: Insertable<PriceListRow>, items: Insertable<PriceListItemRow>[]): Promise<void> {
  await db.insertInto('price_lists').values(list).execute();
  for (let i = 0; i < items.length; i += 200)
    await db
      .insertInto('price_list_items')
      .values(items.slice(i, i + 200))
      .execute();
}

/**
 * Which lists a caller may read: all, or (a contractor) the lists of every lot (no contract) and
 * those of its own contracts. `usableBy`: only the lists a contract's quotes may use (its own and
 * those of every lot), its own first.
 */
export interface ListFilter {
  contractorId?: string;
  usableBy?: string;
}

const withCount = (db: Db, f: ListFilter) => {
  let q = db
    .selectFrom('price_lists as p')
    .leftJoin('contracts as c', 'c.id', 'p.contract_id')
    .selectAll('p')
    .select(['c.lot as contract_lot', 'c.cig as contract_cig'])
    .select((eb) =>
      eb.selectFrom('price_list_items as i').select(eb.fn.countAll().as('n')).whereRef('i.price_list_id', '=', 'p.id').as('item_count'),
    );
  if (f.contractorId !== undefined) {
    const contractorId = f.contractorId;
    q = q.where((eb) => eb.or([eb('p.contract_id', 'is', null), eb('c.contractor_id', '=', contractorId)]));
  }
  if (f.usableBy !== undefined) {
    const contractId = f.usableBy;
    q = q.where((eb) => eb.or([eb('p.contract_id', 'is', null), eb('p.contract_id', '=', contractId)]));
  }
  return q;
};

export function listPriceLists(db: Db, f: ListFilter) {
  return (
    withCount(db, f)
      // A lot's own lists before those of every lot.
      .orderBy(sql`case when p.contract_id is null then 1 else 0 end`)
      .orderBy('p.year', 'desc')
      .orderBy('p.code')
      .execute()
  );
}

export function getPriceList(db: Db, id: string, f: ListFilter = {}) {
  return withCount(db, f).where('p.id', '=', id).executeTakeFirst();
}
export type PriceListView = NonNullable<Awaited<ReturnType<typeof getPriceList>>>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Items by code (keyset after `afterCode`). `code`: part of the code (a query that looks like one);
 * `stems`: each must start a word of the description (search_stems holds them between spaces, so
 * LIKE '% stem%' is a prefix match on a word); an item also matches when its code contains `text`.
 */
export function searchItems(
  db: Db,
  priceListId: string,
  o: { text?: string; code?: boolean; stems?: string[]; afterCode: string | null; limit: number },
) {
  let q = db.selectFrom('price_list_items').selectAll().where('price_list_id', '=', priceListId);
  const text = o.text?.trim();
  if (text) {
    const inCode = sql<SqlBool>`lower(code) like lower(${`%${escapeLike(text)}%`}) escape '\\'`;
    const stems = o.stems ?? [];
    if (o.code || stems.length === 0) q = q.where(inCode);
    else {
      q = q.where((eb) => eb.or([inCode, eb.and(stems.map((s) => sql<SqlBool>`search_stems like ${`% ${escapeLike(s)}%`} escape '\\'`))]));
    }
  }
  if (o.afterCode !== null) q = q.where('code', '>', o.afterCode);
  return q
    .orderBy('code')
    .limit(o.limit + 1)
    .execute();
}
