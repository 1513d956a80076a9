// What each page costs to load: the JS and CSS the browser fetches before the page shows, summed as
// sent over the wire (the brotli files written at build, see vite.config.ts precompress). Read from
// Vite's build manifest, so it counts what the built app really loads: the entry, the page's own
// chunk, and every chunk either imports statically (preloaded), with their CSS. Dynamic imports
// inside a page (a chart opened later, another route) are not counted: they are not on that page.
//   npx vite build && npx tsx scripts/page-weight.ts
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export const WEB_DIST = 'dist/web';

/** Limits of #12, in bytes of brotli: what a first visit may download before the page shows. */
export const LIMITS = { login: 250_000, home: 350_000 } as const;

/**
 * The pages weighed, by the lazy chunks they render (router.tsx): the login page, and the home
 * every role lands on, inside the signed-in layout (one HomePage chunk for all roles: it picks the
 * queues by role at run time).
 */
export const PAGES: Record<keyof typeof LIMITS, string[]> = {
  login: ['features/auth/LoginPage.tsx'],
  home: ['app/RequireAuth.tsx', 'features/home/HomePage.tsx'],
};

export interface PageWeight {
  /** Built files (relative to dist/web) the page loads. */
  files: string[];
  /** Sum of their .br sizes. */
  brotli: number;
  /** Sum of their .gz sizes, for clients without brotli. */
  gzip: number;
  /** Sum of their sizes as built (minified, not compressed). */
  raw: number;
}

export function readManifest(dist = WEB_DIST): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * Loaded before the first screen though imported dynamically: the messages of one language
 * (src/web/i18n/index.ts). Italian is counted, the default and the larger of the two.
 */
const STARTUP_CHUNKS = ['i18n/it.json'];

/**
 * The entry (index.html's script), the language's messages and the page's chunk, with all they
 * import statically, and their CSS.
 */
export function pageFiles(manifest: Manifest, pageSources: string[]): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry) throw new Error('the manifest has no entry');
  const files = new Set<string>();
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) walk(imported);
  };
  walk(entry);
  for (const chunk of STARTUP_CHUNKS) {
    if (!manifest[chunk]) throw new Error(`the manifest has no chunk for ${chunk}`);
    walk(chunk);
  }
  for (const source of pageSources) {
    if (!manifest[source]) throw new Error(`the manifest has no chunk for ${source}: is it still lazy (router.tsx)?`);
    walk(source);
  }
  return [...files].filter((file) => /\.(?:js|css)$/.test(file)).sort();
}

function sizeOf(file: string): number {
  return fs.statSync(file).size;
}

export function pageWeight(manifest: Manifest, pageSources: string[], dist = WEB_DIST): PageWeight {
  const files = pageFiles(manifest, pageSources);
  const sum = (suffix: string) => files.reduce((total, file) => total + sizeOf(path.join(dist, file + suffix)), 0);
  return { files, brotli: sum('.br'), gzip: sum('.gz'), raw: sum('') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const manifest = readManifest();
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  for (const [page, sources] of Object.entries(PAGES)) {
    const weight = pageWeight(manifest, sources);
    const limit = LIMITS[page as keyof typeof LIMITS];
    console.log(
      `${page}: ${weight.files.length} files, brotli ${kB(weight.brotli)} (limit ${kB(limit)}), gzip ${kB(weight.gzip)}, raw ${kB(weight.raw)}`,
    );
  }
}
