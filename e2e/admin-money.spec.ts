// #9 items 12 and 15 in the browser: the admin changes a penalty rule's amount and sees it in the
// list; imports a price list into lot 3 (a bad file shows its row errors and imports nothing);
// the lot 3 contractor finds a valve by "valvola" in its lot's own list and prices it in a quote.
import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs } from './helpers';
import { apiAs, choose, openAndIssue } from './workflow-helpers';
import { formatter } from '../src/shared/format';

// The app's own formatter: amounts grouped from the thousands ("2.345,67 €"), unlike Intl's it-IT default.
const euro = formatter('it').money;

test.describe('admin money: penalty rules, price lists per lot, a valve priced by lot 3', () => {
  // Several pages, imports and a quote per test: give them the time a loaded machine needs.
  test.slow();
  let lot3 = '';
  let workOrderId = '';

  test.beforeAll(async ({ playwright }, info) => {
    const baseURL = info.project.use.baseURL ?? '';
    const admin = await apiAs(playwright, baseURL, 'admin');
    const contracts = await admin.get<{ items: Array<{ id: string; lot: string }> }>('/api/contracts?q=Lotto%203');
    lot3 = contracts.items.find((c) => c.lot === 'Lotto 3')!.id;
    // A plumbing work order of lot 3, inspected: ready for a quote.
    const requester = await apiAs(playwright, baseURL, 'richiedente');
    const bm = await apiAs(playwright, baseURL, 'bm.centrale');
    const plumber = await apiAs(playwright, baseURL, 'ditta.termica');
    const issued = await openAndIssue(requester, bm, {
      report: 'Perde la valvola di intercettazione sotto il lavabo del bagno.',
      classCode: 'IDR',
      priority: 'ordinary',
      workOrder: 'Sostituire la valvola',
    });
    workOrderId = issued.workOrderId;
    let v = 1;
    for (const [action, fields] of [
      ['acknowledge', {}],
      ['schedule_inspection', { inspectionAt: new Date(Date.now() + 86_400_000).toISOString() }],
      ['record_inspection', { findings: 'Valvola da sostituire (extra canone).' }],
    ] as const) {
      v = (await plumber.post<{ version: number }>(`/api/work-orders/${workOrderId}/actions/${action}`, { version: v, ...fields })).version;
    }
    await Promise.all([admin.dispose(), requester.dispose(), bm.dispose(), plumber.dispose()]);
  });

  test("the admin changes a penalty rule's amount and sees it in the list", async ({ page }) => {
    await loginAs(page, 'admin');
    await page.goto(`/admin/penalty-rules?contract=${lot3}`);
    await expect(page.getByRole('heading', { name: 'Regole penali', level: 1 })).toBeVisible();
    // A rule per day of delay (rules created together list in no fixed order).
    const row = page.getByTestId('penalty-rule').filter({ hasText: 'Per giorno di ritardo' }).first();
    await expect(row).toBeVisible();
    await expectAccessible(page, 'penalty rules');
    await row.getByRole('button', { name: /^Modifica la regola/ }).click();
    const dialog = page.getByRole('dialog');
    const amount = dialog.getByLabel(/^Importo \(€\)/);
    // A daily amount below the legal 0.3‰ of the contract's net amount is refused with the range in euro.
    await amount.fill('123,45');
    await dialog.getByRole('button', { name: 'Salva' }).click();
    await expect(dialog.getByText(/^Fuori dall'intervallo di legge/)).toBeVisible();
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'penalty rule dialog, amount refused');
    // Lot 3's range is 1.192,50–3.975,00 € a day.
    await amount.fill('2345,67');
    await dialog.getByRole('button', { name: 'Salva' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('penalty-rule').filter({ hasText: euro(234567) })).toHaveCount(1);
  });

  test('the admin imports a price list into lot 3; a bad file shows its rows and imports nothing', async ({ page }) => {
    await loginAs(page, 'admin');
    await page.goto('/admin/price-lists');
    await expect(page.getByRole('heading', { name: 'Elenchi prezzi', level: 1 })).toBeVisible();
    await expect(page.getByTestId('price-list')).toHaveCount(3);
    await expectAccessible(page, 'price lists');

    const form = page.getByRole('form', { name: 'Importa un elenco prezzi' });
    await choose(
      page,
      form
        .getByRole('textbox', { name: /^Lotto/ })
        .or(form.getByRole('combobox', { name: /^Lotto/ }))
        .first(),
      'Lotto 3',
      /^Lotto 3/,
    );
    await form.getByLabel(/^Codice/).fill('IDR-2026');
    await form.getByLabel(/^Nome/).fill('Valvolame 2026');
    await form.locator('input[type=file]').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('G;9.01;Valvola a sfera DN 15;cad;€ 12,40;;;\nG;9.02;Valvola a sfera DN 20;cad;€ dodici;;;\n'),
    });
    await form.getByRole('button', { name: 'Importa' }).click();
    await expect(page.getByText('Non è stato importato nulla', { exact: false })).toBeVisible();
    await expect(page.getByRole('table', { name: /errore/ })).toContainText('price');
    await expectAccessible(page, 'price list import errors');
    await expect(page.getByTestId('price-list')).toHaveCount(3);

    await form.locator('input[type=file]').setInputFiles({
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('G;9.01;"Valvole a sfera in ottone:";;;;;\nG;9.01.a;DN 15;cad;€ 12,40;;;\nG;9.01.b;DN 20;cad;€ 15,10;;;\n'),
    });
    await form.getByRole('button', { name: 'Importa' }).click();
    await expect(page.getByText('Elenco IDR-2026 importato')).toBeVisible();
    await expect(page.getByTestId('price-list')).toHaveCount(4);
    await expect(page.getByTestId('price-list').filter({ hasText: 'IDR-2026' })).toContainText('Lotto 3');
    await expect(page.getByTestId('price-list-item')).toHaveCount(2);
    await expect(page.getByTestId('price-list-item').first()).toContainText('G.9.01.a');
    await expect(page.getByTestId('price-list-item').first()).toContainText(euro(1240));
  });

  test('the lot 3 contractor finds a valve by "valvola" and prices it in a quote', async ({ page }) => {
    await loginAs(page, 'ditta.termica');
    await page.goto(`/work-orders/${workOrderId}`);
    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Invia un preventivo' }).click();
    const dialog = page.getByRole('dialog');
    await choose(
      page,
      dialog
        .getByRole('textbox', { name: /^Elenco prezzi/ })
        .or(dialog.getByRole('combobox', { name: /^Elenco prezzi/ }))
        .first(),
      '',
      /LAZIO-2023-G-L3/,
    );
    await choose(page, dialog.getByRole('combobox', { name: /^Cerca una voce/ }), 'valvola', /G\.1\.02\.4\.b/);
    await dialog.getByLabel(/^Quantità \(cad\)/).fill('1');
    await expectAccessible(page, 'quote editor with a valve');
    await dialog.getByRole('button', { name: 'Invia il preventivo' }).click();
    // The saved-quote notice is a second dialog-like element: wait for the state instead.
    await expect(page.getByText('In attesa di autorizzazione', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('G.1.02.4.b').first()).toBeVisible();
  });
});
