// #10 "Done when", the whole chain of the money after the work over one quarter, through the API on
// both engines: flat-fee and extra-fee work orders of Lotto 2 (one final account over the 20 %
// variance threshold, back to the service head) → closing documents accepted → final accounts
// approved → allocated to the central budget and a department → three monthly statements approved
// → a FatturaPA invoice matched and accepted, a hand-entered one flagged and disputed. Bad input
// on the way (a negative quantity, shares not making 100 %, a forged and a schema-invalid FatturaPA)
// is answered 4xx naming the field, and nothing is saved.
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { statementTotals } from '../src/domain/accounting/statement.ts';
import { describeEachDb, type Client } from './helpers/app.ts';
import { fatturaPA } from './fixtures/fatturapa/build.ts';
import { acceptDocuments, FILES, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-money-quarter-${process.pid}`);

describeEachDb(
  'the money of a quarter',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, bm: Client, ele: Client, cs: Client, acc: Client, admin: Client;
    let item: Obj; // a priced item of the price list
    let lot2: Obj;
    let deib: string;
    const fa: Record<string, Obj> = {};
    const st: Record<string, Obj> = {};

    /** Moves the clock; sessions expire, so everyone logs in again. */
    const at = async (iso: string) => {
      env.clock.now = new Date(iso);
      [requester, bm, ele, cs, acc, admin] = await Promise.all(
        ['richiedente', 'bm.centrale', 'ditta.elettrica', 'capo.servizio', 'contabilita', 'admin'].map((u) => env.login(u)),
      );
    };
    const count = async (table: 'final_accounts' | 'invoices' | 'cost_allocations') =>
      Number(
        (
          await env.db
            .selectFrom(table)
            .select((q) => q.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** An ELE work order in MI-B01 done (extra fee: `quantity` of the item quoted and approved first). */
    const completed = async (subject: string, quantity?: number): Promise<Obj> => {
      const day = env.clock.now.getTime();
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject, description: `${subject}: guasto.` });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description: subject })
      ).workOrders[0];
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: new Date(day + 3_600_000).toISOString() });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Da sostituire' });
      if (quantity !== undefined) {
        await move(ele, 'work-orders', w.id, 'submit_quote', { lines: [{ priceListItemId: item.id, quantity }] });
        await move(cs, 'work-orders', w.id, 'approve_quote', { note: 'Autorizzato' });
        ok(
          await upload(
            ele,
            `/api/work-orders/${w.id}/attachments`,
            { kind: 'conformity_declaration' },
            { filename: 'DiCo.pdf', data: FILES.pdf },
          ),
          201,
        );
      }
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: new Date(day + 7_200_000).toISOString() });
      await move(ele, 'work-orders', w.id, 'start_work');
      return move(ele, 'work-orders', w.id, 'complete', { report: 'Fatto', hours: 2, materials: 'Interruttori' });
    };
    const faAct = async (c: Client, f: Obj, action: string, body: Obj = {}) =>
      ok(await c.post(`/api/final-accounts/${f.id}/actions/${action}`, { version: f.version, ...body }));
    const stAct = async (s: Obj, action: string) => ok(await acc.post(`/api/statements/${s.id}/actions/${action}`, { version: s.version }));
    const prepare = async (period: string) => ok(await acc.post(`/api/contracts/${lot2.id}/statements`, { period }), 201);

    it('January: Lotto 2 pays 60 % central, 40 % DEIB (shares not making 100 % refused, nothing saved); the DURC is valid', async () => {
      await at('2026-01-12T09:00:00Z');
      r = await refs(env);
      const lists = ok(await ele.get('/api/price-lists')).items as Obj[];
      const items = ok(await ele.get(`/api/price-lists/${lists[0].id}/items?limit=50`)).items as Obj[];
      item = items.find((i) => i.priceCents !== null && i.priceCents > 1000)!;
      const lot2Id = (await env.db.selectFrom('contracts').select('id').where('lot', '=', 'Lotto 2').executeTakeFirstOrThrow()).id;
      lot2 = ok(await acc.get(`/api/contracts/${lot2Id}`));
      deib = (await env.db.selectFrom('departments').select('id').where('code', '=', 'DEIB').executeTakeFirstOrThrow()).id;

      const url = `/api/contracts/${lot2.id}/allocation-rule`;
      const before = ok(await admin.get(url));
      const bad = await admin.put(url, {
        version: before.version,
        method: 'percentages',
        shares: [
          { departmentId: null, shareBp: 6000 },
          { departmentId: deib, shareBp: 3999 },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'shares', code: 'sharesNotWhole' }] });
      expect(ok(await admin.get(url))).toEqual(before);
      ok(
        await admin.put(url, {
          version: before.version,
          method: 'percentages',
          shares: [
            { departmentId: null, shareBp: 6000 },
            { departmentId: deib, shareBp: 4000 },
          ],
        }),
      );

      const contractor = ok(await admin.get(`/api/contractors/${lot2.contractorId}`));
      ok(await admin.patch(`/api/contractors/${lot2.contractorId}`, { version: contractor.version, durcValidUntil: '2026-12-31' }));
    });

    it('January: flat-fee and extra-fee work; no account before the documents are accepted; one over the threshold goes to the service head', async () => {
      // Flat fee: hours and materials recorded, nothing charged.
      const flat = await completed('Plafoniera spenta');
      await acceptDocuments(ele, bm, flat.id);
      let f = ok(
        await ele.post(`/api/work-orders/${flat.id}/final-account`, {
          lines: [{ description: 'Manodopera', unit: 'h', quantity: 2, unitPriceCents: 3200, category: 'labour' }],
        }),
        201,
      );
      f = await faAct(acc, await faAct(ele, f, 'submit'), 'approve');
      expect(f).toMatchObject({ basis: 'flat_fee', status: 'approved', chargeableNetCents: 0 });
      fa.flat = f;

      // Extra fee as quoted.
      const quoted = await completed('Nuovo punto luce', 2);
      const early = await ele.post(`/api/work-orders/${quoted.id}/final-account`, {});
      expect(early.statusCode).toBe(422);
      expect(early.json().code).toBe('DOCUMENTS_INCOMPLETE');
      await acceptDocuments(ele, bm, quoted.id);
      f = ok(await ele.post(`/api/work-orders/${quoted.id}/final-account`, {}), 201);
      expect(f).toMatchObject({ basis: 'extra_fee', status: 'draft' }); // prefilled from the approved quote
      f = await faAct(acc, await faAct(ele, f, 'submit'), 'approve');
      expect(f).toMatchObject({ status: 'approved', varianceCents: 0 });
      expect(f.chargeableNetCents).toBe(f.approvedNetCents);
      fa.quoted = f;

      // Extra fee measured on site at 3 where 2 were quoted: +50 %, over the contract's 20 %.
      const over = await completed('Linea luci laboratorio', 2);
      await acceptDocuments(ele, bm, over.id);
      f = ok(await ele.post(`/api/work-orders/${over.id}/final-account`, { lines: [{ priceListItemId: item.id, quantity: 3 }] }), 201);
      const noReason = await ele.post(`/api/final-accounts/${f.id}/actions/submit`, { version: f.version });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors[0]).toMatchObject({ field: 'varianceReason' });
      f = await faAct(ele, f, 'submit', { varianceReason: 'Misurato in opera: una linea in più' });
      expect(f.status).toBe('needs_service_head');
      expect(f.varianceCents).toBe(f.netCents - f.approvedNetCents);
      expect(f.varianceBp).toBeGreaterThan(lot2.varianceThresholdPercent * 100);
      expect((await acc.post(`/api/final-accounts/${f.id}/actions/approve`, { version: f.version })).statusCode).toBe(409);
      f = await faAct(cs, f, 'approve_variance');
      f = await faAct(acc, f, 'approve');
      expect(f.status).toBe('approved');
      expect(f.chargeableNetCents).toBe(f.netCents);
      expect(f.chargeableNetCents).toBeGreaterThan(fa.quoted.chargeableNetCents);
      fa.over = f;
    });

    it('February: a negative quantity is refused naming the line, nothing saved; the account then approved', async () => {
      await at('2026-02-10T09:00:00Z');
      const w = await completed('Quadro di piano', 1);
      await acceptDocuments(ele, bm, w.id);
      const before = await count('final_accounts');
      const bad = await ele.post(`/api/work-orders/${w.id}/final-account`, { lines: [{ priceListItemId: item.id, quantity: -1 }] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
      expect(bad.json().errors[0].field).toMatch(/^lines\.0\.quantity/);
      expect(await count('final_accounts')).toBe(before);
      let f = ok(await ele.post(`/api/work-orders/${w.id}/final-account`, {}), 201);
      f = await faAct(acc, await faAct(ele, f, 'submit'), 'approve');
      fa.feb = f;
    });

    it('allocations: each extra-fee account split 60/40 to the cent; the report adds up to the accounts', async () => {
      const extra = [fa.quoted, fa.over, fa.feb];
      for (const f of extra) {
        const rows = ok(await acc.get(`/api/allocations?from=2026-01&to=2026-03&contractId=${lot2.id}`)).items.filter(
          (a: Obj) => a.finalAccountId === f.id,
        ) as Obj[];
        expect(rows.map((a) => a.department?.id ?? null).sort()).toEqual([deib, null].sort());
        expect(rows.reduce((n, a) => n + a.netCents, 0)).toBe(f.chargeableNetCents);
        const central = rows.find((a) => a.department === null)!;
        expect(Math.abs(central.netCents - (f.chargeableNetCents * 60) / 100)).toBeLessThanOrEqual(1);
        for (const a of rows) expect(a.amountCents).toBe(a.netCents + a.vatCents);
      }
      // The flat-fee account costs nothing extra: nothing allocated.
      expect(await env.db.selectFrom('cost_allocations').select('id').where('final_account_id', '=', fa.flat.id).execute()).toEqual([]);
      const report = ok(await acc.get(`/api/allocations/report?groupBy=department&from=2026-01&to=2026-03&contractId=${lot2.id}`));
      expect(report.totals.netCents).toBe(extra.reduce((n, f) => n + f.chargeableNetCents, 0));
      expect(report.rows.reduce((n: number, row: Obj) => n + row.amountCents, 0)).toBe(report.totals.amountCents);
      const byMonth = ok(await acc.get(`/api/allocations/report?groupBy=period&from=2026-01&to=2026-03&contractId=${lot2.id}`));
      expect(byMonth.rows.map((row: Obj) => [row.key, row.netCents])).toEqual([
        ['2026-01', fa.quoted.chargeableNetCents + fa.over.chargeableNetCents],
        ['2026-02', fa.feb.chargeableNetCents],
      ]);
    });

    it('three statements: each month its instalment and the extra fee approved in it, the withholding progressive', async () => {
      await at('2026-02-02T09:00:00Z');
      st.jan = prepareChecked(await prepare('2026-01'), [fa.quoted, fa.over], 0, 0);
      st.jan = await stAct(st.jan, 'approve');
      await at('2026-03-02T09:00:00Z');
      st.feb = prepareChecked(await prepare('2026-02'), [fa.feb], st.jan.totals.progressiveNetCents, withheldSoFar(st.jan));
      st.feb = await stAct(st.feb, 'approve');
      await at('2026-04-01T09:00:00Z');
      st.mar = prepareChecked(
        await prepare('2026-03'),
        [],
        st.feb.totals.progressiveNetCents,
        withheldSoFar(st.jan) + withheldSoFar(st.feb),
      );
      st.mar = await stAct(st.mar, 'approve');
      const withheld = [st.jan, st.feb, st.mar].reduce((n, s) => n + s.totals.withheldCents, 0);
      expect(withheld).toBe(Math.round((st.mar.totals.progressiveNetCents * 50) / 10_000));
      expect([st.jan, st.feb, st.mar].map((s) => [s.number, s.status])).toEqual([
        [1, 'approved'],
        [2, 'approved'],
        [3, 'approved'],
      ]);
    });

    /** The statement as prepared: its items and totals are those of the domain's computation. */
    function prepareChecked(s: Obj, extra: Obj[], previousNetCents: number, previousWithheldCents: number): Obj {
      const flatFee = s.items.find((i: Obj) => i.kind === 'flat_fee').amountCents;
      expect(
        s.items
          .filter((i: Obj) => i.kind === 'extra_fee')
          .map((i: Obj) => i.finalAccountId)
          .sort(),
      ).toEqual(extra.map((f) => f.id).sort());
      expect(s.totals).toMatchObject(
        statementTotals({
          flatFeeCents: flatFee,
          extraFeeCents: extra.map((f) => f.chargeableNetCents),
          penaltiesCents: 0,
          previousNetCents,
          previousWithheldCents,
          vatBp: 2200,
          final: false,
        }),
      );
      return s;
    }
    const withheldSoFar = (s: Obj) => s.totals.withheldCents as number;

    const send = (statementId: string, xml: string) =>
      upload(
        acc,
        `/api/statements/${statementId}/invoices`,
        {},
        { filename: 'IT_fattura.xml', data: Buffer.from(xml), contentType: 'text/xml' },
      );

    it('invoices: a forged and an invalid FatturaPA refused with nothing saved; January matched and accepted', async () => {
      const s = st.jan;
      const figures = {
        supplierVatNumber: `IT${s.contractor.vatNumber}`,
        number: '2026/041',
        date: '2026-04-03',
        cig: s.contract.cig,
        taxableCents: s.totals.taxableCents,
        vatCents: s.totals.vatCents,
      };
      const before = await count('invoices');
      const forged = await send(s.id, fatturaPA(figures).replace('?>', '?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'));
      expect(forged.statusCode).toBe(400);
      expect(forged.json().errors[0]).toMatchObject({ field: 'file', code: 'invoiceDtd' });
      const invalid = await send(s.id, fatturaPA(figures).replace('<Numero>2026/041</Numero>', ''));
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().errors[0]).toMatchObject({ field: 'file', code: 'invoiceSchema' });
      expect(await count('invoices')).toBe(before);

      let inv = ok(await send(s.id, fatturaPA(figures)), 201);
      expect(inv).toMatchObject({ matched: true, mismatches: [], totalCents: s.totals.totalCents, status: 'registered' });
      inv = ok(await acc.post(`/api/invoices/${inv.id}/actions/accept`, { version: inv.version }));
      expect(inv.status).toBe('accepted');
    });

    it('invoices: February entered by hand with VAT collected immediately and a cent off: flagged with each difference, disputed', async () => {
      const s = st.feb;
      let inv = ok(
        await acc.post(`/api/statements/${s.id}/invoices`, {
          number: '2026/077',
          issueDate: '2026-04-05',
          supplierVatNumber: s.contractor.vatNumber,
          cig: s.contract.cig,
          taxableCents: s.totals.taxableCents,
          vatCents: s.totals.vatCents + 1,
          totalCents: s.totals.totalCents + 1,
          vatCollectability: 'I',
        }),
        201,
      );
      expect(inv.matched).toBe(false);
      expect(inv.mismatches).toEqual(
        expect.arrayContaining([
          { field: 'vatCents', expected: s.totals.vatCents, actual: s.totals.vatCents + 1, differenceCents: 1 },
          { field: 'totalCents', expected: s.totals.totalCents, actual: s.totals.totalCents + 1, differenceCents: 1 },
          { field: 'vatCollectability', expected: 'S', actual: 'I' },
        ]),
      );
      expect((await acc.post(`/api/invoices/${inv.id}/actions/accept`, { version: inv.version })).statusCode).toBe(409);
      inv = ok(
        await acc.post(`/api/invoices/${inv.id}/actions/dispute`, { version: inv.version, reason: 'IVA non in scissione dei pagamenti' }),
      );
      expect(inv).toMatchObject({ status: 'disputed', disputeReason: 'IVA non in scissione dei pagamenti' });
      // March's statement still waits for its invoice; January's is paid.
      const open = ok(await acc.get('/api/invoices/statements-to-invoice')).items.map((x: Obj) => x.id);
      expect(open).toEqual(expect.arrayContaining([st.feb.id, st.mar.id]));
      expect(open).not.toContain(st.jan.id);
    });
  },
  { env: { ATTACHMENTS_DIR, PUBLIC_URL: 'https://presidio.example' } },
);
