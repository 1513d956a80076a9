import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';

const PAGES = [
  '/',
  '/registry/sites',
  '/registry/sites/new',
  '/registry/buildings',
  '/registry/departments',
  '/registry/technology-classes/new',
  '/registry/contractors',
  '/registry/contracts',
  '/registry/contracts/new',
  '/registry/assets',
  '/registry/users',
  '/registry/users/new',
  '/import',
  '/profile',
];

test.describe('accessibility (WCAG 2.1 AA, axe)', () => {
  test('login page', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, '/login');
  });

  // One test per page: each stays well inside the test timeout however long axe takes on it.
  for (const path of PAGES) {
    test(`admin page ${path}`, async ({ page }) => {
      await loginAs(page, 'admin');
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, path);
    });
  }

  test('a building page and a read-only form', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto('/registry/buildings');
    await page.getByRole('link', { name: 'MI-B01' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Spazi' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'building page');
    await page.getByRole('link', { name: 'Tutti i dati' }).click();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'read-only building form');
  });

  test('contracts as the call center: no amounts, nothing breaks (#7 item 14)', async ({ page }) => {
    await loginAs(page, 'callcenter');
    await page.goto('/registry/contracts');
    const row = page.getByRole('row').filter({ hasText: 'Lotto 2' });
    await expect(row).toContainText('—');
    await expect(row).not.toContainText('€');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'contracts list, call center');
    await row.getByRole('link', { name: 'Lotto 2' }).click();
    await expect(page.getByLabel(/^Titolo/)).not.toHaveValue('');
    await expect(page.getByLabel(/^Importo netto/)).toHaveCount(0);
    await expect(page.getByLabel(/^Ribasso/)).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'read-only contract form, call center');
  });

  test('skip link, landmarks and a phone-sized screen', async ({ page }) => {
    await loginAs(page, 'admin');
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/registry/buildings');
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('main')).toBeVisible();

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Vai al contenuto principale' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main-content$/);

    // No sideways scrolling of the page itself at 375 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expect(mainNav(page)).toBeHidden();
    await page.getByRole('button', { name: 'Apri il menu di navigazione' }).click();
    await expect(mainNav(page)).toBeVisible();
    await expectAccessible(page, 'navigation on a phone');
    await mainNav(page).getByRole('link', { name: 'Contratti' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Contratti' })).toBeVisible();
    await expect(mainNav(page)).toBeHidden();
  });
});
