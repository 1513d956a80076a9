// `npm run demo`: `npm start` with the demo university (PRESIDIO_DEMO=1) — accounts with the public
// password "presidio", for trying Presidio out, never for real data. scripts/start.ts still builds
// the web app when its sources changed.
process.env.PRESIDIO_DEMO = '1';
await import('./start.ts');

export {};
