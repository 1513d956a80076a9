import { describe, expect, it } from 'vitest';
import { decide, type Facts } from '../scripts/test-prereqs.ts';
import { DEFAULT_TEST_DATABASE_URL, testDatabaseUrl } from '../scripts/test-database-url.ts';

// The decision of `npm test`'s first step, from fake paths and environments: nothing is installed here.
const ALL = ['/usr/sbin/dovecot', '/usr/bin/chromium'];
const facts = (over: Partial<Facts> & { paths?: string[] } = {}): Facts => {
  const paths = new Set(over.paths ?? ALL);
  return {
    exists: (p) => paths.has(p),
    env: { TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' },
    installer: null,
    postgres: { ok: true },
    ...over,
  };
};

describe('test prerequisites', () => {
  it('goes ahead when dovecot, Chromium and PostgreSQL are all there', () => {
    expect(decide(facts())).toEqual({ action: 'ok', notes: [] });
    expect(
      decide(
        facts({
          paths: ['/usr/local/sbin/dovecot', '/opt/chrome'],
          env: { CHROMIUM_PATH: '/opt/chrome', TEST_DATABASE_URL: 'postgres://x/y' },
        }),
      ).action,
    ).toBe('ok');
  });

  it('installs the missing Debian packages when it runs as root or with passwordless sudo', () => {
    expect(decide(facts({ paths: [], installer: 'root' }))).toMatchObject({
      action: 'install',
      packages: ['dovecot-imapd', 'chromium'],
      command: 'apt-get update && apt-get install -y --no-install-recommends dovecot-imapd chromium',
    });
    expect(decide(facts({ paths: ['/usr/bin/chromium'], installer: 'sudo' }))).toMatchObject({
      action: 'install',
      packages: ['dovecot-imapd'],
      command: 'sudo apt-get update && sudo apt-get install -y --no-install-recommends dovecot-imapd',
    });
  });

  it('stops with the exact command when it cannot install', () => {
    const d = decide(facts({ paths: ['/usr/sbin/dovecot'] }));
    expect(d.action).toBe('stop');
    if (d.action !== 'stop') return;
    expect(d.message).toContain('missing: chromium');
    expect(d.message).toContain('apt-get update && apt-get install -y --no-install-recommends chromium');
    expect(d.message).toContain('CHROMIUM_PATH');
  });

  it("stops when CHROMIUM_PATH names a file that is not there (installing Debian's would not help)", () => {
    const d = decide(facts({ env: { CHROMIUM_PATH: '/opt/none', TEST_DATABASE_URL: 'postgres://x/y' }, installer: 'root' }));
    expect(d).toEqual({ action: 'stop', message: expect.stringContaining('CHROMIUM_PATH=/opt/none does not exist') });
  });

  it('stops when PostgreSQL at TEST_DATABASE_URL does not answer, hiding the password', () => {
    const d = decide(
      facts({ env: { TEST_DATABASE_URL: 'postgres://u:secret@db:5432/test' }, postgres: { ok: false, error: 'connect ECONNREFUSED' } }),
    );
    expect(d.action).toBe('stop');
    if (d.action !== 'stop') return;
    expect(d.message).toContain('postgres://u:***@db:5432/test');
    expect(d.message).not.toContain('secret');
    expect(d.message).toContain('ECONNREFUSED');
  });

  it('uses the local PostgreSQL when TEST_DATABASE_URL is not set, and names it when it does not answer', () => {
    expect(decide(facts({ env: {}, postgres: { ok: true } }))).toEqual({ action: 'ok', notes: [] });
    const d = decide(facts({ env: {}, postgres: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' } }));
    expect(d.action).toBe('stop');
    if (d.action !== 'stop') return;
    expect(d.message).toContain('postgres://postgres@127.0.0.1:5432/test');
    expect(d.message).toContain('TEST_SQLITE_ONLY=1 npm test');
  });

  it('runs SQLite only when asked, and never on CI', () => {
    const local = decide(facts({ env: { TEST_SQLITE_ONLY: '1' }, postgres: undefined }));
    expect(local.action).toBe('ok');
    if (local.action === 'ok') expect(local.notes.join()).toContain('SQLite only');
    const ci = decide(facts({ env: { CI: 'true', TEST_SQLITE_ONLY: '1' }, postgres: undefined }));
    expect(ci).toEqual({ action: 'stop', message: expect.stringContaining('mandatory') });
  });
});

describe("the tests' PostgreSQL URL", () => {
  it('is TEST_DATABASE_URL, else the local default; null only for an explicit SQLite-only run off CI', () => {
    expect(testDatabaseUrl({ TEST_DATABASE_URL: 'postgres://db/x' })).toBe('postgres://db/x');
    expect(testDatabaseUrl({})).toBe(DEFAULT_TEST_DATABASE_URL);
    expect(testDatabaseUrl({ TEST_SQLITE_ONLY: '1' })).toBeNull();
    expect(testDatabaseUrl({ TEST_SQLITE_ONLY: '1', CI: 'true' })).toBe(DEFAULT_TEST_DATABASE_URL);
  });
});
