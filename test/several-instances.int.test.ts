// Several instances on one database (#12 item 5): scheduled jobs' passes never overlap (job
// leases with a heartbeat), a claim an instance lost is not sent by it, and — with two real server
// processes on one PostgreSQL — a server killed with SIGKILL mid-batch loses no notice and sends
// none twice; the notices it held go out from the other server within the short lease.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, otherInstanceDb } from './helpers/app.ts';
import { adminQuery, postgresUrl } from './helpers/db.ts';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.ts';
import { createDb, type Db } from '../src/server/db/create-db.ts';
import { runLeased } from '../src/server/jobs/job-lease.ts';
import { jobLeases } from '../src/server/jobs/job-leases.repository.ts';
import { createOutboxSender, noticeMessageKey } from '../src/server/jobs/outbox-sender.ts';
import { freePort } from './helpers/free-port.ts';

const silent = { info() {}, warn() {}, error() {} };

/** Plain outbox rows (no ticket): what the sender needs to deliver a notice. */
function outboxRows(n: number, at: string, tag: string) {
  return Array.from({ length: n }, (_, i) => {
    const key = `${tag}:${i}`;
    return {
      id: `${tag}-${String(i).padStart(3, '0')}`,
      idempotency_key: key,
      message_key: noticeMessageKey(key),
      kind: 'ticket_update',
      to_address: `n${i}@uniesempio.example`,
      to_user_id: null,
      language: 'it',
      subject: `Avviso ${i}`,
      text_body: `Testo ${i}`,
      html_body: `<p>Testo ${i}</p>`,
      ticket_id: null,
      work_order_id: null,
      status: 'pending',
      next_attempt_at: at,
      locked_until: null,
      last_error: null,
      created_at: at,
      sent_at: null,
    };
  });
}

