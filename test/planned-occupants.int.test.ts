// Planned dates to the occupants' contacts (#8), on both engines, over real SMTP: a building with
// notify_occupants_planned off tells only its managers and the call center; switched on in the
// registry, the new date also reaches the active users of the departments occupying it, each once
// and in their own language, with no link to the planned ticket (not theirs to open).
import { afterAll, beforeAll, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { describeEachDb, type Client } from './helpers/app.ts';
import { MAIL, move, ok } from './fixtures/workflow/workflow.ts';
import { makePlannedWorkOrder, type PlannedFixture } from './helpers/planned.ts';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.ts';
import { createOutboxSender } from '../src/server/jobs/outbox-sender.ts';

const QUIET = { info() {}, warn() {}, error() {} };
const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-planned-occupants-${process.pid}`);
let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp?.close();
});

describeEachDb(
  "planned dates to the occupants' contacts",
  (env) => {
    let admin: Client, ter: Client;
    let p: PlannedFixture;
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };
    const deliver = async () => {
      smtp.clear();
      const sender = createOutboxSender({
        db: env.db,
        mail: { ...env.config.mail, smtpUrl: smtp.url, from: 'Presidio <presidio@ateneo.example>' },
        now: () => env.clock.now,
        log: QUIET,
        attachmentsDir: ATTACHMENTS_DIR,
      });
      await sender.runOnce();
      sender.close();
      return smtp.messages;
    };
    const to = (msgs: SmtpCapture['messages'], kind: string) =>
      msgs
        .filter((m) => m.header('x-presidio-kind') === kind)
        .flatMap((m) => m.envelopeTo)
        .sort();

    it('off (the default): the date goes to the managers and the call center only', async () => {
      at('2026-03-10T09:00:00Z');
      [admin, ter] = await Promise.all(['admin', 'ditta.termica'].map((u) => env.login(u)));
      p = await makePlannedWorkOrder(env.db, { at: env.clock.now, dueOn: '2026-03-20' });
      await deliver();
      await move(ter, 'work-orders', p.workOrderId, 'schedule', { scheduledAt: '2026-03-18T08:00:00Z' });
      const sent = to(await deliver(), 'planned_date');
      expect(sent).toContain(MAIL.bmCentrale);
      expect(sent).toContain(MAIL.callcenter);
      expect(sent).not.toContain(MAIL.richiedente);
      expect(sent).not.toContain(MAIL.requesterEn);
    });

    it('on: the new date also reaches the occupants, each in their language, once, without a link', async () => {
      at('2026-03-11T09:00:00Z');
      const users = await env.db
        .selectFrom('users')
        .select(['username', 'department_id'])
        .where('username', 'in', ['richiedente', 'requester.en'])
        .execute();
      const depts = [...new Set(users.map((u) => u.department_id!))];
      const b = ok(await admin.get(`/api/buildings/${p.buildingId}`));
      expect(b.notifyOccupantsPlanned).toBe(false);
      const share = depts.length === 1 ? [100] : [50, 50];
      const patched = ok(
        await admin.patch(`/api/buildings/${p.buildingId}`, {
          version: b.version,
          notifyOccupantsPlanned: true,
          occupancies: depts.map((departmentId, i) => ({ departmentId, sharePercent: share[i] })),
        }),
      );
      expect(patched.notifyOccupantsPlanned).toBe(true);

      await move(ter, 'work-orders', p.workOrderId, 'reschedule', { scheduledAt: '2026-03-19T08:00:00Z', reason: 'Tecnico malato' });
      const msgs = (await deliver()).filter((m) => m.header('x-presidio-kind') === 'planned_new_date');
      const sent = msgs.flatMap((m) => m.envelopeTo).sort();
      expect(sent).toEqual([...new Set(sent)]); // each once
      expect(sent).toEqual(expect.arrayContaining([MAIL.bmCentrale, MAIL.callcenter, MAIL.richiedente, MAIL.requesterEn]));
      const mailTo = (addr: string) => msgs.find((m) => m.envelopeTo.includes(addr))!;
      expect(mailTo(MAIL.requesterEn).header('content-language')).toBe('en');
      expect(mailTo(MAIL.requesterEn).parsed.subject).toContain('New date for planned work');
      expect(mailTo(MAIL.richiedente).header('content-language')).toBe('it');
      expect(mailTo(MAIL.richiedente).parsed.subject).toContain("Nuova data per l'intervento programmato");
      expect(mailTo(MAIL.richiedente).parsed.text).not.toContain(`/tickets/${p.ticketId}`);

      // Waiting for materials: the occupants too.
      await move(ter, 'work-orders', p.workOrderId, 'wait_materials', { expectedOn: '2026-03-25' });
      expect(to(await deliver(), 'planned_waiting_materials')).toEqual(expect.arrayContaining([MAIL.richiedente, MAIL.requesterEn]));

      // Switched off again: nobody among the occupants.
      const again = ok(await admin.get(`/api/buildings/${p.buildingId}`));
      ok(await admin.patch(`/api/buildings/${p.buildingId}`, { version: again.version, notifyOccupantsPlanned: false }));
      await move(ter, 'work-orders', p.workOrderId, 'resume', { scheduledAt: '2026-03-26T08:00:00Z' });
      const last = to(await deliver(), 'planned_new_date');
      expect(last).toContain(MAIL.bmCentrale);
      expect(last.filter((a) => a === MAIL.richiedente || a === MAIL.requesterEn)).toEqual([]);
    });

    it('the registry import sets it through the optional notify_occupants column', async () => {
      const b = await env.db
        .selectFrom('buildings as b')
        .innerJoin('sites as s', 's.id', 'b.site_id')
        .select(['b.code', 'b.name', 'b.address', 's.code as site'])
        .where('b.id', '=', p.buildingId)
        .executeTakeFirstOrThrow();
      const csv = `site_code;code;name;address;competence;notify_occupants\n${b.site};${b.code};${b.name};${b.address};central;sì\n`;
      const boundary = '----presidiooccupants';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="edifici.csv"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        Buffer.from(csv),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await admin.request('POST', '/api/imports/buildings', body, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ updated: 1, unchanged: 0 }); // the setting was off: a change
      expect(ok(await admin.get(`/api/buildings/${p.buildingId}`)).notifyOccupantsPlanned).toBe(true);
    });
  },
  { env: { ATTACHMENTS_DIR, SESSION_TTL_HOURS: '720' } },
);
