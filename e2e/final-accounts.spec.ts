import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { apiAs } from './workflow-helpers';

// Accounting's final accounts (#10 item 2): two flat-fee work orders done and their final
// accounts submitted behind the UI's back; accounting approves one and returns the other with a
// reason from the worklist.

test.describe.serial('final accounts: accounting approves and returns', () => {
  const numbers: string[] = [];

  test.beforeAll(async ({ playwright }, info) => {
    const baseURL = info.project.use.baseURL ?? '';
    const requester = await apiAs(playwright, baseURL, 'richiedente');
    const bm = await apiAs(playwright, baseURL, 'bm.centrale');
    const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
    const buildings = await requester.get<{ items: Array<{ id: string }> }>('/api/buildings?q=MI-B01');
    const classes = await bm.get<{ items: Array<{ id: string; code: string }> }>('/api/technology-classes?q=ELE');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    for (const what of ['Plafoniera del corridoio', 'Interruttore della scala']) {
      const ticket = await requester.post<{ id: string; version: number }>('/api/tickets', {
        buildingId: buildings.items[0].id,
        description: `${what}: non funziona.`,
      });
      const issued = await bm.post<{ workOrders: Array<{ id: string; number: string }> }>(`/api/tickets/${ticket.id}/actions/issue`, {
        version: ticket.version,
        technologyClassId: classes.items.find((c) => c.code === 'ELE')?.id,
        priority: 'ordinary',
        description: what,
      });
      const wo = issued.workOrders[0];
      let v = 1;
      for (const [action, fields] of [
        ['acknowledge', {}],
        ['schedule_inspection', { inspectionAt: tomorrow }],
        ['record_inspection', { findings: 'Da sostituire' }],
        ['schedule_work', { scheduledAt: tomorrow }],
        ['start_work', {}],
        ['complete', { report: 'Sostituito', hours: 1.5, materials: 'Ricambio' }],
      ] as const) {
        v = (await contractor.post<{ version: number }>(`/api/work-orders/${wo.id}/actions/${action}`, { version: v, ...fields })).version;
      }
      const fa = await contractor.post<{ id: string; version: number }>(`/api/work-orders/${wo.id}/final-account`, {
        lines: [{ description: what, unit: 'cad', quantity: 1, unitPriceCents: 4500 }],
      });
      await contractor.post(`/api/final-accounts/${fa.id}/actions/submit`, { version: fa.version });
      numbers.push(wo.number);
    }
    await Promise.all([requester.dispose(), bm.dispose(), contractor.dispose()]);
  });

  test('accounting approves one final account and returns the other with its reason', async ({ page }) => {
    await loginAs(page, 'contabilita');
    await page.goto('/');
    await mainNav(page).getByRole('link', { name: 'Consuntivi' }).click();
    await expect(page.getByRole('heading', { name: 'Consuntivi degli ordini di lavoro' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Consuntivi degli ordini di lavoro' });
    await expect(table.getByRole('link', { name: numbers[0] })).toBeVisible();
    await expectAccessible(page, 'final accounts worklist');

    await page.getByRole('button', { name: `Approva ${numbers[0]}` }).click();
    let dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('rowheader', { name: 'Imponibile', exact: true })).toBeVisible();
    await expectAccessible(page, 'approve dialog');
    await dialog.getByRole('button', { name: 'Approva', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(table.getByRole('link', { name: numbers[0] })).toHaveCount(0);

    await page.getByRole('button', { name: `Restituisci ${numbers[1]}` }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Restituisci', exact: true }).click();
    await expect(dialog.getByText('Campo obbligatorio')).toBeVisible();
    await expectAccessible(page, 'return dialog with its error');
    await dialog.getByLabel(/^Motivo della restituzione/).fill('Manca il rapportino firmato');
    await dialog.getByRole('button', { name: 'Restituisci', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(table.getByRole('link', { name: numbers[1] })).toHaveCount(0);

    await page.getByText('Approvati', { exact: true }).click();
    await expect(table.getByRole('link', { name: numbers[0] })).toBeVisible();
    await page.getByText('Restituiti', { exact: true }).click();
    await expect(table.getByRole('link', { name: numbers[1] })).toBeVisible();
  });
});
