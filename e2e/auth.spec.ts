import { expect, test } from '@playwright/test';
import { expectAccessible, loginWithForm, mainNav } from './helpers';

test.describe('login and session', () => {
  test('wrong password shows the server reason, a right one opens the page asked for', async ({ page }) => {
    await page.goto('/registry/sites?q=MI');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Accedi' })).toBeVisible();

    await loginWithForm(page, 'callcenter', 'not-the-password');
    const alert = page.getByRole('alert').filter({ hasText: 'Accesso non riuscito' });
    await expect(alert).toBeVisible();
    await expect(alert).not.toBeEmpty();
    await expect(page.getByLabel(/^Password/)).toHaveValue('');

    await loginWithForm(page, 'callcenter');
    await expect(page).toHaveURL(/\/registry\/sites\?q=MI$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sedi' })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Cerca' })).toHaveValue('MI');
  });

  test('after repeated failures the page says how long to wait, not that the account is locked', async ({ page }) => {
    await page.goto('/login');
    // An unknown name backs off exactly like a real one, and leaves the demo accounts alone.
    for (let i = 0; i < 5; i++) {
      await loginWithForm(page, 'nessuno.e2e', `sbagliata-${i}`);
      await expect(page.getByRole('alert').filter({ hasText: 'Accesso non riuscito' })).toBeVisible();
      await expect(page.getByLabel(/^Password/)).toHaveValue('');
    }
    await loginWithForm(page, 'nessuno.e2e', 'sbagliata-5');
    const alert = page.getByRole('alert').filter({ hasText: 'Troppi tentativi' });
    await expect(alert).toContainText(/riprova tra \d+ secondi/);
    await expectAccessible(page, '/login (back-off)');
  });

  test('required fields are named before anything is sent', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await expect(page.getByText('Inserisci il nome utente')).toBeVisible();
    await expect(page.getByText('Inserisci la password')).toBeVisible();
  });

  test('language chosen on the login page, then the user profile language decides', async ({ page }) => {
    await page.goto('/login');
    await page.getByText('English', { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();

    // requester.en speaks English; richiedente Italian.
    await loginWithForm(page, 'richiedente');
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Ti diamo il benvenuto');
  });

  test('logout ends the session; an expired session goes back to login', async ({ page, context }) => {
    await page.goto('/login');
    await loginWithForm(page, 'admin');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Ti diamo il benvenuto');

    await context.clearCookies();
    await mainNav(page).getByRole('link', { name: 'Edifici' }).click();
    await expect(page).toHaveURL(/\/login$/);

    await loginWithForm(page, 'admin');
    await expect(page).toHaveURL(/\/registry\/buildings$/);
    await page.getByRole('button', { name: /Menu utente/ }).click();
    await page.getByRole('menuitem', { name: 'Esci' }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get('/api/me')).status()).toBe(401);
  });

  test('the navigation follows the role', async ({ page }) => {
    await page.goto('/login');
    await loginWithForm(page, 'richiedente');
    const nav = mainNav(page);
    // #9 item 10: a requester's menu is its tickets, not the registry.
    await expect(nav.getByRole('link', { name: 'Segnala un guasto' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Edifici' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Utenti' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Contratti' })).toHaveCount(0);
    await page.goto('/registry/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Accesso non consentito' })).toBeVisible();
  });
});
