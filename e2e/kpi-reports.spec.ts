import { expect, test } from '@playwright/test';
import { romeDay } from '../src/shared/format';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { choose } from './workflow-helpers';

// Indicator reports (#11 item 2): the demo has lot 3's report of last month generated from its
// scheme. The building manager reviews it with a note; the service head signs it off as proposed.
// The report page passes axe at each step and is driven by keyboard-reachable controls.

const lastMonth = (() => {
  const [y, m] = romeDay().slice(0, 7).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();

test.describe.serial('indicator reports: the building manager reviews, the service head signs off', () => {
  test('the building manager reviews last month’s report of lot 3', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto('/');
    // The home's queue names the report waiting for the review.
    await expect(page.getByRole('main').getByRole('link', { name: `Lotto 3 — ${lastMonth}` })).toBeVisible();
    await mainNav(page).getByRole('link', { name: 'Report indicatori' }).click();
    await expect(page.getByRole('heading', { name: 'Report indicatori', level: 1 })).toBeVisible();
    const report = page.getByRole('region', { name: `Lotto 3 — ${lastMonth}` });
    await expect(report.getByText('Da rivedere')).toBeVisible();
    await expect(report.getByRole('table', { name: `Indicatori e punti di Lotto 3, ${lastMonth}` })).toBeVisible();
    await expectAccessible(page, 'indicator reports, to review');

    await report.getByLabel('Nota di revisione').fill('Dati verificati con il fornitore.');
    await report.getByRole('button', { name: 'Conferma la revisione' }).click();
    await expect(report.getByText('Da approvare')).toBeVisible();
    await expect(report.getByText('Dati verificati con il fornitore.')).toBeVisible();
    await expect(report.getByRole('button', { name: 'Approva il report' })).toHaveCount(0);
  });

  test('the service head signs off the period from the contract dashboard', async ({ page }) => {
    await loginAs(page, 'capo.servizio');
    await page.goto('/');
    // The home's queue names it too.
    await expect(page.getByRole('main').getByRole('link', { name: `Lotto 3 — ${lastMonth}` })).toBeVisible();
    await mainNav(page).getByRole('link', { name: 'Indicatori', exact: true }).click();
    await choose(page, page.getByRole('combobox', { name: 'Contratto' }), 'Lotto 3', /Lotto 3/);
    await page.getByRole('link', { name: 'Report indicatori del periodo' }).click();
    await expect(page.getByRole('heading', { name: 'Report indicatori', level: 1 })).toBeVisible();
    const report = page.getByRole('region', { name: `Lotto 3 — ${lastMonth}` });
    await expect(report.getByText('Da approvare')).toBeVisible();
    await expectAccessible(page, 'indicator reports, to sign off');
    await report.getByRole('button', { name: 'Approva il report' }).focus();
    await page.keyboard.press('Enter');
    await expect(report.getByText('Approvato', { exact: true })).toBeVisible();
    await expect(report.getByText('Approvato da')).toBeVisible();
    await expectAccessible(page, 'indicator reports, signed off');
  });
});
