// Where the integration tests find PostgreSQL. Without TEST_DATABASE_URL they use the local server
// every Debian install answers on, so `npm test` on a fresh clone runs both engines; the SQLite-only
// run is an explicit choice (TEST_SQLITE_ONLY=1), never a silent fallback, and never on CI.
// It lives in scripts/ because scripts/test-prereqs.ts (run by `npm test` first) needs it: scripts do not import test/.
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL URL the integration tests use, or null when SQLite alone was asked for. */
export function testDatabaseUrl(env: Record<string, string | undefined>): string | null {
  if (env.TEST_DATABASE_URL) return env.TEST_DATABASE_URL;
  if (env.TEST_SQLITE_ONLY && !env.CI) return null;
  return DEFAULT_TEST_DATABASE_URL;
}
