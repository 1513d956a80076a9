// Spend against the ceiling (#10 item 6) and accounting's home (#10 item 7), through the API on both
// engines: Lotto 2 made small (10,000 € over a 1,200 €/year flat fee for 48 months), quotes approved
// and a final account approved, figures to the cent; the service heads told once at 80 % and once at
// 100 % (outbox rows counted), never again; who reads what; the home's counts.
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { AppContext } from '../src/server/context.ts';
import { seedDemoActivity } from '../src/server/db/seed/demo-activity.ts';
import { seedDemoSpend } from '../src/server/db/seed/demo-spend.ts';
import { describeEachDb, type Client } from './helpers/app.ts';
import { acceptDocuments, FILES, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-contract-spend-${process.pid}`);

describeEachDb(
  'contract spend',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, bm: Client, ele: Client, ter: Client, cs: Client, acc: Client, admin: Client;
    let lot2: Obj, lot3: Obj;
    let serviceHeads = 0;
    const wos: Record<string, Obj> = {};

    const labour = (hours: number) => [{ description: 'Manodopera', unit: 'h', quantity: hours, unitPriceCents: 3000, category: 'labour' }];

    /** An ELE work order in MI-B01 with a quote of `hours` of labour approved by the service head. */
    const quoted = async (subject: string, hours: number): Promise<Obj> => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject, description: `${subject}: guasto.` });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description: subject })
      ).workOrders[0];
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-03-11T09:00:00Z' });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Da rifare' });
      await move(ele, 'work-orders', w.id, 'submit_quote', { lines: labour(hours) });
      return move(cs, 'work-orders', w.id, 'approve_quote', { note: 'Autorizzato' });
    };

    const spendOf = async (c: Client, id: string) => ok(await c.get(`/api/contracts/${id}/spend`));
    const alertRows = async () =>
      (await env.db.selectFrom('outbox').select(['kind', 'to_address']).where('kind', '=', 'spend_threshold').execute()).length;
    const inApp = async () =>
      (await env.db.selectFrom('notifications').select('id').where('kind', '=', 'spend_threshold').execute()).length;

    it('logs in; admin makes Lotto 2 small so that a few quotes reach its thresholds', async () => {
      env.clock.now = new Date('2026-03-10T09:00:00Z');
      r = await refs(env);
      [requester, bm, ele, ter, cs, acc, admin] = await Promise.all(
        ['richiedente', 'bm.centrale', 'ditta.elettrica', 'ditta.termica', 'capo.servizio', 'contabilita', 'admin'].map((u) =>
          env.login(u),
        ),
      );
      const contracts = ok(await admin.get('/api/contracts?limit=50')).items as Obj[];
      lot3 = contracts.find((c) => c.lot === 'Lotto 3')!;
      const lot2Row = contracts.find((c) => c.lot === 'Lotto 2')!;
      lot2 = ok(
        await admin.patch(`/api/contracts/${lot2Row.id}`, {
          version: lot2Row.version,
          netAmountCents: 1_000_000,
          yearlyFeeCents: 120_000,
          lotCeilingCents: 2_000_000,
        }),
      );
      const heads = await env.db
        .selectFrom('users as u')
        .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
        .where('ur.role', '=', 'service_head')
        .where('u.active', '=', 1 as never)
        .where('u.email', 'is not', null)
        .select('u.id')
        .execute();
      serviceHeads = heads.length;
      expect(serviceHeads).toBeGreaterThan(0);
    });

    it('before any quote: the flat fee of the term is used, committed until its months close', async () => {
      const s = await spendOf(acc, lot2.id);
      // 48 months × 100 €; January 2025 – February 2026 closed: 14 months accrued.
      expect(s).toMatchObject({
        amountCents: 1_000_000,
        ceilingCents: 2_000_000,
        flatFeeTermCents: 480_000,
        flatFeeAccruedCents: 140_000,
        quotesCents: 0,
        finalAccountsCents: 0,
        committedCents: 340_000,
        spentCents: 140_000,
        usedCents: 480_000,
        amountUsedBp: 4800,
        ceilingUsedBp: 2400,
        alerts: [],
        committedWorkOrders: [],
        spentWorkOrders: [],
      });
    });

    it('quotes approved up to 78 %: committed to the cent, no alert', async () => {
      wos.a = await quoted('Rifacimento quadro', 100); // 300,000
      expect(wos.a.quote).toMatchObject({ status: 'approved', netCents: 300_000 });
      const s = await spendOf(cs, lot2.id);
      expect(s).toMatchObject({ quotesCents: 300_000, committedCents: 640_000, usedCents: 780_000, amountUsedBp: 7800, quoteCount: 1 });
      expect(s.committedWorkOrders).toEqual([
        expect.objectContaining({ id: wos.a.id, number: wos.a.number, amountCents: 300_000, finalAccountId: null }),
      ]);
      expect(await alertRows()).toBe(0);
    });

    it('crossing 80 % tells every service head once (e-mail and in-app)', async () => {
      wos.b = await quoted('Nuove linee', 20); // 60,000: 84 %
      const s = await spendOf(acc, lot2.id);
      expect(s).toMatchObject({ quotesCents: 360_000, usedCents: 840_000, amountUsedBp: 8400 });
      expect(s.alerts).toEqual([{ basis: 'amount', thresholdBp: 8000 }]);
      expect(await alertRows()).toBe(serviceHeads);
      expect(await inApp()).toBeGreaterThanOrEqual(serviceHeads);
      const mail = await env.db
        .selectFrom('outbox')
        .select(['subject', 'text_body'])
        .where('kind', '=', 'spend_threshold')
        .executeTakeFirstOrThrow();
      expect(mail.subject).toMatch(/(80 %|80%).*Lotto 2/);
      expect(mail.text_body).toContain('/accounting/spend?contract=');
    });

    it('a final account approved moves the work from committed to spent at its own net; no new alert below 100 %', async () => {
      await upload(
        ele,
        `/api/work-orders/${wos.a.id}/attachments`,
        { kind: 'conformity_declaration' },
        { filename: 'DiCo.pdf', data: FILES.pdf },
      );
      await move(ele, 'work-orders', wos.a.id, 'schedule_work', { scheduledAt: '2026-03-12T08:00:00Z' });
      await move(ele, 'work-orders', wos.a.id, 'start_work');
      await move(ele, 'work-orders', wos.a.id, 'complete', { report: 'Fatto', hours: 90, materials: 'Cavi' });
      await acceptDocuments(ele, bm, wos.a.id);
      let fa = ok(await ele.post(`/api/work-orders/${wos.a.id}/final-account`, { lines: labour(90) }), 201); // 270,000
      fa = ok(await ele.post(`/api/final-accounts/${fa.id}/actions/submit`, { version: fa.version, varianceReason: 'Misurato in opera' }));
      expect(fa.status).toBe('submitted');

      const home = ok(await acc.get('/api/accounting/home'));
      expect(home.finalAccounts.count).toBe(1);
      expect(home.finalAccounts.items[0]).toMatchObject({ id: fa.id, workOrderNumber: wos.a.number, lot: 'Lotto 2', netCents: 270_000 });

      fa = ok(await acc.post(`/api/final-accounts/${fa.id}/actions/approve`, { version: fa.version }));
      expect(fa.status).toBe('approved');
      const s = await spendOf(acc, lot2.id);
      expect(s).toMatchObject({
        quotesCents: 60_000,
        finalAccountsCents: 270_000,
        committedCents: 340_000 + 60_000,
        spentCents: 140_000 + 270_000,
        usedCents: 480_000 + 270_000 + 60_000,
        quoteCount: 1,
        finalAccountCount: 1,
      });
      expect(s.spentWorkOrders).toEqual([expect.objectContaining({ id: wos.a.id, amountCents: 270_000, finalAccountId: fa.id })]);
      expect(s.committedWorkOrders.map((w: Obj) => w.id)).toEqual([wos.b.id]);
      expect(await alertRows()).toBe(serviceHeads);
    });

    it('crossing 100 % tells them once more; approving more sends nothing', async () => {
      wos.c = await quoted('Illuminazione aula', 80); // 240,000 → over 100 %
      let s = await spendOf(acc, lot2.id);
      expect(s).toMatchObject({ usedCents: 1_050_000, amountUsedBp: 10_500 });
      expect(s.alerts).toEqual(
        expect.arrayContaining([
          { basis: 'amount', thresholdBp: 8000 },
          { basis: 'amount', thresholdBp: 10000 },
        ]),
      );
      expect(await alertRows()).toBe(2 * serviceHeads);
      wos.d = await quoted('Prese corridoio', 10);
      s = await spendOf(acc, lot2.id);
      expect(s.usedCents).toBe(480_000 + 270_000 + 60_000 + 240_000 + 30_000);
      expect(await alertRows()).toBe(2 * serviceHeads);
      // The ceiling (2,000,000) is not at 80 % yet: no alert on that basis.
      expect(s.alerts.filter((a: Obj) => a.basis === 'ceiling')).toEqual([]);
    });

    it('the list shows every contract by lot; the contractor sees only its own; a requester is refused', async () => {
      const all = ok(await acc.get('/api/contracts/spend')).items as Obj[];
      expect(all.map((c) => c.contract.lot)).toEqual(['Lotto 1', 'Lotto 2', 'Lotto 3', 'Lotto 4', 'Lotto 5']);
      const mine = ok(await ele.get('/api/contracts/spend')).items as Obj[];
      expect(mine.map((c) => c.contract.lot)).toEqual(['Lotto 2']);
      expect((await ele.get(`/api/contracts/${lot3.id}/spend`)).statusCode).toBe(404);
      expect((await ter.get(`/api/contracts/${lot2.id}/spend`)).statusCode).toBe(404);
      expect((await requester.get('/api/contracts/spend')).statusCode).toBe(403);
      expect((await requester.get(`/api/contracts/${lot2.id}/spend`)).statusCode).toBe(403);
      expect((await acc.get('/api/contracts/00000000-0000-0000-0000-000000000000/spend')).statusCode).toBe(404);
    });

    it("accounting's home: statements to prepare for February, drafts, invoices to match, spend alerts; others refused", async () => {
      const lot1 = (await env.db.selectFrom('contracts').selectAll().where('lot', '=', 'Lotto 1').executeTakeFirstOrThrow()) as Obj;
      const at = '2026-03-05T10:00:00.000Z';
      const money = {
        flat_fee_cents: 100,
        extra_fee_cents: 0,
        gross_cents: 100,
        penalties_cents: 0,
        penalties_deducted_cents: 0,
        penalties_carried_cents: 0,
        net_cents: 100,
        progressive_net_cents: 100,
        withheld_cents: 1,
        released_cents: 0,
        taxable_cents: 99,
        vat_bp: 2200,
        vat_cents: 22,
        total_cents: 121,
      };
      await env.db
        .insertInto('statements')
        .values({
          id: 'st-approved',
          contract_id: lot1.id,
          contractor_id: lot1.contractor_id,
          period: '2026-02',
          number: 1,
          final: 0,
          status: 'approved',
          ...money,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await env.db
        .insertInto('statements')
        .values({
          id: 'st-draft',
          contract_id: lot1.id,
          contractor_id: lot1.contractor_id,
          period: '2026-03',
          number: 2,
          final: 0,
          status: 'draft',
          ...money,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await env.db
        .insertInto('invoices')
        .values({
          id: 'inv-1',
          statement_id: 'st-approved',
          contract_id: lot1.id,
          contractor_id: lot1.contractor_id,
          source: 'manual',
          number: 'FT-12',
          issue_date: '2026-03-06',
          supplier_vat_number: '01234567897',
          cig: lot1.cig,
          taxable_cents: 99,
          vat_cents: 22,
          total_cents: 121,
          vat_collectability: 'S',
          mismatches: '[{"field":"total"}]',
          status: 'registered',
          created_at: at,
          updated_at: at,
        })
        .execute();

      const home = ok(await acc.get('/api/accounting/home'));
      expect(home.period).toBe('2026-02');
      expect(home.finalAccounts.count).toBe(0);
      // Lotto 1 has February's statement; Lotti 2–5 do not; Lotto 1's March draft waits too.
      expect(home.statements.count).toBe(5);
      expect(home.statements.items.map((s: Obj) => [s.lot, s.status, s.period])).toEqual([
        ['Lotto 2', 'missing', '2026-02'],
        ['Lotto 3', 'missing', '2026-02'],
        ['Lotto 4', 'missing', '2026-02'],
        ['Lotto 5', 'missing', '2026-02'],
        ['Lotto 1', 'draft', '2026-03'],
      ]);
      expect(home.invoices).toEqual({
        count: 1,
        items: [expect.objectContaining({ id: 'inv-1', number: 'FT-12', totalCents: 121, mismatchCount: 1 })],
      });
      expect(home.spendAlerts.count).toBe(1);
      expect(home.spendAlerts.items[0]).toMatchObject({ contractId: lot2.id, lot: 'Lotto 2' });
      expect(ok(await cs.get('/api/accounting/home')).spendAlerts.count).toBe(1);
      for (const c of [requester, bm, ele]) expect((await c.get('/api/accounting/home')).statusCode).toBe(403);
    });
  },
  { env: { ATTACHMENTS_DIR, PUBLIC_URL: 'https://presidio.example' } },
);

describeEachDb('demo spend', (env) => {
  it('the demo takes lot 4 just past 80 % of its amount with a believable quote, and the service heads were told', async () => {
    const ctx = (): AppContext => ({ db: env.db, config: env.config, now: () => env.clock.now });
    await seedDemoActivity(ctx(), { now: env.clock.now });
    const number = await seedDemoSpend(ctx(), { now: env.clock.now });
    expect(number).not.toBe('');
    const acc = await env.login('contabilita');
    const lot4 = (ok(await acc.get('/api/contracts/spend')).items as Obj[]).find((c) => c.contract.lot === 'Lotto 4')!;
    expect(lot4.amountUsedBp).toBeGreaterThanOrEqual(8000);
    expect(lot4.amountUsedBp).toBeLessThan(8500);
    expect(lot4.alerts).toEqual([{ basis: 'amount', thresholdBp: 8000 }]);
    expect((await env.db.selectFrom('outbox').select('id').where('kind', '=', 'spend_threshold').execute()).length).toBeGreaterThan(0);
    const detail = ok(await acc.get(`/api/contracts/${lot4.contract.id}/spend`));
    expect(detail.committedWorkOrders.map((w: Obj) => w.number)).toContain(`${number}/1`);
    const home = ok(await acc.get('/api/accounting/home'));
    expect(home.spendAlerts.items.map((s: Obj) => s.lot)).toEqual(['Lotto 4']);
  });
});
