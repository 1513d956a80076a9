// Contractors' invoices against statements (#10 item 5), through the API on both engines: a
// FatturaPA that matches its statement registered and accepted; one with VAT collected immediately
// and a total one cent off flagged with each difference and disputed; forged, invalid, non-XML,
// signed and oversize files refused saving nothing (no row, no file); manual entry, duplicates,
// draft statements, stale versions, and who reads and writes what.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { seedDemoInvoices } from '../src/server/db/seed/demo-invoices.ts';
import { describeEachDb, type Client } from './helpers/app.ts';
import { insertStatement } from './fixtures/accounting/statements.ts';
import { fatturaPA } from './fixtures/fatturapa/build.ts';
import { ok, upload, type Obj } from './fixtures/workflow/workflow.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-invoices-${process.pid}`);
afterAll(() => fs.rmSync(ATTACHMENTS_DIR, { recursive: true, force: true }));

/** Every file stored under the attachments directory (the invoices' XML among them). */
const storedFiles = (): string[] =>
  fs.existsSync(ATTACHMENTS_DIR)
    ? fs
        .readdirSync(ATTACHMENTS_DIR, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name)
    : [];

describeEachDb(
  'invoices',
  (env) => {
    let acc: Client, cs: Client, ele: Client, ter: Client, bm: Client, requester: Client, admin: Client;
    let st: Record<'nov' | 'dec' | 'oct' | 'draft', Awaited<ReturnType<typeof insertStatement>>>;
    const invoices: Record<string, Obj> = {};

    const send = (c: Client, statementId: string, xml: string | Buffer, filename = 'IT04812730150_00001.xml') =>
      upload(
        c,
        `/api/statements/${statementId}/invoices`,
        {},
        { filename, data: Buffer.isBuffer(xml) ? xml : Buffer.from(xml), contentType: 'text/xml' },
      );
    const count = async () =>
      Number(
        (
          await env.db
            .selectFrom('invoices')
            .select((q) => q.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const act = (c: Client, inv: Obj, action: string, body: Obj = {}) =>
      c.post(`/api/invoices/${inv.id}/actions/${action}`, { version: inv.version, ...body });

    it('logs in; approved statements of Lotto 2 and a draft one', async () => {
      env.clock.now = new Date('2026-12-10T09:00:00Z');
      [acc, cs, ele, ter, bm, requester, admin] = await Promise.all(
        ['contabilita', 'capo.servizio', 'ditta.elettrica', 'ditta.termica', 'bm.centrale', 'richiedente', 'admin'].map((u) =>
          env.login(u),
        ),
      );
      // The demo's invoices need approved statements: with none there, it does nothing.
      const ctx = { db: env.db, config: env.config, now: () => env.clock.now };
      expect(await seedDemoInvoices(ctx, { now: env.clock.now })).toEqual({ accepted: 0, disputed: 0, registered: 0 });
      st = {
        oct: await insertStatement(env.db, { lot: 'Lotto 2', period: '2026-10', number: 1, taxableCents: 24_500_00 }, env.clock.now),
        nov: await insertStatement(env.db, { lot: 'Lotto 2', period: '2026-11', number: 2, taxableCents: 25_118_37 }, env.clock.now),
        dec: await insertStatement(env.db, { lot: 'Lotto 2', period: '2026-12', number: 3, taxableCents: 24_987_10 }, env.clock.now),
        draft: await insertStatement(
          env.db,
          { lot: 'Lotto 3', period: '2026-12', number: 1, status: 'draft', taxableCents: 30_000_00 },
          env.clock.now,
        ),
      };
      const open = ok(await acc.get('/api/invoices/statements-to-invoice')).items.map((s: Obj) => s.id);
      expect(open).toEqual(expect.arrayContaining([st.oct.id, st.nov.id, st.dec.id]));
      expect(open).not.toContain(st.draft.id);
    });

    it('a FatturaPA matching its statement: registered with no difference, downloadable, accepted', async () => {
      const s = st.nov;
      const xml = fatturaPA({
        supplierVatNumber: `IT${s.vatNumber}`,
        number: '2026/118',
        date: '2026-12-05',
        cig: s.cig,
        taxableCents: s.taxableCents,
        vatCents: s.vatCents,
      });
      let inv = ok(await send(acc, s.id, xml), 201);
      expect(inv).toMatchObject({
        source: 'fatturapa',
        number: '2026/118',
        issueDate: '2026-12-05',
        supplierVatNumber: s.vatNumber,
        cig: s.cig,
        taxableCents: s.taxableCents,
        vatCents: s.vatCents,
        totalCents: s.taxableCents + s.vatCents,
        vatCollectability: 'S',
        mismatches: [],
        matched: true,
        status: 'registered',
        statement: { id: s.id, period: '2026-11', status: 'approved' },
        expected: {
          taxableCents: s.taxableCents,
          vatCents: s.vatCents,
          cig: s.cig,
          supplierVatNumber: s.vatNumber,
          vatCollectability: 'S',
        },
        availableActions: ['accept', 'dispute'],
        file: { name: 'IT04812730150_00001.xml', url: `/api/invoices/${inv.id}/file` },
      });
      const file = await acc.get(inv.file.url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/xml');
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      expect(file.body).toBe(xml);

      inv = ok(await act(acc, inv, 'accept'));
      expect(inv).toMatchObject({ status: 'accepted', decidedBy: { label: expect.any(String) }, availableActions: [] });
      expect((await act(acc, inv, 'dispute', { reason: 'ripensamento' })).json().code).toBe('INVALID_STATE');
      expect(ok(await acc.get('/api/invoices/statements-to-invoice')).items.map((i: Obj) => i.id)).not.toContain(s.id);
      // A statement is paid once: no second invoice against it.
      const again = await send(acc, s.id, fatturaPA({ ...xmlFigures(s), number: '2026/119' }));
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('ACTION_REFUSED');
      invoices.matched = inv;
    });

    /** The figures of a statement as a matching invoice carries them. */
    function xmlFigures(s: typeof st.nov) {
      return { supplierVatNumber: `IT${s.vatNumber}`, date: '2026-12-06', cig: s.cig, taxableCents: s.taxableCents, vatCents: s.vatCents };
    }

    it('VAT collected immediately and a total one cent off: flagged with each difference, not accepted, disputed', async () => {
      const s = st.dec;
      const xml = fatturaPA({ ...xmlFigures(s), number: '2026/131', totalCents: s.taxableCents + s.vatCents + 1, vatCollectability: 'I' });
      let inv = ok(await send(acc, s.id, xml), 201);
      expect(inv.matched).toBe(false);
      expect(inv.mismatches).toEqual([
        { field: 'totalCents', expected: s.taxableCents + s.vatCents, actual: s.taxableCents + s.vatCents + 1, differenceCents: 1 },
        { field: 'vatCollectability', expected: 'S', actual: 'I' },
      ]);
      expect(inv.availableActions).toEqual(['dispute']);
      const refused = await act(acc, inv, 'accept');
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'ACTION_REFUSED' });
      expect(refused.json().detail).toMatch(/non corrisponde/);
      const bare = await act(acc, inv, 'dispute');
      expect(bare.statusCode).toBe(400);
      expect(bare.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'required' })]);
      const stale = await act(acc, { ...inv, version: inv.version + 1 }, 'dispute', { reason: 'x' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: inv.id, status: 'registered' } });
      inv = ok(await act(acc, inv, 'dispute', { reason: 'IVA non in scissione dei pagamenti; totale diverso di 1 centesimo' }));
      expect(inv).toMatchObject({ status: 'disputed', disputeReason: expect.stringMatching(/scissione/), availableActions: [] });
      invoices.disputed = inv;

      // The same supplier's same number and day again: one invoice, registered once.
      const dup = await send(acc, s.id, xml);
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('DUPLICATE');
      // Typed by hand without the country code, it is still the same supplier's invoice.
      const typed = await acc.post(`/api/statements/${s.id}/invoices`, {
        number: '2026/131',
        issueDate: '2026-12-06',
        supplierVatNumber: s.vatNumber,
        cig: s.cig,
        taxableCents: s.taxableCents,
        vatCents: s.vatCents,
        totalCents: s.taxableCents + s.vatCents,
        vatCollectability: 'S',
      });
      expect(typed.statusCode).toBe(409);
      expect(typed.json().code).toBe('DUPLICATE');

      // Another supplier and CIG, a different taxable amount: each difference with its amount.
      const other = ok(
        await send(
          acc,
          s.id,
          fatturaPA({
            ...xmlFigures(s),
            supplierVatNumber: 'IT07643520567',
            cig: '9A41C30D45',
            number: '77',
            taxableCents: s.taxableCents - 500,
          }),
        ),
        201,
      );
      expect(other.mismatches.map((m: Obj) => [m.field, m.differenceCents ?? null])).toEqual([
        ['supplierVatNumber', null],
        ['cig', null],
        ['taxableCents', -500],
        ['totalCents', -500],
      ]);
      invoices.other = other;
    });

    it('forged, invalid, non-XML, signed and oversize files: 4xx naming the file, nothing saved', async () => {
      const s = st.oct;
      const good = fatturaPA({ ...xmlFigures(s), number: 'F-1' });
      const rows = await count();
      const files = storedFiles().length;

      const xxe = good.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
      );
      const forged = await send(acc, s.id, xxe);
      expect(forged.statusCode).toBe(400);
      expect(forged.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'file', code: 'invoiceDtd' }] });

      const invalid = await send(acc, s.id, good.replace('<Numero>F-1</Numero>', ''));
      expect(invalid.statusCode).toBe(400);
      const err = invalid.json().errors[0];
      expect(err).toMatchObject({ field: 'file', code: 'invoiceSchema', row: 30 });
      expect(err.message).toMatch(/^Riga 30: .*Numero/);

      const notXml = await send(acc, s.id, Buffer.from('%PDF-1.4\n%%EOF\n'), 'fattura.pdf');
      expect(notXml.statusCode).toBe(400);
      expect(notXml.json().errors).toEqual([expect.objectContaining({ field: 'file', code: 'invoiceNotXml' })]);

      const b2b = await send(
        acc,
        s.id,
        good.replace('versione="FPA12"', 'versione="FPR12"').replace('<FormatoTrasmissione>FPA12', '<FormatoTrasmissione>FPR12'),
      );
      expect(b2b.json().errors).toEqual([expect.objectContaining({ field: 'file', code: 'invoiceNotForPublicBody' })]);

      const signed = await send(acc, s.id, Buffer.from([0x30, 0x80, 0x06, 0x09, 0x2a, 0x86]), 'IT04812730150_00001.xml.p7m');
      expect(signed.statusCode).toBe(415);
      expect(signed.json().detail).toMatch(/carica il file XML/);

      const big = await send(acc, s.id, Buffer.concat([Buffer.from(good), Buffer.alloc(5 * 1024 * 1024, 0x20)]));
      expect(big.statusCode).toBe(413);

      const noFile = await upload(acc, `/api/statements/${s.id}/invoices`, { note: 'x' });
      expect(noFile.statusCode).toBe(400);
      expect(noFile.json().errors.map((e: Obj) => e.field)).toEqual(['file', 'note']);

      expect(await count()).toBe(rows);
      expect(storedFiles()).toHaveLength(files);
      expect(ok(await acc.get(`/api/invoices?statementId=${s.id}`)).items).toEqual([]);
    });

    it('manual entry: a negative amount or a missing field is 400 naming it; a valid one is matched', async () => {
      const s = st.oct;
      const body = {
        number: 'M-10',
        issueDate: '2026-11-03',
        supplierVatNumber: s.vatNumber,
        cig: s.cig.toLowerCase(),
        taxableCents: s.taxableCents,
        vatCents: s.vatCents,
        totalCents: s.taxableCents + s.vatCents,
        vatCollectability: 'S',
      };
      const rows = await count();
      const neg = await acc.post(`/api/statements/${s.id}/invoices`, { ...body, vatCents: -1 });
      expect(neg.statusCode).toBe(400);
      expect(neg.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'vatCents', code: 'minimum' }] });
      const { number: _n, ...noNumber } = body;
      const missing = await acc.post(`/api/statements/${s.id}/invoices`, noNumber);
      expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'number', code: 'required' })]);
      const badKind = await acc.post(`/api/statements/${s.id}/invoices`, { ...body, vatCollectability: 'X' });
      expect(badKind.json().errors).toEqual([expect.objectContaining({ field: 'vatCollectability', code: 'enum' })]);
      expect(await count()).toBe(rows);

      const inv = ok(await acc.post(`/api/statements/${s.id}/invoices`, body), 201);
      expect(inv).toMatchObject({ source: 'manual', cig: s.cig, matched: true, file: null, status: 'registered' });
      expect((await acc.get(`/api/invoices/${inv.id}/file`)).statusCode).toBe(404);
      invoices.manual = inv;
    });

    it('a draft statement, or one that does not exist, takes no invoice', async () => {
      const body = {
        number: 'D-1',
        issueDate: '2026-12-01',
        supplierVatNumber: st.draft.vatNumber,
        cig: st.draft.cig,
        taxableCents: 1,
        vatCents: 0,
        totalCents: 1,
        vatCollectability: 'S',
      };
      const draft = await acc.post(`/api/statements/${st.draft.id}/invoices`, body);
      expect(draft.statusCode).toBe(409);
      expect(draft.json()).toMatchObject({ code: 'INVALID_STATE' });
      const draftFile = await send(acc, st.draft.id, fatturaPA({ ...xmlFigures(st.draft), number: 'D-2' }));
      expect(draftFile.statusCode).toBe(409);
      expect((await acc.post('/api/statements/00000000-0000-4000-8000-00000000dead/invoices', body)).statusCode).toBe(404);
    });

    it('scope: accounting and admin register and decide, the service head reads, the contractor its own; others 403', async () => {
      const ids = Object.values(invoices).map((i) => i.id);
      const listOf = async (c: Client, q = '') => (ok(await c.get(`/api/invoices${q}`)).items as Obj[]).map((i) => i.id);
      for (const c of [acc, cs, admin]) expect((await listOf(c)).sort()).toEqual([...ids].sort());
      expect((await listOf(ele)).sort()).toEqual([...ids].sort()); // all of Lotto 2, ditta.elettrica's
      expect(await listOf(ter)).toEqual([]);
      for (const c of [bm, requester]) {
        expect((await c.get('/api/invoices')).statusCode).toBe(403);
        expect((await c.get(`/api/invoices/${invoices.matched.id}`)).statusCode).toBe(403);
      }
      expect((await ter.get(`/api/invoices/${invoices.matched.id}`)).statusCode).toBe(404);
      expect((await ter.get(`/api/invoices/${invoices.matched.id}/file`)).statusCode).toBe(404);
      expect((await ele.get(`/api/invoices/${invoices.matched.id}/file`)).statusCode).toBe(200);
      const mine = ok(await ele.get(`/api/invoices/${invoices.manual.id}`));
      expect(mine.availableActions).toEqual([]);
      expect(ok(await cs.get(`/api/invoices/${invoices.manual.id}`)).availableActions).toEqual([]);
      for (const c of [cs, ele]) {
        expect((await act(c, mine, 'accept')).statusCode).toBe(403);
        expect((await send(c, st.oct.id, fatturaPA({ ...xmlFigures(st.oct), number: 'S-1' }))).statusCode).toBe(403);
        expect((await c.get('/api/invoices/statements-to-invoice')).statusCode).toBe(403);
      }
      expect((await act(ter, mine, 'accept')).statusCode).toBe(404);

      // Filters and paging.
      expect((await listOf(acc, `?statementId=${st.dec.id}`)).sort()).toEqual([invoices.other.id, invoices.disputed.id].sort());
      expect(await listOf(acc, '?status=accepted')).toEqual([invoices.matched.id]);
      expect((await listOf(acc, `?contractId=${st.nov.contractId}&contractorId=${st.nov.contractorId}`)).sort()).toEqual([...ids].sort());
      const first = ok(await acc.get('/api/invoices?limit=2'));
      expect(first.items).toHaveLength(2);
      const second = ok(await acc.get(`/api/invoices?limit=2&cursor=${first.nextCursor}`));
      expect([...first.items, ...second.items].map((i: Obj) => i.id).sort()).toEqual([...ids].sort());
      expect(second.nextCursor).toBeNull();
      expect((await acc.get('/api/invoices?status=nope')).statusCode).toBe(400);

      // The manual invoice matches: accepted by the admin.
      expect(ok(await act(admin, mine, 'accept')).status).toBe('accepted');
    });

    it('the demo: one invoice accepted, one disputed for VAT not in split payment, one to decide', async () => {
      const periods = ['2020-01', '2020-02', '2020-03'];
      const ids: string[] = [];
      for (const [i, period] of periods.entries())
        ids.push(
          (await insertStatement(env.db, { lot: 'Lotto 4', period, number: i + 1, taxableCents: 31_250_00 + i * 1_017_45 }, env.clock.now))
            .id,
        );
      const ctx = { db: env.db, config: env.config, now: () => env.clock.now };
      expect(await seedDemoInvoices(ctx, { now: env.clock.now })).toEqual({ accepted: 1, disputed: 1, registered: 1 });
      const byStatement = async (id: string) => ok(await acc.get(`/api/invoices?statementId=${id}`)).items[0] as Obj;
      expect(await byStatement(ids[0])).toMatchObject({ status: 'accepted', matched: true, issueDate: '2020-02-05' });
      expect(await byStatement(ids[1])).toMatchObject({
        status: 'disputed',
        matched: false,
        mismatches: [{ field: 'vatCollectability', expected: 'S', actual: 'I' }],
      });
      expect(await byStatement(ids[2])).toMatchObject({ status: 'registered', matched: true, availableActions: ['accept', 'dispute'] });
    });
  },
  { env: { ATTACHMENTS_DIR } },
);
