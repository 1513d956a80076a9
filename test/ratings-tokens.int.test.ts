// #7 item 10: the rating link is a credential. It is stored only as its sha256, never written to
// the request log, and the sent notice that carried it loses its bodies after OUTBOX_RETENTION_DAYS.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, type Client, type TestEnv } from './helpers/app.ts';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.ts';
import { move, openTicket, ratingToken, refs } from './fixtures/workflow/workflow.ts';
import { buildApp } from '../src/server/app.ts';
import { ConfigError, loadConfig } from '../src/server/config.ts';
import { createOutboxSender } from '../src/server/jobs/outbox-sender.ts';
import { REDACTED_BODY_HTML, REDACTED_BODY_TEXT } from '../src/server/jobs/outbox-retention.ts';

const DIR = path.join(os.tmpdir(), `presidio-rating-tokens-${process.pid}`);
const DAY = 86_400_000;

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp?.close();
});

/** A ticket taken to closed (emergency work straight away), returning its id and rating token. */
async function closedTicket(env: TestEnv, c: Record<'requester' | 'bm' | 'ele' | 'cc', Client>) {
  const r = await refs(env);
  const t = await openTicket(c.requester, { buildingId: await r.building('MI-B01'), description: 'Presa in corto' });
  const w = (await move(c.bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'emergency', description: 'x' }))
    .workOrders[0];
  for (const [a, f] of [
    ['acknowledge', {}],
    ['start_work', {}],
    ['complete', { report: 'ok', hours: 1 }],
  ] as const)
    await move(c.ele, 'work-orders', w.id, a, f);
  await move(c.bm, 'work-orders', w.id, 'verify');
  await move(c.cc, 'tickets', t.id, 'close', { note: 'Risolto' });
  return { ticketId: t.id as string, token: await ratingToken(env, t.id) };
}

