import { expect, test } from '@playwright/test';
import { loginAs, unique } from './helpers';

const HEADER = 'site_code;code;name;address;competence;department_code';

test.describe('import', () => {
  test.beforeEach(async ({ page }) => loginAs(page, 'admin'));

  test('a file with errors imports nothing and lists every bad cell', async ({ page }) => {
    const code = unique('IMP');
    await page.goto('/import');
    await page.getByRole('radio', { name: 'Edifici' }).check();
    await page.locator('input[type=file]').setInputFiles({
      name: 'edifici.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${HEADER}\nNOPE;${code};Edificio;Via Roma 1;central;\nMI;;Senza codice;Via Roma 2;central;\n`),
    });
    await page.getByRole('button', { name: 'Importa' }).click();
    await expect(page.getByText('Non è stato importato nulla', { exact: false }).first()).toBeVisible();
    const table = page.getByRole('table');
    await expect(table.getByRole('columnheader')).toHaveText(['Riga', 'Colonna', 'Errore']);
    await expect(table.getByRole('row').filter({ hasText: 'site_code' })).toContainText('2');
    await expect(table.getByRole('row').filter({ hasText: 'code' }).first()).toBeVisible();
    expect((await (await page.request.get(`/api/buildings?q=${code}`)).json()).items).toEqual([]);
  });

  test('a valid file reports what was created and updated', async ({ page }) => {
    const code = unique('IMP');
    await page.goto('/import');
    await page.locator('input[type=file]').setInputFiles({
      name: 'edifici.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${HEADER}\nMI;${code};Edificio importato;Via Roma 3, Milano;central;\n`),
    });
    await page.getByRole('button', { name: 'Importa' }).click();
    await expect(page.getByText('Importazione completata')).toBeVisible();
    await expect(page.getByText('Edifici: 1 creati, 0 aggiornati, 0 invariati.')).toBeVisible();
    await page.goto(`/registry/buildings?q=${code}`);
    await expect(page.getByRole('link', { name: code })).toBeVisible();
  });

  test('no file: the field says so', async ({ page }) => {
    await page.goto('/import');
    await page.getByRole('button', { name: 'Importa' }).click();
    await expect(page.getByText('Scegli il file da importare')).toBeVisible();
  });
});
