// Frozen migration (#9 items 12 and 15): money of a lot in the admin console, and price-list search
// by stem and prefix.
//   - price_lists.contract_id: the lot (contract) a price list belongs to; null = every lot.
//   - price_list_items.search_stems: the item's description as stems between spaces
//     (" valvol intercettazion "), matched with LIKE '% stem%'. Existing rows are filled in with a
//     frozen copy of src/domain/stem.ts as it was when this migration was written.
//   - contracts.lot_ceiling_cents: the framework agreement's maximum amount for the lot (null: not
//     recorded), beside the contract's own net amount.
import type { Kysely } from 'kysely';

function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && /i[aeo]$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && /[aeiouy]$/.test(w)) w = w.slice(0, -1);
  if (/[cg]h$/.test(w)) w = w.slice(0, -1);
  return w;
}

function stemIndex(text: string): string {
  const words = text
    .slice(0, 4000)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  const stems = [...new Set(words.map(stemWord))];
  return stems.length ? ` ${stems.join(' ')} ` : ' ';
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('price_lists')
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id'))
    .execute();
  await db.schema.createIndex('price_lists_contract_idx').on('price_lists').column('contract_id').execute();
  await db.schema
    .alterTable('price_list_items')
    .addColumn('search_stems', 'text', (c) => c.notNull().defaultTo(' '))
    .execute();
  await db.schema.alterTable('contracts').addColumn('lot_ceiling_cents', 'bigint').execute();
  let after = '';
  for (;;) {
    const rows: Array<{ id: string; description: string }> = await db
      .selectFrom('price_list_items')
      .select(['id', 'description'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows)
      await db
        .updateTable('price_list_items')
        .set({ search_stems: stemIndex(r.description) })
        .where('id', '=', r.id)
        .execute();
    after = rows[rows.length - 1].id;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contracts').dropColumn('lot_ceiling_cents').execute();
  await db.schema.alterTable('price_list_items').dropColumn('search_stems').execute();
  await db.schema.dropIndex('price_lists_contract_idx').execute();
  await db.schema.alterTable('price_lists').dropColumn('contract_id').execute();
}
