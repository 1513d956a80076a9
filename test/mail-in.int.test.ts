// E-mail in through the built-in SMTP listener (real SMTP, sent with nodemailer), the intake
// rules, and the call center's API for held messages. A message is posted as a person only with
// the reply token of a notice that person received about that ticket (#7 item 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { describeEachDb } from './helpers/app.ts';
import { buildingId, makeTicket, userId } from './helpers/notice-fixtures.ts';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.ts';
import { startSmtpListener, type SmtpListener } from '../src/server/modules/mail-in/smtp-listener.ts';
import { intakeMessage } from '../src/server/modules/mail-in/intake.ts';
import { replyAddress, replySecret, replyToken, type TokenHolder } from '../src/server/modules/mail-in/reply-token.ts';
import { enqueueNotices } from '../src/server/modules/notices/enqueue.ts';
import { createOutboxSender } from '../src/server/jobs/outbox-sender.ts';
import type { TestEnv } from './helpers/app.ts';

const MAILBOX = 'manutenzione@ateneo.example';
const attachmentsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'presidio-mail-in-'));
const silent = { info() {}, warn() {}, error() {} };

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6b0e30000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.from('4d5a90000300000004000000ffff0000', 'hex');

let seq = 0;
const mid = () => `<test.${Date.now()}.${++seq}@client.example>`;

let capture: SmtpCapture;
beforeAll(async () => {
  capture = await startSmtpCapture();
});
afterAll(async () => {
  await capture?.close();
});

/** Sends notice 1 of the ticket to its requester/caller through the real outbox sender; returns the e-mail as received. */
async function noticeOf(env: TestEnv, ticketId: string, to: string) {
  await env.db.transaction().execute((trx) =>
    enqueueNotices(trx, env.app.ctx, {
      notices: [{ kind: 'ticket_opened', to: ['requester'] }],
      ticketId,
      workOrderId: null,
      eventId: crypto.randomUUID(),
      actorUserId: null,
      action: 'open',
      data: {},
    }),
  );
  capture.clear();
  const sender = createOutboxSender({
    db: env.db,
    mail: { ...env.config.mail, smtpUrl: capture.url, from: 'Presidio <presidio@ateneo.example>' },
    now: () => env.clock.now,
    log: silent,
  });
  try {
    await sender.runOnce();
  } finally {
    sender.close();
  }
  const m = capture.messages.find((x) => x.envelopeTo.includes(to));
  if (!m) throw new Error(`no notice to ${to}`);
  return m;
}

const replyToOf = (m: Awaited<ReturnType<typeof noticeOf>>) => m.parsed.replyTo?.value[0]?.address ?? '';

async function tokenOf(env: TestEnv, holder: TokenHolder, ticketId: string) {
  return replyToken(await replySecret(env.db, env.config.mail), holder, ticketId);
}

