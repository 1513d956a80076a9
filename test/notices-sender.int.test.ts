// The outbox sender against a real SMTP server in this process (test/helpers/smtp-capture.ts):
// delivery, retries with backoff, permanent failures, crash between send and mark, two senders.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb, otherInstanceDb, type TestEnv } from './helpers/app.ts';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.ts';
import { makeTicket, makeWorkOrder, userId } from './helpers/notice-fixtures.ts';
import { enqueueNotices } from '../src/server/modules/notices/enqueue.ts';
import { backoffMinutes, createOutboxSender, messageIdFor, type OutboxSenderOptions } from '../src/server/jobs/outbox-sender.ts';
import type { Db } from '../src/server/db/create-db.ts';
import type { MailConfig } from '../src/server/config.ts';

const PASSWORD = 'p@ss:w/rd-s3cret';
const silent = { info() {}, warn() {}, error() {} };

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture({ auth: { user: 'presidio', pass: PASSWORD } });
});
afterAll(async () => {
  await smtp?.close();
});
beforeEach(() => {
  smtp.clear();
  smtp.rejectWith = null;
  smtp.delayMs = 0;
});

const minutes = (env: TestEnv, n: number) => {
  env.clock.now = new Date(env.clock.now.getTime() + n * 60_000);
};

function mailConfig(env: TestEnv, over: Partial<MailConfig> = {}): MailConfig {
  return { ...env.config.mail, smtpUrl: smtp.url, from: 'Presidio <presidio@ateneo.example>', ...over };
}

function sender(env: TestEnv, over: Partial<OutboxSenderOptions> = {}, db: Db = env.db) {
  return createOutboxSender({ db, mail: mailConfig(env), now: () => env.clock.now, log: silent, ...over });
}

async function openedTicket(env: TestEnv, requester = 'richiedente') {
  const t = await makeTicket(env.db, { at: env.clock.now, requester, subject: 'Calorifero freddo' });
  const eventId = crypto.randomUUID();
  await env.db.transaction().execute((trx) =>
    enqueueNotices(trx, env.app.ctx, {
      notices: [{ kind: 'ticket_opened', to: ['requester'] }],
      ticketId: t.id,
      workOrderId: null,
      eventId,
      actorUserId: null,
      action: 'open',
      data: {},
    }),
  );
  const row = await env.db.selectFrom('outbox').selectAll().where('ticket_id', '=', t.id).executeTakeFirstOrThrow();
  return { ticket: t, row };
}

