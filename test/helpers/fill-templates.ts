// Migrates the template databases of test/helpers/templates.ts and seeds the demo ones:
//   node --import tsx test/helpers/fill-templates.ts '<Templates as JSON>'
import { createDb, migrateToLatest, type Db } from '../../src/server/db/create-db.ts';
import { seedDemo } from '../../src/server/db/seed/demo.ts';
import { DEMO_SEEDED_AT, databaseUrl, type Templates } from './db.ts';

async function fill(db: Db, demo: boolean): Promise<void> {
  try {
    await migrateToLatest(db);
    if (demo) await seedDemo(db, { now: DEMO_SEEDED_AT });
  } finally {
    // On SQLite, closing checkpoints the log into the file (create-db.ts): each file alone is whole.
    await db.destroy();
  }
}

const templates = JSON.parse(process.argv[2]) as Templates;
await fill(createDb({ kind: 'sqlite', file: templates.sqlite.migrated }), false);
await fill(createDb({ kind: 'sqlite', file: templates.sqlite.demo }), true);
const pg = templates.postgres;
if (pg) {
  await fill(createDb({ kind: 'postgres', url: databaseUrl(pg.url, pg.migrated) }), false);
  await fill(createDb({ kind: 'postgres', url: databaseUrl(pg.url, pg.demo) }), true);
}
