// #9 item 16: accounting reads the work-order list with its money (latest quote, authorised
// amount, flat or extra fee) and its XLSX; other roles are refused; the contract dashboard's
// endpoints answer accounting (read only).
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { seedDemoActivity } from '../src/server/db/seed/demo-activity.ts';
import { describeEachDb, type Client } from './helpers/app.ts';
import { ok } from './fixtures/workflow/workflow.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;
const PAYLOAD = '=HYPERLINK("http://evil.example","x")';

async function firstSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb.worksheets[0];
}

describeEachDb('accounting: work orders with amounts', (env) => {
  let acc: Client;
  let items: Obj[];

  beforeAll(async () => {
    // The demo's stories: quotes submitted, authorised and denied through the real actions.
    await seedDemoActivity({ db: env.db, config: env.config, now: () => env.clock.now }, { now: env.clock.now });
    acc = await env.login('contabilita');
    const page = ok(await acc.get('/api/accounting/work-orders?limit=200&count=true'));
    items = page.items;
    expect(page.count).toBe(ok(await acc.get('/api/work-orders?limit=1&count=true')).count); // all work orders: accounting sees all
    expect(items.length).toBe(Math.min(page.count, 200));
  });

  it('each row carries the amounts of its latest quote, as the work order page shows them', async () => {
    const approved = items.find((i) => i.amounts.quoteStatus === 'approved')!;
    const submitted = items.find((i) => i.amounts.quoteStatus === 'submitted')!;
    const denied = items.find((i) => i.amounts.quoteStatus === 'denied')!;
    const none = items.find((i) => i.amounts.quoteStatus === null)!;
    for (const [row, label] of [
      [approved, 'approved'],
      [submitted, 'submitted'],
      [denied, 'denied'],
      [none, 'none'],
    ] as const)
      expect(row, label).toBeDefined();

    for (const row of [approved, submitted, denied]) {
      const quote = ok(await acc.get(`/api/work-orders/${row.id}`)).quote;
      expect(row.amounts.quoteTotalCents).toBe(quote.totalCents);
      expect(row.amounts.quoteNetCents).toBe(quote.netCents);
      expect(Number.isInteger(row.amounts.quoteTotalCents)).toBe(true);
    }
    expect(approved.amounts).toMatchObject({ authorizedCents: approved.amounts.quoteTotalCents, extraFee: true });
    expect(submitted.amounts).toMatchObject({ authorizedCents: null, extraFee: false });
    expect(denied.amounts).toMatchObject({ authorizedCents: null, extraFee: false });
    expect(none.amounts).toEqual({ quoteStatus: null, quoteNetCents: null, quoteTotalCents: null, authorizedCents: null, extraFee: false });
    // The rest of the row is the work-order list's.
    const plain = ok(await acc.get(`/api/work-orders?q=${encodeURIComponent(approved.number)}`)).items[0];
    expect({ ...approved, amounts: undefined }).toEqual({ ...plain, amounts: undefined });
  });

  it("takes the work-order list's filters: the quotes awaiting authorisation", async () => {
    const page = ok(await acc.get('/api/accounting/work-orders?view=awaiting_authorization&count=true'));
    expect(page.count).toBeGreaterThan(0);
    for (const i of page.items) expect(i.amounts.quoteStatus).toBe('submitted');
    expect((await acc.get('/api/accounting/work-orders?colour=red')).statusCode).toBe(400);
  });

  it('exports the same rows as XLSX, euro as numbers, text escaped', async () => {
    const approved = items.find((i) => i.amounts.quoteStatus === 'approved')!;
    await env.db.updateTable('work_orders').set({ description: PAYLOAD }).where('id', '=', approved.id).execute();
    const res = await acc.get('/api/accounting/work-orders/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="importi-ordini-di-lavoro-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const ws = await firstSheet(res.rawPayload);
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header).toEqual(
      expect.arrayContaining(['Numero', 'Canone', 'Stato preventivo', 'Preventivo totale IVA inclusa (€)', 'Importo autorizzato (€)']),
    );
    expect(ws.rowCount - 1).toBe(items.length);
    const col = (name: string) => header.indexOf(name) + 1;
    let found = false;
    ws.eachRow((row, n) => {
      if (n === 1 || row.getCell(col('Numero')).value !== approved.number) return;
      found = true;
      expect(row.getCell(col('Importo autorizzato (€)')).value).toBe(approved.amounts.authorizedCents / 100);
      expect(row.getCell(col('Importo autorizzato (€)')).numFmt).toContain('0.00');
      expect(row.getCell(col('Canone')).value).toBe('Extra canone');
      expect(row.getCell(col('Stato preventivo')).value).toBe('Autorizzato');
      expect(row.getCell(col('Descrizione')).value).toBe(`'${PAYLOAD}`);
    });
    expect(found).toBe(true);
    expect((await acc.get('/api/accounting/work-orders/export?format=csv')).statusCode).toBe(400);
  });

  describe('who may read it', () => {
    it.each(['capo.servizio', 'admin'])('%s (all money records) reads it', async (u) => {
      const c = await env.login(u);
      expect((await c.get('/api/accounting/work-orders?limit=1')).statusCode).toBe(200);
    });
    it.each(['richiedente', 'ditta.elettrica', 'bm.centrale', 'callcenter'])('%s is refused, list and export', async (u) => {
      const c = await env.login(u);
      for (const url of ['/api/accounting/work-orders', '/api/accounting/work-orders/export?format=xlsx']) {
        const res = await c.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
    });
    it('needs a login', async () => {
      expect((await env.anonymous().get('/api/accounting/work-orders')).statusCode).toBe(401);
    });
  });

  it('the contract SLA dashboard answers accounting, read only', async () => {
    const caps = ok(await acc.get('/api/reports/penalties-vs-cap')).items as Obj[];
    expect(caps.length).toBeGreaterThan(1);
    const contractId = caps[0].contractId as string;
    ok(await acc.get(`/api/contracts/${contractId}/penalties/summary`));
    const q = new URLSearchParams({ contractId, from: '2025-03-11', to: '2026-03-10' });
    ok(await acc.get(`/api/reports/sla-compliance?${q}&groupBy=priority`));
    ok(await acc.get(`/api/planned-compliance?${q}`));
    // The call center reads neither the dashboard nor money.
    expect((await (await env.login('callcenter')).get(`/api/contracts/${contractId}/penalties/summary`)).statusCode).toBe(403);
  });
});