const outboxRow = (env: TestEnv, id: string) => env.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describeEachDb('outbox sender over real SMTP', (env) => {
  it('delivers with To, tagged Subject, language, text and HTML parts, stable Message-ID and Auto-Submitted; marks sent', async () => {
    const { ticket, row } = await openedTicket(env, 'requester.en');
    const s = sender(env);
    try {
      const result = await s.runOnce();
      expect(result).toMatchObject({ claimed: 1, sent: 1, failed: 0, retrying: 0 });
    } finally {
      s.close();
    }
    await smtp.waitFor(1);
    const m = smtp.messages[0];
    expect(m.envelopeTo).toEqual(['sarah.mitchell@uniesempio.example']);
    expect(m.envelopeFrom).toBe('presidio@ateneo.example');
    expect(m.parsed.to && 'text' in m.parsed.to ? m.parsed.to.text : '').toBe('sarah.mitchell@uniesempio.example');
    expect(m.parsed.subject).toBe(`[Presidio ${ticket.number}] Request opened: Calorifero freddo`);
    expect(m.parsed.text).toContain('Dear Sarah Mitchell,');
    expect(m.parsed.text).toContain(`registered with number ${ticket.number}`);
    expect(m.parsed.html).toContain('<html lang="en">');
    expect(m.header('content-language')).toBe('en');
    expect(m.header('auto-submitted')).toBe('auto-generated');
    expect(m.messageId).toBe(messageIdFor(row.idempotency_key, 'ateneo.example'));
    expect(m.parsed.inReplyTo).toBe(`<ticket.${ticket.id}@ateneo.example>`);

    const after = await outboxRow(env, row.id);
    expect(after).toMatchObject({ status: 'sent', sent_at: env.clock.now.toISOString(), locked_until: null, last_error: null });
    expect(Number(after.attempts)).toBe(1);

    // Nothing left to do: a second run claims nothing and sends nothing.
    const again = sender(env);
    expect((await again.runOnce()).claimed).toBe(0);
    again.close();
    expect(smtp.messages).toHaveLength(1);
  });

  it('a 4xx answer: retried after 1, 2, 4 … minutes, then failed after OUTBOX_MAX_ATTEMPTS; the password never shows', async () => {
    const { row } = await openedTicket(env);
    smtp.rejectWith = { code: 451, message: 'Mailbox busy, try later' };
    const s = sender(env, { mail: mailConfig(env, { outboxMaxAttempts: 4 }) });
    try {
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect((await s.runOnce()).retrying).toBe(1);
        const r = await outboxRow(env, row.id);
        expect(r.status).toBe('pending');
        expect(Number(r.attempts)).toBe(attempt);
        expect(r.last_error).toContain('451');
        expect(r.next_attempt_at).toBe(new Date(env.clock.now.getTime() + backoffMinutes(attempt) * 60_000).toISOString());
        // Not due yet: a run one second before the backoff ends does nothing.
        minutes(env, backoffMinutes(attempt) - 1 / 60);
        expect((await s.runOnce()).claimed).toBe(0);
        minutes(env, 1 / 60);
      }
      expect((await s.runOnce()).failed).toBe(1);
    } finally {
      s.close();
    }
    const r = await outboxRow(env, row.id);
    expect(r.status).toBe('failed');
    expect(Number(r.attempts)).toBe(4);
    expect(r.last_error).toContain('Mailbox busy');
    expect(backoffMinutes(1)).toBe(1);
    expect(backoffMinutes(4)).toBe(8);

    // Wrong credentials: the error is stored, the password is not.
    smtp.rejectWith = null;
    await env.db
      .updateTable('outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: env.clock.now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    const wrong = sender(env, {
      mail: mailConfig(env, { smtpUrl: smtp.url.replace(encodeURIComponent(PASSWORD), encodeURIComponent(`${PASSWORD}x`)) }),
    });
    await wrong.runOnce();
    wrong.close();
    const w = await outboxRow(env, row.id);
    expect(w.status).toBe('pending');
    expect(w.last_error).toContain('535');
    expect(w.last_error).not.toContain(PASSWORD);

    // An admin retry after the server is back: sent.
    await env.db.updateTable('outbox').set({ status: 'failed' }).where('id', '=', row.id).execute();
    const admin = await env.login('admin');
    expect((await admin.post(`/api/admin/outbox/${row.id}/actions/retry`)).statusCode).toBe(200);
    const ok = sender(env);
    expect((await ok.runOnce()).sent).toBe(1);
    ok.close();
    expect((await outboxRow(env, row.id)).status).toBe('sent');
  });

  it('a 5xx answer to the message is permanent: failed at once, with the reason', async () => {
    const { row } = await openedTicket(env);
    smtp.rejectWith = { code: 550, message: 'No such user here' };
    const s = sender(env);
    expect((await s.runOnce()).failed).toBe(1);
    s.close();
    const r = await outboxRow(env, row.id);
    expect(r.status).toBe('failed');
    expect(Number(r.attempts)).toBe(1);
    expect(r.last_error).toContain('550');
    expect(r.last_error).toContain('No such user here');
  });

  it('a crash between send and mark: nothing lost, the resend carries the same Message-ID', async () => {
    const { row } = await openedTicket(env);
    const crashing = sender(env, {
      afterSend: () => {
        throw new Error('process killed');
      },
    });
    await expect(crashing.runOnce()).rejects.toThrow('process killed');
    crashing.close();
    await smtp.waitFor(1);
    let r = await outboxRow(env, row.id);
    expect(r.status).toBe('pending');
    expect(r.locked_until).not.toBeNull();

    // While the dead sender's lease (OUTBOX_LEASE_SECONDS, 30 s) lasts nobody takes the row; after it, another sender does.
    expect(r.locked_until).toBe(new Date(env.clock.now.getTime() + 30_000).toISOString());
    const s = sender(env);
    minutes(env, 29 / 60);
    expect((await s.runOnce()).claimed).toBe(0);
    minutes(env, 1 / 60);
    expect((await s.runOnce()).sent).toBe(1);
    s.close();
    await smtp.waitFor(2);
    expect(smtp.messages[0].messageId).toBe(smtp.messages[1].messageId);
    expect(smtp.messages[0].messageId).toBe(messageIdFor(row.idempotency_key, 'ateneo.example'));
    r = await outboxRow(env, row.id);
    expect(r.status).toBe('sent');
  });

  it('two senders racing over the same rows send each message exactly once', async () => {
    const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
    const wo = await makeWorkOrder(env.db, { at: env.clock.now, ticket: t });
    await env.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 12; i++) {
        await enqueueNotices(trx, env.app.ctx, {
          notices: [{ kind: 'ticket_update', to: ['requester', 'call_center', 'building_managers', 'contractor'] }],
          ticketId: t.id,
          workOrderId: wo.id,
          eventId: `race-${i}`,
          actorUserId: null,
          action: 'record_inspection',
          data: { findings: `esito ${i}` },
        });
      }
    });
    const total = Number(
      (
        await env.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('ticket_id', '=', t.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(total).toBe(48);

    // On PostgreSQL each sender has its own connection pool, as two app instances would.
    const second = otherInstanceDb(env);
    smtp.delayMs = 5;
    const a = sender(env, { batchSize: 3 });
    const b = sender(env, { batchSize: 3 }, second);
    try {
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(ra.sent + rb.sent).toBe(48);
      if (env.dialect === 'postgres') expect(ra.sent > 0 && rb.sent > 0).toBe(true);
    } finally {
      a.close();
      b.close();
      if (second !== env.db) await second.destroy();
    }
    await smtp.waitFor(48);
    const ids = smtp.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(48);
    const left = await env.db.selectFrom('outbox').select('id').where('ticket_id', '=', t.id).where('status', '<>', 'sent').execute();
    expect(left).toEqual([]);
    const bm = await userId(env.db, 'bm.centrale');
    expect(smtp.messages.filter((m) => m.envelopeTo[0] === 'alessandro.galli@uniesempio.example')).toHaveLength(12);
    expect(bm).toBeTruthy();
  });
});
