// Monthly programs end to end on both databases: generation (the contract's buildings and classes
// only, holidays moved and marked, nothing twice), the review round trip, the publication that
// opens the planned tickets and work orders exactly once (racing publishers), the notices as a real
// SMTP server receives them, and who sees what.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, type TestEnv } from './helpers/app.ts';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.ts';
import { contractIdOfLot, makePlan } from './helpers/plan-fixtures.ts';
import { createOutboxSender } from '../src/server/jobs/outbox-sender.ts';

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp?.close();
});

const silent = { info() {}, warn() {}, error() {} };

async function deliver(env: TestEnv) {
  smtp.clear();
  const pending = await env.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
  const s = createOutboxSender({
    db: env.db,
    mail: { ...env.config.mail, smtpUrl: smtp.url, from: 'Presidio <presidio@ateneo.example>' },
    now: () => env.clock.now,
    log: silent,
  });
  try {
    await s.runOnce();
  } finally {
    s.close();
  }
  await smtp.waitFor(pending.length);
  return smtp.messages.map((m) => ({ to: m.envelopeTo[0], subject: m.parsed.subject ?? '' }));
}

describeEachDb('monthly programs', (env) => {
  let contractId: string;
  let programId: string;
  const plans: Record<string, string> = {};

  beforeAll(async () => {
    contractId = await contractIdOfLot(env.db, 'Lotto 3'); // TER, IDR, GAS; ditta.termica
    // Only this file's plans: the demo's are set aside so each count below is exact.
    await env.db.updateTable('maintenance_plans').set({ active: 0 }).execute();
    // MI-B05 is taken out of this contract's scope.
    const b05 = await env.db.selectFrom('buildings').select('id').where('code', '=', 'MI-B05').executeTakeFirstOrThrow();
    await env.db.deleteFrom('contract_buildings').where('contract_id', '=', contractId).where('building_id', '=', b05.id).execute();
    // bm.deib reads English: its notices come in English.
    await env.db.updateTable('users').set({ language: 'en' }).where('username', '=', 'bm.deib').execute();
    plans.easter = await makePlan(env.db, {
      building: 'MI-B01',
      cls: 'TER',
      activity: 'Controllo caldaia',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=6',
      startsOn: '2026-01-06',
    });
    plans.weekly = await makePlan(env.db, {
      building: 'MI-B03',
      cls: 'IDR',
      activity: 'Verifica autoclave',
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
      startsOn: '2026-01-07',
    });
    plans.floating = await makePlan(env.db, {
      building: 'MI-B03',
      cls: 'TER',
      activity: 'Pulizia filtri UTA',
      kind: 'floating',
      rrule: 'FREQ=MONTHLY;INTERVAL=3',
      startsOn: '2025-10-01',
      lastDoneOn: '2026-01-20',
    });
    plans.otherClass = await makePlan(env.db, { building: 'MI-B01', cls: 'ELE', rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2026-01-05' });
    plans.outOfScope = await makePlan(env.db, { building: 'MI-B05', cls: 'TER', rrule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2026-01-05' });
    plans.inactive = await makePlan(env.db, {
      building: 'MI-B01',
      cls: 'TER',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      startsOn: '2026-01-06',
      active: false,
    });
  });

  it("generates the month: the contract's buildings and classes only, a holiday moved to the next working day and marked; twice adds nothing", async () => {
    const c = await env.login('ditta.termica');
    const res = await c.post('/api/programs', { contractId, month: '2026-04' });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    programId = p.id;
    expect(p).toMatchObject({ status: 'draft', month: '2026-04', contractId, lot: 'Lotto 3' });
    expect(p.availableActions).toContain('submit');
    const byPlan = (id: string) => p.items.filter((i: { planId: string }) => i.planId === id);
    // 6 April 2026 is Easter Monday: moved to Tuesday 7, marked.
    expect(
      byPlan(plans.easter).map((i: { dueOn: string; plannedOn: string; shiftReason: string }) => [i.dueOn, i.plannedOn, i.shiftReason]),
    ).toEqual([['2026-04-06', '2026-04-07', 'holiday']]);
    expect(byPlan(plans.weekly).map((i: { plannedOn: string }) => i.plannedOn)).toEqual([
      '2026-04-01',
      '2026-04-08',
      '2026-04-15',
      '2026-04-22',
      '2026-04-29',
    ]);
    expect(byPlan(plans.floating).map((i: { dueOn: string; source: string }) => [i.dueOn, i.source])).toEqual([['2026-04-20', 'floating']]);
    for (const k of ['otherClass', 'outOfScope', 'inactive']) expect(byPlan(plans[k])).toEqual([]);
    expect(p.items).toHaveLength(7);

    const again = await c.post('/api/programs', { contractId, month: '2026-04' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(programId);
    expect(again.json().items).toHaveLength(7);
    const stored = await env.db.selectFrom('program_items').select('id').where('program_id', '=', programId).execute();
    expect(stored).toHaveLength(7);
  });

  it('concurrent generations of one month make one program with each occurrence once', async () => {
    const c = await env.login('ditta.termica');
    const bm = await env.login('bm.centrale');
    const [a, b, d] = await Promise.all([
      c.post('/api/programs', { contractId, month: '2026-06' }),
      bm.post('/api/programs', { contractId, month: '2026-06' }),
      c.post('/api/programs', { contractId, month: '2026-06' }),
    ]);
    expect([a.statusCode, b.statusCode, d.statusCode].sort()).toEqual([200, 200, 201]);
    const progs = await env.db
      .selectFrom('programs')
      .select('id')
      .where('contract_id', '=', contractId)
      .where('month', '=', '2026-06')
      .execute();
    expect(progs).toHaveLength(1);
    const items = await env.db
      .selectFrom('program_items')
      .select(['plan_id', 'occurrence_key'])
      .where('program_id', '=', progs[0].id)
      .execute();
    expect(new Set(items.map((i) => `${i.plan_id}|${i.occurrence_key}`)).size).toBe(items.length);
  });

  it('missing occurrences are added while draft or returned (POST again, or regenerate), never once submitted', async () => {
    const c = await env.login('ditta.termica');
    const head = await env.login('capo.servizio');
    let p = (await c.post('/api/programs', { contractId, month: '2026-06' })).json();
    const before = p.items.length;
    await makePlan(env.db, {
      building: 'MI-B04',
      cls: 'GAS',
      activity: 'Prova tenuta gas',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=3',
      startsOn: '2026-01-03',
    });
    const again = await c.post('/api/programs', { contractId, month: '2026-06' });
    expect(again.statusCode).toBe(200);
    p = again.json();
    expect(p.items.length).toBe(before + 1);
    expect(p.timeline.map((e: { action: string }) => e.action)).toEqual(['generate', 'regenerate']);
    p = (await c.post(`/api/programs/${p.id}/actions/submit`, { version: p.version })).json();
    await makePlan(env.db, {
      building: 'MI-B04',
      cls: 'GAS',
      activity: 'Analisi fumi',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=4',
      startsOn: '2026-01-04',
    });
    expect((await c.post('/api/programs', { contractId, month: '2026-06' })).json().items.length).toBe(before + 1);
    const refused = await head.post(`/api/programs/${p.id}/actions/regenerate`, { version: p.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('INVALID_STATE');
    p = (
      await (
        await env.login('bm.deib')
      ).post(`/api/programs/${p.id}/actions/return`, { version: p.version, remarks: "Manca l'analisi fumi" })
    ).json();
    p = (await head.post(`/api/programs/${p.id}/actions/regenerate`, { version: p.version })).json();
    expect(p.status).toBe('returned');
    expect(p.items.length).toBe(before + 2);
    expect(p.timeline.at(-1)).toMatchObject({ action: 'regenerate', data: { added: 1 } });
  });

  it("a month outside the contract is refused naming the field; a requester may not generate; another contract's contractor reads 404", async () => {
    const c = await env.login('ditta.termica');
    const out = await c.post('/api/programs', { contractId, month: '2030-01' });
    expect(out.statusCode).toBe(400);
    expect(out.json().errors[0]).toMatchObject({ field: 'month', code: 'outsideContract' });
    expect((await (await env.login('richiedente')).post('/api/programs', { contractId, month: '2026-04' })).statusCode).toBe(403);
    const other = await env.login('ditta.edile');
    expect((await other.get(`/api/programs/${programId}`)).statusCode).toBe(404);
    expect((await other.post('/api/programs', { contractId, month: '2026-04' })).statusCode).toBe(404);
    expect((await other.get('/api/programs?month=2026-04')).json().items.map((i: { id: string }) => i.id)).not.toContain(programId);
    expect((await other.get(`/api/programs/${programId}/export.pdf`)).statusCode).toBe(404);
    expect((await other.get(`/api/programs/${programId}/export.xlsx`)).statusCode).toBe(404);
  });

  it("a building manager sees only its buildings' items", async () => {
    const deib = await env.login('bm.deib'); // MI-B03, MI-B04
    const p = (await deib.get(`/api/programs/${programId}`)).json();
    expect(p.items).toHaveLength(6);
    expect(new Set(p.items.map((i: { buildingCode: string }) => i.buildingCode))).toEqual(new Set(['MI-B03']));
    const centrale = (await (await env.login('bm.centrale')).get(`/api/programs/${programId}`)).json();
    expect(centrale.items.map((i: { buildingCode: string }) => i.buildingCode)).toEqual(['MI-B01']);
    const list = (await deib.get('/api/programs?month=2026-04')).json();
    expect(list.items.find((i: { id: string }) => i.id === programId).itemCount).toBe(6);
  });

  it("submitted, returned with remarks, edited, resubmitted, approved, published once by racing publishers; notices in each recipient's language", async () => {
    env.clock.now = new Date('2026-03-20T09:00:00Z');
    const c = await env.login('ditta.termica');
    const deib = await env.login('bm.deib');
    const centrale = await env.login('bm.centrale');
    const head = await env.login('capo.servizio');
    await deliver(env).catch(() => []); // earlier tests' mail out of the way
    let p = (await c.get(`/api/programs/${programId}`)).json();

    p = (await c.post(`/api/programs/${programId}/actions/submit`, { version: p.version, note: 'Pronto' })).json();
    expect(p.status).toBe('submitted');
    let mail = await deliver(env);
    expect(mail).toEqual(
      expect.arrayContaining([
        {
          to: 'alessandro.galli@uniesempio.example',
          subject: expect.stringMatching(/^\[Presidio\] Programma da approvare: Lotto 3 .*aprile 2026$/),
        },
        {
          to: 'chiara.fontana@uniesempio.example',
          subject: expect.stringMatching(/^\[Presidio\] Program to approve: Lotto 3 .*April 2026$/),
        },
      ]),
    );
    expect(mail).toHaveLength(2);

    expect((await c.post(`/api/programs/${programId}/actions/approve`, { version: p.version })).statusCode).toBe(403);
    const noRemarks = await deib.post(`/api/programs/${programId}/actions/return`, { version: p.version });
    expect(noRemarks.statusCode).toBe(400);
    p = (
      await deib.post(`/api/programs/${programId}/actions/return`, { version: p.version, remarks: 'Spostare la verifica del 15 al 16' })
    ).json();
    expect(p).toMatchObject({ status: 'returned', remarks: 'Spostare la verifica del 15 al 16' });
    mail = await deliver(env);
    expect(mail).toEqual([
      {
        to: 'francesca.nessi@termoidraulica-lariana.example',
        subject: expect.stringMatching(/^\[Presidio\] Programma restituito: Lotto 3/),
      },
    ]);

    // The contractor edits one item.
    p = (await c.get(`/api/programs/${programId}`)).json();
    const item = p.items.find((i: { plannedOn: string }) => i.plannedOn === '2026-04-15');
    const bad = await c.patch(`/api/programs/${programId}/items/${item.id}`, {
      plannedOn: '2026-05-20',
      windowFrom: '10:00',
      windowTo: '09:00',
      version: item.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['plannedOn', 'programMonth'],
      ['windowTo', 'windowOrder'],
    ]);
    const long = await c.patch(`/api/programs/${programId}/items/${item.id}`, { technician: 'x'.repeat(121), version: item.version });
    expect(long.statusCode).toBe(400);
    expect((await deib.patch(`/api/programs/${programId}/items/${item.id}`, { technician: 'Io', version: item.version })).statusCode).toBe(
      403,
    );
    const ok = await c.patch(`/api/programs/${programId}/items/${item.id}`, {
      plannedOn: '2026-04-16',
      windowFrom: '08:30',
      windowTo: '10:00',
      technician: 'Mario Bianchi',
      version: item.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.find((i: { id: string }) => i.id === item.id)).toMatchObject({
      plannedOn: '2026-04-16',
      windowFrom: '08:30',
      windowTo: '10:00',
      technician: 'Mario Bianchi',
    });
    const stale = await c.patch(`/api/programs/${programId}/items/${item.id}`, { technician: 'Altro', version: item.version });
    expect(stale.statusCode).toBe(409);

    p = ok.json();
    p = (await c.post(`/api/programs/${programId}/actions/submit`, { version: p.version })).json();
    expect(p.status).toBe('submitted');
    expect(
      (await c.patch(`/api/programs/${programId}/items/${item.id}`, { technician: 'Tardi', version: item.version + 1 })).statusCode,
    ).toBe(409);
    p = (await centrale.post(`/api/programs/${programId}/actions/approve`, { version: p.version })).json();
    expect(p.status).toBe('approved');
    expect(p.timeline.map((e: { action: string }) => e.action)).toEqual(['generate', 'submit', 'return', 'edit_item', 'submit', 'approve']);
    await deliver(env);

    // Two publishers at once with the version they both read: exactly one wins.
    const [a, b] = await Promise.all([
      head.post(`/api/programs/${programId}/actions/publish`, { version: p.version }),
      centrale.post(`/api/programs/${programId}/actions/publish`, { version: p.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((a.statusCode === 200 ? a : b).json().status).toBe('published');
    // The service head's view (a building manager's answer holds its own buildings' items only).
    const published = (await head.get(`/api/programs/${programId}`)).json();
    const wos = await env.db
      .selectFrom('work_orders')
      .selectAll()
      .where(
        'program_item_id',
        'in',
        published.items.map((i: { id: string }) => i.id),
      )
      .execute();
    expect(wos).toHaveLength(7);
    for (const w of wos) {
      expect(w).toMatchObject({ kind: 'planned', status: 'planned', priority: 'deferrable', scheduled_at: null });
      expect(w.number).toMatch(/^2026-\d{6}\/1$/);
      expect(JSON.parse(w.checklist ?? '[]')).toEqual([{ key: 'ok', label: 'Funziona', kind: 'yes_no' }]);
    }
    const moved = wos.find((w) => w.program_item_id === item.id)!;
    expect(moved).toMatchObject({ due_on: '2026-04-16', technician: 'Mario Bianchi' });
    const tickets = await env.db
      .selectFrom('tickets')
      .selectAll()
      .where(
        'id',
        'in',
        wos.map((w) => w.ticket_id!),
      )
      .execute();
    expect(tickets).toHaveLength(7);
    expect(tickets.every((t) => t.kind === 'planned' && t.channel === 'planned' && t.requester_id === null)).toBe(true);
    expect(published.items.every((i: { workOrderId: string | null; ticketNumber: string | null }) => i.workOrderId && i.ticketNumber)).toBe(
      true,
    );
    // A third try on the published program is refused and opens nothing.
    expect((await head.post(`/api/programs/${programId}/actions/publish`, { version: published.version })).statusCode).toBe(409);
    expect(
      await env.db
        .selectFrom('work_orders')
        .select('id')
        .where(
          'program_item_id',
          'in',
          published.items.map((i: { id: string }) => i.id),
        )
        .execute(),
    ).toHaveLength(7);

    mail = await deliver(env);
    const subjects = Object.fromEntries(mail.map((m) => [m.to, m.subject]));
    expect(subjects['chiara.fontana@uniesempio.example']).toMatch(/^\[Presidio\] Program published: Lotto 3/);
    // The publisher is not told what they just did: bm.centrale hears of it only when the service head won.
    if (a.statusCode === 200)
      expect(subjects['alessandro.galli@uniesempio.example']).toMatch(/^\[Presidio\] Programma pubblicato: Lotto 3/);
    else expect(subjects['alessandro.galli@uniesempio.example']).toBeUndefined();
    expect(subjects['giulia.rinaldi@uniesempio.example']).toMatch(/^\[Presidio\] Programma pubblicato/);
    expect(subjects['francesca.nessi@termoidraulica-lariana.example']).toMatch(/^\[Presidio\] Programma pubblicato/);
    const toDeib = await env.db
      .selectFrom('outbox')
      .select('text_body')
      .where('kind', '=', 'program_published')
      .where('to_address', '=', 'chiara.fontana@uniesempio.example')
      .executeTakeFirstOrThrow();
    expect(toDeib.text_body).toContain('MI-B03');
    expect(toDeib.text_body).not.toContain('MI-B01');
  });

  it('planned tickets show up in the ticket list beside the faults, with kind; their page offers no fault action', async () => {
    const cc = await env.login('callcenter');
    const list = (await cc.get('/api/tickets?kind=planned&limit=50')).json();
    expect(list.items.length).toBeGreaterThanOrEqual(7);
    expect(list.items.every((t: { kind: string }) => t.kind === 'planned')).toBe(true);
    const deib = await env.login('bm.deib');
    const mine = (await deib.get('/api/tickets?kind=planned&limit=50')).json();
    expect(mine.items).toHaveLength(6);
    const tr = await cc.get(`/api/tickets/${list.items[0].id}`);
    expect(tr.statusCode, tr.body).toBe(200);
    const t = tr.json();
    expect(t.kind).toBe('planned');
    expect(t.availableActions).toEqual([]);
    expect(t.workOrders).toHaveLength(1);
  });

  it("the program exports as PDF and XLSX in the caller's language", async () => {
    const c = await env.login('ditta.termica');
    const pdf = await c.get(`/api/programs/${programId}/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A formula-looking text is written as text (src/server/spreadsheet-escape.ts).
    const one = await env.db
      .selectFrom('program_items')
      .select('id')
      .where('program_id', '=', programId)
      .orderBy('planned_on')
      .limit(1)
      .executeTakeFirstOrThrow();
    await env.db.updateTable('program_items').set({ technician: '=HYPERLINK("http://x.example")' }).where('id', '=', one.id).execute();
    const xlsx = await c.get(`/api/programs/${programId}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(5).getCell(4).value).toBe('Attività');
    expect(ws.rowCount).toBe(5 + 7);
    const technicians = [];
    for (let r = 6; r <= ws.rowCount; r++) technicians.push(ws.getRow(r).getCell(6).value);
    expect(technicians).toContain('\'=HYPERLINK("http://x.example")');
    const deib = await env.login('bm.deib');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load((await deib.get(`/api/programs/${programId}/export.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets[0].getRow(5).getCell(4).value).toBe('Activity');
    expect(wbEn.worksheets[0].rowCount).toBe(5 + 6);
  });

  it('planned-work lists the items in a range, scoped', async () => {
    const deib = await env.login('bm.deib');
    const res = (await deib.get('/api/planned-work?from=2026-04-01&to=2026-04-30')).json();
    expect(res.items.length).toBeGreaterThanOrEqual(6);
    expect(res.items.every((i: { buildingCode: string }) => i.buildingCode === 'MI-B03')).toBe(true);
    const item = res.items.find((i: { date: string }) => i.date === '2026-04-16');
    expect(item).toMatchObject({
      programStatus: 'published',
      workOrderStatus: 'planned',
      technician: 'Mario Bianchi',
      windowFrom: '08:30',
    });
    expect((await (await env.login('ditta.edile')).get('/api/planned-work?from=2026-04-01&to=2026-04-30')).json().items).toEqual([]);
  });
});

describeEachDb('program generator job', (env) => {
  it("from the 20th prepares next month's draft for every active contract, once, even with two instances at once", async () => {
    const silentLog = { info() {}, warn() {}, error() {} };
    const { generateNextMonthPrograms } = await import('../src/server/jobs/program-generator.ts');
    await env.db.updateTable('maintenance_plans').set({ active: 0 }).execute();
    await makePlan(env.db, { building: 'MI-B02', cls: 'ASC', rrule: 'FREQ=MONTHLY;BYMONTHDAY=10', startsOn: '2026-01-10' });
    env.clock.now = new Date('2026-05-19T12:00:00Z');
    expect((await generateNextMonthPrograms(env.app.ctx, silentLog)).month).toBeNull();
    env.clock.now = new Date('2026-05-20T06:00:00Z');
    const [a, b] = await Promise.all([
      generateNextMonthPrograms(env.app.ctx, silentLog),
      generateNextMonthPrograms(env.app.ctx, silentLog),
    ]);
    expect(a.month).toBe('2026-06');
    expect(a.created + b.created).toBe(5);
    expect(a.failed + b.failed).toBe(0);
    const progs = await env.db.selectFrom('programs').select(['id', 'status', 'contract_id']).where('month', '=', '2026-06').execute();
    expect(progs).toHaveLength(5);
    expect(progs.every((p) => p.status === 'draft')).toBe(true);
    const items = await env.db
      .selectFrom('program_items')
      .select('plan_id')
      .where(
        'program_id',
        'in',
        progs.map((p) => p.id),
      )
      .execute();
    expect(items).toHaveLength(1);
    const again = await generateNextMonthPrograms(env.app.ctx, silentLog);
    expect(again).toMatchObject({ created: 0, existing: 5 });
  });
});

describeEachDb('plan edits after generation', (env) => {
  it("move the future, unpublished occurrences of programs still in the contractor's hands; past dates and submitted programs stay", async () => {
    const contractId = await contractIdOfLot(env.db, 'Lotto 3');
    await env.db.updateTable('maintenance_plans').set({ active: 0 }).execute();
    const planId = await makePlan(env.db, {
      building: 'MI-B01',
      cls: 'TER',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=3,20',
      startsOn: '2026-01-03',
    });
    env.clock.now = new Date('2026-08-25T09:00:00Z');
    const c = await env.login('ditta.termica');
    const sep = (await c.post('/api/programs', { contractId, month: '2026-09' })).json().id as string;
    const oct = (await c.post('/api/programs', { contractId, month: '2026-10' })).json().id as string;
    await env.db.updateTable('programs').set({ status: 'submitted' }).where('id', '=', oct).execute();
    const keys = async (programId: string) =>
      (
        await env.db
          .selectFrom('program_items')
          .select('occurrence_key')
          .where('plan_id', '=', planId)
          .where('program_id', '=', programId)
          .orderBy('occurrence_key')
          .execute()
      ).map((r) => r.occurrence_key);
    expect(await keys(sep)).toEqual(['2026-09-03', '2026-09-20']);

    // On 10 September the 20th becomes the 25th: the 3rd is past and stays, the submitted October is untouched.
    env.clock.now = new Date('2026-09-10T09:00:00Z');
    const admin = await env.login('admin');
    const res = await admin.patch(`/api/maintenance-plans/${planId}`, { version: 1, rrule: 'FREQ=MONTHLY;BYMONTHDAY=3,25' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await keys(sep)).toEqual(['2026-09-03', '2026-09-25']);
    expect(await keys(oct)).toEqual(['2026-10-03', '2026-10-20']);

    // Deactivated: its future occurrences leave the draft; the past one stays.
    const off = await admin.patch(`/api/maintenance-plans/${planId}`, { version: 2, active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(await keys(sep)).toEqual(['2026-09-03']);
  });
});

describeEachDb('demo programs', (env) => {
  it("this month's programs published and next month's submitted, from the demo plans", async () => {
    const { seedDemoPrograms } = await import('../src/server/db/seed/demo-programs.ts');
    const r = await seedDemoPrograms(env.app.ctx, { now: env.clock.now });
    expect(r.published).toBeGreaterThan(0);
    expect(r.submitted).toBeGreaterThan(0);
    const progs = await env.db.selectFrom('programs').select(['month', 'status']).execute();
    expect(progs.filter((p) => p.month === '2026-03').every((p) => p.status === 'published')).toBe(true);
    // Next month: submitted, but the lifts lot's returned with remarks.
    expect(
      progs
        .filter((p) => p.month === '2026-04')
        .map((p) => p.status)
        .sort(),
    ).toEqual([...Array(r.submitted).fill('submitted'), 'returned'].sort());
    expect(r.returned).toBe(1);
    expect(progs).toHaveLength(r.published + r.submitted + r.returned);
    const wos = await env.db.selectFrom('work_orders').select('id').where('kind', '=', 'planned').execute();
    expect(wos.length).toBeGreaterThan(0);
    expect(await seedDemoPrograms(env.app.ctx, { now: env.clock.now })).toEqual({ published: 0, submitted: 0, returned: 0 });
  });
});
