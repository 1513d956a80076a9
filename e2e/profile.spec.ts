import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectAccessible, loginAs, unique } from './helpers';

const FIRST_PASSWORD = 'prova-iniziale-1';

/** A fresh requester, so that changing their password or address disturbs no other spec; `api` logs in as admin. */
async function newUser(api: APIRequestContext): Promise<string> {
  expect((await api.post('/api/session', { data: { username: 'admin', password: 'presidio' } })).status()).toBe(200);
  const csrf = (await (await api.get('/api/me')).json()).csrfToken as string;
  const username = unique('acct.').toLowerCase();
  const res = await api.post('/api/users', {
    data: { username, displayName: `Prova ${username}`, roles: ['requester'], password: FIRST_PASSWORD, language: 'it' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(res.status(), await res.text()).toBe(201);
  return username;
}

async function loginUser(request: APIRequestContext, username: string, password = FIRST_PASSWORD) {
  expect((await request.post('/api/session', { data: { username, password } })).status()).toBe(200);
}

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
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(r.url());
    });
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(page.getByText('Nessuna modifica da salvare')).toBeVisible();
    expect(patches).toEqual([]);
  });

  test('a personal token is shown once, works as Bearer, and is revoked after confirmation', async ({ page, playwright }) => {
    await loginAs(page, 'capo.servizio');
    await page.goto('/profile');
    const name = unique('tok-');
    await page.getByLabel(/^Nome del token/).fill(name);
    await page.getByRole('combobox', { name: /^Durata/ }).click();
    await page.getByRole('option', { name: '7 giorni' }).click();
    await page.getByRole('button', { name: 'Crea token' }).click();
    const shown = page.getByRole('alert').filter({ hasText: 'non sarà più mostrato' });
    await expect(shown).toBeVisible();
    const token = (await shown.locator('pre').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    await expect(page.getByRole('button', { name: 'Copia il token' })).toBeVisible();

    const api = await playwright.request.newContext({ baseURL: page.url().replace(/\/profile$/, '') });
    expect((await api.get('/api/me', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);
    // #7: seven days chosen; a token cannot mint another.
    const listed = (await (await page.request.get('/api/me/tokens')).json()).items.find((x: { name: string }) => x.name === name);
    expect(Date.parse(listed.expiresAt) - Date.parse(listed.createdAt)).toBe(7 * 86_400_000);
    await expect(page.getByRole('row').filter({ hasText: name }).getByRole('cell').nth(4)).not.toBeEmpty();
    expect((await api.post('/api/me/tokens', { data: { name: 'figlio' }, headers: { Authorization: `Bearer ${token}` } })).status()).toBe(
      403,
    );

    await page.getByRole('button', { name: `Revoca il token ${name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoca' }).click();
    await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
    expect((await api.get('/api/me', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
    await api.dispose();
  });

  test('#7: a new e-mail address waits for the link sent to it, confirmed on the public page', async ({
    page,
    browser,
    playwright,
    baseURL,
  }) => {
    const admin = await playwright.request.newContext({ baseURL });
    const username = await newUser(admin);
    await loginUser(page.request, username);
    await page.goto('/profile');
    await expect(page.getByRole('heading', { level: 1, name: 'Profilo' })).toBeVisible();

    const address = `${username}@example.org`;
    await page.getByRole('textbox', { name: /^E-mail/ }).fill(address);
    await page.getByRole('button', { name: 'Salva' }).click();
    const pending = page.getByRole('status').filter({ hasText: 'Nuovo indirizzo in attesa di conferma' });
    await expect(pending).toContainText(address);
    await expect(page.getByRole('textbox', { name: /^E-mail/ })).toHaveValue('');
    await expectAccessible(page, 'profile with an address awaiting confirmation');

    // The link, as the outbox holds it (no SMTP in the e2e server).
    const outbox = (await (await admin.get('/api/admin/outbox?limit=50')).json()).items as Array<{
      id: string;
      kind: string;
      toAddress: string;
    }>;
    const msg = outbox.find((m) => m.toAddress === address && m.kind === 'email_change_confirm')!;
    const text = (await (await admin.get(`/api/admin/outbox/${msg.id}`)).json()).textBody as string;
    const link = new URL(/https?:\/\/\S+\/confirm-email#\S+/.exec(text)![0]);

    // Any browser, no session.
    const other = await browser.newContext({ baseURL, locale: 'it-IT' });
    const anon = await other.newPage();
    await anon.goto(`${link.pathname}${link.hash}`);
    await expect(anon.getByRole('heading', { level: 1, name: 'Conferma del nuovo indirizzo e-mail' })).toBeVisible();
    await expectAccessible(anon, 'e-mail confirmation page');
    await anon.getByRole('button', { name: 'Conferma' }).click();
    await expect(anon.getByRole('status')).toContainText(`${address} è ora il tuo indirizzo`);
    await anon.reload();
    await anon.getByRole('button', { name: 'Conferma' }).click();
    await expect(anon.getByRole('alert')).toContainText('già stato usato');
    await expectAccessible(anon, 'e-mail confirmation page, link used');
    await other.close();

    await page.reload();
    await expect(page.getByRole('textbox', { name: /^E-mail/ })).toHaveValue(address);
    await expect(pending).toHaveCount(0);
    await admin.dispose();
  });

  test('#7: sessions are listed and closed; a password change closes the others', async ({ page, playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    const username = await newUser(admin);
    await admin.dispose();
    const elsewhere = await playwright.request.newContext({ baseURL });
    await loginUser(elsewhere, username);
    await loginUser(page.request, username);
    await page.goto('/profile');

    const sessions = page.getByRole('table', { name: 'Sessioni aperte' });
    await expect(sessions.getByRole('row')).toHaveCount(3);
    await expect(sessions.getByText('Questa sessione')).toHaveCount(1);
    await expectAccessible(page, 'profile with password, sessions and tokens');

    await page.getByRole('button', { name: 'Esci da tutte le altre sessioni' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Esci da tutte le altre sessioni' }).click();
    await expect(page.getByText('Non ci sono altre sessioni aperte.')).toBeVisible();
    expect((await elsewhere.get('/api/me')).status()).toBe(401);

    // A session elsewhere again, then the password.
    await loginUser(elsewhere, username);
    const pw = page.getByRole('region', { name: 'Password' });
    await pw.getByLabel(/^Password attuale/).fill('non-e-questa');
    await pw.getByLabel(/^Nuova password/).fill('una-password-nuova');
    await pw.getByLabel(/^Ripeti la nuova password/).fill('una-password-nuova');
    await pw.getByRole('button', { name: 'Cambia password' }).click();
    await expect(pw.getByText('La password attuale non è corretta.')).toBeVisible();
    expect((await elsewhere.get('/api/me')).status()).toBe(200);
    await expectAccessible(page, 'password form with a wrong current password');

    await pw.getByLabel(/^Password attuale/).fill(FIRST_PASSWORD);
    await pw.getByRole('button', { name: 'Cambia password' }).click();
    await expect(page.getByText('Password cambiata. Altre sessioni chiuse: 1; token revocati: 0.')).toBeVisible();
    expect((await elsewhere.get('/api/me')).status()).toBe(401);
    expect((await page.request.get('/api/me')).status()).toBe(200);
    await loginUser(elsewhere, username, 'una-password-nuova');
    await elsewhere.dispose();
  });
});
