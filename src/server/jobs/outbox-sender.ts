// Outbox sender: claims due notices, sends them over SMTP, marks them sent or schedules a retry.
//
// Safe with several app instances on one database:
// - PostgreSQL: `select … for update skip locked` in a short transaction that also sets
//   locked_until (a lease); two senders never claim the same row;
// - SQLite: one conditional `update … where id in (select due rows) returning *`, atomic in
//   SQLite's single writer.
// The lease is short (OUTBOX_LEASE_SECONDS, default 30) and names its holder (locked_by): while a
// batch is being sent a heartbeat renews it every third of the lease, and just before each message
// the sender renews that row again and skips it if it lost it. So a row is claimed again only if
// its sender died or stalled past its lease, and a killed instance's batch goes out from another
// instance within one lease (#12 item 5; it was a fixed 15 minutes). A sender that died after the
// server accepted a message and before marking it sent sends it again after the lease: with the
// same Message-ID, derived from the idempotency key, so the receiving side recognises the
// duplicate. Nothing is lost.
import { createHash } from 'node:crypto';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../config.ts';
import type { Db } from '../db/create-db.ts';
import * as repo from '../modules/notices/outbox.repository.ts';
import type { ClaimedRow } from '../modules/notices/outbox.repository.ts';
import { redactSecret, redactUrl, startWorker, type JobLog, type Worker } from './worker.ts';
import { redactDeliveredBodies } from './outbox-retention.ts';
import { heartbeatMs, INSTANCE_ID } from './job-lease.ts';
import { messageIdTag, replyAddress, replySecret, replyToken } from '../modules/mail-in/reply-token.ts';

export interface OutboxSenderOptions {
  db: Db;
  mail: MailConfig;
  now: () => Date;
  log: JobLog;
  batchSize?: number;
  /** Default OUTBOX_LEASE_SECONDS. */
  leaseMs?: number;
  /** Who holds the claims (default INSTANCE_ID; tests stand in for several instances). */
  owner?: string;
  /** Where stored attachments live: a row with attachment_id sends that file along (the formal penalty notice). */
  attachmentsDir?: string;
  /** Tests: runs after the SMTP server accepted a message and before it is marked sent. */
  afterSend?: (row: ClaimedRow) => Promise<void> | void;
}

export type { ClaimedRow };

