// `npm run create-admin -- <username> [display name]`: creates (or re-enables) an administrator.
// The password is read from PRESIDIO_ADMIN_PASSWORD or asked on the terminal, never from argv,
// so it does not end up in the shell history.
import readline from 'node:readline/promises';
import { loadConfig } from '../src/server/config.ts';
import { createDb, migrateToLatest } from '../src/server/db/create-db.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { newId } from '../src/server/ids.ts';

const [username, ...nameParts] = process.argv.slice(2);
if (!username || !/^[a-z0-9._-]{3,50}$/i.test(username)) {
  console.error('Usage: npm run create-admin -- <username> [display name]\n(username: 3–50 letters, digits, dot, dash or underscore)');
  process.exit(2);
}
let password = process.env.PRESIDIO_ADMIN_PASSWORD ?? '';
if (!password) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('Password (at least 10 characters): ');
  rl.close();
}
if (password.length < 10) {
  console.error('The password needs at least 10 characters.');
  process.exit(2);
}

const config = loadConfig();
const db = createDb(config.database);
await migrateToLatest(db);
const now = new Date().toISOString();
const hash = await hashPassword(password);
const existing = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
await db.transaction().execute(async (trx) => {
  const id = existing?.id ?? newId();
  if (existing) {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, active: 1, failed_logins: 0, locked_until: null, updated_at: now })
      .where('id', '=', id)
      .execute();
  } else {
    await trx
      .insertInto('users')
      .values({ id, username, display_name: nameParts.join(' ') || username, password_hash: hash, created_at: now, updated_at: now })
      .execute();
  }
  await trx
    .insertInto('user_roles')
    .values({ user_id: id, role: 'admin' })
    .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
    .execute();
});
console.log(`${existing ? 'Updated' : 'Created'} administrator "${username}".`);
await db.destroy();
