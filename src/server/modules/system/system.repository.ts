// SQL of the server's own state: the liveness probe's round trip to the database (GET /healthz).
import { sql } from 'kysely';
import type { Db } from '../../db/create-db.ts';

/** One trivial statement: resolves when the database answers, throws (a 500 from /healthz) when it does not. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
