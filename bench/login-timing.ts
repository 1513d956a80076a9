// Login timing: a wrong password for a real account against an unknown username, through the real
// app (inject), so the figures show whether the answer's time tells that a name exists.
//   npx tsx bench/login-timing.ts [attempts per kind = 40]
// Each attempt comes from its own client address, so neither the per-address limit nor the
// per-(username, address) back-off interferes.
import { loadConfig } from '../src/server/config.ts';
import { buildApp } from '../src/server/app.ts';
import { createDb, migrateToLatest } from '../src/server/db/create-db.ts';
import { seedDemo } from '../src/server/db/seed/demo.ts';

const n = Number(process.argv[2] ?? 40);
const db = createDb({ kind: 'sqlite', file: ':memory:' });
await migrateToLatest(db);
await seedDemo(db, { now: new Date() });
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '10000' }), { db, logger: false });

const kinds = { 'known user, wrong password': 'admin', 'unknown user': 'nessuno.bench' } as const;
const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
let ip = 0;
for (let i = 0; i < n; i++) {
  // Interleaved, so machine noise falls on both kinds alike.
  for (const [kind, username] of Object.entries(kinds)) {
    ip++;
    const t0 = process.hrtime.bigint();
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username, password: 'sbagliata' },
      remoteAddress: `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.statusCode !== 401) throw new Error(`${kind}: ${res.statusCode}`);
    if (i > 0) times[kind].push(ms); // the first round warms up
  }
}
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
for (const [kind, xs] of Object.entries(times)) {
  console.log(
    `${kind.padEnd(42)} median ${q(xs, 0.5).toFixed(1)} ms, p10 ${q(xs, 0.1).toFixed(1)}, p90 ${q(xs, 0.9).toFixed(1)} (n=${xs.length})`,
  );
}
await app.close();
