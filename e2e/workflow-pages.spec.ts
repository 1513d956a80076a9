import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { choose } from './workflow-helpers';

// The work pages of each role: accessible (axe), usable at 375 px, in Italian and in English.

const noSideScroll = async (page: import('@playwright/test').Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

test.describe('work pages', () => {
  test('the call center enters an emergency for a caller and is shown the number to call', async ({ page }) => {
    await loginAs(page, 'callcenter');
    await page.goto('/');
    await mainNav(page).getByRole('link', { name: 'Nuova segnalazione telefonica' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nuova segnalazione' })).toBeVisible();
    await page.getByRole('button', { name: 'Registra la segnalazione' }).click();
    await expect(page.getByLabel(/^Nome e cognome del chiamante/)).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel(/^Nome e cognome del chiamante/).fill('Luca Ferri');
    await page.getByLabel(/^Telefono del chiamante/).fill('+39 02 2399 0000');
    await page.getByLabel(/^E-mail del chiamante/).fill('luca.ferri@example.org');
    await choose(page, page.getByRole('combobox', { name: /^Edificio/ }), 'MI-B02', /MI-B02/);
    await page.getByLabel(/^Descrivi il guasto segnalato/).fill('Odore di bruciato dal quadro elettrico del corridoio.');
    await page.getByRole('switch', { name: /Emergenza: pericolo per le persone/ }).check();
    await expect(page.getByRole('button', { name: 'Registra la segnalazione di emergenza' })).toBeVisible();
    await expectAccessible(page, 'phone entry form');
    await page.getByRole('button', { name: 'Registra la segnalazione di emergenza' }).click();

    await expect(page.getByRole('heading', { level: 1, name: /^Segnalazione \d{4}-\d{6} inviata$/ })).toBeVisible();
    const call = page.getByRole('link', { name: /^Chiama il \d+/ });
    await expect(call).toHaveAttribute('href', /^tel:\d+/);
    await expectAccessible(page, 'emergency sent');
    await page.getByRole('link', { name: /^Apri la segnalazione/ }).click();
    await expect(page.getByText('Emergenza').first()).toBeVisible();
    await expect(page.getByText('Luca Ferri · +39 02 2399 0000 · luca.ferri@example.org')).toBeVisible();
  });

  test('lists keep their filters in the URL, count and export', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto('/work-orders');
    await expect(page.getByRole('heading', { level: 1, name: 'Ordini di lavoro' })).toBeVisible();
    await expect(page.getByText(/^\d+ risultat/)).toBeVisible();
    await page.getByRole('combobox', { name: 'Priorità' }).click();
    await page.getByRole('option', { name: 'Urgenza' }).click();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/priority=urgent/);
    await choose(page, page.getByRole('combobox', { name: 'Ordina per' }), '', 'Priorità: più urgenti prima');
    await expect(page).toHaveURL(/sort=priority&order=asc/);
    await expect(page.getByRole('link', { name: 'Esporta Excel' })).toHaveAttribute(
      'href',
      /\/api\/work-orders\/export\?priority=urgent&sort=priority&order=asc&format=xlsx/,
    );
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'work-order list');

    // Reloading keeps the filters.
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Ordina per' })).toHaveValue('Priorità: più urgenti prima');
    const csv = await page.request.get('/api/work-orders/export?priority=urgent&format=csv');
    expect(csv.status()).toBe(200);
  });

  test('admin pages: tickets, outbox, inbox, notifications', async ({ page }) => {
    await loginAs(page, 'admin');
    for (const [path, heading] of [
      ['/tickets', 'Segnalazioni'],
      ['/tickets?view=to_qualify', 'Da qualificare'],
      ['/admin/outbox', 'Posta in uscita'],
      ['/inbox', 'Posta in arrivo'],
      ['/notifications', 'Notifiche'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, path);
    }
    await page.goto('/admin/outbox');
    await page.getByText('Non inviata', { exact: true }).click();
    await expect(page).toHaveURL(/status=failed/);
  });

  test('a requester on a phone, in English', async ({ page }) => {
    await loginAs(page, 'requester.en');
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 2, name: 'My open tickets' })).toBeVisible();
    await noSideScroll(page);
    await expectAccessible(page, 'requester home, English, phone');
    await page.getByRole('link', { name: 'Report a fault' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Report a fault' })).toBeVisible();
    await expect(page.getByText('Is there a danger to people?')).toBeVisible();
    await noSideScroll(page);
    await expectAccessible(page, 'report form, English, phone');
    await page.goto('/tickets?view=mine');
    await expect(page.getByRole('heading', { level: 1, name: 'My open tickets' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await noSideScroll(page);
    await expectAccessible(page, 'my tickets, English, phone');
  });

  test('a requester may not open work-order lists; an invalid rating link says so', async ({ page, browser }) => {
    await loginAs(page, 'richiedente');
    await page.goto('/work-orders');
    await expect(page.getByRole('heading', { level: 1, name: 'Accesso non consentito' })).toBeVisible();
    const anonymous = await browser.newContext({ locale: 'it-IT' });
    const rate = await anonymous.newPage();
    await rate.goto('/rate/not-a-real-token');
    await expect(rate.getByRole('heading', { level: 1, name: 'Link non valido' })).toBeVisible();
    await expectAccessible(rate, 'invalid rating link');
    await anonymous.close();
  });
});