export interface RunResult {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** The one minute of the backoff (the repository gets instants, not minutes). */
const MINUTE = 60_000;
const DEFAULT_BATCH = 10;

/** Minutes to wait after the n-th failed attempt (n ≥ 1): 1, 2, 4, 8 … capped at one day. */
export function backoffMinutes(attempt: number): number {
  return Math.min(2 ** (attempt - 1), 24 * 60);
}

/** The domain of the sender address: Message-IDs and thread ids are minted under it. */
export function mailDomain(from: string): string {
  const addr = /<([^<>\s]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  return addr.split('@')[1]?.toLowerCase() || 'presidio.invalid';
}

/** The key of an outbox message's Message-ID, stored with the row (outbox.message_key). */
export const noticeMessageKey = (idempotencyKey: string) => createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);

/** Stable Message-ID of an outbox message: the same key (and reply tag) always gives the same id. */
export function messageIdFor(idempotencyKey: string, domain: string, replyTag?: string): string {
  return `<${noticeMessageKey(idempotencyKey)}.notice${replyTag ? `.${replyTag}` : ''}@${domain}>`;
}

/** The id every notice of a ticket refers to, so mail clients thread them together. */
export const ticketThreadId = (ticketId: string, domain: string) => `<ticket.${ticketId}@${domain}>`;

/** SMTP transport from SMTP_URL (the heartbeat keeps the lease through its timeouts). Query flags: ignoreTLS, requireTLS, tls.rejectUnauthorized. */
export function createSmtpTransport(smtpUrl: string): Transporter {
  const u = new URL(smtpUrl);
  const secure = u.protocol === 'smtps:';
  const flag = (name: string) => u.searchParams.get(name);
  return nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    ...(flag('ignoreTLS') === 'true' ? { ignoreTLS: true } : {}),
    ...(flag('requireTLS') === 'true' ? { requireTLS: true } : {}),
    ...(flag('tls.rejectUnauthorized') === 'false' ? { tls: { rejectUnauthorized: false } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  message?: string;
  response?: string;
}

/** A 5xx answer to this message's envelope or content: retrying the same message cannot help. */
export function isPermanent(err: unknown): boolean {
  const e = err as SmtpError;
  return typeof e?.responseCode === 'number' && e.responseCode >= 500 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
}

export interface OutboxSender {
  /** Claims and sends due messages until none is left (or `maxBatches` batches ran). */
  runOnce(maxBatches?: number): Promise<RunResult>;
  close(): void;
}

export function createOutboxSender(o: OutboxSenderOptions): OutboxSender {
  if (!o.mail.smtpUrl) throw new Error('createOutboxSender: SMTP_URL is not configured');
  const smtpUrl = o.mail.smtpUrl;
  const password = (() => {
    try {
      return decodeURIComponent(new URL(smtpUrl).password) || null;
    } catch {
      return null;
    }
  })();
  const transport = createSmtpTransport(smtpUrl);
  const domain = mailDomain(o.mail.from);
  const batch = o.batchSize ?? DEFAULT_BATCH;
  const leaseMs = o.leaseMs ?? o.mail.outboxLeaseSeconds * 1000;
  const owner = o.owner ?? INSTANCE_ID;
  const leaseEnd = () => new Date(o.now().getTime() + leaseMs);

  /** Sends a claimed batch in order while a heartbeat keeps the claims of the rows not yet done. */
  async function sendBatch(rows: ClaimedRow[], result: RunResult) {
    const held = new Set(rows.map((r) => r.id));
    let beating: Promise<void> = Promise.resolve();
    const beat = setInterval(() => {
      beating = repo.renewClaims(o.db, [...held], owner, leaseEnd()).then(
        (kept) => {
          const still = new Set(kept);
          for (const id of held) if (!still.has(id)) held.delete(id);
        },
        (err) => o.log.warn({ err }, 'outbox sender: lease heartbeat failed'),
      );
    }, heartbeatMs(leaseMs));
    beat.unref();
    try {
      for (const row of rows) {
        // Still ours? A stalled process may have lost a row to another instance (sending it too
        // would deliver it twice), or an admin cancelled it meanwhile.
        if (!held.has(row.id) || (await repo.renewClaims(o.db, [row.id], owner, leaseEnd())).length === 0) {
          held.delete(row.id);
          o.log.warn({ outboxId: row.id }, 'outbox sender: claim lost (another instance has it, or it was cancelled): not sending');
          continue;
        }
        await sendOne(row, result);
        held.delete(row.id);
      }
    } finally {
      clearInterval(beat);
      await beating;
    }
  }

  async function sendOne(row: ClaimedRow, result: RunResult) {
    const key = row.idempotency_key;
    try {
      const thread = row.ticket_id ? ticketThreadId(row.ticket_id, domain) : undefined;
      // A notice about a ticket carries its recipient's reply token (Reply-To and Message-ID): the
      // only thing that lets a reply be posted as that person (mail-in, #7 item 2).
      const token =
        row.ticket_id && o.mail.inAddress
          ? replyToken(
              await replySecret(o.db, o.mail),
              row.to_user_id ? { userId: row.to_user_id } : { address: row.to_address },
              row.ticket_id,
            )
          : null;
      const file = row.attachment_id && o.attachmentsDir ? await repo.attachmentFile(o.db, row.attachment_id) : undefined;
      await transport.sendMail({
        from: o.mail.from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        messageId: messageIdFor(key, domain, token ? messageIdTag(token) : undefined),
        ...(token ? { replyTo: replyAddress(o.mail.inAddress!, token) } : {}),
        date: new Date(row.created_at),
        ...(thread ? { inReplyTo: thread, references: [thread] } : {}),
        ...(file
          ? {
              attachments: [
                { filename: file.filename, contentType: file.content_type, path: path.join(o.attachmentsDir!, file.storage_key) },
              ],
            }
          : {}),
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
          'Content-Language': row.language,
          'X-Presidio-Kind': row.kind,
        },
      });
    } catch (err) {
      const e = err as SmtpError;
      const message = redactSecret(
        `${e.code ?? 'ERROR'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.response ?? e.message ?? String(err)}`,
        password,
      );
      const final = isPermanent(err) || row.attempts + 1 >= o.mail.outboxMaxAttempts;
      const retryAt = new Date(o.now().getTime() + backoffMinutes(row.attempts + 1) * MINUTE);
      await repo.markFailure(o.db, row, retryAt, message, final);
      if (final) result.failed++;
      else result.retrying++;
      o.log.warn(
        { outboxId: row.id, attempts: row.attempts + 1, final, error: message },
        final ? 'notice not sent: failed' : 'notice not sent: will retry',
      );
      return;
    }
    await o.afterSend?.(row);
    await repo.markSent(o.db, row, o.now());
    result.sent++;
  }

  return {
    async runOnce(maxBatches = 100) {
      const result: RunResult = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
      for (let i = 0; i < maxBatches; i++) {
        const rows = await repo.claim(o.db, o.now(), batch, leaseMs, owner);
        if (rows.length === 0) break;
        result.claimed += rows.length;
        await sendBatch(rows, result);
        if (rows.length < batch) break;
      }
      if (result.claimed) o.log.info({ ...result, smtp: redactUrl(smtpUrl) }, 'outbox sender run');
      await redactExpiredBodies(o);
      return result;
    },
    close() {
      transport.close();
    },
  };
}

/**
 * Starts the sender every OUTBOX_INTERVAL_SECONDS. Returns null when SMTP_URL is not set: then
 * notices stay pending in the outbox, where an admin can read them (GET /api/admin/outbox).
 */
export function startOutboxSender(o: Omit<OutboxSenderOptions, 'afterSend'>): Worker | null {
  if (!o.mail.smtpUrl) {
    o.log.info({}, 'SMTP_URL not set: the outbox sender does not run, notices stay pending in the outbox');
    return null;
  }
  const sender = createOutboxSender(o);
  o.log.info({ smtp: redactUrl(o.mail.smtpUrl), every: o.mail.outboxIntervalSeconds }, 'outbox sender started');
  const worker = startWorker('outbox-sender', o.mail.outboxIntervalSeconds * 1000, () => sender.runOnce(), o.log);
  return {
    name: worker.name,
    async stop() {
      await worker.stop();
      sender.close();
    },
  };
}

/** Retention (#7 item 10): sent notices older than OUTBOX_RETENTION_DAYS lose their bodies (jobs/outbox-retention.ts). */
async function redactExpiredBodies(o: Pick<OutboxSenderOptions, 'db' | 'mail' | 'now' | 'log'>): Promise<void> {
  const redacted = await redactDeliveredBodies(o.db, o.now(), o.mail.outboxRetentionDays);
  if (redacted) o.log.info({ redacted, retentionDays: o.mail.outboxRetentionDays }, 'outbox: bodies of old sent notices redacted');
}
