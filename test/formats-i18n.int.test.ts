// #9 items 6 and 14 on both engines: an English-speaking contractor's SLA notices word the due
// instant and the delay in English (no "superato di", no "marzo"), through src/shared/format.ts;
// the work-order export in XLSX holds typed dates (a Date with a date number format) and the SLA
// state in the words of the lists' badge; the CSV writes dates in the reader's format, never ISO.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { MAIL, move, openTicket, refs } from './fixtures/workflow/workflow.ts';
import { createSlaWatcher } from '../src/server/jobs/sla-watcher.ts';

const quiet = { info() {}, warn() {}, error() {} };
const ITALIAN = /\b(superato|scadut\w*|scade|restano|alle|ore|marzo|giorn\w*|termine|ritardo|penali)\b/i;

describeEachDb('formats in the reader language: notices and exports', (env) => {
  let r: Awaited<ReturnType<typeof refs>>;
  let wo = '';
  let woNumber = '';
  const at = (iso: string) => {
    env.clock.now = new Date(iso);
  };
  const watch = async () => expect((await createSlaWatcher(env.app.ctx, quiet).runOnce()).failed).toBe(0);
  const mailTo = (kind: string, address: string) =>
    env.db
      .selectFrom('outbox')
      .select(['subject', 'text_body', 'html_body', 'language'])
      .where('work_order_id', '=', wo)
      .where('kind', '=', kind)
      .where('to_address', '=', address)
      .executeTakeFirstOrThrow();

  it('an urgent work order for a contractor who reads English runs late', async () => {
    at('2026-03-17T09:00:00Z'); // Tuesday 10:00 in Rome: urgent take charge due 12:00
    r = await refs(env);
    await env.db.updateTable('users').set({ language: 'en' }).where('username', '=', 'ditta.elettrica').execute();
    const [requester, bm]: Client[] = await Promise.all([env.login('richiedente'), env.login('bm.centrale')]);
    const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject: 'Quadro in blocco', description: 'Non va.' });
    await move(bm, 'tickets', t.id, 'qualify', {});
    const issued = await move(bm, 'tickets', t.id, 'issue', {
      technologyClassId: await r.cls('ELE'),
      priority: 'urgent',
      description: 'Quadro',
    });
    wo = issued.workOrders[0].id as string;
    woNumber = issued.workOrders[0].number as string;
    at('2026-03-17T10:35:00Z');
    await watch();
    at('2026-03-17T12:10:00Z'); // 13:10 in Rome: 1 hour 10 min late (worded, not "1 h 10 min")
    await watch();
  });

  it('the English recipient reads the warning and the breach in English, the Italian one in Italian', async () => {
    const warning = await mailTo('sla_warning', MAIL.elettrica);
    expect(warning.language).toBe('en');
    expect(warning.text_body).toContain('is due 17 March 2026 at 12:00: 25 min left.');
    const breach = await mailTo('sla_breach', MAIL.elettrica);
    expect(breach.text_body).toContain('was due by 17 March 2026 at 12:00: exceeded by 1 hour 10 min.');
    for (const m of [warning, breach]) {
      expect(m.subject).not.toMatch(ITALIAN);
      expect(m.text_body).not.toMatch(ITALIAN);
      expect(m.html_body).not.toMatch(ITALIAN);
    }
    const italian = await mailTo('sla_breach', MAIL.bmCentrale);
    expect(italian.text_body).toContain('era dovuta entro il 17 marzo 2026 alle 12:00: termine superato di 1 ora e 10 min.');
  });

  it('the XLSX export holds typed dates and the SLA state; the CSV the reader date format', async () => {
    const ele = await env.login('ditta.elettrica');
    const res = await ele.get('/api/work-orders/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const row = ws.getRows(2, ws.rowCount - 1)!.find((x) => x.getCell(1).value === woNumber)!;
    expect(row).toBeDefined();
    const cell = (name: string) => row.getCell(header.indexOf(name) + 1);
    expect(cell('Issued').value).toBeInstanceOf(Date);
    expect(cell('Issued').value).toEqual(new Date(Date.UTC(2026, 2, 17, 10, 0))); // 09:00Z is 10:00 in Rome
    expect(cell('Issued').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(cell('SLA').value).toBe('Overdue since 17/03/2026, 12:00');
    expect(cell('SLA due').value).toEqual(new Date(Date.UTC(2026, 2, 17, 12, 0))); // due 11:00Z, 12:00 in Rome
    expect(cell('SLA due').numFmt).toBe('dd/mm/yyyy hh:mm');

    const csv = await ele.get('/api/work-orders/export?format=csv');
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    const line = rows.find((x) => x[0] === woNumber)!;
    expect(line[rows[0].indexOf('Issued')]).toBe('17/03/2026 10:00');
    expect(line[rows[0].indexOf('SLA')]).toBe('Overdue since 17/03/2026, 12:00');
    expect(line.join(';')).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
