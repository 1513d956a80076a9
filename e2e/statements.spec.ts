import { expect, test } from '@playwright/test';
import { romeDay } from '../src/shared/format';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { apiAs, choose } from './workflow-helpers';

// Monthly statements (#10 item 4): the demo has this month's statement of every contract in
// draft; a penalty is applied on an electrical work order behind the UI's back. Accounting
// discards the electrical lot's draft, prepares it again (the penalty now in it), approves it
// after the confirmation, and drills down from the penalty's euro to its work order.

test.describe.serial('statements: accounting prepares and approves a statement', () => {
  let number = '';
  const month = romeDay().slice(0, 7);

  test.beforeAll(async ({ playwright }, info) => {
    const baseURL = info.project.use.baseURL ?? '';
    const requester = await apiAs(playwright, baseURL, 'richiedente');
    const bm = await apiAs(playwright, baseURL, 'bm.centrale');
    const cs = await apiAs(playwright, baseURL, 'capo.servizio');
    const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
    const buildings = await requester.get<{ items: Array<{ id: string }> }>('/api/buildings?q=MI-B01');
    const classes = await bm.get<{ items: Array<{ id: string; code: string }> }>('/api/technology-classes?q=ELE');
    const ticket = await requester.post<{ id: string; version: number }>('/api/tickets', {
      buildingId: buildings.items[0].id,
      description: 'Quadro di piano: scatta il differenziale.',
    });
    const issued = await bm.post<{ workOrders: Array<{ id: string; number: string }> }>(`/api/tickets/${ticket.id}/actions/issue`, {
      version: ticket.version,
      technologyClassId: classes.items.find((c) => c.code === 'ELE')?.id,
      priority: 'ordinary',
      description: 'Quadro',
    });
    const wo = issued.workOrders[0];
    number = wo.number;
    const { contract } = await bm.get<{ contract: { id: string } }>(`/api/work-orders/${wo.id}`);
    let p = await cs.post<{ id: string; version: number }>('/api/penalties', {
      contractId: contract.id,
      workOrderId: wo.id,
      amountCents: 25_000,
      reason: 'Quadro lasciato aperto',
    });
    p = await cs.post(`/api/penalties/${p.id}/actions/contest`, { version: p.version, note: 'Contestazione' });
    p = await contractor.post(`/api/penalties/${p.id}/actions/counter_argue`, { version: p.version, text: 'Controdeduzioni' });
    await cs.post(`/api/penalties/${p.id}/actions/apply`, { version: p.version, reason: 'Non accolte' });
    await Promise.all([requester.dispose(), bm.dispose(), cs.dispose(), contractor.dispose()]);
  });

  test('accounting discards a draft, prepares it again, approves it and drills down to the work order', async ({ page }) => {
    await loginAs(page, 'contabilita');
    await page.goto('/');
    await mainNav(page).getByRole('link', { name: 'Stati di avanzamento' }).click();
    await expect(page.getByRole('heading', { name: 'Stati di avanzamento', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Stati di avanzamento' });
    await expectAccessible(page, 'statements list');

    // The demo's draft of the electrical lot for this month.
    await page.getByLabel('Mese').last().fill(month);
    await expect(table.getByRole('link', { name: 'N. 1 — Lotto 2' })).toHaveCount(0);
    await table.getByRole('link', { name: 'N. 2 — Lotto 2' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Lotto 2/ })).toBeVisible();
    await expectAccessible(page, 'statement draft');
    await page.getByRole('button', { name: 'Scarta la bozza' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Scarta la bozza' }).click();
    await expect(page.getByRole('heading', { name: 'Stati di avanzamento', level: 1 })).toBeVisible();

    // Prepared again: the penalty applied since is in it, linked to its work order.
    const prepare = page.getByRole('region', { name: 'Prepara uno stato di avanzamento' });
    await choose(page, prepare.getByRole('combobox', { name: 'Lotto' }), 'Lotto 2', /Lotto 2/);
    await prepare.getByLabel('Mese').fill(month);
    await prepare.getByRole('button', { name: 'Prepara' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Lotto 2/ })).toBeVisible();
    const items = page.getByRole('region', { name: 'Voci' });
    await expect(items.getByRole('link', { name: number })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: 'Penali detratte' })).toBeVisible();

    await page.getByRole('button', { name: 'Approva' }).click();
    dialog = page.getByRole('dialog');
    await expect(dialog.getByText(/Una volta approvato non cambia più/)).toBeVisible();
    await expectAccessible(page, 'approve dialog');
    await dialog.getByRole('button', { name: 'Approva' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Approvato', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Approva' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'PDF' })).toHaveAttribute('href', /format=pdf/);

    // Approved, it waits for the contractor's invoice: registered from here, the statement already chosen.
    const invoices = page.getByRole('region', { name: 'Fatture di questo stato di avanzamento' });
    await expect(invoices.getByText('Nessuna fattura registrata su questo stato di avanzamento.')).toBeVisible();
    await invoices.getByRole('button', { name: 'Registra fattura' }).click();
    dialog = page.getByRole('dialog', { name: 'Registra la fattura della ditta' });
    await expect(dialog.getByRole('combobox', { name: 'Stato di avanzamento' })).toHaveCount(0);
    await expectAccessible(page, 'register invoice from the statement');
    await dialog.getByRole('button', { name: 'Chiudi' }).click();
    await expect(dialog).toBeHidden();

    // Drill-down: from the penalty's euro to the work order behind it.
    await items.getByRole('link', { name: number }).click();
    await expect(page).toHaveURL(/\/work-orders\//);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
  });
});
