// `npm run demo`: `npm start` with the demo university (PRESIDIO_DEMO=1) — accounts with the public
// password "presidio", for trying Presidio out, never for real data. Unless told otherwise it uses
// a database and attachment folder of its own (data/demo/), so a later `npm start` in the same
// checkout starts empty instead of inheriting the demo accounts. scripts/start.mjs still builds the
// web app and compiles the server when their sources changed.
process.env.PRESIDIO_DEMO = '1';
process.env.DATABASE_URL ||= 'sqlite:data/demo/presidio.sqlite';
process.env.ATTACHMENTS_DIR ||= 'data/demo/attachments';
await import('./start.mjs');
