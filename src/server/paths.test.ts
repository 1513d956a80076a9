// The application's own files are found from the root (paths.ts), in the compiled bundle too: the
// bundle must sit as deep below the root as paths.ts, and each file a module reads must be there.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript without types (it runs before anything can load TypeScript)
import { SERVER_ENTRY } from '../../scripts/compile-server.mjs';
import { XSD_DIR } from './modules/accounting/fatturapa.ts';
import { WORKER_URL } from './modules/mail-in/parse-pool.ts';
import { DEMO_PRICE_LIST_FILE } from './modules/price-lists/price-lists.seed.ts';
import { APP_ROOT } from './paths.ts';

const root = fileURLToPath(APP_ROOT);
const depth = (file: string) => path.relative(root, file).split(path.sep).length;

describe('the application finds its own files', () => {
  it('from the root of the checkout, where package.json is', () => {
    expect(fs.existsSync(path.join(root, 'package.json'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name).toBe('presidio');
  });

  it('the compiled bundle sits as deep below the root as paths.ts, so the same ../../ reaches it', () => {
    expect(depth(SERVER_ENTRY as string)).toBe(depth(fileURLToPath(import.meta.url).replace(/paths\.test\.ts$/, 'paths.ts')));
  });

  it('the FatturaPA schemas, the mail parser worker and the demo price list are there', () => {
    for (const f of [new URL('FatturaPA_v1.2.2.xsd', XSD_DIR), new URL('xmldsig-core.xsd', XSD_DIR), WORKER_URL, DEMO_PRICE_LIST_FILE])
      expect(fs.existsSync(f), f.href).toBe(true);
  });
});
