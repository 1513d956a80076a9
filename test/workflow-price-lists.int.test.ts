// Price lists: import of the regional CSV (admin), listing and search (staff, contractors), the
// demo seed, and quote lines priced from the list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';
import { DEMO_PRICE_LIST_CODE, seedDemoPriceList } from '../src/server/modules/price-lists/index.ts';

const CSV = fs.readFileSync(new URL('../data-demo/prezzario-lazio-2023-parte-G.excerpt.csv', import.meta.url));

describeEachDb(
  'workflow 1 price lists',
  (env) => {
    let admin: Client, ele: Client, requester: Client, bm: Client, cs: Client;
    let listId: string;

    it('logs in', async () => {
      [admin, ele, requester, bm, cs] = await Promise.all(
        ['admin', 'ditta.elettrica', 'richiedente', 'bm.centrale', 'capo.servizio'].map((u) => env.login(u)),
      );
    });

    it('imports the Lazio 2023 part G CSV (admin only)', async () => {
      const fields = { code: 'LAZIO-2023-G-TEST', name: 'Lazio 2023 parte G', year: '2023', source: 'DGR 101/2023' };
      expect((await upload(ele, '/api/price-lists', fields, { filename: 'g.csv', data: CSV })).statusCode).toBe(403);
      const res = await upload(admin, '/api/price-lists', fields, { filename: 'g.csv', data: CSV, contentType: 'text/csv' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        items: 60,
        priceList: { code: 'LAZIO-2023-G-TEST', year: 2023, itemCount: 60, active: true, source: 'DGR 101/2023' },
      });
      expect(res.json().notes).toBeGreaterThan(0);
      listId = res.json().priceList.id;
      const again = await upload(admin, '/api/price-lists', fields, { filename: 'g.csv', data: CSV });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('DUPLICATE');
    });

    it('refuses a bad file naming every bad row, writing nothing', async () => {
      const bad = Buffer.from('G;1.01.1.a;ok;mq;€ 1,00;;;\nG;1.01.1.b;no;mq;€ x;;;\nG;1.01.1.c;no unit;;€ 2,00;;;\n');
      const res = await upload(admin, '/api/price-lists', { code: 'BAD', name: 'bad', year: '2024' }, { filename: 'bad.csv', data: bad });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'IMPORT_INVALID',
        errors: [
          { row: 2, field: 'price', code: 'priceFormat' },
          { row: 3, field: 'unit', code: 'unitMissing' },
        ],
      });
      const missing = await upload(admin, '/api/price-lists', { name: 'x', year: '20x4' }, { filename: 'g.csv', data: CSV });
      expect(
        missing
          .json()
          .errors.map((e: Obj) => e.field)
          .sort(),
      ).toEqual(['code', 'year']);
      expect(
        ok(await admin.get('/api/price-lists'))
          .items.map((p: Obj) => p.code)
          .sort(),
      ).toEqual([DEMO_PRICE_LIST_CODE, 'LAZIO-2023-G-L1', 'LAZIO-2023-G-L3', 'LAZIO-2023-G-TEST'].sort());
    });

    it('lists and searches items for quote lines (staff and contractors; not requesters)', async () => {
      expect((await requester.get('/api/price-lists')).statusCode).toBe(403);
      expect(ok(await ele.get('/api/price-lists')).items).toHaveLength(2); // the demo seed's list and this one
      const page = ok(await ele.get(`/api/price-lists/${listId}/items?limit=25`));
      expect(page.items).toHaveLength(25);
      expect(page.items[0]).toMatchObject({ code: 'G.1.01.1.a', unit: 'mq', priceCents: 1901, surchargePercent: null });
      const next = ok(await ele.get(`/api/price-lists/${listId}/items?limit=25&cursor=${page.nextCursor}`));
      const last = ok(await ele.get(`/api/price-lists/${listId}/items?limit=25&cursor=${next.nextCursor}`));
      expect(last.nextCursor).toBeNull();
      expect(new Set([...page.items, ...next.items, ...last.items].map((i: Obj) => i.code)).size).toBe(60);
      const found = ok(await bm.get(`/api/price-lists/${listId}/items?q=${encodeURIComponent('IGIENICO-SANITARI')}`));
      expect(found.items.map((i: Obj) => i.code)).toContain('G.1.02.3');
      const pct = ok(await bm.get(`/api/price-lists/${listId}/items?q=1.04.4.d`)).items[0];
      expect(pct).toMatchObject({ unit: '%', priceCents: null, surchargePercent: 60 });
      expect((await ele.get('/api/price-lists/nope/items')).statusCode).toBe(404);
    });

    it('prices quote lines from the list; a list line with its own price or a surcharge row is refused', async () => {
      const r = await refs(env);
      const items = ok(await ele.get(`/api/price-lists/${listId}/items?q=1.02.3`)).items;
      const wc = items.find((i: Obj) => i.code === 'G.1.02.3');
      const pct = ok(await ele.get(`/api/price-lists/${listId}/items?q=1.04.4.d`)).items[0];
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Sanitario rotto' });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description: 'x' })
      ).workOrders[0];
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-03-11T09:00:00Z' });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Da sostituire' });
      const version = ok(await ele.get(`/api/work-orders/${w.id}`)).version;
      const priced = await ele.post(`/api/work-orders/${w.id}/actions/submit_quote`, {
        version,
        lines: [{ priceListItemId: wc.id, quantity: 2, unitPriceCents: 1 }],
      });
      expect(priced.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'lines.0.unitPriceCents', code: 'priceFromList' }],
      });
      const surcharge = await ele.post(`/api/work-orders/${w.id}/actions/submit_quote`, {
        version,
        lines: [{ priceListItemId: pct.id, quantity: 1 }],
      });
      expect(surcharge.json().errors).toEqual([expect.objectContaining({ field: 'lines.0.priceListItemId', code: 'surchargeItem' })]);
      const decimals = await ele.post(`/api/work-orders/${w.id}/actions/submit_quote`, {
        version,
        lines: [{ priceListItemId: wc.id, quantity: 1.2345 }],
      });
      expect(decimals.json().errors).toEqual([expect.objectContaining({ field: 'lines.0.quantity', code: 'quantity' })]);
      const free = await ele.post(`/api/work-orders/${w.id}/actions/submit_quote`, { version, lines: [{ quantity: 1 }] });
      expect(free.json().errors.map((e: Obj) => e.field)).toEqual(['lines.0.description', 'lines.0.unit', 'lines.0.unitPriceCents']);
      const unknown = await ele.post(`/api/work-orders/${w.id}/actions/submit_quote`, {
        version,
        lines: [{ priceListItemId: 'nope', quantity: 1 }],
      });
      expect(unknown.json()).toMatchObject({ code: 'INVALID_REFERENCE', errors: [{ field: 'lines.0.priceListItemId', code: 'notFound' }] });
      const empty = await ele.post(`/api/work-orders/${w.id}/actions/submit_quote`, { version, lines: [] });
      expect(empty.json().errors[0]).toMatchObject({ field: 'lines', code: 'minItems' });

      const wo = ok(
        await ele.post(`/api/work-orders/${w.id}/actions/submit_quote`, {
          version,
          lines: [
            { priceListItemId: wc.id, quantity: 2 },
            { description: 'Manodopera', unit: 'h', quantity: 1.5, unitPriceCents: 3200, category: 'labour' },
          ],
        }),
      );
      // 2 × 65.39 = 130.78 works, −18.75 % = 24.52; labour 48.00 → net 154.26, VAT 33.94
      expect(wo.quote).toMatchObject({
        discountableCents: 13078,
        discountCents: 2452,
        undiscountedCents: 4800,
        netCents: 15426,
        vatCents: 3394,
        totalCents: 18820,
      });
      expect(wo.quote.lines[0]).toMatchObject({
        priceListItemId: wc.id,
        code: 'G.1.02.3',
        unit: 'cad',
        unitPriceCents: 6539,
        amountCents: 13078,
        category: 'works',
      });
      expect(wo.quote.lines[0].description).toMatch(/^Rimozione di apparecchi igienico-sanitari/);
      expect(ok(await cs.get(`/api/work-orders/${w.id}`)).quote.totalCents).toBe(18820);
      const event = ok(await bm.get(`/api/tickets/${t.id}/timeline`)).items.find((i: Obj) => i.event?.action === 'submit_quote').event;
      expect(event.data).toMatchObject({ lineCount: 2, netCents: 15426, totalCents: 18820 });
    });

    it('the demo seed loads the shipped excerpt, once', async () => {
      expect(await env.db.transaction().execute((trx) => seedDemoPriceList(trx, new Date('2026-03-10T09:00:00Z')))).toBe(false);
      expect(await seedDemoPriceList(env.db, new Date('2026-03-10T09:00:00Z'))).toBe(false);
      const demo = ok(await admin.get('/api/price-lists')).items.find((p: Obj) => p.code === DEMO_PRICE_LIST_CODE);
      expect(demo).toMatchObject({ itemCount: 60, year: 2023 });
    });
  },
  { env: { ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-wf-pl-${process.pid}`) } },
);