describeEachDb(
  'several instances: job leases and outbox claims',
  (env) => {
    let other: Db;
    let smtp: SmtpCapture;
    beforeAll(async () => {
      other = otherInstanceDb(env);
      smtp = await startSmtpCapture();
    });
    afterAll(async () => {
      if (other && other !== env.db) await other.destroy();
      await smtp?.close();
    });

    it("two instances never run the same job's pass at once; the next pass may go to either", async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const running = new Promise<void>((r) => (started = r));
      const a = runLeased('sla-watcher', { db: env.db, leaseMs: 30_000, owner: 'a' }, silent, async () => {
        started();
        await held;
        return 'a';
      });
      await running;
      // A's pass is running: B's turn is skipped, and so is any other B pass until A ends.
      const ranB: string[] = [];
      const passB = async () => {
        ranB.push('b');
        return 'b';
      };
      expect(await runLeased('sla-watcher', { db: other, leaseMs: 30_000, owner: 'b' }, silent, passB)).toEqual({ skipped: true });
      // Another job is not held up by it.
      expect(await runLeased('rating-reminder', { db: other, leaseMs: 30_000, owner: 'b' }, silent, passB)).toEqual({
        skipped: false,
        value: 'b',
      });
      release();
      expect(await a).toEqual({ skipped: false, value: 'a' });
      // A released its lease at the end of its pass: B's next turn runs at once.
      expect(await runLeased('sla-watcher', { db: other, leaseMs: 30_000, owner: 'b' }, silent, passB)).toEqual({
        skipped: false,
        value: 'b',
      });
      expect(ranB).toEqual(['b', 'b']);
    });

    it("a killed instance's job lease is taken over once it lapses, not before", async () => {
      const t0 = new Date('2026-03-10T09:00:00Z');
      const at = (ms: number) => () => new Date(t0.getTime() + ms);
      // "dead" takes the lease and dies in its pass (its release never runs).
      let dies!: () => void;
      const never = new Promise<void>((r) => (dies = r));
      let started!: () => void;
      const running = new Promise<void>((r) => (started = r));
      const dead = runLeased('planned-lateness', { db: env.db, leaseMs: 30_000, owner: 'dead', now: at(0) }, silent, async () => {
        started();
        await never;
      });
      await running;
      const live = (ms: number) =>
        runLeased('planned-lateness', { db: other, leaseMs: 30_000, owner: 'live', now: at(ms) }, silent, async () => 'ran');
      expect(await live(29_999)).toEqual({ skipped: true });
      expect(await live(30_000)).toEqual({ skipped: false, value: 'ran' });
      dies();
      await dead;
    });

    it('the heartbeat keeps a long pass its lease past the first expiry', async () => {
      const leaseMs = 300; // real time: the heartbeat runs on timers
      const first = Date.now() + leaseMs;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const a = runLeased('program-generator', { db: env.db, leaseMs, owner: 'a' }, silent, () => held);
      // Wait until the heartbeat moved the lease on (observed in the table, not slept for).
      for (;;) {
        const row = (await jobLeases(env.db)).find((r) => r.name === 'program-generator');
        if (row && row.owner === 'a' && new Date(row.expires_at).getTime() > first + 10) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      // B, at an instant past the first expiry, still finds it held.
      const b = await runLeased(
        'program-generator',
        { db: other, leaseMs, owner: 'b', now: () => new Date(first + 5) },
        silent,
        async () => 'b',
      );
      expect(b).toEqual({ skipped: true });
      release();
      await a;
    });

    it('a sender that lost its claims to another instance does not send them: each notice once', async () => {
      smtp.clear();
      await env.db
        .insertInto('outbox')
        .values(outboxRows(5, env.clock.now.toISOString(), `lost-${env.dialect}`))
        .execute();
      const mail = { ...env.config.mail, smtpUrl: smtp.url, from: 'Presidio <presidio@ateneo.example>' };
      const now = () => env.clock.now;
      const b = createOutboxSender({ db: other, mail, now, log: silent, owner: 'b' });
      let stalled = false;
      const a = createOutboxSender({
        db: env.db,
        mail,
        now,
        log: silent,
        owner: 'a',
        // A's first message is done (marked sent here, as markSent would), then A stalls past its
        // lease (30 s): B claims the rest of A's batch and sends it.
        afterSend: async (row) => {
          if (stalled) return;
          stalled = true;
          await env.db
            .updateTable('outbox')
            .set({ status: 'sent', locked_until: null, locked_by: null })
            .where('id', '=', row.id)
            .execute();
          env.clock.now = new Date(env.clock.now.getTime() + 31_000);
          expect((await b.runOnce()).sent).toBe(4);
        },
      });
      try {
        const ra = await a.runOnce();
        expect(ra).toMatchObject({ claimed: 5, sent: 1 });
      } finally {
        a.close();
        b.close();
      }
      await smtp.waitFor(5);
      const ids = smtp.messages.map((m) => m.messageId);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
      const rows = await env.db.selectFrom('outbox').select(['status', 'locked_by']).where('id', 'like', `lost-${env.dialect}-%`).execute();
      expect(rows.every((r) => r.status === 'sent' && r.locked_by === null)).toBe(true);
    });
  },
  { demo: false },
);

