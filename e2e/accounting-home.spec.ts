import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { apiAs } from './workflow-helpers';

// Accounting's home (#10 item 7) and the spend per contract (#10 item 6): an extra-fee work order
// of Lotto 2 with its quote approved behind the UI's back; accounting finds what waits for it on
// the home (counts and links), opens the spend page and drills down to the work order behind the
// committed euro.

test.describe.serial("accounting's home and the spend per contract", () => {
  let number = '';

  test.beforeAll(async ({ playwright }, info) => {
    const baseURL = info.project.use.baseURL ?? '';
    const requester = await apiAs(playwright, baseURL, 'richiedente');
    const bm = await apiAs(playwright, baseURL, 'bm.centrale');
    const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
    const head = await apiAs(playwright, baseURL, 'capo.servizio');
    const buildings = await requester.get<{ items: Array<{ id: string }> }>('/api/buildings?q=MI-B01');
    const classes = await bm.get<{ items: Array<{ id: string; code: string }> }>('/api/technology-classes?q=ELE');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const ticket = await requester.post<{ id: string; version: number }>('/api/tickets', {
      buildingId: buildings.items[0].id,
      description: 'Quadro elettrico del laboratorio da rifare: scatta di continuo.',
    });
    const issued = await bm.post<{ workOrders: Array<{ id: string; number: string }> }>(`/api/tickets/${ticket.id}/actions/issue`, {
      version: ticket.version,
      technologyClassId: classes.items.find((c) => c.code === 'ELE')?.id,
      priority: 'ordinary',
      description: 'Rifacimento quadro laboratorio',
    });
    const wo = issued.workOrders[0];
    let v = 1;
    for (const [action, fields] of [
      ['acknowledge', {}],
      ['schedule_inspection', { inspectionAt: tomorrow }],
      ['record_inspection', { findings: 'Quadro da sostituire' }],
      ['submit_quote', { lines: [{ description: 'Manodopera', unit: 'h', quantity: 40, unitPriceCents: 3000, category: 'labour' }] }],
    ] as const) {
      v = (await contractor.post<{ version: number }>(`/api/work-orders/${wo.id}/actions/${action}`, { version: v, ...fields })).version;
    }
    await head.post(`/api/work-orders/${wo.id}/actions/approve_quote`, { version: v, note: 'Autorizzato' });
    number = wo.number;
    await Promise.all([requester.dispose(), bm.dispose(), contractor.dispose(), head.dispose()]);
  });

  test('the home shows what waits for accounting, with counts and links', async ({ page }) => {
    await loginAs(page, 'contabilita');
    await page.goto('/');
    for (const [title, href] of [
      ['Consuntivi da approvare', '/accounting/final-accounts'],
      ['Stati di avanzamento da preparare', '/accounting/statements'],
      ['Fatture da riscontrare', '/accounting/invoices'],
      ["Contratti oltre l'80 % della spesa", '/accounting/spend'],
    ]) {
      const card = page.getByRole('region', { name: title });
      await expect(card).toBeVisible();
      await expect(card.getByLabel(/^\d+ element/)).toBeVisible();
      await expect(card.getByRole('link', { name: 'Vedi tutti' })).toHaveAttribute('href', href);
    }
    // The demo's contracts have no statement for last month until one is prepared: each is listed.
    await expect(
      page.getByRole('region', { name: 'Stati di avanzamento da preparare' }).getByRole('link', { name: 'Lotto 1' }),
    ).toBeVisible();
    await expectAccessible(page, "accounting's home");
  });

  test('the spend page: every lot with its bars in words, and the work orders behind the committed euro', async ({ page }) => {
    await loginAs(page, 'contabilita');
    await page.goto('/');
    await mainNav(page).getByRole('link', { name: 'Spesa per contratto' }).click();
    await expect(page.getByRole('heading', { name: 'Spesa per contratto', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Spesa per contratto' });
    await expect(table.getByRole('rowheader', { name: /Lotto 2/ })).toBeVisible();
    await expect(table.getByText(/dell'importo utilizzato: .* su 2\.940\.000,00\s€/).first()).toBeVisible();
    await expectAccessible(page, 'spend per contract');

    await page.getByRole('button', { name: 'Dettaglio di Lotto 2' }).click();
    const detail = page.getByRole('region', { name: /Dettaglio di Lotto 2/ });
    await expect(detail.getByRole('heading', { name: /Dettaglio di Lotto 2/ })).toBeFocused();
    await expect(page).toHaveURL(/contract=/);
    await expect(detail.getByRole('rowheader', { name: "Canone dell'intera durata" })).toBeVisible();
    const link = detail.getByRole('link', { name: number });
    await expect(link).toBeVisible();
    await expect(detail.getByRole('row', { name: new RegExp(number) })).toContainText(/1\.200,00\s€/);
    await expectAccessible(page, 'spend details');
    await link.click();
    await expect(page).toHaveURL(/\/work-orders\//);
  });

  test('the service head sees the spend alerts on the home too', async ({ page }) => {
    await loginAs(page, 'capo.servizio');
    await page.goto('/');
    const card = page.getByRole('region', { name: "Contratti oltre l'80 % della spesa" });
    // The demo's lot 4 is just past 80 % of its amount (src/server/db/seed/demo-spend.ts).
    await expect(card.getByRole('link', { name: 'Lotto 4' })).toHaveAttribute('href', /\/accounting\/spend\?contract=/);
    await expect(card.getByText(/8\d(,\d)? % dell'importo/)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Consuntivi da approvare' })).toHaveCount(0);
    await expectAccessible(page, "the service head's home");
  });
});
