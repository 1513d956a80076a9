// E-mail in through the built-in SMTP listener (real SMTP, sent with nodemailer), the intake
// rules, and the call center's API for held messages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { describeEachDb } from './helpers/app.ts';
import { buildingId, makeTicket } from './helpers/notice-fixtures.ts';
import { startSmtpListener, type SmtpListener } from '../src/server/modules/mail-in/smtp-listener.ts';
import { intakeMessage } from '../src/server/modules/mail-in/intake.ts';

const MAILBOX = 'manutenzione@ateneo.example';
const attachmentsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'presidio-mail-in-'));
const silent = { info() {}, warn() {}, error() {} };

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6b0e30000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.from('4d5a90000300000004000000ffff0000', 'hex');

let seq = 0;
const mid = () => `<test.${Date.now()}.${++seq}@client.example>`;

describeEachDb('e-mail in over SMTP', (env) => {
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
  const inbound = (messageId: string) => env.db.selectFrom('inbound_messages').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();

  it('a known sender naming a building opens a ticket: channel e-mail, attachments kept, notice 1 queued', async () => {
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
    expect(m).toMatchObject({ status: 'ticket_opened', via: 'smtp', reason: null, from_address: 'Marco.Colombo@uniesempio.example' });
    const t = await env.db.selectFrom('tickets').selectAll().where('id', '=', m.ticket_id!).executeTakeFirstOrThrow();
    expect(t.channel).toBe('email');
    expect(t.building_id).toBe(await buildingId(env.db, 'MI-B02'));
    expect(t.subject).toBe('Lavandino rotto');
    expect(t.description).toContain('il lavandino perde');
    expect(t.description).toContain('[Allegato dell\'e-mail non accettato: setup.exe');
    const requester = await env.db.selectFrom('users').select('username').where('id', '=', t.requester_id!).executeTakeFirstOrThrow();
    expect(requester.username).toBe('richiedente');
    const atts = await env.db.selectFrom('attachments').selectAll().where('inbound_message_id', '=', m.id).execute();
    expect(atts.map((a) => [a.filename, a.content_type, a.ticket_id, a.kind])).toEqual([['foto.png', 'image/png', t.id, 'photo']]);
    const notice = await env.db.selectFrom('outbox').selectAll().where('ticket_id', '=', t.id).where('to_address', '=', 'marco.colombo@uniesempio.example').executeTakeFirstOrThrow();
    expect(notice.subject).toBe(`[Presidio ${t.number}] Segnalazione aperta: Lavandino rotto`);

    // The same message again (a resend, or a second instance): taken once.
    await send({ from: 'marco.colombo@uniesempio.example', subject: 'Lavandino rotto', text: 'MI-B02', messageId });
    expect(await env.db.selectFrom('tickets').select('id').where('subject', '=', 'Lavandino rotto').execute()).toHaveLength(1);
  });

  it('a reply carrying the ticket number becomes a public comment, quote cut, attachments on the comment', async () => {
    const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
    const messageId = mid();
    await send({
      from: 'marco.colombo@uniesempio.example',
      subject: `R: [Presidio ${t.number}] Segnalazione aperta: Perdita dal soffitto`,
      text: `Gocciola ancora, allego il verbale.\n\nIl giorno mar 10 mar 2026 Presidio <presidio@localhost> ha scritto:\n> Gentile Marco Colombo,\n> la tua segnalazione`,
      messageId,
      attachments: [{ filename: 'verbale.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    const m = await inbound(messageId);
    expect(m).toMatchObject({ status: 'comment_added', ticket_id: t.id });
    const c = await env.db.selectFrom('comments').selectAll().where('ticket_id', '=', t.id).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ visibility: 'public', source: 'email', body: 'Gocciola ancora, allego il verbale.' });
    expect(c.author_label).toContain('marco.colombo@uniesempio.example');
    const atts = await env.db.selectFrom('attachments').selectAll().where('inbound_message_id', '=', m.id).execute();
    expect(atts.map((a) => [a.filename, a.ticket_id, a.comment_id])).toEqual([['verbale.pdf', t.id, c.id]]);

    // A bare number works too; so does a phone ticket's caller writing from the address on it.
    const phone = await makeTicket(env.db, { at: env.clock.now, requester: null, callerEmail: 'ospite@altro.example', callerName: 'Ospite' });
    const m2 = mid();
    await send({ from: 'OSPITE@altro.example', subject: `pratica ${phone.number}`, text: 'Ci sono novità?', messageId: m2 });
    expect(await inbound(m2)).toMatchObject({ status: 'comment_added', ticket_id: phone.id });
  });

  it('held, never dropped: unknown sender, sender without a role on the ticket, unknown ticket, no building, autoresponder', async () => {
    const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
    const cases: Array<[Partial<Mail.Options>, string]> = [
      [{ from: 'sconosciuto@fuori.example', subject: `Re: [Presidio ${t.number}] x` }, 'unknown_sender'],
      [{ from: 'sarah.mitchell@uniesempio.example', subject: `Re: [Presidio ${t.number}] x` }, 'sender_not_allowed'],
      [{ from: 'marco.colombo@uniesempio.example', subject: 'Re: [Presidio 2026-999999] x' }, 'unknown_ticket'],
      [{ from: 'marco.colombo@uniesempio.example', subject: 'Guasto', text: 'La luce non va' }, 'needs_building'],
      [{ from: 'marco.colombo@uniesempio.example', subject: 'Guasto', text: 'MI-B01 o MI-B02?' }, 'needs_building'],
      [{ from: 'sconosciuto@fuori.example', subject: 'Guasto in MI-B01', attachments: [{ filename: 'a.jpg', content: Buffer.from('ffd8ffe000104a464946', 'hex') }] }, 'unknown_sender'],
      [{ from: 'marco.colombo@uniesempio.example', subject: `Fuori ufficio: [Presidio ${t.number}]`, headers: { 'Auto-Submitted': 'auto-replied' } }, 'auto_reply'],
    ];
    for (const [m, reason] of cases) {
      const messageId = mid();
      await send({ ...m, messageId });
      expect(await inbound(messageId), `${m.subject} from ${m.from}`).toMatchObject({ status: 'held', reason, ticket_id: null });
    }
    expect(await env.db.selectFrom('comments').select('id').where('ticket_id', '=', t.id).execute()).toHaveLength(0);
  });

  it('the listener accepts only the service mailbox and refuses oversize mail', async () => {
    await expect(smtp.sendMail({ from: 'a@b.example', to: 'altro@ateneo.example', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    const big = Buffer.alloc(env.config.mail.inMaxBytes + 1024, 0x41);
    await expect(send({ from: 'a@b.example', subject: 'grande', attachments: [{ filename: 'big.bin', content: big }] })).rejects.toMatchObject({ responseCode: 552 });
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
    expect(itemA).toMatchObject({ reason: 'unknown_sender', version: 1, attachments: [{ filename: 'porta.png', contentType: 'image/png' }] });

    const building = await buildingId(env.db, 'MI-B03');
    const stale = await cc.post(`/api/inbound-messages/${a.id}/actions/open-ticket`, { version: 7, buildingId: building });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ status: 'held', version: 1 });

    const opened = await cc.post(`/api/inbound-messages/${a.id}/actions/open-ticket`, { version: 1, buildingId: building, language: 'en' });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ status: 'ticket_opened', version: 2, ticketNumber: expect.stringMatching(/^\d{4}-\d{6}$/) });
    const t = await env.db.selectFrom('tickets').selectAll().where('id', '=', opened.json().ticketId).executeTakeFirstOrThrow();
    expect(t).toMatchObject({ channel: 'email', caller_email: 'visitatore@fuori.example', caller_name: 'Visitatore', requester_id: null, language: 'en', building_id: building });
    const att = await env.db.selectFrom('attachments').select(['ticket_id']).where('inbound_message_id', '=', a.id).execute();
    expect(att).toEqual([{ ticket_id: t.id }]);
    const notice = await env.db.selectFrom('outbox').selectAll().where('ticket_id', '=', t.id).where('to_address', '=', 'visitatore@fuori.example').executeTakeFirstOrThrow();
    expect(notice.subject).toBe(`[Presidio ${t.number}] Request opened: Porta bloccata`);
    // Done once: a second attempt at the new version finds it no longer held.
    expect((await cc.post(`/api/inbound-messages/${a.id}/actions/open-ticket`, { version: 2, buildingId: building })).statusCode).toBe(409);

    expect((await cc.post(`/api/inbound-messages/${b.id}/actions/attach`, { version: 1, ticketNumber: '2026-999999' })).statusCode).toBe(422);
    const attached = await cc.post(`/api/inbound-messages/${b.id}/actions/attach`, { version: 1, ticketNumber: t.number });
    expect(attached.statusCode).toBe(200);
    expect(attached.json()).toMatchObject({ status: 'comment_added', ticketId: t.id });
    const comment = await env.db.selectFrom('comments').selectAll().where('ticket_id', '=', t.id).executeTakeFirstOrThrow();
    expect(comment).toMatchObject({ source: 'email', visibility: 'public', body: 'Porta del laboratorio bloccata' });

    const discarded = await cc.post(`/api/inbound-messages/${c.id}/actions/discard`, { version: 1, reason: 'spam' });
    expect(discarded.json()).toMatchObject({ status: 'discarded', reason: 'spam', handledById: expect.any(String) });
    expect((await cc.get(`/api/inbound-messages/${c.id}`)).json().status).toBe('discarded');
    expect((await cc.get('/api/inbound-messages?status=held&limit=200')).json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);

    const requester = await env.login('richiedente');
    expect((await requester.get('/api/inbound-messages')).statusCode).toBe(403);
    expect((await requester.post(`/api/inbound-messages/${b.id}/actions/discard`, { version: 2, reason: 'x' })).statusCode).toBe(403);
    expect((await cc.post(`/api/inbound-messages/${c.id}/actions/discard`, { version: 1, reason: '' })).statusCode).toBe(400);
  });

  it('intake without a Message-ID still takes a message once', async () => {
    const raw = Buffer.from('From: sconosciuto@fuori.example\r\nTo: manutenzione@ateneo.example\r\nSubject: senza id\r\n\r\nciao\r\n');
    const one = await intakeMessage(env.app.ctx, raw, { via: 'smtp' });
    const two = await intakeMessage(env.app.ctx, raw, { via: 'smtp' });
    expect(one.duplicate).toBe(false);
    expect(two).toMatchObject({ duplicate: true, id: one.id });
  });
}, { env: { MAIL_IN_ADDRESS: MAILBOX, ATTACHMENTS_DIR: attachmentsDir, MAIL_IN_MAX_MB: '1' } });

