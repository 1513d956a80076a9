// The demo price list: Regione Lazio 2023, part G (small maintenance), shipped in data-demo/.
import fs from 'node:fs';
import type { Db } from '../../db/create-db.ts';
import { codeTaken } from './price-lists.repository.ts';
import { createPriceList } from './price-lists.service.ts';

export const DEMO_PRICE_LIST_CODE = 'LAZIO-2023-G';
const FILE = new URL('../../../../data-demo/prezzario-lazio-2023-parte-G.excerpt.csv', import.meta.url);

/** Loads the demo price list once (does nothing when its code exists). Returns whether it loaded it. */
export async function seedDemoPriceList(db: Db, now: Date): Promise<boolean> {
  if (await codeTaken(db, DEMO_PRICE_LIST_CODE)) return false;
  const csv = await fs.promises.readFile(FILE, 'utf8');
  await createPriceList(
    db,
    {
      code: DEMO_PRICE_LIST_CODE,
      name: 'Tariffa dei prezzi 2023 Regione Lazio – Parte G Piccola manutenzione (estratto)',
      year: 2023,
      source: 'Regione Lazio, DGR 14/04/2023 n. 101, BURL n. 32',
    },
    csv,
    now,
  );
  return true;
}
