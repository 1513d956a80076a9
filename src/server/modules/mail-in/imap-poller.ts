// IMAP polling of the service mailbox (MAIL_IN_IMAP_URL, e.g. imaps://user:pass@host:993/INBOX,
// every MAIL_IN_IMAP_INTERVAL_SECONDS). Each run: connect, lock the folder, take the unseen
// messages one by one; a message is flagged \Seen (or moved to MAIL_IN_IMAP_MOVE_TO) only after
// the intake committed it; nothing is ever deleted. Fetching uses BODY.PEEK, so a run that dies
// midway leaves the rest unseen for the next run, and the Message-ID check makes a message that
// was committed but not yet flagged harmless when it is read again. Several instances may poll
// the same mailbox: the unique Message-ID lets only one of them record each message.
import { ImapFlow } from 'imapflow';
import type { AppContext } from '../../context.ts';
import { redactUrl, startWorker, type JobLog, type Worker } from '../../jobs/worker.ts';
import { jobLeaseOf } from '../../jobs/job-lease.ts';
import { intakeMessage, intakeTooLarge } from './intake.ts';

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
  rejectUnauthorized: boolean;
}

export function parseImapUrl(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  const mailbox = decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox,
    rejectUnauthorized: u.searchParams.get('tls.rejectUnauthorized') !== 'false',
  };
}

export interface PollResult {
  seen: number;
  taken: number;
  duplicates: number;
  failed: number;
}

/** One polling run over the unseen messages of the mailbox. */
export async function pollImapOnce(ctx: AppContext, log: JobLog, url = ctx.config.mail.inImapUrl): Promise<PollResult> {
  if (!url) throw new Error('MAIL_IN_IMAP_URL is not configured');
  const t = parseImapUrl(url);
  const moveTo = ctx.config.mail.inImapMoveTo;
  const result: PollResult = { seen: 0, taken: 0, duplicates: 0, failed: 0 };
  const client = new ImapFlow({
    host: t.host,
    port: t.port,
    secure: t.secure,
    auth: { user: t.user, pass: t.pass },
    logger: false,
    disableAutoIdle: true,
    tls: { rejectUnauthorized: t.rejectUnauthorized },
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  client.on('error', (err: Error) => log.warn({ err: err.message, imap: redactUrl(url) }, 'IMAP connection error'));
  await client.connect();
  try {
    if (moveTo) await client.mailboxCreate(moveTo).catch(() => undefined); // exists already: fine
    const lock = await client.getMailboxLock(t.mailbox);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids) {
        result.seen++;
        try {
          const head = await client.fetchOne(String(uid), { uid: true, size: true, envelope: true }, { uid: true });
          if (!head) continue;
          let r;
          if ((head.size ?? 0) > ctx.config.mail.inMaxBytes) {
            const from = head.envelope?.from?.[0];
            r = await intakeTooLarge(
              ctx,
              {
                messageId: head.envelope?.messageId ?? `<imap.${t.mailbox}.${uid}.${head.size}@presidio.invalid>`,
                fromAddress: from?.address ?? '',
                fromName: from?.name ?? null,
                subject: head.envelope?.subject ?? '',
                size: head.size ?? 0,
              },
              { via: 'imap' },
            );
          } else {
            const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
            if (!msg || !msg.source) continue;
            r = await intakeMessage(ctx, msg.source, { via: 'imap' });
          }
          if (r.duplicate) result.duplicates++;
          else result.taken++;
          // Committed: now, and only now, the message leaves the unseen set.
          if (moveTo) await client.messageMove(String(uid), moveTo, { uid: true });
          else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          log.info({ inboundId: r.id, status: r.status, reason: r.reason, duplicate: r.duplicate }, 'e-mail received (imap)');
        } catch (err) {
          result.failed++;
          log.error({ err, uid }, 'e-mail intake failed (imap): left unseen for the next run');
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return result;
}

/** Polls every MAIL_IN_IMAP_INTERVAL_SECONDS; null when MAIL_IN_IMAP_URL is not set. */
export function startImapPoller(ctx: AppContext, log: JobLog): Worker | null {
  const url = ctx.config.mail.inImapUrl;
  if (!url) return null;
  log.info({ imap: redactUrl(url), every: ctx.config.mail.inImapIntervalSeconds }, 'IMAP polling of the service mailbox started');
  return startWorker('imap-poller', ctx.config.mail.inImapIntervalSeconds * 1000, () => pollImapOnce(ctx, log, url), log, jobLeaseOf(ctx));
}
