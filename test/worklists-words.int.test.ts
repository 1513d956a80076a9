// Word search on texts with capitals, accents, apostrophes, e-mail addresses and non-Latin case
// rules: whichever plan lists the matches — collected through the full-text index and listed by
// id, walked row by row (on PostgreSQL a cheap "the text holds the piece" test before the vector),
// or found in the list's first rows (the probe) — the same tickets, and a word inside another
// word (not at its start) matches nothing.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { ok } from './fixtures/workflow/workflow.ts';
import { tuning } from '../src/server/modules/worklists/worklists.service.ts';

const TEXTS = {
  accents: { subject: 'PERDITÀ nel BAGNO', description: "L'ascensore è fermo; vedi e-mail ufficio.tecnico@esempio.it" },
  foreign: { subject: 'Straße ÉTAGE', description: 'Guasto segnalato da Œuvre, codice RUB-123x' },
};

const PLANS = {
  collected: { fewMatches: 1000, plentyEstimate: 20_000, probeRows: { sqlite: 0, postgres: 0 } },
  walked: { fewMatches: 0, plentyEstimate: 0, probeRows: { sqlite: 0, postgres: 0 } },
  probed: { fewMatches: 1000, plentyEstimate: 20_000, probeRows: { sqlite: 1000, postgres: 1000 } },
};

describeEachDb('word search on awkward texts', (env) => {
  let admin: Client;
  const ids: Record<keyof typeof TEXTS, string> = { accents: '', foreign: '' };
  const before = { ...tuning };

  beforeAll(async () => {
    admin = await env.login('admin');
    const requester = await env.login('richiedente');
    const building = await env.db.selectFrom('buildings').select('id').where('code', '=', 'MI-B01').executeTakeFirstOrThrow();
    for (const [key, text] of Object.entries(TEXTS) as Array<[keyof typeof TEXTS, (typeof TEXTS)['accents']]>) {
      ids[key] = ok(await requester.post('/api/tickets', { buildingId: building.id, ...text }), 201).id;
    }
  });
  afterEach(() => {
    Object.assign(tuning, before);
  });

  /** Every ticket the words find, page after page of one row (so a probe can fill its page). */
  async function found(words: string): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(
        `/api/tickets?limit=1&q=${encodeURIComponent(words)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      out.push(...res.json().items.map((t: { id: string }) => t.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    return out.sort();
  }

  const cases: Array<[string, Array<keyof typeof TEXTS>]> = [
    ['perdità', ['accents']],
    ['PERDIT bagno', ['accents']],
    ['ascensore', ['accents']],
    ['mail ufficio', ['accents']],
    ['étage', ['foreign']],
    ['straße œuvre', ['foreign']],
    ['rub', ['foreign']],
    ['scensore', []],
    ['bagno étage', []],
  ];
  for (const [plan, settings] of Object.entries(PLANS)) {
    it(`finds the same tickets ${plan}`, async () => {
      Object.assign(tuning, settings);
      for (const [words, keys] of cases) {
        const mine = (await found(words)).filter((id) => Object.values(ids).includes(id));
        expect(mine, `${words} (${plan})`).toEqual(keys.map((k) => ids[k]).sort());
      }
    });
  }
});
