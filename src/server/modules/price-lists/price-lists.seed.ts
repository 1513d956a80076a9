// The demo price lists: Regione Lazio 2023, part G (small maintenance), shipped in data-demo/.
// The whole excerpt is the list of every lot; each lot whose technology classes the excerpt covers
// also gets its own list of those items (#9: lot 3's plumber prices a valve from its own list).
import fs from 'node:fs';
import { parsePriceListCsv } from '../../../domain/price-list-csv.ts';
import type { Db } from '../../db/create-db.ts';
import { appFile } from '../../paths.ts';
import { codeTaken } from './price-lists.repository.ts';
import { createPriceList } from './price-lists.service.ts';

export const DEMO_PRICE_LIST_CODE = 'LAZIO-2023-G';
export const DEMO_PRICE_LIST_FILE = appFile('data-demo/prezzario-lazio-2023-parte-G.excerpt.csv');
const NAME = 'Tariffa dei prezzi 2023 Regione Lazio – Parte G Piccola manutenzione (estratto)';
const SOURCE = 'Regione Lazio, DGR 14/04/2023 n. 101, BURL n. 32';

/**
 * Per lot (by CIG of the demo contracts): the excerpt's items of its trades, by code prefix.
 * Lot 1 (building fabric): demolitions, removals of floor and wall coverings, walls, plaster.
 * Lot 3 (HVAC, plumbing, gas): removal of sanitary fixtures, of their supply lines up to the
 * shut-off valves, and of water points. The excerpt has no electrical, fire or lift items:
 * lots 2, 4 and 5 use the list of every lot.
 */
export const DEMO_LOT_PRICE_LISTS = [
  {
    code: 'LAZIO-2023-G-L1',
    cig: '9A41C027E1',
    suffix: 'opere edili',
    prefixes: ['G.1.01.', 'G.1.02.1.', 'G.1.02.2.', 'G.1.03.', 'G.1.04.'],
  },
  { code: 'LAZIO-2023-G-L3', cig: '9A41C30D45', suffix: 'impianti idrico-sanitari', prefixes: ['G.1.02.3', 'G.1.02.4.', 'G.1.02.5'] },
] as const;

/** Loads the demo price list once (does nothing when its code exists). Returns whether it loaded it. */
export async function seedDemoPriceList(db: Db, now: Date): Promise<boolean> {
  if (await codeTaken(db, DEMO_PRICE_LIST_CODE)) return false;
  const csv = await fs.promises.readFile(DEMO_PRICE_LIST_FILE, 'utf8');
  await createPriceList(db, { code: DEMO_PRICE_LIST_CODE, name: NAME, year: 2023, source: SOURCE }, csv, now);
  return true;
}

/** Loads each demo lot's own list once, for the contracts of the demo that exist (by CIG). */
export async function seedDemoLotPriceLists(db: Db, now: Date): Promise<number> {
  const parsed = parsePriceListCsv(await fs.promises.readFile(DEMO_PRICE_LIST_FILE, 'utf8'));
  let loaded = 0;
  for (const lot of DEMO_LOT_PRICE_LISTS) {
    if (await codeTaken(db, lot.code)) continue;
    const contract = await db.selectFrom('contracts').select('id').where('cig', '=', lot.cig).executeTakeFirst();
    if (!contract) continue;
    const items = parsed.items.filter((i) => lot.prefixes.some((p) => i.code === p || i.code.startsWith(p)));
    await createPriceList(
      db,
      { code: lot.code, name: `${NAME} – ${lot.suffix}`, year: 2023, source: SOURCE, contractId: contract.id },
      { items, issues: [], headings: 0, notes: 0 },
      now,
    );
    loaded++;
  }
  return loaded;
}