// Two real server processes on one PostgreSQL database. SQLite is one process's database: README,
// "Several instances".
const pgUrl = postgresUrl();
if (pgUrl) {
  describe('two server processes on one PostgreSQL, one killed mid-batch [postgres]', () => {
    const dbName = `presidio_inst_${randomBytes(5).toString('hex')}`;
    const url = new URL(pgUrl);
    url.pathname = `/${dbName}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presidio-instances-'));
    const servers: ChildProcess[] = [];
    let smtp: SmtpCapture;
    let db: Db;

    const admin = (q: string) => adminQuery(pgUrl, q);

    beforeAll(async () => {
      await admin(`create database ${dbName}`);
      smtp = await startSmtpCapture();
    });
    afterAll(async () => {
      for (const s of servers) if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
      await Promise.all(servers.map((s) => (s.exitCode === null && s.signalCode === null ? new Promise((r) => s.once('exit', r)) : null)));
      await db?.destroy();
      await smtp?.close();
      await admin(`drop database if exists ${dbName} with (force)`);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('every notice arrives exactly once, those the killed server held within the short lease', { timeout: 180_000 }, async () => {
      // The first server migrates the empty database; the second starts on the migrated one.
      const a = await startServer(dir, url.toString(), smtp.url);
      servers.push(a.child);
      const b = await startServer(dir, url.toString(), smtp.url);
      servers.push(b.child);
      db = createDb({ kind: 'postgres', url: url.toString() });

      // Slow SMTP so that each server's batch of 10 takes seconds: the kill lands mid-batch.
      smtp.delayMs = 400;
      const N = 40;
      const rows = outboxRows(N, new Date().toISOString(), 'kill');
      const keyOf = new Map(rows.map((r) => [r.message_key, r.id]));

      // Kill A while it is sending one of its messages (its data arrived, the reply not yet given),
      // after a few messages went out: it holds the rest of its batch.
      let killedAt = 0;
      let heldByA: string[] = [];
      /** When each notice's data last reached the SMTP server (before its reply). */
      const arrived = new Map<string, number>();
      const killed = new Promise<void>((resolve, reject) => {
        smtp.onReceiving = (messageId) => {
          const id = keyOf.get(/^<([0-9a-f]{40})\./.exec(messageId)?.[1] ?? '');
          if (!id) return;
          arrived.set(id, Date.now());
          if (killedAt || smtp.messages.length < 3) return;
          // The message waits for this (no reply before it): under load the query can outlast the
          // SMTP delay, and a kill after the 250 would be a kill after the send, not during it.
          return db
            .selectFrom('outbox')
            .select(['id', 'locked_by'])
            .where('status', '=', 'pending')
            .where('locked_by', 'like', `%:${a.child.pid}:%`)
            .execute()
            .then((held) => {
              if (killedAt || !held.some((h) => h.id === id)) return;
              a.child.kill('SIGKILL');
              killedAt = Date.now();
              heldByA = held.map((h) => h.id);
              resolve();
            }, reject);
        };
      });
      await db.insertInto('outbox').values(rows).execute();
      await killed;
      expect(heldByA.length).toBeGreaterThan(0);

      await smtp.waitFor(N, 120_000);
      smtp.onReceiving = null;
      // The notices A held went out from B after A's lease (3 s here) lapsed. The latency is what
      // the issue asks for ("within a minute"; it was 15 minutes): bounded generously, since B
      // also sends its own notices, one at a time through the slowed SMTP server, meanwhile.
      const after = heldByA.map((id) => arrived.get(id)! - killedAt);
      const allSentMs = Date.now() - killedAt;
      console.log(
        `several instances: A held ${heldByA.length} notices at the kill; B sent the first ${Math.min(...after)} ms and the last ${Math.max(...after)} ms after it; all ${N} delivered ${allSentMs} ms after it`,
      );
      expect(Math.max(...after)).toBeLessThan(60_000);

      const ids = smtp.messages.map((m) => /^<([0-9a-f]{40})\./.exec(m.messageId)?.[1]);
      expect(ids).toHaveLength(N);
      expect(new Set(ids).size).toBe(N);
      expect([...new Set(ids)].sort()).toEqual([...keyOf.keys()].sort());
      const left = await db.selectFrom('outbox').select('id').where('status', '<>', 'sent').execute();
      expect(left).toEqual([]);
    });
  });
}

/** `node --import tsx src/server/main.ts`, as an operator starts one instance; resolves when it listens. */
async function startServer(dir: string, databaseUrl: string, smtpUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH,
      TZ: 'UTC',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'Presidio <presidio@ateneo.example>',
      ATTACHMENTS_DIR: path.join(dir, 'attachments'),
      LOG_LEVEL: 'warn',
      OUTBOX_INTERVAL_SECONDS: '1',
      // Short, so the test waits seconds for the take-over; the default is 30 s.
      OUTBOX_LEASE_SECONDS: '3',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('Presidio is running')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${out}`)));
  });
  return { child, port };
}
