import { expect, test } from '@playwright/test';
import { loginAs, unique } from './helpers';

test.describe('profile', () => {
  test('language saved in the profile applies at once', async ({ page }) => {
    await loginAs(page, 'contabilita');
    await page.goto('/profile');
    await page.getByRole('combobox', { name: 'Lingua' }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
    expect((await (await page.request.get('/api/me')).json()).language).toBe('en');

    // And back from the header menu.
    await page.getByRole('button', { name: /Language: English/ }).click();
    await page.getByRole('menuitem', { name: 'Italiano' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect.poll(async () => (await (await page.request.get('/api/me')).json()).language).toBe('it');
  });

  test('saving without changes says so and sends nothing (the API refuses an empty change)', async ({ page }) => {
    await loginAs(page, 'bm.como');
    await page.goto('/profile');
    const patches: string[] = [];
    page.on('request', (r) => { if (r.method() === 'PATCH') patches.push(r.url()); });
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(page.getByText('Nessuna modifica da salvare')).toBeVisible();
    expect(patches).toEqual([]);
  });

  test('a personal token is shown once, works as Bearer, and is revoked after confirmation', async ({ page, playwright }) => {
    await loginAs(page, 'capo.servizio');
    await page.goto('/profile');
    const name = unique('tok-');
    await page.getByLabel(/^Nome del token/).fill(name);
    await page.getByRole('button', { name: 'Crea token' }).click();
    const shown = page.getByRole('alert').filter({ hasText: 'non sarà più mostrato' });
    await expect(shown).toBeVisible();
    const token = (await shown.locator('pre').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    await expect(page.getByRole('button', { name: 'Copia il token' })).toBeVisible();

    const api = await playwright.request.newContext({ baseURL: page.url().replace(/\/profile$/, '') });
    expect((await api.get('/api/me', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);

    await page.getByRole('button', { name: `Revoca il token ${name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoca' }).click();
    await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
    expect((await api.get('/api/me', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
    await api.dispose();
  });
});
