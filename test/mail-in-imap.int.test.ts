// IMAP polling against a real IMAP server: Debian's dovecot-imapd, run as a child process of this
// test with a generated configuration in a temporary directory (127.0.0.1, a free high port,
// passwd-file users, maildir, no TLS). If dovecot is missing or cannot start, the suite FAILS:
// CI installs it (.ci/run).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { describeEachDb, type TestEnv } from './helpers/app.ts';
import { pollImapOnce } from '../src/server/modules/mail-in/imap-poller.ts';
import { createDb } from '../src/server/db/create-db.ts';
import type { AppContext } from '../src/server/context.ts';
import { makeTicket, userId } from './helpers/notice-fixtures.ts';
import { replyAddress, replySecret, replyToken } from '../src/server/modules/mail-in/reply-token.ts';
import { freePort } from './helpers/free-port.ts';

const silent = { info() {}, warn() {}, error() {} };
const PASSWORD = 'imap-s3cret';

interface Dovecot {
  port: number;
  dir: string;
  child: ChildProcess;
  log: string[];
}
let dovecot: Dovecot;

async function startDovecot(users: string[]): Promise<Dovecot> {
  const bin = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => fs.existsSync(p));
  if (!bin) throw new Error('dovecot is not installed: apt-get install -y dovecot-imapd (CI: .ci/run installs it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presidio-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const root = process.getuid?.() === 0;
  // As root, mail is accessed as "nobody" (dovecot refuses uid 0); otherwise as ourselves.
  const uid = root ? 65534 : process.getuid!();
  const gid = root ? 65534 : process.getgid!();
  const me = os.userInfo().username;
  const mailRoot = path.join(dir, 'mail');
  fs.mkdirSync(mailRoot);
  for (const d of ['run', 'state']) fs.mkdirSync(path.join(dir, d));
  const passwd = users.map((u) => `${u}:{PLAIN}${PASSWORD}:${uid}:${gid}::${path.join(mailRoot, u)}`).join('\n') + '\n';
  fs.writeFileSync(path.join(dir, 'passwd'), passwd, { mode: 0o644 });
  if (root) fs.chownSync(mailRoot, uid, gid);
  const port = await freePort();
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = /dev/stderr
info_log_path = /dev/stderr
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
${root ? '' : `default_login_user = ${me}\ndefault_internal_user = ${me}\n`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), conf);
  const check = spawnSync(bin, ['-c', path.join(dir, 'dovecot.conf'), '-n'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`dovecot rejects its test configuration: ${check.stderr}`);
  const log: string[] = [];
  const child = spawn(bin, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  const until = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${log.join('')}`);
    const greeting = await new Promise<string | null>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('data', (d) => {
        sock.destroy();
        resolve(String(d));
      });
      sock.once('error', () => resolve(null));
      setTimeout(() => {
        sock.destroy();
        resolve(null);
      }, 1000);
    });
    if (greeting?.startsWith('* OK')) break;
    if (Date.now() > until) throw new Error(`dovecot did not start on 127.0.0.1:${port}: ${log.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, dir, child, log };
}

beforeAll(async () => {
  dovecot = await startDovecot(['inbox-sqlite', 'inbox-postgres']);
}, 30_000);

afterAll(async () => {
  if (!dovecot) return;
  if (dovecot.child.exitCode === null) {
    const exited = new Promise((r) => dovecot.child.once('exit', r));
    dovecot.child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dovecot.dir, { recursive: true, force: true });
});

const user = (env: TestEnv) => `inbox-${env.dialect}`;
const imapUrl = (env: TestEnv) => `imap://${user(env)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${dovecot.port}/INBOX`;

async function withImap<T>(env: TestEnv, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: user(env), pass: PASSWORD },
    logger: false,
  });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.logout();
  }
}

let seq = 0;
function rawMail(o: { from: string; subject: string; text: string; messageId?: string; to?: string }) {
  const messageId = o.messageId ?? `<imap.${Date.now()}.${++seq}@client.example>`;
  const raw = [
    `From: ${o.from}`,
    `To: ${o.to ?? 'manutenzione@ateneo.example'}`,
    `Subject: ${o.subject}`,
    `Message-ID: ${messageId}`,
    'Date: Tue, 10 Mar 2026 10:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    o.text,
    '',
  ].join('\r\n');
  return { messageId, raw: Buffer.from(raw) };
}

