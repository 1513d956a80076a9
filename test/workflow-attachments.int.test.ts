// Attachments: sniffed content, size limit, stored outside the web root with sha256, served only
// within scope, never executable in the browser.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { FILES, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';
import { storeAttachment } from '../src/server/modules/attachments/attachments.service.ts';
import { transaction } from '../src/server/db/transaction.ts';

const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .sort()
    : [];

const DIR = path.join(os.tmpdir(), `presidio-wf-att-${process.pid}`);
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

describeEachDb(
  'workflow 1 attachments',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, other: Client, bm: Client, ele: Client, ter: Client, cc: Client;
    let ticketId: string;
    let woId: string;

    it('logs in and opens a ticket with a work order', async () => {
      r = await refs(env);
      [requester, other, bm, ele, ter, cc] = await Promise.all(
        ['richiedente', 'requester.en', 'bm.centrale', 'ditta.elettrica', 'ditta.termica', 'callcenter'].map((u) => env.login(u)),
      );
      ticketId = (await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Plafoniera che sfarfalla' })).id;
      woId = (
        await move(bm, 'tickets', ticketId, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description: 'x' })
      ).workOrders[0].id;
    });

    it('stores a phone photo: sniffed type, sha256, random key under ATTACHMENTS_DIR; shown on the ticket', async () => {
      const res = await upload(
        requester,
        `/api/tickets/${ticketId}/attachments`,
        { kind: 'photo' },
        { filename: 'IMG_0042.JPG', data: FILES.jpeg, contentType: 'image/png' },
      );
      expect(res.statusCode).toBe(201);
      const a = res.json();
      expect(a).toMatchObject({
        ticketId,
        workOrderId: null,
        kind: 'photo',
        visibility: 'public',
        filename: 'IMG_0042.JPG',
        contentType: 'image/jpeg',
        size: FILES.jpeg.length,
        sha256: createHash('sha256').update(FILES.jpeg).digest('hex'),
        uploadedBy: { label: 'Marco Colombo' },
        url: `/api/attachments/${a.id}`,
      });
      const row = await env.db.selectFrom('attachments').select('storage_key').where('id', '=', a.id).executeTakeFirstOrThrow();
      expect(row.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
      expect(fs.readFileSync(path.join(DIR, row.storage_key)).equals(FILES.jpeg)).toBe(true);
      expect(ok(await requester.get(`/api/tickets/${ticketId}`)).attachments.map((x: Obj) => x.id)).toEqual([a.id]);
      expect(ok(await requester.get(`/api/tickets/${ticketId}/timeline`)).items.some((i: Obj) => i.attachment?.id === a.id)).toBe(true);
    });

    it('serves a file only within scope, as a download that the browser will not sniff', async () => {
      const a = ok(
        await upload(
          requester,
          `/api/tickets/${ticketId}/attachments`,
          { kind: 'document' },
          { filename: 'verbale è.pdf', data: FILES.pdf },
        ),
        201,
      );
      const res = await requester.get(`/api/attachments/${a.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe('attachment; filename="verbale _.pdf"; filename*=UTF-8\'\'verbale%20%C3%A8.pdf');
      expect(res.rawPayload.equals(FILES.pdf)).toBe(true);
      for (const c of [bm, cc, ele]) expect((await c.get(`/api/attachments/${a.id}`)).statusCode).toBe(200);
      for (const c of [other, ter]) expect((await c.get(`/api/attachments/${a.id}`)).statusCode).toBe(404);
      expect((await env.anonymous().get(`/api/attachments/${a.id}`)).statusCode).toBe(401);
    });

    it('work-order documents are internal by default: hidden from the requester', async () => {
      const dico = ok(
        await upload(
          ele,
          `/api/work-orders/${woId}/attachments`,
          { kind: 'conformity_declaration' },
          { filename: 'dico.pdf', data: FILES.pdf },
        ),
        201,
      );
      expect(dico).toMatchObject({ ticketId, workOrderId: woId, visibility: 'internal' });
      expect((await requester.get(`/api/attachments/${dico.id}`)).statusCode).toBe(404);
      expect(ok(await requester.get(`/api/tickets/${ticketId}`)).attachments.some((x: Obj) => x.id === dico.id)).toBe(false);
      expect(ok(await bm.get(`/api/tickets/${ticketId}`)).attachments.some((x: Obj) => x.id === dico.id)).toBe(true);
      expect(
        (await upload(ter, `/api/work-orders/${woId}/attachments`, { kind: 'photo' }, { filename: 'x.png', data: FILES.png })).statusCode,
      ).toBe(404);
      const photo = ok(
        await upload(
          ele,
          `/api/work-orders/${woId}/attachments`,
          { kind: 'photo', visibility: 'public' },
          { filename: 'dopo.png', data: FILES.png },
        ),
        201,
      );
      expect((await requester.get(`/api/attachments/${photo.id}`)).statusCode).toBe(200);
      // A requester may not upload internal files; a contractor uploads to its work order, not the ticket.
      const internal = await upload(
        requester,
        `/api/tickets/${ticketId}/attachments`,
        { kind: 'photo', visibility: 'internal' },
        { filename: 'a.png', data: FILES.png },
      );
      expect(internal.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'visibility', code: 'internalNotAllowed' }] });
      expect(
        (await upload(ele, `/api/tickets/${ticketId}/attachments`, { kind: 'photo' }, { filename: 'a.png', data: FILES.png })).statusCode,
      ).toBe(403);
      expect(
        (await upload(other, `/api/tickets/${ticketId}/attachments`, { kind: 'photo' }, { filename: 'a.png', data: FILES.png })).statusCode,
      ).toBe(404);
    });

    it('refuses disguised files by their content (415), whatever the name or declared type', async () => {
      const before = (await env.db.selectFrom('attachments').select('id').execute()).length;
      for (const [filename, data] of [
        ['foto.jpg', FILES.pdf],
        ['foto.jpg', FILES.exe],
        ['foto.jpg', FILES.html],
        ['report.pdf', FILES.png],
        ['setup.exe', FILES.exe],
        ['page.html', FILES.html],
      ] as const) {
        const res = await upload(
          requester,
          `/api/tickets/${ticketId}/attachments`,
          { kind: 'photo' },
          { filename, data, contentType: 'image/jpeg' },
        );
        expect(res.statusCode, filename).toBe(415);
        expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
      const exe = await upload(
        requester,
        `/api/tickets/${ticketId}/attachments`,
        { kind: 'photo' },
        { filename: 'foto.jpg', data: FILES.exe },
      );
      expect(exe.json().detail).toContain('Windows executable');
      const renamed = await upload(
        requester,
        `/api/tickets/${ticketId}/attachments`,
        { kind: 'photo' },
        { filename: 'foto.jpg', data: FILES.pdf },
      );
      expect(renamed.json().detail).toContain('application/pdf');
      expect((await env.db.selectFrom('attachments').select('id').execute()).length).toBe(before); // nothing was stored
    });

    it('refuses files over ATTACHMENT_MAX_MB (413) and malformed uploads (400/415)', async () => {
      const big = Buffer.concat([FILES.jpeg, Buffer.alloc(1024 * 1024 + 10)]);
      const res = await upload(requester, `/api/tickets/${ticketId}/attachments`, { kind: 'photo' }, { filename: 'big.jpg', data: big });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(res.json().detail).toContain('1 MB');
      const noKind = await upload(requester, `/api/tickets/${ticketId}/attachments`, {}, { filename: 'a.png', data: FILES.png });
      expect(noKind.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'kind', code: 'required' }] });
      const badKind = await upload(
        requester,
        `/api/tickets/${ticketId}/attachments`,
        { kind: 'selfie' },
        { filename: 'a.png', data: FILES.png },
      );
      expect(badKind.json().errors).toEqual([expect.objectContaining({ field: 'kind', code: 'enum' })]);
      const noFile = await upload(requester, `/api/tickets/${ticketId}/attachments`, { kind: 'photo' });
      expect(noFile.json().errors).toEqual([expect.objectContaining({ field: 'file', code: 'required' })]);
      const json = await requester.post(`/api/tickets/${ticketId}/attachments`, { kind: 'photo' });
      expect(json.statusCode).toBe(415);
    });

    it('storeAttachment stores a Buffer for other modules (the e-mail intake), in their transaction', async () => {
      const a = await transaction(env.db, (trx) =>
        storeAttachment(trx, env.app.ctx, {
          ticketId,
          kind: 'photo',
          filename: 'from-mail.png',
          contentType: 'image/png',
          data: FILES.png,
          uploadedById: null,
        }),
      );
      expect(a).toMatchObject({ ticketId, contentType: 'image/png', uploadedBy: null, visibility: 'public' });
      await expect(
        transaction(env.db, (trx) =>
          storeAttachment(trx, env.app.ctx, {
            ticketId,
            kind: 'photo',
            filename: 'x.jpg',
            data: FILES.html,
            uploadedById: null,
            language: 'en',
          }),
        ),
      ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('a transaction that rolls back after storing a file removes the file with the row (#9 item 20)', async () => {
      const before = filesUnder(DIR);
      let written = '';
      await expect(
        transaction(env.db, async (trx) => {
          const a = await storeAttachment(trx, env.app.ctx, {
            ticketId,
            kind: 'document',
            filename: 'verbale.pdf',
            contentType: 'application/pdf',
            data: FILES.pdf,
            uploadedById: null,
          });
          const row = await trx.selectFrom('attachments').select('storage_key').where('id', '=', a.id).executeTakeFirstOrThrow();
          written = path.join(DIR, row.storage_key);
          expect(fs.existsSync(written)).toBe(true); // really written before the failure
          throw new Error('a later step of the action fails');
        }),
      ).rejects.toThrow('a later step of the action fails');
      expect(fs.existsSync(written)).toBe(false);
      expect(filesUnder(DIR)).toEqual(before);
      expect(await env.db.selectFrom('attachments').select('id').where('filename', '=', 'verbale.pdf').execute()).toEqual([]);
    });

    it('refuses to store a file in a transaction that could not remove it on rollback', async () => {
      await expect(
        env.db.transaction().execute((trx) =>
          storeAttachment(trx, env.app.ctx, {
            ticketId,
            kind: 'photo',
            filename: 'x.png',
            contentType: 'image/png',
            data: FILES.png,
            uploadedById: null,
          }),
        ),
      ).rejects.toThrow(/transaction\(\)/);
    });
  },
  { env: { ATTACHMENTS_DIR: DIR, ATTACHMENT_MAX_MB: '1' } },
);
