// First step of `npm test`: make sure what the tests need outside node_modules is there.
// - Debian's dovecot (dovecot-imapd) for the IMAP intake test, at /usr/sbin/dovecot (or /usr/local/sbin);
// - Debian's Chromium for the browser tests, at CHROMIUM_PATH or /usr/bin/chromium (no browser is downloaded);
// - PostgreSQL reachable at TEST_DATABASE_URL, by default the local server (its `test` database is
//   created when missing); SQLite alone only when asked with TEST_SQLITE_ONLY=1, never on CI.
// Missing packages are installed when this process may (root or passwordless sudo, and apt-get);
// otherwise it stops at once with the exact command to run. .ci/run relies on this, it has no copy.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { testDatabaseUrl } from './test-database-url.ts';

export const DOVECOT_PATHS = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface Facts {
  /** Whether a file exists (fake in the unit test). */
  exists: (path: string) => boolean;
  env: Record<string, string | undefined>;
  /** How packages can be installed here: as root, through passwordless sudo, or not at all. */
  installer: 'root' | 'sudo' | null;
  /** Outcome of connecting to the tests' PostgreSQL (undefined on a SQLite-only run). */
  postgres?: { ok: true } | { ok: false; error: string };
}

/** The Debian packages the tests need and this machine lacks. */
export function missingPackages(facts: Pick<Facts, 'exists' | 'env'>): string[] {
  const missing: string[] = [];
  if (!DOVECOT_PATHS.some((p) => facts.exists(p))) missing.push('dovecot-imapd');
  if (!facts.exists(facts.env.CHROMIUM_PATH || DEFAULT_CHROMIUM)) missing.push('chromium');
  return missing;
}

/** The command that installs `packages`, as whoever can run it. */
export function installCommand(packages: string[], installer: Facts['installer']): string {
  const sudo = installer === 'root' ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** The database URL with its password hidden, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@]*@/, '$1:***@');
}

export type Decision =
  | { action: 'ok'; notes: string[] }
  | { action: 'install'; packages: string[]; command: string; notes: string[] }
  | { action: 'stop'; message: string };

/** What to do, from what was found: the whole logic of this script, without side effects. */
export function decide(facts: Facts): Decision {
  const notes: string[] = [];
  if (facts.env.CI && facts.env.TEST_SQLITE_ONLY && !facts.env.TEST_DATABASE_URL) {
    return { action: 'stop', message: 'TEST_SQLITE_ONLY is set, and on CI the PostgreSQL run is mandatory: unset it.' };
  }
  const url = testDatabaseUrl(facts.env);
  if (!url) {
    notes.push('TEST_SQLITE_ONLY set: integration tests will run on SQLite only');
  } else if (facts.postgres && !facts.postgres.ok) {
    return {
      action: 'stop',
      message:
        `PostgreSQL is not reachable at ${redact(url)}${facts.env.TEST_DATABASE_URL ? ' (TEST_DATABASE_URL)' : ''}: ${facts.postgres.error}\n` +
        'Start it (Debian: pg_ctlcluster <version> main start) or point TEST_DATABASE_URL at one' +
        (facts.env.CI ? '.' : '; or run the integration tests on SQLite only: TEST_SQLITE_ONLY=1 npm test'),
    };
  }
  const chromium = facts.env.CHROMIUM_PATH;
  if (chromium && !facts.exists(chromium)) {
    return {
      action: 'stop',
      message: `CHROMIUM_PATH=${chromium} does not exist: point it at a Chromium, or unset it to use Debian's ${DEFAULT_CHROMIUM}.`,
    };
  }
  const packages = missingPackages(facts);
  if (packages.length === 0) return { action: 'ok', notes };
  if (facts.installer === null) {
    return {
      action: 'stop',
      message:
        `The tests need Debian packages that are missing: ${packages.join(', ')} ` +
        '(dovecot-imapd for the IMAP intake test, chromium for the browser tests), and this user cannot install them.\n' +
        `Run, as root:\n  ${installCommand(packages, 'root')}\nthen npm test again.` +
        (packages.includes('chromium') ? ' (Chromium elsewhere: set CHROMIUM_PATH.)' : ''),
    };
  }
  return { action: 'install', packages, command: installCommand(packages, facts.installer), notes };
}

function installer(exists: (p: string) => boolean): Facts['installer'] {
  const apt = ['/usr/bin/apt-get', '/bin/apt-get'].some(exists);
  if (!apt) return null;
  if (process.getuid?.() === 0) return 'root';
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? 'sudo' : null;
}

async function probePostgres(url: string): Promise<Facts['postgres']> {
  const attempt = async (connectionString: string, query: string) => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query(query);
    } finally {
      await client.end().catch(() => {});
    }
  };
  try {
    await attempt(url, 'select 1');
    return { ok: true };
  } catch (err) {
    // A server without the tests' database yet (a fresh machine): create it, as its owner would.
    if ((err as { code?: string }).code === '3D000') {
      const target = new URL(url);
      const name = decodeURIComponent(target.pathname.slice(1));
      target.pathname = '/postgres';
      try {
        await attempt(target.href, `create database "${name.replaceAll('"', '""')}"`);
        console.log(`test prerequisites: created database ${name} at ${redact(url)}`);
        return { ok: true };
      } catch (createErr) {
        return { ok: false, error: `database ${name} does not exist and could not be created: ${(createErr as Error).message}` };
      }
    }
    return { ok: false, error: (err as Error).message || String(err) };
  }
}

async function main(): Promise<number> {
  const exists = (p: string) => fs.existsSync(p);
  const env = process.env;
  const facts: Facts = { exists, env, installer: installer(exists) };
  const url = testDatabaseUrl(env);
  if (url) facts.postgres = await probePostgres(url);
  const decision = decide(facts);
  if (decision.action === 'stop') {
    console.error(`test prerequisites: STOP\n${decision.message}`);
    return 1;
  }
  for (const note of decision.notes) console.log(`test prerequisites: ${note}`);
  if (decision.action === 'install') {
    console.log(`test prerequisites: installing ${decision.packages.join(', ')}: ${decision.command}`);
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const sudo = facts.installer === 'sudo' ? ['sudo', '-n', '-E'] : [];
    for (const args of [
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...decision.packages],
    ]) {
      const [cmd, ...rest] = [...sudo, ...args];
      const r = spawnSync(cmd, rest, { stdio: 'inherit', env: aptEnv });
      if (r.status !== 0) {
        console.error(
          `test prerequisites: STOP\n"${[cmd, ...rest].join(' ')}" failed; run it by hand:\n  ${installCommand(decision.packages, 'root')}`,
        );
        return 1;
      }
    }
    const still = missingPackages(facts);
    if (still.length > 0) {
      console.error(`test prerequisites: STOP\nstill missing after installing: ${still.join(', ')}`);
      return 1;
    }
  }
  const pgNote = url ? `, PostgreSQL at ${redact(url)}` : ', SQLite only';
  console.log(`test prerequisites: all present (dovecot, ${env.CHROMIUM_PATH || DEFAULT_CHROMIUM}${pgNote})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
