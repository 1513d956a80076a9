// `npm start`: build the web app when its sources are newer than the build, then run the server.
// A production install (`npm ci --omit=dev`) has no vite: the build made before it is served as it is.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/web/index.html');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');

function newest(dir: string): number {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const sourcesChanged = Math.max(
  newest(path.join(root, 'src/web')),
  newest(path.join(root, 'src/shared')),
  fs.existsSync(path.join(root, 'vite.config.ts')) ? fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs : 0,
);
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
await import('../src/server/main.ts');
