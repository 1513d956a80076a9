import zlib from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Brotli or gzip for every compressible answer (#12): JSON, problem+json, the OpenAPI document,
 * CSV and calendar feeds, above 1 KB. The built web files come precompressed (@fastify/static
 * preCompressed, see web-assets.ts) and carry their content-encoding, which this hook leaves alone.
 * PDF, XLSX, ZIP and images are not compressible types (mime-db) and pass as they are; streamed
 * answers are compressed as streams. Quality 4 for brotli: per request, speed matters more than
 * the last percent.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: {
      params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: 4 },
    },
    // Compressed request bodies are not accepted: the body limits keep meaning bytes received.
    globalDecompression: false,
  });
}
