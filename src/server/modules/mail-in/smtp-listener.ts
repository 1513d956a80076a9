// Built-in SMTP listener for the service mailbox (MAIL_IN_SMTP_PORT, off by default): accepts
// mail for MAIL_IN_ADDRESS only, up to MAIL_IN_MAX_MB, and answers 250 only once the message is
// committed to the database (451 otherwise, so the sending server retries: nothing is lost).
// It speaks plain SMTP without AUTH or STARTTLS: put it behind the organisation's mail relay,
// which does TLS and SPF/DKIM/DMARC checks and forwards the service mailbox here.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../../context.ts';
import type { JobLog } from '../../jobs/worker.ts';
import { intakeMessage } from './intake.ts';

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

export async function startSmtpListener(ctx: AppContext, log: JobLog, o: { host?: string; port?: number } = {}): Promise<SmtpListener | null> {
  const mail = ctx.config.mail;
  const port = o.port ?? mail.inSmtpPort;
  if (!port && o.port === undefined) return null;
  if (!mail.inAddress) throw new Error('MAIL_IN_ADDRESS is required by the SMTP listener');
  const mailbox = mail.inAddress.toLowerCase().replace(/^.*<([^<>]+)>\s*$/, '$1').trim();

  const server = new SMTPServer({
    name: (() => {
      try {
        return new URL(ctx.config.publicUrl).hostname;
      } catch {
        return 'presidio';
      }
    })(),
    banner: 'Presidio mail intake',
    size: mail.inMaxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.trim().toLowerCase() !== mailbox) return cb(smtpError(550, `No mailbox here by the name ${address.address}`));
      cb();
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => cb(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) return cb(smtpError(552, `Message exceeds the limit of ${mail.inMaxBytes} bytes`));
        intakeMessage(ctx, Buffer.concat(chunks), { via: 'smtp' }).then(
          (r) => {
            log.info({ inboundId: r.id, status: r.status, reason: r.reason, duplicate: r.duplicate }, 'e-mail received (smtp)');
            cb(null, `Accepted ${r.id}`);
          },
          (err) => {
            log.error({ err }, 'e-mail intake failed (smtp): the sender will retry');
            cb(smtpError(451, 'Temporary failure, try again later'));
          },
        );
      });
    },
  });
  server.on('error', (err) => log.error({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, o.host ?? ctx.config.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  log.info({ port: bound, mailbox }, 'SMTP listener for the service mailbox started');
  return {
    port: bound,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
