// SQL of price lists and their items.
import { sql, type Insertable, type SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { PriceListItemRow, PriceListRow } from '../../db/schema.ts';

export async function codeTaken(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('price_lists').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertPriceList(db: Db, list: Insertable<PriceListRow>, items: Insertable<PriceListItemRow>[]): Promise<void> {
  await db.insertInto('price_lists').values(list).execute();
  for (let i = 0; i < items.length; i += 200)
    await db
      .insertInto('price_list_items')
      .values(items.slice(i, i + 200))
      .execute();
}

const withCount = (db: Db) =>
  db
    .selectFrom('price_lists as p')
    .selectAll('p')
    .select((eb) =>
      eb.selectFrom('price_list_items as i').select(eb.fn.countAll().as('n')).whereRef('i.price_list_id', '=', 'p.id').as('item_count'),
    );

export function listPriceLists(db: Db) {
  return withCount(db).orderBy('p.year', 'desc').orderBy('p.code').execute();
}

export function getPriceList(db: Db, id: string) {
  return withCount(db).where('p.id', '=', id).executeTakeFirst();
}
export type PriceListView = NonNullable<Awaited<ReturnType<typeof getPriceList>>>;

/** Items by code (keyset after `afterCode`), optionally matching `q` in code or description. */
export function searchItems(db: Db, priceListId: string, o: { q?: string; afterCode: string | null; limit: number }) {
  let q = db.selectFrom('price_list_items').selectAll().where('price_list_id', '=', priceListId);
  const text = o.q?.trim();
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(code) like lower(${pattern}) escape '\\'`,
        sql<SqlBool>`lower(description) like lower(${pattern}) escape '\\'`,
      ]),
    );
  }
  if (o.afterCode !== null) q = q.where('code', '>', o.afterCode);
  return q
    .orderBy('code')
    .limit(o.limit + 1)
    .execute();
}
