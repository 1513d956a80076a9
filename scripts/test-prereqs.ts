// First step of `npm test`: make sure what the tests need outside node_modules is there.
// - Debian's dovecot (dovecot-imapd) for the IMAP intake test, at /usr/sbin/dovecot (or /usr/local/sbin);
// - Debian's Chromium for the browser tests, at CHROMIUM_PATH or /usr/bin/chromium (no browser is downloaded);
// - PostgreSQL reachable at TEST_DATABASE_URL (mandatory on CI; without it elsewhere, SQLite only).
// Missing packages are installed when this process may (root or passwordless sudo, and apt-get);
// otherwise it stops at once with the exact command to run. .ci/run relies on this, it has no copy.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export const DOVECOT_PATHS = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface Facts {
  /** Whether a file exists (fake in the unit test). */
  exists: (path: string) => boolean;
  env: Record<string, string | undefined>;
  /** How packages can be installed here: as root, through passwordless sudo, or not at all. */
  installer: 'root' | 'sudo' | null;
  /** Outcome of connecting to TEST_DATABASE_URL (undefined when it is not set). */
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
  const url = facts.env.TEST_DATABASE_URL;
  if (!url) {
    if (facts.env.CI) {
      return { action: 'stop', message: 'TEST_DATABASE_URL is not set, and on CI the PostgreSQL run is mandatory.\nRun: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test' };
    }
    notes.push('TEST_DATABASE_URL not set: integration tests will run on SQLite only (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test for both)');
  } else if (facts.postgres && !facts.postgres.ok) {
    return {
      action: 'stop',
      message:
        `PostgreSQL is not reachable at TEST_DATABASE_URL=${redact(url)}: ${facts.postgres.error}\n` +
        'Start it (Debian: pg_ctlcluster <version> main start) or fix TEST_DATABASE_URL' +
        (facts.env.CI ? '.' : '; unset it to run the integration tests on SQLite only.'),
    };
  }
  const chromium = facts.env.CHROMIUM_PATH;
  if (chromium && !facts.exists(chromium)) {
    return { action: 'stop', message: `CHROMIUM_PATH=${chromium} does not exist: point it at a Chromium, or unset it to use Debian's ${DEFAULT_CHROMIUM}.` };
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
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, error: (err as Error).message || String(err) };
  } finally {
    await client.end().catch(() => {});
  }
}

async function main(): Promise<number> {
  const exists = (p: string) => fs.existsSync(p);
  const env = process.env;
  const facts: Facts = { exists, env, installer: installer(exists) };
  if (env.TEST_DATABASE_URL) facts.postgres = await probePostgres(env.TEST_DATABASE_URL);
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
    for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...decision.packages]]) {
      const [cmd, ...rest] = [...sudo, ...args];
      const r = spawnSync(cmd, rest, { stdio: 'inherit', env: aptEnv });
      if (r.status !== 0) {
        console.error(`test prerequisites: STOP\n"${[cmd, ...rest].join(' ')}" failed; run it by hand:\n  ${installCommand(decision.packages, 'root')}`);
        return 1;
      }
    }
    const still = missingPackages(facts);
    if (still.length > 0) {
      console.error(`test prerequisites: STOP\nstill missing after installing: ${still.join(', ')}`);
      return 1;
    }
  }
  const pgNote = env.TEST_DATABASE_URL ? `, PostgreSQL at ${redact(env.TEST_DATABASE_URL)}` : '';
  console.log(`test prerequisites: all present (dovecot, ${env.CHROMIUM_PATH || DEFAULT_CHROMIUM}${pgNote})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
