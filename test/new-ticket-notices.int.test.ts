// #9 item 2: a new ticket reaches the managers of its building (notice 1, e-mail over real SMTP and
// in-app), as the building asks — all (default) / danger only / none — from every channel (web
// form, call center, e-mail). Only that building's managers, each in their own language; a danger to
// people reaches them whatever the setting.
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb, type TestEnv } from './helpers/app.ts';
import { buildingId, userId } from './helpers/notice-fixtures.ts';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.ts';
import { createOutboxSender } from '../src/server/jobs/outbox-sender.ts';
import { intakeMessage } from '../src/server/modules/mail-in/intake.ts';
import { openNotices } from '../src/server/modules/tickets/tickets.service.ts';

const silent = { info() {}, warn() {}, error() {} };
const GALLI = 'alessandro.galli@uniesempio.example'; // bm.centrale, Italian, manager of MI-B01
const FONTANA = 'chiara.fontana@uniesempio.example'; // bm.deib, made English and second manager of MI-B01 here
const MORETTI = 'stefano.moretti@uniesempio.example'; // bm.dmec: not a manager of MI-B01
const MAILBOX = 'manutenzione@ateneo.example';

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp?.close();
});
beforeEach(() => smtp.clear());

/** Sends what is pending through the real outbox sender; the messages that arrived for `ticketNumber`. */
async function deliver(env: TestEnv, ticketNumber: string) {
  const sender = createOutboxSender({
    db: env.db,
    mail: { ...env.config.mail, smtpUrl: smtp.url, from: 'Presidio <presidio@ateneo.example>' },
    now: () => env.clock.now,
    log: silent,
  });
  try {
    await sender.runOnce();
  } finally {
    sender.close();
  }
  return smtp.messages.filter((m) => m.parsed.subject?.includes(ticketNumber));
}

const managerMail = (msgs: Awaited<ReturnType<typeof deliver>>) =>
  msgs
    .filter((m) => [GALLI, FONTANA, MORETTI].includes(m.envelopeTo[0]))
    .map((m) => ({ to: m.envelopeTo[0], subject: m.parsed.subject, text: m.parsed.text ?? '' }))
    .sort((a, b) => a.to.localeCompare(b.to));

async function managerNotifications(env: TestEnv, ticketId: string) {
  const ids = await Promise.all(['bm.centrale', 'bm.deib', 'bm.dmec'].map((u) => userId(env.db, u)));
  const rows = await env.db
    .selectFrom('notifications')
    .select(['user_id', 'kind', 'title'])
    .where('ticket_id', '=', ticketId)
    .where('user_id', 'in', ids)
    .execute();
  return rows
    .map((r) => ({ user: ['bm.centrale', 'bm.deib', 'bm.dmec'][ids.indexOf(r.user_id)], kind: r.kind, title: r.title }))
    .sort((a, b) => a.user.localeCompare(b.user));
}