describeEachDb(
  'e-mail in over SMTP',
  (env) => {
    let listener: SmtpListener;
    let smtp: Transporter;

    beforeAll(async () => {
      listener = (await startSmtpListener(env.app.ctx, silent, { host: '127.0.0.1', port: 0 }))!;
      smtp = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    });
    afterAll(async () => {
      smtp?.close();
      await listener?.close();
    });

    const send = (m: Partial<Mail.Options>) => smtp.sendMail({ to: MAILBOX, messageId: mid(), text: 'testo', ...m });
    const inbound = (messageId: string) =>
      env.db.selectFrom('inbound_messages').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();

    it('a new request is held "sender not verified": nothing opened in the name of the From, attachments kept on the message', async () => {
      const messageId = mid();
      await send({
        from: 'Marco Colombo <Marco.Colombo@UniEsempio.example>',
        subject: 'Lavandino rotto',
        text: 'Buongiorno, nel bagno al piano terra di mi-b02 il lavandino perde.\nGrazie',
        messageId,
        attachments: [
          { filename: 'foto.png', content: PNG, contentType: 'image/png' },
          { filename: 'setup.exe', content: EXE, contentType: 'application/octet-stream' },
        ],
      });
      const m = await inbound(messageId);
      expect(m).toMatchObject({
        status: 'held',
        via: 'smtp',
        reason: 'sender_not_verified',
        ticket_id: null,
        sender_proof: null,
        from_address: 'Marco.Colombo@uniesempio.example',
      });
      expect(await env.db.selectFrom('tickets').select('id').where('subject', '=', 'Lavandino rotto').execute()).toHaveLength(0);
      const atts = await env.db.selectFrom('attachments').selectAll().where('inbound_message_id', '=', m.id).execute();
      expect(atts.map((a) => [a.filename, a.content_type, a.ticket_id])).toEqual([['foto.png', 'image/png', null]]);

      // The same message again (a resend, or a second instance): taken once.
      await send({ from: 'marco.colombo@uniesempio.example', subject: 'Lavandino rotto', text: 'MI-B02', messageId });
      expect(await env.db.selectFrom('inbound_messages').select('id').where('message_id', '=', messageId).execute()).toHaveLength(1);
    });

    it('a forged From of the service head on a ticket is held, nothing posted', async () => {
      const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
      const messageId = mid();
      await send({
        from: 'Roberto Marchetti <roberto.marchetti@uniesempio.example>',
        subject: `Re: [Presidio ${t.number}] Segnalazione aperta`,
        text: 'Intervento annullato, non venite.',
        messageId,
        references: [`<ticket.${t.id}@ateneo.example>`],
      });
      expect(await inbound(messageId)).toMatchObject({ status: 'held', reason: 'sender_not_verified', ticket_id: null });
      expect(await env.db.selectFrom('comments').select('id').where('ticket_id', '=', t.id).execute()).toHaveLength(0);
    });

    it('a genuine reply to the notice (token in the Reply-To plus-address) becomes a public comment as that user, quote cut, attachments on the comment', async () => {
      const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
      const notice = await noticeOf(env, t.id, 'marco.colombo@uniesempio.example');
      const replyTo = replyToOf(notice);
      expect(replyTo).toMatch(/^manutenzione\+[a-z2-7]{26}@ateneo\.example$/);
      expect(notice.messageId).toContain(`.rt-${replyTo.slice('manutenzione+'.length, replyTo.indexOf('@'))}@`);
      const messageId = mid();
      await send({
        from: 'marco.colombo@uniesempio.example',
        to: replyTo,
        subject: `R: ${notice.parsed.subject}`,
        text: `Gocciola ancora, allego il verbale.\n\nIl giorno mar 10 mar 2026 Presidio <presidio@localhost> ha scritto:\n> Gentile Marco Colombo,\n> la tua segnalazione`,
        messageId,
        attachments: [{ filename: 'verbale.pdf', content: PDF, contentType: 'application/pdf' }],
      });
      const m = await inbound(messageId);
      expect(m).toMatchObject({ status: 'comment_added', ticket_id: t.id, sender_proof: 'token' });
      const c = await env.db.selectFrom('comments').selectAll().where('ticket_id', '=', t.id).executeTakeFirstOrThrow();
      expect(c).toMatchObject({
        visibility: 'public',
        source: 'email',
        body: 'Gocciola ancora, allego il verbale.',
        author_id: await userId(env.db, 'richiedente'),
      });
      expect(c.author_label).toContain('marco.colombo@uniesempio.example');
      const atts = await env.db.selectFrom('attachments').selectAll().where('inbound_message_id', '=', m.id).execute();
      expect(atts.map((a) => [a.filename, a.ticket_id, a.comment_id])).toEqual([['verbale.pdf', t.id, c.id]]);
    });

    it('a genuine reply carrying the token only in In-Reply-To (sent to the bare mailbox, subject edited) is posted too', async () => {
      const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
      const notice = await noticeOf(env, t.id, 'marco.colombo@uniesempio.example');
      const messageId = mid();
      await send({
        from: 'marco.colombo@uniesempio.example',
        subject: 'ancora guasto',
        text: 'Ci sono novità?',
        messageId,
        inReplyTo: notice.messageId,
        references: [`<ticket.${t.id}@ateneo.example>`, notice.messageId],
      });
      expect(await inbound(messageId)).toMatchObject({ status: 'comment_added', ticket_id: t.id, sender_proof: 'token' });
    });

    it("a reply carrying ONLY In-Reply-To = the notice's Message-ID (no References, no subject tag) threads into that ticket: posted with the proof, held without it, never a new ticket", async () => {
      const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
      const notice = await noticeOf(env, t.id, 'marco.colombo@uniesempio.example');
      const tickets = async () => (await env.db.selectFrom('tickets').select('id').execute()).length;
      const before = await tickets();
      const genuine = mid();
      await send({
        from: 'marco.colombo@uniesempio.example',
        subject: 'ancora guasto',
        text: 'Perde ancora.',
        messageId: genuine,
        inReplyTo: notice.messageId,
      });
      expect(await inbound(genuine)).toMatchObject({ status: 'comment_added', ticket_id: t.id, sender_proof: 'token' });
      expect((await env.db.selectFrom('comments').select('body').where('ticket_id', '=', t.id).execute()).map((c) => c.body)).toEqual([
        'Perde ancora.',
      ]);
      // The same In-Reply-To under someone else's From: the thread is found, the proof is not.
      const forged = mid();
      await send({
        from: 'roberto.marchetti@uniesempio.example',
        subject: 'annullate tutto',
        text: 'Non venite.',
        messageId: forged,
        inReplyTo: notice.messageId,
      });
      expect(await inbound(forged)).toMatchObject({ status: 'held', reason: 'sender_not_verified', ticket_id: null });
      expect(await env.db.selectFrom('comments').select('body').where('ticket_id', '=', t.id).execute()).toHaveLength(1);
      expect(await tickets()).toBe(before);
    });

    it("a phone ticket's caller replying with their token is posted; without it, held", async () => {
      const phone = await makeTicket(env.db, {
        at: env.clock.now,
        requester: null,
        callerEmail: 'ospite@altro.example',
        callerName: 'Ospite',
      });
      const notice = await noticeOf(env, phone.id, 'ospite@altro.example');
      const m1 = mid();
      await send({
        from: 'OSPITE@altro.example',
        to: replyToOf(notice),
        subject: `pratica ${phone.number}`,
        text: 'Ci sono novità?',
        messageId: m1,
      });
      expect(await inbound(m1)).toMatchObject({ status: 'comment_added', ticket_id: phone.id });
      const m2 = mid();
      await send({ from: 'ospite@altro.example', subject: `pratica ${phone.number}`, text: 'Ci sono novità?', messageId: m2 });
      expect(await inbound(m2)).toMatchObject({ status: 'held', reason: 'sender_not_verified' });
    });

    it("another ticket's token, another user's token, a made-up token: held, nothing posted", async () => {
      const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
      const other = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
      const marco = await userId(env.db, 'richiedente');
      const head = await userId(env.db, 'capo.servizio');
      const cases: Array<[string, string, string]> = [
        ['marco.colombo@uniesempio.example', await tokenOf(env, { userId: marco }, other.id), 'sender_not_verified'],
        // The service head's own token, with Marco's From: the From must be the token's holder.
        ['marco.colombo@uniesempio.example', await tokenOf(env, { userId: head }, t.id), 'sender_not_verified'],
        // Marco's token with the service head's From.
        ['roberto.marchetti@uniesempio.example', await tokenOf(env, { userId: marco }, t.id), 'sender_not_verified'],
        ['marco.colombo@uniesempio.example', 'abcdefghijklmnopqrstuvwxyz', 'sender_not_verified'],
        ['sconosciuto@fuori.example', await tokenOf(env, { userId: marco }, t.id), 'unknown_sender'],
      ];
      for (const [from, token, reason] of cases) {
        const messageId = mid();
        await send({
          from,
          to: replyAddress(MAILBOX, token),
          subject: `Re: [Presidio ${t.number}] x`,
          messageId,
          inReplyTo: `<x.notice.rt-${token}@ateneo.example>`,
        });
        expect(await inbound(messageId), `${from} ${token}`).toMatchObject({ status: 'held', reason, ticket_id: null });
      }
      expect(await env.db.selectFrom('comments').select('id').where('ticket_id', 'in', [t.id, other.id]).execute()).toHaveLength(0);

      // A proven user without a role on the ticket (any more): held as not allowed.
      const sarah = await userId(env.db, 'requester.en');
      const messageId = mid();
      await send({
        from: 'sarah.mitchell@uniesempio.example',
        to: replyAddress(MAILBOX, await tokenOf(env, { userId: sarah }, t.id)),
        subject: `Re: [Presidio ${t.number}] x`,
        messageId,
      });
      expect(await inbound(messageId)).toMatchObject({ status: 'held', reason: 'sender_not_allowed' });
    });

    it('held, never dropped: unknown sender, known sender without a token, unknown ticket, new request, autoresponder', async () => {
      const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
      const cases: Array<[Partial<Mail.Options>, string]> = [
        [{ from: 'sconosciuto@fuori.example', subject: `Re: [Presidio ${t.number}] x` }, 'unknown_sender'],
        [{ from: 'sarah.mitchell@uniesempio.example', subject: `Re: [Presidio ${t.number}] x` }, 'sender_not_verified'],
        [{ from: 'marco.colombo@uniesempio.example', subject: `Re: [Presidio ${t.number}] x` }, 'sender_not_verified'],
        [{ from: 'marco.colombo@uniesempio.example', subject: 'Re: [Presidio 2026-999999] x' }, 'unknown_ticket'],
        [{ from: 'marco.colombo@uniesempio.example', subject: 'Guasto', text: 'La luce non va' }, 'sender_not_verified'],
        [
          {
            from: 'sconosciuto@fuori.example',
            subject: 'Guasto in MI-B01',
            attachments: [{ filename: 'a.jpg', content: Buffer.from('ffd8ffe000104a464946', 'hex') }],
          },
          'unknown_sender',
        ],
        [
          {
            from: 'marco.colombo@uniesempio.example',
            subject: `Fuori ufficio: [Presidio ${t.number}]`,
            headers: { 'Auto-Submitted': 'auto-replied' },
          },
          'auto_reply',
        ],
      ];
      for (const [m, reason] of cases) {
        const messageId = mid();
        await send({ ...m, messageId });
        expect(await inbound(messageId), `${m.subject} from ${m.from}`).toMatchObject({ status: 'held', reason, ticket_id: null });
      }
      expect(await env.db.selectFrom('comments').select('id').where('ticket_id', '=', t.id).execute()).toHaveLength(0);
    });

    it('the listener binds 127.0.0.1 by default, accepts only the service mailbox (and its plus forms) and refuses oversize mail', async () => {
      const dflt = (await startSmtpListener(env.app.ctx, silent, { port: 0 }))!;
      expect(dflt.host).toBe('127.0.0.1');
      await dflt.close();
      await expect(smtp.sendMail({ from: 'a@b.example', to: 'altro@ateneo.example', subject: 'x', text: 'x' })).rejects.toMatchObject({
        responseCode: 550,
      });
      await expect(
        smtp.sendMail({ from: 'a@b.example', to: 'manutenzione+x@altro.example', subject: 'x', text: 'x' }),
      ).rejects.toMatchObject({ responseCode: 550 });
      await expect(send({ from: 'a@b.example', to: 'manutenzione+qualcosa@ateneo.example', subject: 'x' })).resolves.toMatchObject({
        accepted: ['manutenzione+qualcosa@ateneo.example'],
      });
      const big = Buffer.alloc(env.config.mail.inMaxBytes + 1024, 0x41);
      await expect(
        send({ from: 'a@b.example', subject: 'grande', attachments: [{ filename: 'big.bin', content: big }] }),
      ).rejects.toMatchObject({ responseCode: 552 });
    });

    it('call center: lists held messages, opens a ticket from one, attaches one, discards one; versions checked', async () => {
      const cc = await env.login('callcenter');
      const held = async (from: string, subject: string, extra: Partial<Mail.Options> = {}) => {
        const messageId = mid();
        await send({ from: `Visitatore <${from}>`, subject, text: 'Porta del laboratorio bloccata', messageId, ...extra });
        return inbound(messageId);
      };
      const a = await held('visitatore@fuori.example', 'Porta bloccata', { attachments: [{ filename: 'porta.png', content: PNG }] });
      const b = await held('fornitore@fuori.example', 'Sollecito fattura');
      const c = await held('spam@fuori.example', 'Offerta imperdibile');

      const list = await cc.get('/api/inbound-messages?status=held&limit=200');
      expect(list.statusCode).toBe(200);
      const ids = list.json().items.map((i: { id: string }) => i.id);
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
      const itemA = list.json().items.find((i: { id: string }) => i.id === a.id);
      expect(itemA).toMatchObject({
        reason: 'unknown_sender',
        version: 1,
        attachments: [{ filename: 'porta.png', contentType: 'image/png' }],
      });

      const building = await buildingId(env.db, 'MI-B03');
      const stale = await cc.post(`/api/inbound-messages/${a.id}/actions/open-ticket`, { version: 7, buildingId: building });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current).toMatchObject({ status: 'held', version: 1 });

      const opened = await cc.post(`/api/inbound-messages/${a.id}/actions/open-ticket`, {
        version: 1,
        buildingId: building,
        language: 'en',
      });
      expect(opened.statusCode).toBe(200);
      expect(opened.json()).toMatchObject({ status: 'ticket_opened', version: 2, ticketNumber: expect.stringMatching(/^\d{4}-\d{6}$/) });
      const t = await env.db.selectFrom('tickets').selectAll().where('id', '=', opened.json().ticketId).executeTakeFirstOrThrow();
      expect(t).toMatchObject({
        channel: 'email',
        caller_email: 'visitatore@fuori.example',
        caller_name: 'Visitatore',
        requester_id: null,
        language: 'en',
        building_id: building,
      });
      const att = await env.db.selectFrom('attachments').select(['ticket_id']).where('inbound_message_id', '=', a.id).execute();
      expect(att).toEqual([{ ticket_id: t.id }]);
      const notice = await env.db
        .selectFrom('outbox')
        .selectAll()
        .where('ticket_id', '=', t.id)
        .where('to_address', '=', 'visitatore@fuori.example')
        .executeTakeFirstOrThrow();
      expect(notice.subject).toBe(`[Presidio ${t.number}] Request opened: Porta bloccata`);
      // Done once: a second attempt at the new version finds it no longer held.
      expect((await cc.post(`/api/inbound-messages/${a.id}/actions/open-ticket`, { version: 2, buildingId: building })).statusCode).toBe(
        409,
      );

      expect((await cc.post(`/api/inbound-messages/${b.id}/actions/attach`, { version: 1, ticketNumber: '2026-999999' })).statusCode).toBe(
        422,
      );
      const attached = await cc.post(`/api/inbound-messages/${b.id}/actions/attach`, { version: 1, ticketNumber: t.number });
      expect(attached.statusCode).toBe(200);
      expect(attached.json()).toMatchObject({ status: 'comment_added', ticketId: t.id });
      const comment = await env.db.selectFrom('comments').selectAll().where('ticket_id', '=', t.id).executeTakeFirstOrThrow();
      // Posted by the operator on behalf of the e-mail, not in the name of its unproven From.
      expect(comment).toMatchObject({
        source: 'email',
        visibility: 'public',
        body: 'Porta del laboratorio bloccata',
        author_id: await userId(env.db, 'callcenter'),
      });

      const discarded = await cc.post(`/api/inbound-messages/${c.id}/actions/discard`, { version: 1, reason: 'spam' });
      expect(discarded.json()).toMatchObject({ status: 'discarded', reason: 'spam', handledById: expect.any(String) });
      expect((await cc.get(`/api/inbound-messages/${c.id}`)).json().status).toBe('discarded');
      expect((await cc.get('/api/inbound-messages?status=held&limit=200')).json().items.map((i: { id: string }) => i.id)).not.toContain(
        c.id,
      );

      const requester = await env.login('richiedente');
      expect((await requester.get('/api/inbound-messages')).statusCode).toBe(403);
      expect((await requester.post(`/api/inbound-messages/${b.id}/actions/discard`, { version: 2, reason: 'x' })).statusCode).toBe(403);
      expect((await cc.post(`/api/inbound-messages/${c.id}/actions/discard`, { version: 1, reason: '' })).statusCode).toBe(400);
    });

    it('MAIL_IN_SMTP_USER/PASSWORD: MAIL FROM without AUTH is refused, wrong credentials too; MAIL_IN_SMTP_ALLOW refuses other clients', async () => {
      const ctx = (mail: Partial<TestEnv['config']['mail']>) => ({
        ...env.app.ctx,
        config: { ...env.app.ctx.config, mail: { ...env.app.ctx.config.mail, ...mail } },
      });
      const authed = (await startSmtpListener(ctx({ inSmtpUser: 'relay', inSmtpPassword: 'relay-s3cret' }), silent, { port: 0 }))!;
      const client = (auth?: { user: string; pass: string }) =>
        nodemailer.createTransport({ host: '127.0.0.1', port: authed.port, secure: false, ignoreTLS: true, ...(auth ? { auth } : {}) });
      const msg = () => ({ from: 'a@b.example', to: MAILBOX, subject: 'auth', text: 'x', messageId: mid() });
      try {
        await expect(client().sendMail(msg())).rejects.toMatchObject({ responseCode: 530 });
        await expect(client({ user: 'relay', pass: 'sbagliata' }).sendMail(msg())).rejects.toMatchObject({ responseCode: 535 });
        const ok = msg();
        await client({ user: 'relay', pass: 'relay-s3cret' }).sendMail(ok);
        expect(await inbound(ok.messageId)).toMatchObject({ status: 'held' });
      } finally {
        await authed.close();
      }

      const closed = (await startSmtpListener(ctx({ inSmtpAllow: ['10.0.0.0/8', '::1'] }), silent, { port: 0 }))!;
      const open = (await startSmtpListener(ctx({ inSmtpAllow: ['192.168.0.0/16', '127.0.0.1'] }), silent, { port: 0 }))!;
      try {
        const to = (port: number) => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
        await expect(to(closed.port).sendMail(msg())).rejects.toMatchObject({ responseCode: 554 });
        await expect(to(open.port).sendMail(msg())).resolves.toMatchObject({ accepted: [MAILBOX] });
      } finally {
        await closed.close();
        await open.close();
      }
    });

    it('intake without a Message-ID still takes a message once', async () => {
      const raw = Buffer.from('From: sconosciuto@fuori.example\r\nTo: manutenzione@ateneo.example\r\nSubject: senza id\r\n\r\nciao\r\n');
      const one = await intakeMessage(env.app.ctx, raw, { via: 'smtp' });
      const two = await intakeMessage(env.app.ctx, raw, { via: 'smtp' });
      expect(one.duplicate).toBe(false);
      expect(two).toMatchObject({ duplicate: true, id: one.id });
    });
  },
  { env: { MAIL_IN_ADDRESS: MAILBOX, ATTACHMENTS_DIR: attachmentsDir, MAIL_IN_MAX_MB: '1' } },
);
