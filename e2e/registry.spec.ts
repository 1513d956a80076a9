import { expect, test } from '@playwright/test';
import { csrfToken, loginAs, unique } from './helpers';

test.describe('registry as admin', () => {
  test.beforeEach(async ({ page }) => loginAs(page, 'admin'));

  test('create a site: required fields, duplicate code next to the field, then saved', async ({ page }) => {
    const code = unique('S');
    await page.goto('/registry/sites');
    await page.getByRole('link', { name: 'Nuova sede' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nuova sede' })).toBeVisible();

    await page.getByRole('button', { name: 'Crea' }).click();
    await expect(page.getByText('Campo obbligatorio')).toHaveCount(3);

    await page.getByLabel(/^Codice/).fill('MI'); // the demo's Milan campus
    await page.getByLabel(/^Nome/).fill('Sede di prova');
    await page.getByLabel(/^Città/).fill('Lodi');
    await page.getByLabel(/^Santo patrono/).fill('01-19');
    await page.getByRole('button', { name: 'Crea' }).click();
    await expect(page.getByLabel(/^Codice/)).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel(/^Codice/).fill(code);
    await page.getByRole('button', { name: 'Crea' }).click();
    await expect(page).toHaveURL(/\/registry\/sites$/);
    await page.getByRole('searchbox', { name: 'Cerca' }).fill(code);
    await expect(page).toHaveURL(new RegExp(`q=${code}`));
    const row = page.getByRole('row').filter({ hasText: code });
    await expect(row).toContainText('Sede di prova');
    await expect(row).toContainText('19 gennaio');
    await expect(page.getByText('1 elemento mostrato')).toBeVisible();
  });

  test('a stale edit shows the conflict and loads the current data', async ({ page }) => {
    const code = unique('C');
    const token = await csrfToken(page);
    const created = await (
      await page.request.post('/api/sites', { data: { code, name: 'Prima', city: 'Pavia' }, headers: { 'X-CSRF-Token': token } })
    ).json();

    await page.goto(`/registry/sites/${created.id}`);
    await expect(page.getByLabel(/^Nome/)).toHaveValue('Prima');
    // Someone else saves meanwhile.
    const patched = await page.request.patch(`/api/sites/${created.id}`, {
      data: { name: 'Cambiata altrove', version: created.version },
      headers: { 'X-CSRF-Token': token },
    });
    expect(patched.status()).toBe(200);

    await page.getByLabel(/^Città/).fill('Cremona');
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Dati modificati da un altro utente' })).toBeVisible();
    await page.getByRole('button', { name: 'Carica i dati attuali' }).click();
    await expect(page.getByLabel(/^Nome/)).toHaveValue('Cambiata altrove');
    await expect(page.getByLabel(/^Città/)).toHaveValue('Pavia');

    await page.getByLabel(/^Città/).fill('Cremona');
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(page).toHaveURL(/\/registry\/sites$/);
    const stored = await (await page.request.get(`/api/sites/${created.id}`)).json();
    expect(stored).toMatchObject({ name: 'Cambiata altrove', city: 'Cremona', version: 3 });
  });

  test('deactivate and reactivate after a confirmation; the list filters by status', async ({ page }) => {
    const code = unique('D');
    const token = await csrfToken(page);
    const dep = await (
      await page.request.post('/api/departments', {
        data: { code, name: 'Dipartimento di prova', costCentre: 'CC-1' },
        headers: { 'X-CSRF-Token': token },
      })
    ).json();

    await page.goto(`/registry/departments/${dep.id}`);
    await page.getByRole('button', { name: 'Disattiva' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Disattivare');
    await dialog.getByRole('button', { name: 'Disattiva' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Non attivo', { exact: true })).toBeVisible();

    await page.goto(`/registry/departments?q=${code}`);
    await expect(page.getByText('Nessun risultato con questi filtri')).toBeVisible();
    await page.getByText('Non attivi', { exact: true }).click();
    await expect(page).toHaveURL(/active=false/);
    await expect(page.getByRole('link', { name: code })).toBeVisible();

    await page.getByRole('link', { name: code }).click();
    await page.getByRole('button', { name: 'Riattiva' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Riattiva' }).click();
    await expect(page.getByText('Attivo', { exact: true })).toBeVisible();
  });

  test('contract amounts are euro in Italian format and integer cents in the API', async ({ page }) => {
    await page.goto('/registry/contracts');
    await page.getByRole('link', { name: 'Lotto 4' }).click();
    const net = page.getByLabel(/Importo netto contrattuale/);
    await expect(net).toHaveValue(/^\d{1,3}(\.\d{3})*,\d{2}$/);
    const id = page.url().split('/').pop();

    await net.fill('1234567,89');
    await page.getByLabel(/Ribasso d'asta/).fill('12,5');
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(page).toHaveURL(/\/registry\/contracts$/);
    const stored = await (await page.request.get(`/api/contracts/${id}`)).json();
    expect(stored.netAmountCents).toBe(123456789);
    expect(stored.discountPercent).toBe(12.5);
    await expect(page.getByRole('row').filter({ hasText: 'Lotto 4' })).toContainText('1.234.567,89 €');
  });

  test('create a building through the form, then edit its name and address', async ({ page }) => {
    const code = unique('B');
    await page.goto('/registry/buildings');
    await page.getByRole('link', { name: 'Nuovo edificio' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nuovo edificio' })).toBeVisible();

    const site = page.getByRole('combobox', { name: /^Sede/ });
    await site.click();
    await site.fill('MI');
    await page
      .getByRole('option', { name: /^MI – / })
      .first()
      .click();
    await page.getByLabel(/^Codice/).fill(code);
    await page.getByLabel(/^Nome/).fill('Edificio di prova');
    await page.getByLabel(/^Indirizzo/).fill('Via Roma 1, Milano');
    await page.getByRole('button', { name: 'Crea' }).click();

    // After creating, the building's own page.
    await expect(page.getByRole('heading', { level: 1, name: `${code} – Edificio di prova` })).toBeVisible();
    await expect(page.getByText('Via Roma 1, Milano')).toBeVisible();
    const id = new URL(page.url()).pathname.split('/').pop();

    await page.getByRole('link', { name: 'Modifica edificio' }).click();
    await expect(page.getByLabel(/^Nome/)).toHaveValue('Edificio di prova');
    await page.getByLabel(/^Nome/).fill('Edificio rinominato');
    await page.getByLabel(/^Indirizzo/).fill('Piazza Leonardo da Vinci 32, Milano');
    await page.getByRole('button', { name: 'Salva' }).click();

    await expect(page.getByRole('heading', { level: 1, name: `${code} – Edificio rinominato` })).toBeVisible();
    await expect(page.getByText('Piazza Leonardo da Vinci 32, Milano')).toBeVisible();
    const stored = await (await page.request.get(`/api/buildings/${id}`)).json();
    expect(stored).toMatchObject({ code, name: 'Edificio rinominato', address: 'Piazza Leonardo da Vinci 32, Milano', version: 2 });

    await page.goto(`/registry/buildings?q=${code}`);
    const row = page.getByRole('row').filter({ hasText: code });
    await expect(row).toContainText('Edificio rinominato');
    await expect(row).toContainText('Piazza Leonardo da Vinci 32, Milano');
  });

  test('a building: occupancy total must be 100, floors and spaces on its page', async ({ page }) => {
    await page.goto('/registry/buildings?q=MI-B03');
    await page.getByRole('link', { name: 'MI-B03' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Piani' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Spazi' })).toBeVisible();

    const floor = unique('F');
    await page.getByRole('link', { name: 'Nuovo piano' }).click();
    await page.getByLabel(/^Codice/).fill(floor);
    await page.getByLabel(/^Nome/).fill('Piano di prova');
    await page.getByLabel(/^Livello/).fill('7');
    await page.getByRole('button', { name: 'Crea' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('MI-B03');
    await expect(page.getByRole('link', { name: floor })).toBeVisible();

    await page.getByRole('link', { name: 'Modifica edificio' }).click();
    await page.getByLabel('Quota n. 1').fill('60');
    await expect(page.getByText('Totale 60 %: deve essere 100 %')).toBeVisible();
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(page.getByText('Le quote dei dipartimenti occupanti devono sommare a 100 %')).toBeVisible();
    await page.getByRole('button', { name: 'Aggiungi dipartimento' }).click();
    await page.getByLabel('Quota n. 2').fill('40');
    await expect(page.getByText('Totale 100 %: corretto')).toBeVisible();
  });
});

test.describe('registry for other roles', () => {
  test('a building manager reads the building, may add floors, may not edit it', async ({ page }) => {
    await loginAs(page, 'bm.deib');
    await page.goto('/registry/buildings');
    await expect(page.getByRole('link', { name: 'Nuovo edificio' })).toHaveCount(0);
    await page.getByRole('link', { name: 'MI-B03' }).click();
    await expect(page.getByRole('link', { name: 'Nuovo piano' })).toBeVisible();
    await page.getByRole('link', { name: 'Tutti i dati' }).click();
    await expect(page.getByText('Sola lettura')).toBeVisible();
    await expect(page.getByLabel(/^Codice/)).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Salva' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Disattiva' })).toHaveCount(0);
    // Users may not be listed by a building manager: the managers field is not offered.
    await expect(page.getByText('Responsabili di edificio')).toHaveCount(0);
  });
});
