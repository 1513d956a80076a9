// Compiles the server (src/server, src/shared, src/domain) to JavaScript in build/, file by file,
// when its sources are newer than the build: `npm start` then runs plain JavaScript instead of
// loading some 300 TypeScript files through tsx at every start (#12 item 3: 7 s of a 7 s start).
// Plain JavaScript on purpose: it runs before anything can load TypeScript.
//
// esbuild, not tsc: tsc is a dev tool and a production install (`npm ci --omit=dev`) must still
// compile; esbuild comes with tsx, a run-time dependency. Each file stays a module of its own
// (every import external, `./x.ts` rewritten to `./x.js`), so build/ mirrors src/ at the same
// depth and the paths a module finds beside itself through import.meta.url (the FatturaPA schemas,
// the mail parser's worker, the demo price list) still resolve; the files that are not TypeScript
// are copied next to them.
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

const isTest = (f) => /\.test\.ts$/.test(f);

/** Compiles into build/ from scratch (a removed source leaves no stale module behind). */
export async function compileServer() {
  const { build } = await import('esbuild');
  const files = SERVER_DIRS.flatMap((d) => walk(path.join(root, d))).filter((f) => !isTest(f));
  const entryPoints = files.filter((f) => f.endsWith('.ts'));
  fs.rmSync(OUT, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints,
    outbase: path.join(root, 'src'),
    outdir: OUT,
    // bundle only so that the plugin sees every import; the plugin leaves each one external.
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    tsconfig: path.join(root, 'tsconfig.json'),
    plugins: [
      {
        name: 'each-file-its-own-module',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            const rel = args.path.startsWith('./') || args.path.startsWith('../');
            return { path: rel ? args.path.replace(/\.tsx?$/, '.js') : args.path, external: true };
          });
        },
      },
    ],
  });
  for (const f of files.filter((f) => !f.endsWith('.ts'))) {
    const to = path.join(OUT, path.relative(path.join(root, 'src'), f));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(f, to);
  }
  // The entry is written last by no rule of esbuild's: touch it so that its time marks the whole build.
  const now = new Date();
  fs.utimesSync(SERVER_ENTRY, now, now);
  return entryPoints.length;
}

// `node scripts/compile-server.mjs`: compile now, stale or not.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const n = await compileServer();
  console.log(`Compiled ${n} server modules into build/ in ${Math.round(performance.now() - t0)} ms`);
}
