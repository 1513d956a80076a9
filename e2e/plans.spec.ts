import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, loginAs, unique } from './helpers';

async function pick(page: Page, label: RegExp, search: string, option: RegExp) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

test.describe('maintenance plans as admin', () => {
  test.beforeEach(async ({ page }) => loginAs(page, 'admin'));

  test('the plans list: demo plans, filters in the URL, accessible', async ({ page }) => {
    await page.goto('/plans');
    await expect(page.getByRole('heading', { level: 1, name: 'Piani di manutenzione' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'PM-EST-MI-B01' })).toContainText('Ogni 6 mesi');
    await page.getByRole('searchbox', { name: 'Cerca' }).fill('PM-EE');
    await expect(page).toHaveURL(/q=PM-EE/);
    await expect(page.getByText('3 elementi mostrati')).toBeVisible();
    await expectAccessible(page, 'the plans list');
  });

  test('create a plan with the "every 6 months" preset and a measurement, see the rule in words, then edit it', async ({ page }) => {
    const code = unique('PE');
    await page.goto('/plans');
    await page.getByRole('link', { name: 'Nuovo piano' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nuovo piano' })).toBeVisible();

    await page.getByLabel(/^Codice/).fill(code);
    await page.getByLabel(/^Attività/).fill('Controllo semestrale estintori');
    await page.getByLabel(/^Norma di riferimento/).fill('UNI 9994-1');
    await pick(page, /^Edificio/, 'MI-B05', /MI-B05/);
    await pick(page, /^Classe tecnologica/, 'ANT', /ANT/);
    await page.getByRole('textbox', { name: /^Data di inizio/ }).fill('15/01/2026');
    await page.getByRole('textbox', { name: /^Data di inizio/ }).press('Tab');
    const preset = page.getByRole('combobox', { name: /^Ricorrenza/ });
    await preset.click();
    await page.getByRole('option', { name: 'Ogni N mesi dalla data di inizio' }).click();
    await page.getByLabel(/^Ogni quanti mesi/).fill('6');
    await expect(page.getByTestId('rule-text')).toHaveText('Ogni 6 mesi dal 15/01/2026');
    await expect(page.getByRole('region', { name: 'La regola in parole' }).getByRole('listitem')).toHaveCount(5);

    await page.getByRole('button', { name: 'Aggiungi una voce' }).click();
    await page.getByLabel(/^Voce 1: descrizione/).fill('Pressione del manometro');
    await page.locator('label', { hasText: /^Misura$/ }).click();
    await page.getByLabel(/^Voce 1: unità/).fill('bar');
    await page.getByLabel(/^Voce 1: minimo/).fill('12');
    await page.getByLabel(/^Voce 1: massimo/).fill('16');
    await page.getByRole('checkbox', { name: 'Cartellino di manutenzione' }).check();
    await expectAccessible(page, 'the plan editor');
    await page.getByRole('button', { name: 'Crea' }).click();

    await expect(page.getByRole('heading', { level: 1, name: `${code} · Controllo semestrale estintori` })).toBeVisible();
    const stored = (await (await page.request.get(`/api/maintenance-plans?q=${code}`)).json()).items[0];
    expect(stored).toMatchObject({
      rrule: 'FREQ=MONTHLY;INTERVAL=6',
      startsOn: '2026-01-15',
      requiredDocuments: ['maintenance_tag'],
      checklist: [{ key: 'pressione_del_manometro', kind: 'measure', unit: 'bar', min: 12, max: 16 }],
    });

    // Edit: once a year instead; the words follow.
    await page.getByLabel(/^Ogni quanti mesi/).fill('12');
    await expect(page.getByTestId('rule-text')).toHaveText('Ogni 12 mesi dal 15/01/2026');
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(page.getByText(`Modifiche salvate: ${code}`)).toBeVisible();
    const edited = await (await page.request.get(`/api/maintenance-plans/${stored.id}`)).json();
    expect(edited).toMatchObject({ rrule: 'FREQ=MONTHLY;INTERVAL=12', version: 2 });
  });

  test('a demo plan read back into its preset; meters and readings pages are accessible', async ({ page }) => {
    await page.goto('/plans?q=PM-EE-MI-B01-CT-01');
    await page.getByRole('link', { name: 'PM-EE-MI-B01-CT-01' }).click();
    await expect(page.getByRole('combobox', { name: /^Ricorrenza/ })).toHaveValue(
      "Una volta l'anno (o ogni N anni) in una finestra stagionale",
    );
    await expect(page.getByLabel(/^Stagione dal/)).toHaveValue('10-15');
    await expect(page.getByTestId('rule-text')).toContainText('Ogni 2 anni dal 03/11/2025, dal 15 ottobre al 15 aprile');
    await expectAccessible(page, 'a demo plan');

    await page.goto('/meters');
    await expect(page.getByRole('heading', { level: 1, name: 'Contatori' })).toBeVisible();
    await expectAccessible(page, 'the meters list');
    await page.getByRole('link', { name: 'Ore di funzionamento' }).first().click();
    await expect(page.getByRole('heading', { level: 2, name: 'Letture' })).toBeVisible();
    await expect(page.getByRole('row')).toHaveCount(6); // header + the demo's 5 readings
    await expectAccessible(page, 'a meter and its readings');
  });
});
