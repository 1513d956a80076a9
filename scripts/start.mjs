// `npm start`: build the web app when its sources are newer than the build, compile the server to
// build/ when its sources are newer than that (scripts/compile-server.mjs), then run the compiled
// server. Plain JavaScript, run by node itself: no TypeScript loader between `npm start` and the
// first request (#12 item 3).
// A production install (`npm ci --omit=dev`) has no vite: the web build made before it is served as
// it is. The server still compiles there: esbuild comes with tsx, a run-time dependency.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_ENTRY, compileServer, newestMtime, serverBuildStale } from './compile-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist/web/index.html');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');

const sourcesChanged = newestMtime(['src/web', 'src/shared'], ['vite.config.ts']);
const stale = !fs.existsSync(built) || fs.statSync(built).mtimeMs < sourcesChanged;
if (stale && fs.existsSync(vite)) {
  console.log('Building the web app…');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
} else if (!fs.existsSync(built)) {
  console.error(
    'No web app in dist/web and no vite to build it (production install without dev packages).\n' +
      'Run `npm ci && npm run build` first, then `npm ci --omit=dev` (README › Production install).',
  );
  process.exit(1);
} else if (stale) {
  console.log('vite is not installed (production install): serving the existing build in dist/web without rebuilding.');
}

if (serverBuildStale()) {
  console.log('Compiling the server…');
  await compileServer();
}
// Stack traces name the TypeScript lines (build/ has linked source maps).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(SERVER_ENTRY).href);
