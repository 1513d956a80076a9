import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs } from './helpers';

// #7 item 1: the e2e server runs the demo (PRESIDIO_DEMO=1), so its admin must be warned.
test.describe('demo accounts banner', () => {
  test('the admin home says the server holds demo accounts, with a way to the users; accessible', async ({ page }) => {
    await loginAs(page, 'admin');
    await page.goto('/');
    const alert = page.getByRole('alert').filter({ hasText: 'Dati dimostrativi su questo server' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('password dimostrativa');
    await expect(alert).toContainText('admin');
    await expect(alert.getByRole('link', { name: 'Vai agli utenti' })).toHaveAttribute('href', '/registry/users');
    await expectAccessible(page, 'admin home with the demo banner');
  });

  test('other roles see no banner', async ({ page }) => {
    await loginAs(page, 'richiedente');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Ti diamo il benvenuto');
    await expect(page.getByText('Dati dimostrativi su questo server')).toHaveCount(0);
  });
});
