import { expect, test } from '@playwright/test';
import { LIMITS, PAGES, pageWeight, readManifest } from '../scripts/page-weight.ts';

// #12 light pages. Reads the build that test:e2e has just made (dist/web and its manifest): the
// login page may make a first visitor download at most 250 kB of JS and CSS, the home (the same
// HomePage chunk for every role, behind the signed-in layout) at most 350 kB, counted as sent, in
// brotli. No browser needed for the weights; the headers are checked on the running server.
test.describe('light pages', () => {
  const manifest = readManifest();

  for (const page of Object.keys(PAGES) as (keyof typeof PAGES)[]) {
    test(`the ${page} page stays under ${LIMITS[page] / 1000} kB of brotli JS and CSS`, () => {
      const weight = pageWeight(manifest, PAGES[page]);
      const list = weight.files.join('\n');
      expect(
        weight.files.some((file) => file.endsWith('.css')),
        list,
      ).toBe(true);
      expect(weight.brotli, `${page}: ${weight.brotli} bytes of brotli in\n${list}`).toBeLessThanOrEqual(LIMITS[page]);
    });
  }

  test('the login page does not carry the signed-in app', () => {
    const login = pageWeight(manifest, PAGES.login).files;
    for (const source of [...PAGES.home, 'features/tickets/TicketPage.tsx']) {
      const chunk = manifest[source];
      expect(chunk, source).toBeDefined();
      expect(login, source).not.toContain(chunk.file);
    }
  });

  test('built files are served precompressed and immutable, index.html revalidated, source maps never', async ({ request }) => {
    const login = pageWeight(manifest, PAGES.login).files;
    const script = login.find((file) => file.endsWith('.js'));
    expect(script).toBeDefined();
    const asset = await request.get(`/${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.status()).toBe(200);
    expect(asset.headers()['content-encoding']).toBe('br');
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

    const index = await request.get('/login', { headers: { 'accept-encoding': 'gzip' } });
    expect(index.status()).toBe(200);
    expect(index.headers()['content-encoding']).toBe('gzip');
    expect(index.headers()['cache-control']).toBe('no-cache');

    const map = await request.get(`/${script}.map`);
    expect(map.status()).toBe(404);

    const openapi = await request.get('/api/docs/json', { headers: { 'accept-encoding': 'br' } });
    expect(openapi.status()).toBe(200);
    expect(openapi.headers()['content-encoding']).toBe('br');
    expect(await openapi.json()).toHaveProperty('openapi');
  });
});
