// A real SMTP server inside the test process (smtp-server + mailparser) on 127.0.0.1 and a random
// port: what the outbox sender delivers arrives here, parsed. It can require a login, reject
// messages with a chosen SMTP reply, or slow down to make races visible. A message whose client
// went away before the reply (a sender killed mid-send) is not kept: it never got its 250.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface Captured {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
  messageId: string;
  header(name: string): string | undefined;
}

export interface SmtpCapture {
  port: number;
  messages: Captured[];
  /** smtp://user:pass@127.0.0.1:port?ignoreTLS=true (credentials when `auth` was given). */
  url: string;
  /** Reject the next messages' DATA with this reply (e.g. 451 or 550), until set to null. */
  rejectWith: { code: number; message: string } | null;
  /** Wait this long before accepting each message (ms). */
  delayMs: number;
  /**
   * Called when a message's data has arrived, before the delay and the reply: its Message-ID. The
   * reply waits for what it returns, so a test can act (kill the sender) while the message is in flight.
   */
  onReceiving: ((messageId: string) => void | Promise<void>) | null;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

export async function startSmtpCapture(opts: { auth?: { user: string; pass: string } } = {}): Promise<SmtpCapture> {
  const capture = {
    port: 0,
    url: '',
    messages: [] as Captured[],
    rejectWith: null as { code: number; message: string } | null,
    delayMs: 0,
    onReceiving: null,
  } as SmtpCapture;
  const gone = new Set<string>();

  const options: SMTPServerOptions = {
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass) return cb(null, { user: auth.username });
      return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onClose(session) {
      gone.add(session.id);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const head = Buffer.concat(chunks).toString('latin1');
        await capture.onReceiving?.(/^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '');
        if (capture.delayMs) await new Promise((r) => setTimeout(r, capture.delayMs));
        if (gone.has(session.id)) return cb(new Error('client gone'));
        const reject = capture.rejectWith;
        if (reject) return cb(Object.assign(new Error(reject.message), { responseCode: reject.code }));
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        capture.messages.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed,
          messageId: parsed.messageId ?? '',
          header: (name) => {
            const v = parsed.headers.get(name.toLowerCase());
            return v === undefined ? undefined : String(v);
          },
        });
        cb();
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  capture.port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  const cred = opts.auth ? `${encodeURIComponent(opts.auth.user)}:${encodeURIComponent(opts.auth.pass)}@` : '';
  capture.url = `smtp://${cred}127.0.0.1:${capture.port}?ignoreTLS=true`;
  capture.waitFor = async (count, timeoutMs = 5000) => {
    const until = Date.now() + timeoutMs;
    while (capture.messages.length < count) {
      if (Date.now() > until) throw new Error(`expected ${count} messages, got ${capture.messages.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  capture.clear = () => {
    capture.messages.length = 0;
  };
  capture.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return capture;
}
