import { promisify } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in src/web; the built files go to dist/web, served by the Fastify server.
// In development the API runs on port 3000 and Vite forwards /api and /healthz to it.
const apiTarget = process.env.PRESIDIO_API_URL ?? 'http://localhost:3000';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text files worth compressing; fonts (woff2) and images are compressed already. */
const COMPRESSIBLE = /\.(?:js|css|html|svg|json|txt)$/;

/**
 * Writes a .br and a .gz beside every compressible built file, at the strongest settings, once at
 * build time: the server (@fastify/static preCompressed) sends them as they are, spending no CPU
 * per request (#12).
 */
function precompress(): Plugin {
  return {
    name: 'presidio-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? '';
      // The manifest (.vite/) is for the page-weight check, never served.
      const names = [...Object.keys(bundle), 'index.html'].filter((name) => COMPRESSIBLE.test(name) && !name.startsWith('.vite/'));
      await Promise.all(
        [...new Set(names)].map(async (name) => {
          const file = path.join(outDir, name);
          const content = await readFile(file);
          const [br, gz] = await Promise.all([
            brotli(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY } }),
            gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // dist/web/.vite/manifest.json: which chunks each page loads; e2e/page-weight.spec.ts weighs them.
    manifest: true,
    // The indicators page carries recharts (520 kB minified, 119 kB brotli) and only it; the pages
    // that count are held to their budget by e2e/page-weight.spec.ts, not by this warning.
    chunkSizeWarningLimit: 600,
    // No source maps by default: they doubled the download for anyone who opened them and showed the
    // whole source. PRESIDIO_SOURCEMAP=1 writes them for debugging without the sourceMappingURL
    // comment; the server never serves *.map either way (src/server/app.ts, serveWeb).
    sourcemap: process.env.PRESIDIO_SOURCEMAP === '1' ? 'hidden' : false,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
});
