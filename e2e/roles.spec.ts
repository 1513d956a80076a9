import { expect, test, type Page, type Request, type Response } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';

// #9 items 10 and 16: every demo role opens every entry of its own menu without one refused or
// failed API call (a 4xx would be a page the menu should not have offered, or a page asking for
// what the role may not read); the requester's counts agree; accounting has a home with amounts.
const USERS = ['richiedente', 'callcenter', 'bm.centrale', 'capo.servizio', 'ditta.elettrica', 'contabilita', 'admin'];

/** The API responses with a 4xx or 5xx status while `fn` runs; returns once no API call is left in flight. */
async function failuresDuring(page: Page, fn: () => Promise<void>): Promise<string[]> {
  const failed: string[] = [];
  const pending = new Set<Request>();
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  const started = (req: Request) => {
    if (isApi(req.url())) pending.add(req);
  };
  const ended = (req: Request) => pending.delete(req);
  const answered = (res: Response) => {
    const url = new URL(res.url());
    if (isApi(res.url()) && res.status() >= 400) failed.push(`${res.status()} ${res.request().method()} ${url.pathname}${url.search}`);
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  page.on('response', answered);
  try {
    await fn();
    // The page's queries start when it renders: wait for the last of them (and any it chained) to answer.
    await expect.poll(() => pending.size).toBe(0);
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
    page.off('response', answered);
  }
  return failed;
}

test.describe('menus by role', () => {
  for (const user of USERS) {
    test(`${user}: every menu entry opens without a refused API call`, async ({ page }) => {
      // Up to some forty pages, each waited on until its network is idle: far more than one page's test.
      test.setTimeout(600_000);
      await loginAs(page, user);
      const failed = await failuresDuring(page, async () => {
        await page.goto('/');
        await page.waitForLoadState('networkidle');
      });
      const links = mainNav(page).getByRole('link');
      await expect(links.first()).toBeVisible();
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.length).toBeGreaterThan(2);
      for (const href of hrefs) {
        failed.push(
          ...(
            await failuresDuring(page, async () => {
              // Through the menu, as a person moves: no reload of the whole app for each of ~40 pages.
              await mainNav(page).locator(`a[href="${href}"]`).first().click();
              await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === href);
              // Generous: on a loaded machine a page may take longer than the default to render.
              await expect(page.getByRole('heading', { level: 1 }).first(), href).toBeVisible({ timeout: 60_000 });
            })
          ).map((f) => `${href}: ${f}`),
        );
        await expect(page.getByRole('heading', { level: 1, name: 'Accesso non consentito' }), href).toHaveCount(0);
      }
      expect(failed).toEqual([]);
    });
  }
});

test('requester: no registry in the menu; the home, the menu and the list count the same open tickets', async ({ page }) => {
  test.slow();
  await loginAs(page, 'richiedente');
  await page.goto('/');
  const nav = mainNav(page);
  for (const name of ['Edifici', 'Sedi', 'Classi tecnologiche', 'Anagrafiche'])
    await expect(nav.getByText(name, { exact: true }), name).toHaveCount(0);

  const section = page.getByRole('region', { name: 'Le mie segnalazioni aperte' });
  const homeBadge = section.getByLabel(/^\d+ element[oi]$/);
  await expect(homeBadge).toBeVisible();
  const homeCount = Number(await homeBadge.textContent());
  expect(homeCount).toBeGreaterThan(0);
  const navEntry = nav.getByRole('link', { name: /^Le mie segnalazioni aperte/ });
  await expect(navEntry).toHaveText(new RegExp(`Le mie segnalazioni aperte\\s*${homeCount}$`));

  await section.getByRole('link', { name: /Vedi tutti/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Le mie segnalazioni aperte' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /risultat/ })).toHaveText(
    `${homeCount} ${homeCount === 1 ? 'risultato' : 'risultati'}`,
  );

  // "Le mie segnalazioni": all of them, closed ones included (to rate, to ask to reopen).
  await nav.getByRole('link', { name: 'Le mie segnalazioni', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Le mie segnalazioni', exact: true })).toBeVisible();
  const all = Number(
    (await page
      .getByRole('status')
      .filter({ hasText: /risultat/ })
      .textContent())!.replace(/\D/g, ''),
  );
  expect(all).toBeGreaterThanOrEqual(homeCount);
  await expectAccessible(page, 'all my tickets');

  // The registry is not the requester's: a typed address says so instead of failing calls.
  await page.goto('/registry/buildings');
  await expect(page.getByRole('heading', { level: 1, name: 'Accesso non consentito' })).toBeVisible();
});

test("accounting: a home with amounts, the amounts list and its XLSX, the lots' SLA dashboard", async ({ page }) => {
  test.slow(); // four pages, each checked by axe
  await loginAs(page, 'contabilita');
  await page.goto('/');
  const quotes = page.getByRole('region', { name: 'Preventivi in attesa di autorizzazione' });
  // Generous: the first screen after login waits for several lists on a loaded machine.
  await expect(quotes.getByText(/Totale IVA inclusa .*€/).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Lavori verificati di recente' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, 'accounting home');

  await mainNav(page).getByRole('link', { name: 'Importi degli ordini' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importi degli ordini di lavoro' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Importi degli ordini di lavoro' });
  await expect(table.getByRole('columnheader', { name: 'Autorizzato' })).toBeVisible();
  await expect(table.getByText('Extra canone').first()).toBeVisible();
  await expect(table.getByRole('cell', { name: /^€?\s?[\d.]+,\d{2}\s?€?$/ }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, 'work-order amounts');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Esporta importi (XLSX)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^importi-ordini-di-lavoro-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(await download.failure()).toBeNull();

  await mainNav(page).getByRole('link', { name: 'Cruscotto SLA dei lotti' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cruscotto SLA dei lotti' })).toBeVisible();
  await page
    .getByRole('main')
    .getByRole('link', { name: /^Lotto/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/contracts\/[^/]+\/overview$/);
  await expect(page.getByRole('heading', { level: 1, name: /Lotto/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, 'contract dashboard (accounting)');
});