describeEachDb(
  "new tickets reach the building's managers as the building asks",
  (env) => {
    let building = '';
    let buildingVersion = 0;

    async function setting(value: 'all' | 'danger' | 'none') {
      const admin = await env.login('admin');
      const res = await admin.patch(`/api/buildings/${building}`, { version: buildingVersion, newTicketNotices: value });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().newTicketNotices).toBe(value);
      buildingVersion = res.json().version;
    }

    beforeAll(async () => {
      building = await buildingId(env.db, 'MI-B01');
      await env.db.updateTable('users').set({ language: 'en' }).where('username', '=', 'bm.deib').execute();
      const admin = await env.login('admin');
      const current = (await admin.get(`/api/buildings/${building}`)).json();
      // A new building's default, and the demo's: every new ticket.
      expect(current.newTicketNotices).toBe('all');
      const res = await admin.patch(`/api/buildings/${building}`, {
        version: current.version,
        managerIds: [await userId(env.db, 'bm.centrale'), await userId(env.db, 'bm.deib')],
      });
      expect(res.statusCode, res.body).toBe(200);
      buildingVersion = res.json().version;
    });

    it('the setting is validated and kept on the building', async () => {
      const admin = await env.login('admin');
      const bad = await admin.patch(`/api/buildings/${building}`, { version: buildingVersion, newTicketNotices: 'some' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('newTicketNotices');
      expect((await admin.get(`/api/buildings/${building}`)).json().newTicketNotices).toBe('all');
    });

    it('all (default): web form, phone and e-mail tickets reach both managers of the building, each in their language, e-mail and in-app', async () => {
      await setting('all');
      const requester = await env.login('richiedente');
      const web = await requester.post('/api/tickets', { buildingId: building, description: 'Tapparella rotta in aula 3' });
      expect(web.statusCode, web.body).toBe(201);

      const cc = await env.login('callcenter');
      const phone = await cc.post('/api/tickets', {
        buildingId: building,
        description: 'Luce del corridoio spenta',
        callerName: 'Mario Bianchi',
        callerPhone: '+39 02 1234',
      });
      expect(phone.statusCode, phone.body).toBe(201);

      const raw = Buffer.from(
        `From: Ospite <ospite@fuori.example>\r\nTo: ${MAILBOX}\r\nSubject: Porta che non chiude\r\nMessage-ID: <new-ticket-bm.${env.dialect}@fuori.example>\r\n\r\nLa porta dell'aula 5 non chiude.\r\n`,
      );
      const held = await intakeMessage(env.app.ctx, raw, { via: 'smtp' });
      expect(held.status).toBe('held');
      const viaMail = await cc.post(`/api/inbound-messages/${held.id}/actions/open-ticket`, { version: 1, buildingId: building });
      expect(viaMail.statusCode, viaMail.body).toBe(200);

      for (const [id, number] of [
        [web.json().id, web.json().number],
        [phone.json().id, phone.json().number],
        [viaMail.json().ticketId, viaMail.json().ticketNumber],
      ]) {
        const mails = managerMail(await deliver(env, number));
        expect(mails.map((m) => m.to)).toEqual([GALLI, FONTANA].sort());
        const it_ = mails.find((m) => m.to === GALLI)!;
        const en = mails.find((m) => m.to === FONTANA)!;
        expect(it_.subject).toMatch(new RegExp(`^\\[Presidio ${number}\\] Nuova segnalazione: `));
        expect(it_.text).toContain(`è stata aperta la segnalazione ${number} in un edificio di tua competenza (MI-B01`);
        expect(en.subject).toMatch(new RegExp(`^\\[Presidio ${number}\\] New request: `));
        expect(en.text).toContain(`request ${number} has been opened in a building in your competence (MI-B01`);
        expect(en.text).toContain(`/tickets/${id}`);
        expect(await managerNotifications(env, id)).toEqual([
          { user: 'bm.centrale', kind: 'ticket_opened', title: expect.stringMatching(/^Nuova segnalazione: /) },
          { user: 'bm.deib', kind: 'ticket_opened', title: expect.stringMatching(/^New request: /) },
        ]);
      }
    });

    it('danger only: an ordinary ticket does not reach them, a danger does', async () => {
      await setting('danger');
      const requester = await env.login('richiedente');
      const ordinary = (await requester.post('/api/tickets', { buildingId: building, description: 'Rubinetto che gocciola' })).json();
      const danger = (
        await requester.post('/api/tickets', { buildingId: building, description: 'Cavi scoperti in corridoio', danger: true })
      ).json();
      const ordinaryMail = await deliver(env, ordinary.number);
      expect(managerMail(ordinaryMail)).toEqual([]);
      expect(await managerNotifications(env, ordinary.id)).toEqual([]);
      // The requester and the call center still get notice 1.
      expect(ordinaryMail.map((m) => m.envelopeTo[0]).sort()).toEqual([
        'giulia.rinaldi@uniesempio.example',
        'marco.colombo@uniesempio.example',
      ]);
      expect(managerMail(await deliver(env, danger.number)).map((m) => m.to)).toEqual([GALLI, FONTANA].sort());
      expect((await managerNotifications(env, danger.id)).map((n) => n.user)).toEqual(['bm.centrale', 'bm.deib']);
    });

    it('none: nothing for ordinary tickets from any channel; a danger to people still reaches them', async () => {
      await setting('none');
      const requester = await env.login('richiedente');
      const cc = await env.login('callcenter');
      const web = (await requester.post('/api/tickets', { buildingId: building, description: 'Sedia rotta' })).json();
      const phone = (
        await cc.post('/api/tickets', { buildingId: building, description: 'Finestra bloccata', callerName: 'Anna Verdi' })
      ).json();
      for (const t of [web, phone]) {
        const all = await deliver(env, t.number);
        expect(managerMail(all)).toEqual([]);
        // Notice 1 still goes to the requester and the call center (the operator who typed it in is left out).
        expect(all.map((m) => m.envelopeTo[0]).sort()).toEqual(
          t === web ? ['giulia.rinaldi@uniesempio.example', 'marco.colombo@uniesempio.example'] : [],
        );
        expect(await managerNotifications(env, t.id)).toEqual([]);
      }
      const danger = (
        await cc.post('/api/tickets', {
          buildingId: building,
          description: 'Fumo dal quadro elettrico',
          callerName: 'Anna Verdi',
          danger: true,
        })
      ).json();
      expect(managerMail(await deliver(env, danger.number)).map((m) => m.to)).toEqual([GALLI, FONTANA].sort());
      expect((await managerNotifications(env, danger.id)).map((n) => n.user)).toEqual(['bm.centrale', 'bm.deib']);
      await setting('all');
    });

    it('a manager who opens a ticket in their own building gets it once, as its requester; the other manager as a manager', async () => {
      const galli = await env.login('bm.centrale');
      const t = (await galli.post('/api/tickets', { buildingId: building, description: 'Serratura della porta rotta' })).json();
      const mails = managerMail(await deliver(env, t.number));
      expect(mails.map((m) => m.to)).toEqual([GALLI, FONTANA].sort());
      expect(mails.find((m) => m.to === GALLI)!.subject).toContain('Segnalazione aperta: ');
      expect(mails.find((m) => m.to === FONTANA)!.subject).toContain('New request: ');
    });

    it('a danger raised by the call center while triaging reaches the managers once, whatever the setting; later edits do not', async () => {
      await setting('none');
      const cc = await env.login('callcenter');
      const t = (
        await cc.post('/api/tickets', { buildingId: building, description: 'Odore di gas in aula 2', callerName: 'Anna Verdi' })
      ).json();
      expect(managerMail(await deliver(env, t.number))).toEqual([]);
      const patch = async (version: number, body: Record<string, unknown>) => {
        const res = await cc.patch(`/api/tickets/${t.id}`, { version, ...body });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().version as number;
      };
      let v = await patch(t.version, { danger: true });
      const mails = managerMail(await deliver(env, t.number));
      expect(mails.map((m) => m.to)).toEqual([GALLI, FONTANA].sort());
      expect(mails.find((m) => m.to === GALLI)!.subject).toMatch(new RegExp(`^\\[Presidio ${t.number}\\] Pericolo per le persone: `));
      expect(mails.find((m) => m.to === GALLI)!.text).toContain(`la segnalazione ${t.number} in un edificio di tua competenza (MI-B01`);
      expect(mails.find((m) => m.to === FONTANA)!.subject).toMatch(/Danger to people: /);
      expect(await managerNotifications(env, t.id)).toEqual([
        { user: 'bm.centrale', kind: 'ticket_opened', title: expect.stringMatching(/^Pericolo per le persone: /) },
        { user: 'bm.deib', kind: 'ticket_opened', title: expect.stringMatching(/^Danger to people: /) },
      ]);

      // Later edits, and the flag cleared and raised again, tell them nothing new.
      v = await patch(v, { subject: 'Odore di gas in aula 2, piano terra' });
      v = await patch(v, { danger: false });
      await patch(v, { danger: true });
      smtp.clear();
      expect(managerMail(await deliver(env, t.number))).toEqual([]);
      expect(await managerNotifications(env, t.id)).toHaveLength(2);

      // A ticket opened as a danger was announced at opening: raising it again in triage is no news either.
      const d = (
        await cc.post('/api/tickets', { buildingId: building, description: 'Cavi scoperti', callerName: 'Anna Verdi', danger: true })
      ).json();
      expect(managerMail(await deliver(env, d.number))).toHaveLength(2);
      const v2 = await (async () => {
        const res = await cc.patch(`/api/tickets/${d.id}`, { version: d.version, danger: false });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().version as number;
      })();
      expect((await cc.patch(`/api/tickets/${d.id}`, { version: v2, danger: true })).statusCode).toBe(200);
      smtp.clear();
      expect(managerMail(await deliver(env, d.number))).toEqual([]);
      await setting('all');
    });
  },
  { env: { MAIL_IN_ADDRESS: MAILBOX, ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-new-ticket-${process.pid}`) } },
);

it('openNotices: the building managers by setting, a danger always', () => {
  const bm = (danger: boolean, s: string | null) => openNotices(danger, s)[0].to.includes('building_managers');
  expect([bm(false, 'all'), bm(false, null), bm(false, 'danger'), bm(false, 'none')]).toEqual([true, true, false, false]);
  expect([bm(true, 'all'), bm(true, 'danger'), bm(true, 'none')]).toEqual([true, true, true]);
});