async function flagsOf(env: TestEnv, mailbox: string, messageId: string): Promise<string[] | null> {
  return withImap(env, async (c) => {
    const lock = await c.getMailboxLock(mailbox);
    try {
      const uids = (await c.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
      if (uids.length === 0) return null;
      const m = await c.fetchOne(String(uids[0]), { flags: true, uid: true }, { uid: true });
      return m ? [...(m.flags ?? [])] : null;
    } finally {
      lock.release();
    }
  });
}

const inbound = (env: TestEnv, messageId: string) =>
  env.db.selectFrom('inbound_messages').selectAll().where('message_id', '=', messageId).execute();

const ctxWith = (env: TestEnv, mail: Partial<AppContext['config']['mail']>): AppContext => ({
  ...env.app.ctx,
  config: { ...env.app.ctx.config, mail: { ...env.app.ctx.config.mail, ...mail } },
});

describeEachDb(
  'e-mail in by IMAP polling (dovecot)',
  (env) => {
    it('APPEND then poll: a reply with its token becomes a comment, a forged one is held; flagged \\Seen after the commit, taken once', async () => {
      const t = await makeTicket(env.db, { at: env.clock.now, requester: 'richiedente' });
      const token = replyToken(await replySecret(env.db, env.config.mail), { userId: await userId(env.db, 'richiedente') }, t.id);
      const a = rawMail({
        from: 'Marco Colombo <marco.colombo@uniesempio.example>',
        to: replyAddress('manutenzione@ateneo.example', token),
        subject: `R: [Presidio ${t.number}] Segnalazione aperta`,
        text: 'Il termosifone è ancora freddo.',
      });
      const b = rawMail({
        from: 'Roberto Marchetti <roberto.marchetti@uniesempio.example>',
        subject: `R: [Presidio ${t.number}] Segnalazione aperta`,
        text: 'Chiudete pure.',
      });
      await withImap(env, async (c) => {
        await c.append('INBOX', a.raw);
        await c.append('INBOX', b.raw);
      });
      expect(await flagsOf(env, 'INBOX', a.messageId)).not.toContain('\\Seen');

      const ctx = ctxWith(env, { inImapUrl: imapUrl(env) });
      const r = await pollImapOnce(ctx, silent);
      expect(r).toEqual({ seen: 2, taken: 2, duplicates: 0, failed: 0 });
      const [ma] = await inbound(env, a.messageId);
      expect(ma).toMatchObject({ via: 'imap', status: 'comment_added', ticket_id: t.id, sender_proof: 'token' });
      const comments = await env.db.selectFrom('comments').select(['body', 'source']).where('ticket_id', '=', t.id).execute();
      expect(comments).toEqual([{ body: 'Il termosifone è ancora freddo.', source: 'email' }]);
      const [mb] = await inbound(env, b.messageId);
      expect(mb).toMatchObject({ via: 'imap', status: 'held', reason: 'sender_not_verified' });
      expect(await flagsOf(env, 'INBOX', a.messageId)).toContain('\\Seen');
      expect(await flagsOf(env, 'INBOX', b.messageId)).toContain('\\Seen');

      // Nothing unseen is left; the same message delivered twice is recorded once.
      expect(await pollImapOnce(ctx, silent)).toEqual({ seen: 0, taken: 0, duplicates: 0, failed: 0 });
      await withImap(env, (c) => c.append('INBOX', a.raw));
      expect(await pollImapOnce(ctx, silent)).toEqual({ seen: 1, taken: 0, duplicates: 1, failed: 0 });
      expect(await inbound(env, a.messageId)).toHaveLength(1);
    });

    it('when the database cannot take a message it stays unseen and is taken by the next poll', async () => {
      const m = rawMail({ from: 'sconosciuto@fuori.example', subject: 'Riprova', text: 'x' });
      await withImap(env, (c) => c.append('INBOX', m.raw));
      // A database without the tables: every write fails, as with a database that is down.
      const broken = createDb({ kind: 'sqlite', file: ':memory:' });
      try {
        const r = await pollImapOnce({ ...ctxWith(env, { inImapUrl: imapUrl(env) }), db: broken }, silent);
        expect(r).toMatchObject({ seen: 1, taken: 0, failed: 1 });
      } finally {
        await broken.destroy();
      }
      expect(await flagsOf(env, 'INBOX', m.messageId)).not.toContain('\\Seen');
      expect(await inbound(env, m.messageId)).toHaveLength(0);

      expect(await pollImapOnce(ctxWith(env, { inImapUrl: imapUrl(env) }), silent)).toMatchObject({ taken: 1, failed: 0 });
      expect(await inbound(env, m.messageId)).toHaveLength(1);
    });

    it('MAIL_IN_IMAP_MOVE_TO moves taken messages to that folder; nothing is deleted', async () => {
      const m = rawMail({ from: 'sconosciuto@fuori.example', subject: 'Da spostare', text: 'x' });
      await withImap(env, (c) => c.append('INBOX', m.raw));
      const r = await pollImapOnce(ctxWith(env, { inImapUrl: imapUrl(env), inImapMoveTo: 'Presidio' }), silent);
      expect(r).toMatchObject({ taken: 1 });
      expect(await flagsOf(env, 'INBOX', m.messageId)).toBeNull();
      expect(await flagsOf(env, 'Presidio', m.messageId)).not.toBeNull();
    });

    it('a message over MAIL_IN_MAX_MB is held as too_large with its envelope, not read', async () => {
      const m = rawMail({ from: 'Grande <grande@fuori.example>', subject: 'Allegato enorme', text: 'x'.repeat(2 * 1024 * 1024) });
      await withImap(env, (c) => c.append('INBOX', m.raw));
      const r = await pollImapOnce(ctxWith(env, { inImapUrl: imapUrl(env), inMaxBytes: 1024 * 1024 }), silent);
      expect(r).toMatchObject({ taken: 1 });
      const [row] = await inbound(env, m.messageId);
      expect(row).toMatchObject({ status: 'held', reason: 'too_large', from_address: 'grande@fuori.example', subject: 'Allegato enorme' });
    });

    it('wrong credentials: the poll fails and says so, without the password', async () => {
      const bad = imapUrl(env).replace(encodeURIComponent(PASSWORD), 'wrong');
      const err = await pollImapOnce(ctxWith(env, { inImapUrl: bad }), silent).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error).message)).not.toContain(PASSWORD);
    });
  },
  { env: { MAIL_IN_ADDRESS: 'manutenzione@ateneo.example' } },
);
