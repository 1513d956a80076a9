// Price lists per lot and their search by stem and prefix (#9 items 12 and 15), and the lots'
// ceilings: the demo's lot 3 prices a valve from its own list, found by "valvola"; an admin
// imports a CSV or XLSX list into a chosen lot, all or nothing; contractors read the lists of
// every lot and of their own lots only.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { ok, upload, type Obj } from './fixtures/workflow/workflow.ts';
import { DEMO_PRICE_LIST_CODE } from '../src/server/modules/price-lists/index.ts';

const csv = (text: string) => Buffer.from(text);
const VALVES = csv(
  [
    'G;2.01;"Valvole a sfera in ottone, filettate:";;;;;',
    'G;2.01.a;DN 15;cad;€ 12,40;;;',
    'G;2.01.b;DN 20;cad;€ 15,10;;;',
    'G;2.02;Valvola di ritegno a clapet DN 25;cad;€ 31,00;;;',
    'G;2.03;Ball valves, brass, DN 32;cad;€ 40,00;;;',
    'G;2.04;Butterfly valve DN 50;cad;€ 88,00;;;',
    'G;2.05;Tubazione in rame;m;€ 9,80;;;',
  ].join('\n'),
);

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Prezzario');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDb('price lists per lot, stem search, lot ceilings', (env) => {
  let admin: Client, termica: Client, elettrica: Client, bm: Client, cc: Client;
  let lot3: { id: string; version: number; netAmountCents: number }, lot2Id: string;
  const codes = (res: { items: Obj[] }) => res.items.map((i) => i.code);

  it('logs in', async () => {
    [admin, termica, elettrica, bm, cc] = await Promise.all(
      ['admin', 'ditta.termica', 'ditta.elettrica', 'bm.centrale', 'callcenter'].map((u) => env.login(u)),
    );
    const contracts = ok(await admin.get('/api/contracts?limit=50')).items as Obj[];
    lot3 = contracts.find((c) => c.lot === 'Lotto 3') as typeof lot3;
    lot2Id = contracts.find((c) => c.lot === 'Lotto 2')!.id as string;
  });

  it('the demo gives lot 3 its own list, where "valvola" finds the supply lines up to the valves', async () => {
    const lists = ok(await termica.get(`/api/price-lists?contractId=${lot3.id}`)).items as Obj[];
    expect(lists.map((l) => l.code)).toEqual(['LAZIO-2023-G-L3', DEMO_PRICE_LIST_CODE]);
    expect(lists[0]).toMatchObject({ contract: { id: lot3.id, lot: 'Lotto 3' }, itemCount: 4 });
    const found = ok(await termica.get(`/api/price-lists/${lists[0].id}/items?q=valvola`));
    expect(codes(found)).toEqual(['G.1.02.4.a', 'G.1.02.4.b']);
    expect(found.items[0].description).toMatch(/valvole di intercettazione/);
  });

  it('a contractor reads the lists of every lot and of its own lots only', async () => {
    const own = ok(await elettrica.get('/api/price-lists')).items as Obj[];
    expect(own.map((l) => l.code)).toEqual([DEMO_PRICE_LIST_CODE]);
    const l3 = (ok(await admin.get('/api/price-lists')).items as Obj[]).find((l) => l.code === 'LAZIO-2023-G-L3')!;
    expect((await elettrica.get(`/api/price-lists/${l3.id}/items`)).statusCode).toBe(404);
    expect(ok(await bm.get(`/api/price-lists/${l3.id}/items`)).items).toHaveLength(4);
    expect(codes(ok(await admin.get('/api/price-lists')))).toEqual(['LAZIO-2023-G-L1', 'LAZIO-2023-G-L3', DEMO_PRICE_LIST_CODE]);
  });

  it('imports a CSV into a chosen lot, then searches it by stem and prefix in Italian and English', async () => {
    expect(
      (
        await upload(
          termica,
          '/api/price-lists',
          { code: 'X', name: 'x', year: '2024', contractId: lot3.id },
          { filename: 'v.csv', data: VALVES },
        )
      ).statusCode,
    ).toBe(403);
    const unknown = await upload(
      admin,
      '/api/price-lists',
      { code: 'VALV', name: 'Valvole', year: '2024', contractId: 'nope' },
      { filename: 'v.csv', data: VALVES },
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'contractId', code: 'notFound' })]);
    const res = ok(
      await upload(
        admin,
        '/api/price-lists',
        { code: 'VALV', name: 'Valvole', year: '2024', contractId: lot3.id },
        { filename: 'v.csv', data: VALVES },
      ),
      201,
    );
    expect(res).toMatchObject({ items: 6, priceList: { code: 'VALV', contract: { id: lot3.id, lot: 'Lotto 3' } } });
    const id = res.priceList.id as string;
    const q = async (text: string) => codes(ok(await termica.get(`/api/price-lists/${id}/items?q=${encodeURIComponent(text)}`)));
    expect(await q('valvola')).toEqual(['G.2.01.a', 'G.2.01.b', 'G.2.02']);
    expect(await q('valvole')).toEqual(['G.2.01.a', 'G.2.01.b', 'G.2.02']);
    expect(await q('valvol')).toEqual(['G.2.01.a', 'G.2.01.b', 'G.2.02']);
    // English: "valves" finds "valve"; its stem "valv" also starts the Italian "valvol".
    expect(await q('valves')).toEqual(['G.2.01.a', 'G.2.01.b', 'G.2.02', 'G.2.03', 'G.2.04']);
    expect(await q('valve')).toEqual(await q('valves'));
    expect(await q('ball valves')).toEqual(['G.2.03']);
    expect(await q('VALV')).toEqual(['G.2.01.a', 'G.2.01.b', 'G.2.02', 'G.2.03', 'G.2.04']);
    expect(await q('valvola sfera')).toEqual(['G.2.01.a', 'G.2.01.b']);
    expect(await q('2.01')).toEqual(['G.2.01.a', 'G.2.01.b']);
    expect(await q('tubazioni rame')).toEqual(['G.2.05']);
    expect(await q('50%_')).toEqual([]);
    // Lot 3's quotes may use it; lot 2's may not.
    expect(codes(ok(await termica.get(`/api/price-lists?contractId=${lot3.id}`)))).toContain('VALV');
    expect(codes(ok(await admin.get(`/api/price-lists?contractId=${lot2Id}`)))).toEqual([DEMO_PRICE_LIST_CODE]);
  });

  it('imports the first sheet of an XLSX; a bad file names its rows and imports nothing', async () => {
    const good = await xlsx([
      ['G', '3.01', 'Radiatore in alluminio', 'cad', 85.5],
      ['G', '3.02', 'Radiatori in ghisa', 'cad', '€ 120,00'],
    ]);
    const res = ok(
      await upload(
        admin,
        '/api/price-lists',
        { code: 'RAD', name: 'Radiatori', year: '2024', contractId: lot3.id },
        { filename: 'r.xlsx', data: good },
      ),
      201,
    );
    expect(res.items).toBe(2);
    const items = ok(await admin.get(`/api/price-lists/${res.priceList.id}/items?q=radiatore`)).items as Obj[];
    expect(items.map((i) => [i.code, i.priceCents])).toEqual([
      ['G.3.01', 8550],
      ['G.3.02', 12000],
    ]);

    const bad = await xlsx([
      ['G', '4.01', 'Ok', 'cad', 1],
      ['G', '4.02', 'Prezzo errato', 'cad', 'dieci'],
      ['G', '4.03', 'Senza unità', '', 3],
    ]);
    const refused = await upload(
      admin,
      '/api/price-lists',
      { code: 'BAD', name: 'bad', year: '2024', contractId: lot3.id },
      { filename: 'b.xlsx', data: bad },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'IMPORT_INVALID',
      errors: [
        { row: 2, field: 'price', code: 'priceFormat' },
        { row: 3, field: 'unit', code: 'unitMissing' },
      ],
    });
    expect(codes(ok(await admin.get('/api/price-lists')))).not.toContain('BAD');
    const notSheet = await upload(
      admin,
      '/api/price-lists',
      { code: 'BIN', name: 'bin', year: '2024' },
      { filename: 'b.csv', data: Buffer.from([0, 1, 2, 3, 0xff]) },
    );
    expect(notSheet.statusCode).toBe(422);
    expect(notSheet.json().errors[0]).toMatchObject({ field: 'file' });
  });

  it('a lot ceiling is money: shown in cents to staff, hidden from the call center, at least the net amount, versioned', async () => {
    expect(lot3).toMatchObject({ netAmountCents: 397_500_000 });
    expect(ok(await admin.get(`/api/contracts/${lot3.id}`)).lotCeilingCents).toBe(477_000_000);
    expect(ok(await cc.get(`/api/contracts/${lot3.id}`)).lotCeilingCents).toBeNull();
    const low = await admin.patch(`/api/contracts/${lot3.id}`, { version: lot3.version, lotCeilingCents: 1000 });
    expect(low.statusCode).toBe(400);
    expect(low.json().errors).toEqual([expect.objectContaining({ field: 'lotCeilingCents', code: 'ceilingBelowAmount' })]);
    const saved = ok(await admin.patch(`/api/contracts/${lot3.id}`, { version: lot3.version, lotCeilingCents: 500_000_000 }));
    expect(saved).toMatchObject({ lotCeilingCents: 500_000_000, version: lot3.version + 1 });
    expect((await admin.patch(`/api/contracts/${lot3.id}`, { version: lot3.version, lotCeilingCents: 510_000_000 })).statusCode).toBe(409);
    expect(
      ok(await admin.patch(`/api/contracts/${lot3.id}`, { version: saved.version, lotCeilingCents: null })).lotCeilingCents,
    ).toBeNull();
    expect(
      (await termica.patch(`/api/contracts/${lot3.id}`, { version: saved.version + 1, lotCeilingCents: 600_000_000 })).statusCode,
    ).toBe(403);
  });
});