describeEachDb(
  'rating links out of logs and old outbox bodies',
  (env) => {
    let c: Record<'requester' | 'bm' | 'ele' | 'cc', Client>;
    const runSender = async () => {
      const s = createOutboxSender({
        db: env.db,
        mail: { ...env.config.mail, smtpUrl: smtp.url },
        now: () => env.clock.now,
        log: { info() {}, warn() {}, error() {} },
      });
      try {
        return await s.runOnce();
      } finally {
        s.close();
      }
    };

    // Sessions last 12 hours: whoever acts after the clock moved logs in again.
    const relogin = async () => {
      const [requester, bm, ele, cc] = await Promise.all(
        ['richiedente', 'bm.centrale', 'ditta.elettrica', 'callcenter'].map((u) => env.login(u)),
      );
      c = { requester, bm, ele, cc };
    };

    it('logs in', async () => {
      env.clock.now = new Date('2026-03-10T09:00:00Z');
      await relogin();
    });

    it("stores only the sha256 of the token; only the requester's own e-mail carries the link", async () => {
      const { ticketId, token } = await closedTicket(env, c);
      const stored = await env.db.selectFrom('rating_tokens').selectAll().where('ticket_id', '=', ticketId).execute();
      expect(stored).toHaveLength(1);
      expect(stored[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(stored)).not.toContain(token);
      const requesterId = (await env.db.selectFrom('users').select('id').where('username', '=', 'richiedente').executeTakeFirstOrThrow())
        .id;
      const notes = await env.db.selectFrom('notifications').select(['user_id', 'body']).where('ticket_id', '=', ticketId).execute();
      // In-app notifications are kept for good: none carries the link (#7), the requester's included.
      expect(notes.map((n) => n.user_id)).toContain(requesterId);
      expect(notes.filter((n) => n.body.includes(token))).toEqual([]);
      const mails = await env.db
        .selectFrom('outbox')
        .select(['to_user_id', 'text_body', 'html_body'])
        .where('ticket_id', '=', ticketId)
        .execute();
      expect(mails.filter((m) => m.text_body.includes(token) || m.html_body.includes(token)).map((m) => m.to_user_id)).toEqual([
        requesterId,
      ]);
    });

    it('the request log never holds the token (rating page, rating API) nor secret query values', async () => {
      const { token } = await closedTicket(env, c);
      const lines: string[] = [];
      const logged = await buildApp(loadConfig({ LOG_LEVEL: 'info', ATTACHMENTS_DIR: DIR, PUBLIC_URL: 'https://presidio.example/' }), {
        db: env.db,
        now: () => env.clock.now,
        logStream: {
          write: (l) => {
            lines.push(l);
          },
        },
      });
      try {
        await logged.inject({ method: 'GET', url: `/rate/${token}` });
        expect((await logged.inject({ method: 'GET', url: `/api/ratings/${token}` })).statusCode).toBe(200);
        expect(
          (await logged.inject({ method: 'POST', url: `/api/ratings/${token}?lang=it`, payload: { stars: 5, workDone: true } })).statusCode,
        ).toBe(200);
        // Used now: the refusal is logged too, still without the token.
        expect((await logged.inject({ method: 'GET', url: `/api/ratings/${token}` })).statusCode).toBe(404);
        await logged.inject({ method: 'GET', url: '/api/tickets?q=x&token=s3cr3t-query-value&access_token=s3cr3t-2' });
      } finally {
        await logged.close();
      }
      const log = lines.join('');
      expect(log).toContain('"url":"/api/ratings/[redacted]"');
      expect(log).toContain('"url":"/rate/[redacted]"');
      expect(log).toContain('"url":"/api/ratings/[redacted]?lang=it"');
      expect(log).toContain('"url":"/api/tickets?q=x&token=[redacted]&access_token=[redacted]"');
      expect(log).not.toContain(token);
      expect(log).not.toContain('s3cr3t');
    });

    it('sent notices keep their bodies for OUTBOX_RETENTION_DAYS, then keep only subject, recipient and dates', async () => {
      env.clock.now = new Date('2026-03-11T09:00:00Z');
      await relogin();
      const { ticketId, token } = await closedTicket(env, c);
      await runSender();
      const closing = () =>
        env.db
          .selectFrom('outbox')
          .selectAll()
          .where('ticket_id', '=', ticketId)
          .where('kind', '=', 'ticket_closed')
          .executeTakeFirstOrThrow();
      const sent = await closing();
      expect(sent).toMatchObject({ status: 'sent', sent_at: '2026-03-11T09:00:00.000Z', body_redacted_at: null });
      expect(sent.text_body).toContain(token);

      // A failed notice as old as that keeps its body: an admin may send it again.
      env.clock.now = new Date('2026-03-11T09:00:00Z');
      const other = await closedTicket(env, c);
      await env.db.updateTable('outbox').set({ status: 'failed', last_error: 'x' }).where('ticket_id', '=', other.ticketId).execute();

      env.clock.now = new Date(Date.parse('2026-03-11T09:00:00Z') + 30 * DAY); // exactly the retention: kept
      await runSender();
      expect((await closing()).text_body).toContain(token);

      env.clock.now = new Date(Date.parse('2026-03-11T09:00:00Z') + 30 * DAY + 1000);
      await runSender();
      const after = await closing();
      expect(after).toMatchObject({
        text_body: REDACTED_BODY_TEXT,
        html_body: REDACTED_BODY_HTML,
        body_redacted_at: env.clock.now.toISOString(),
        subject: sent.subject,
        to_address: sent.to_address,
        created_at: sent.created_at,
        sent_at: sent.sent_at,
        status: 'sent',
      });
      const all = await env.db.selectFrom('outbox').selectAll().where('ticket_id', '=', ticketId).execute();
      for (const r of all) expect([r.kind, r.text_body]).toEqual([r.kind, REDACTED_BODY_TEXT]);
      expect(JSON.stringify(all)).not.toContain(token);
      const failed = await env.db
        .selectFrom('outbox')
        .select(['text_body', 'body_redacted_at'])
        .where('ticket_id', '=', other.ticketId)
        .where('kind', '=', 'ticket_closed')
        .executeTakeFirstOrThrow();
      expect(failed).toMatchObject({ body_redacted_at: null });
      expect(failed.text_body).toContain(other.token);

      // The admin's outbox shows the redacted notice, audit fields intact.
      const admin = await env.login('admin');
      const detail = (await admin.get(`/api/admin/outbox/${after.id}`)).json();
      expect(detail.textBody).not.toContain(token);
      expect(detail).toMatchObject({ subject: sent.subject, textBody: REDACTED_BODY_TEXT });
    });

    it('OUTBOX_RETENTION_DAYS is validated and defaults to 30', () => {
      expect(loadConfig({}).mail.outboxRetentionDays).toBe(30);
      expect(loadConfig({ OUTBOX_RETENTION_DAYS: '7' }).mail.outboxRetentionDays).toBe(7);
      expect(() => loadConfig({ OUTBOX_RETENTION_DAYS: '0' })).toThrow(ConfigError);
      expect(() => loadConfig({ OUTBOX_RETENTION_DAYS: 'a month' })).toThrow(/OUTBOX_RETENTION_DAYS/);
    });
  },
  { env: { ATTACHMENTS_DIR: DIR, PUBLIC_URL: 'https://presidio.example/', OUTBOX_RETENTION_DAYS: '30' } },
);
