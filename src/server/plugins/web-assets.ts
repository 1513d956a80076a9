import path from 'node:path';
import type { FastifyStaticOptions } from '@fastify/static';

/**
 * How the built web app is served (#12). Files under assets/ carry a content hash in their name:
 * a new build makes new names, so browsers may keep them for a year without asking again.
 * Everything else (index.html, favicon) is revalidated on every load, so a deploy shows at once.
 * The .br/.gz written at build (vite.config.ts) are sent to clients that accept them. Source maps
 * are never served, even when a debugging build writes them (PRESIDIO_SOURCEMAP=1).
 */
export function webStaticOptions(dist: string): FastifyStaticOptions {
  return {
    root: dist,
    // Files are looked up per request, so a rebuilt web app is served without a restart.
    wildcard: true,
    index: 'index.html',
    preCompressed: true,
    cacheControl: false,
    allowedPath: (pathName) => !isSourceMap(pathName),
    setHeaders: (res, filePath) => {
      const file = builtName(path.relative(dist, filePath));
      res.setHeader('cache-control', cacheControlOf(file));
      // The same URL answers brotli, gzip or plain by Accept-Encoding: shared caches must know.
      if (PRECOMPRESSED.test(file)) res.setHeader('vary', 'accept-encoding');
    },
  };
}

export const isSourceMap = (pathName: string) => /\.map$/i.test(pathName);

/** The types the build writes a .br/.gz for (vite.config.ts COMPRESSIBLE). */
const PRECOMPRESSED = /\.(?:js|css|html|svg|json|txt)$/;

/** A served file's path relative to dist/web, the .br/.gz counting as its original. */
const builtName = (relativePath: string) =>
  relativePath
    .split(path.sep)
    .join('/')
    .replace(/\.(?:br|gz)$/, '');

/** The cache rule of a built file, by its path relative to dist/web. */
export function cacheControlOf(file: string): string {
  return file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}
