// The contractors' invoices (#10 item 5): accounting registers the FatturaPA XML of an approved
// statement, sees it matched and accepts it. The statement is written into the e2e database
// directly (test/fixtures/accounting/statements.ts) with a period of its own, so that the demo's
// statements stay as they are; preparing and approving one is e2e/statements.spec.ts.
import { expect, test } from '@playwright/test';
import { createDb } from '../src/server/db/create-db.ts';
import { insertStatement } from '../test/fixtures/accounting/statements.ts';
import { fatturaPA } from '../test/fixtures/fatturapa/build.ts';
import { expectAccessible, loginAs, mainNav } from './helpers';

const DB_FILE = 'data/e2e/presidio.sqlite';

test('accounting registers a FatturaPA against an approved statement, sees it matched and accepts it', async ({ page }) => {
  const db = createDb({ kind: 'sqlite', file: DB_FILE });
  const s = await insertStatement(db, { lot: 'Lotto 1', period: '2025-06', number: 90, taxableCents: 18_432_50 });
  await db.destroy();
  const xml = fatturaPA({
    supplierVatNumber: `IT${s.vatNumber}`,
    number: 'E2E/90',
    date: '2025-07-04',
    cig: s.cig,
    taxableCents: s.taxableCents,
    vatCents: s.vatCents,
  });

  await loginAs(page, 'contabilita');
  await page.goto('/');
  await mainNav(page).getByRole('link', { name: 'Fatture' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fatture delle ditte' })).toBeVisible();
  await expectAccessible(page, 'invoice list');

  await page.getByRole('button', { name: 'Registra fattura' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registra la fattura della ditta' });
  await dialog.getByRole('button', { name: 'Registra', exact: true }).click();
  await expect(dialog.getByText('Campo obbligatorio').first()).toBeVisible();
  await expectAccessible(page, 'register dialog with its errors');

  await dialog.getByRole('combobox', { name: 'Stato di avanzamento' }).click();
  await page.getByRole('option', { name: /SAL n\. 90/ }).click();
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'IT_E2E_90.xml', mimeType: 'text/xml', buffer: Buffer.from(xml) });
  await dialog.getByRole('button', { name: 'Registra', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('heading', { level: 1, name: 'Fattura E2E/90' })).toBeVisible();
  await expect(page.getByText('Corrisponde', { exact: true })).toBeVisible();
  await expect(page.getByText(/corrisponde allo stato di avanzamento al centesimo/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'IT_E2E_90.xml' })).toBeVisible();
  await expectAccessible(page, 'matched invoice');

  await page.getByRole('button', { name: 'Accetta', exact: true }).click();
  const accept = page.getByRole('dialog');
  await expectAccessible(page, 'accept dialog');
  await accept.getByRole('button', { name: 'Accetta', exact: true }).click();
  await expect(accept).toBeHidden();
  await expect(page.getByText('Accettata', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Accetta', exact: true })).toHaveCount(0);

  await page.getByRole('link', { name: 'Fatture delle ditte' }).first().click();
  const table = page.getByRole('table', { name: 'Fatture delle ditte' });
  await expect(table.getByRole('row', { name: /E2E\/90/ })).toContainText('Accettata');
});

test('an invoice entered by hand with VAT not in split payment and a total one cent off is flagged, then disputed', async ({ page }) => {
  const db = createDb({ kind: 'sqlite', file: DB_FILE });
  const s = await insertStatement(db, { lot: 'Lotto 1', period: '2025-07', number: 91, taxableCents: 20_000_00 });
  await db.destroy();

  await loginAs(page, 'contabilita');
  await page.goto('/accounting/invoices');
  await page.getByRole('button', { name: 'Registra fattura' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registra la fattura della ditta' });
  await dialog.getByRole('combobox', { name: 'Stato di avanzamento' }).click();
  await page.getByRole('option', { name: /SAL n\. 91/ }).click();
  await dialog.getByText('Inserisci a mano', { exact: true }).click();
  await dialog.getByLabel(/^Numero/).fill('E2E/91');
  const day = dialog.getByLabel(/^Data/);
  await day.fill('04/08/2025');
  await day.press('Tab');
  await dialog.getByLabel(/^Partita IVA del fornitore/).fill(`IT${s.vatNumber}`);
  await dialog.getByLabel(/^CIG/).fill(s.cig);
  await dialog.getByLabel(/^Imponibile/).fill('20000');
  await dialog.getByLabel(/^IVA$|^IVA \*/).fill('4400');
  await dialog.getByLabel(/^Totale documento/).fill('24400,01');
  await dialog.getByRole('combobox', { name: /^Esigibilità IVA/ }).click();
  await page.getByRole('option', { name: 'Immediata (I)' }).click();
  await expectAccessible(page, 'manual entry form');
  await dialog.getByRole('button', { name: 'Registra', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('heading', { level: 1, name: 'Fattura E2E/91' })).toBeVisible();
  await expect(page.getByText('2 differenze', { exact: true })).toBeVisible();
  const table = page.getByRole('table', { name: 'Confronto con lo stato di avanzamento' });
  await expect(table.getByRole('row', { name: /Totale documento .*24\.400,00 €.*24\.400,01 €.*\+0,01 €/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Esigibilità IVA .*Scissione dei pagamenti \(S\).*Immediata \(I\)/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Accetta', exact: true })).toHaveCount(0);
  await expectAccessible(page, 'mismatched invoice');

  await page.getByRole('button', { name: 'Contesta', exact: true }).click();
  const dispute = page.getByRole('dialog');
  await dispute.getByRole('button', { name: 'Contesta', exact: true }).click();
  await expect(dispute.getByText('Campo obbligatorio')).toBeVisible();
  await dispute.getByLabel(/^Motivo della contestazione/).fill('IVA non in scissione dei pagamenti; totale diverso di 1 centesimo');
  await dispute.getByRole('button', { name: 'Contesta', exact: true }).click();
  await expect(dispute).toBeHidden();
  await expect(page.getByText('Contestata', { exact: true })).toBeVisible();
  await expect(page.getByText('IVA non in scissione dei pagamenti; totale diverso di 1 centesimo')).toBeVisible();
});
