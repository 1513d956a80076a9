// Built-in SMTP listener for the service mailbox (MAIL_IN_SMTP_PORT, off by default): accepts
// mail for MAIL_IN_ADDRESS (and its plus-addressed reply forms "local+token@domain") only, up to
// MAIL_IN_MAX_MB, and answers 250 only once the message is committed to the database (451
// otherwise, so the sending server retries: nothing is lost).
// Exposure (#7 item 2): it binds MAIL_IN_SMTP_HOST, 127.0.0.1 by default, so only a relay on the
// same machine reaches it; MAIL_IN_SMTP_ALLOW limits the client addresses, and with
// MAIL_IN_SMTP_USER/PASSWORD set a client must AUTH before MAIL FROM. No STARTTLS: put it behind
// the organisation's mail relay (TLS, spam and SPF/DKIM/DMARC filtering) on a private link.
// Accepting a message never attributes it to anyone: intake requires a reply token (intake.ts).
import { BlockList, isIP, type AddressInfo } from 'node:net';
import { timingSafeEqual, createHash } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../../context.ts';
import type { JobLog } from '../../jobs/worker.ts';
import { intakeMessage } from './intake.ts';
import { tagOf } from './reply-token.ts';

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export interface SmtpListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** The allow-list as a BlockList; null when empty (any client that reaches the bound address). */
export function allowList(entries: readonly string[]): BlockList | null {
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const e of entries) {
    const [ip, bits] = e.split('/');
    const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return list;
}

function allowed(list: BlockList, remote: string): boolean {
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote)?.[1];
  if (v4) return list.check(v4, 'ipv4');
  return list.check(remote, isIP(remote) === 6 ? 'ipv6' : 'ipv4');
}

// Compares digests, so neither the length nor the content of the secret leaks through timing.
const same = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

export async function startSmtpListener(
  ctx: AppContext,
  log: JobLog,
  o: { host?: string; port?: number } = {},
): Promise<SmtpListener | null> {
  const mail = ctx.config.mail;
  const port = o.port ?? mail.inSmtpPort;
  if (!port && o.port === undefined) return null;
  if (!mail.inAddress) throw new Error('MAIL_IN_ADDRESS is required by the SMTP listener');
  const mailbox = mail.inAddress
    .toLowerCase()
    .replace(/^.*<([^<>]+)>\s*$/, '$1')
    .trim();
  const auth = mail.inSmtpUser && mail.inSmtpPassword ? { user: mail.inSmtpUser, pass: mail.inSmtpPassword } : null;
  const allow = allowList(mail.inSmtpAllow);

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
    maxClients: 50,
    // With credentials configured, AUTH comes before MAIL FROM (smtp-server answers 530 otherwise).
    authOptional: !auth,
    authMethods: ['PLAIN', 'LOGIN'],
    // Plain-text AUTH: the listener is meant for loopback or a private link to the relay.
    allowInsecureAuth: true,
    disabledCommands: auth ? ['STARTTLS'] : ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    onConnect(session, cb) {
      if (allow && !allowed(allow, session.remoteAddress)) {
        log.warn({ remote: session.remoteAddress }, 'SMTP connection refused: not in MAIL_IN_SMTP_ALLOW');
        return cb(smtpError(554, 'Connection refused'));
      }
      cb();
    },
    onAuth(a, _session, cb) {
      if (
        auth &&
        typeof a.username === 'string' &&
        typeof a.password === 'string' &&
        same(a.username, auth.user) &&
        same(a.password, auth.pass)
      ) {
        return cb(null, { user: a.username });
      }
      cb(smtpError(535, 'Authentication failed'));
    },
    onRcptTo(address, _session, cb) {
      if (!tagOf(address.address, mailbox)) return cb(smtpError(550, `No mailbox here by the name ${address.address}`));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => cb(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) return cb(smtpError(552, `Message exceeds the limit of ${mail.inMaxBytes} bytes`));
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        };
        intakeMessage(ctx, Buffer.concat(chunks), { via: 'smtp', envelope }).then(
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
  const host = o.host ?? mail.inSmtpHost;
  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const addr = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  const bound = addr.port;
  log.info(
    { host: addr.address, port: bound, mailbox, auth: !!auth, allow: mail.inSmtpAllow },
    'SMTP listener for the service mailbox started',
  );
  return {
    host: addr.address,
    port: bound,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
