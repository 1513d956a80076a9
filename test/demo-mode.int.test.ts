// #7 item 1: demo data only when asked for; a server holding demo accounts says so (start-up
// banner, GET /api/admin/status for the admin's home) until their passwords changed.
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { DEMO_PASSWORD, demoAccountsInUse, isDatabaseEmpty } from '../src/server/db/seed/demo.ts';
import { demoBanner, seedOnStart, type StartLog } from '../src/server/db/seed/on-start.ts';

function captureLog() {
  const lines: Array<[string, string]> = [];
  const log: StartLog = {
    info: (m) => {
      lines.push(['info', m]);
    },
    warn: (m) => {
      lines.push(['warn', m]);
    },
    error: (m) => {
      lines.push(['error', m]);
    },
  };
  return { log, lines, text: () => lines.map(([, m]) => m).join('\n') };
}

it('PRESIDIO_DEMO is off unless set to 1, in production too', () => {
  expect(loadConfig({}).demo).toBe(false);
  expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
  expect(loadConfig({ PRESIDIO_DEMO: '0' }).demo).toBe(false);
  expect(loadConfig({ PRESIDIO_DEMO: '1' }).demo).toBe(true);
});

describeEachDb(
  'demo data on request only',
  (env) => {
    let admin: Client;
    let usernames: string[];
    const status = async (c: Client) => {
      const res = await c.get('/api/admin/status');
      expect(res.statusCode).toBe(200);
      return res.json() as { demoAccounts: string[] };
    };

    it('an empty database with the default configuration starts empty: no users, no banner', async () => {
      const c = captureLog();
      const r = await seedOnStart(env.db, loadConfig({}), { now: env.clock.now, log: c.log });
      expect(r).toEqual({ seeded: false, logins: [] });
      expect(await isDatabaseEmpty(env.db)).toBe(true);
      expect(c.text()).toContain('npm run create-admin');
      expect(await demoBanner(env.db)).toBeNull();
      expect(await demoAccountsInUse(env.db)).toEqual([]);
    });

    it('PRESIDIO_DEMO=1 seeds the demo (warning when NODE_ENV=production) and the banner names the accounts, not the password', async () => {
      const c = captureLog();
      const r = await seedOnStart(env.db, loadConfig({ PRESIDIO_DEMO: '1' }), {
        now: env.clock.now,
        log: c.log,
        activity: false,
        production: true,
      });
      expect(r.seeded).toBe(true);
      expect(r.logins.length).toBe(21); // 15 office and contractor users, 6 technicians (#9 item 13)
      for (const l of r.logins) expect(l.password).toBe(DEMO_PASSWORD);
      expect(
        c.lines
          .filter(([level]) => level === 'warn')
          .map(([, m]) => m)
          .join(),
      ).toContain('NODE_ENV=production');
      usernames = r.logins.map((l) => l.username).sort();
      expect(await demoAccountsInUse(env.db)).toEqual(usernames);
      const banner = await demoBanner(env.db);
      expect(banner).toContain('DEMO ACCOUNTS ACTIVE: 21 account(s)');
      expect(banner).toContain('admin');
      expect(banner).not.toContain(DEMO_PASSWORD);
    });

    it('a later start seeds nothing and prints no password, but the banner stays', async () => {
      const c = captureLog();
      const r = await seedOnStart(env.db, loadConfig({ PRESIDIO_DEMO: '1' }), { now: env.clock.now, log: c.log, activity: false });
      expect(r).toEqual({ seeded: false, logins: [] });
      expect(c.text()).not.toContain(DEMO_PASSWORD);
      expect(await demoBanner(env.db)).not.toBeNull();
    });

    it('GET /api/admin/status: the admin sees the demo accounts, nobody else may ask', async () => {
      admin = await env.login('admin');
      expect(await status(admin)).toEqual({ demoAccounts: usernames });
      const requester = await env.login('richiedente');
      const denied = await requester.get('/api/admin/status');
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('FORBIDDEN');
      expect((await env.anonymous().get('/api/admin/status')).statusCode).toBe(401);
    });

    it('an account leaves the list when its password changes or it is deactivated; none left: no flag, no banner', async () => {
      const user = (name: string) =>
        env.db.selectFrom('users').select(['id', 'version']).where('username', '=', name).executeTakeFirstOrThrow();
      const cc = await user('callcenter');
      expect((await admin.patch(`/api/users/${cc.id}`, { password: 'a-real-password-2026', version: Number(cc.version) })).statusCode).toBe(
        200,
      );
      const bm = await user('bm.como');
      expect((await admin.patch(`/api/users/${bm.id}`, { active: false, version: Number(bm.version) })).statusCode).toBe(200);
      expect(await status(admin)).toEqual({ demoAccounts: usernames.filter((u) => u !== 'callcenter' && u !== 'bm.como') });

      // The rest changed their passwords (hashes written directly: scrypt fifteen times adds nothing here).
      await env.db
        .updateTable('users')
        .set({ password_hash: 'scrypt$changed' })
        .where('username', 'not in', ['callcenter', 'bm.como'])
        .execute();
      expect(await status(admin)).toEqual({ demoAccounts: [] });
      expect(await demoBanner(env.db)).toBeNull();
    });
  },
  { demo: false },
);
