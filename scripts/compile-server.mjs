// Compiles the server (src/server, src/shared, src/domain) to JavaScript in build/ when its sources
// are newer than the build: `npm start` then runs plain JavaScript instead of loading some 300
// TypeScript files through tsx at every start (#12 item 3: 7 s of a 7 s start). Plain JavaScript
// on purpose: it runs before anything can load TypeScript.
//
// esbuild, not tsc: tsc is a dev tool and a production install (`npm ci --omit=dev`) must still
// compile; esbuild comes with tsx, a run-time dependency. One bundle of the application's modules
// (packages stay external, loaded from node_modules), split where the code imports lazily (the
// demo seeds): Node's module loader took about a second of the start for 300-odd files. The bundle
// sits at build/server/main.js, two levels below the root like src/server/paths.ts, through which
// the modules find the application's own files (the FatturaPA schemas, the mail parser's worker,
// the demo price list) in src/ and data-demo/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_DIRS = ['src/server', 'src/shared', 'src/domain'];
const OUT = path.join(root, 'build');
export const SERVER_ENTRY = path.join(OUT, 'server/main.js');

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** The newest modification time under `dirs` (and of `files`), in ms; 0 when none exists. */
export function newestMtime(dirs, files = []) {
  let t = 0;
  for (const d of dirs) for (const f of walk(path.join(root, d))) t = Math.max(t, fs.statSync(f).mtimeMs);
  for (const f of files) if (fs.existsSync(path.join(root, f))) t = Math.max(t, fs.statSync(path.join(root, f)).mtimeMs);
  return t;
}

/** True when build/ is missing or older than a server source, tsconfig.json or this script. */
export function serverBuildStale() {
  if (!fs.existsSync(SERVER_ENTRY)) return true;
  const sources = newestMtime(SERVER_DIRS, ['tsconfig.json', 'package.json', 'scripts/compile-server.mjs']);
  return fs.statSync(SERVER_ENTRY).mtimeMs < sources;
}

/** Compiles into build/ from scratch (nothing stale left behind); returns how many source modules went in. */
export async function compileServer() {
  const { build } = await import('esbuild');
  fs.rmSync(OUT, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: path.join(root, 'src/server/main.ts') },
    outdir: path.dirname(SERVER_ENTRY),
    bundle: true,
    packages: 'external',
    splitting: true,
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    tsconfig: path.join(root, 'tsconfig.json'),
  });
  // The entry is written in no set order among the chunks: touch it so that its time marks the whole build.
  const now = new Date();
  fs.utimesSync(SERVER_ENTRY, now, now);
  return Object.keys(result.metafile.inputs).length;
}

// `node scripts/compile-server.mjs`: compile now, stale or not.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const n = await compileServer();
  console.log(`Compiled ${n} server modules into build/ in ${Math.round(performance.now() - t0)} ms`);
}
