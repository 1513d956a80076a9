import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs } from './helpers';
import { apiAs, dayFromNow, fillInstant, openAndIssue } from './workflow-helpers';

// The contractor's dialogs with a yes/no field (#9 item 1): "changes the installation" is a Sì/No
// choice with its words, not a text box named by its key; the answer reaches the timeline.

test.describe.serial('yes/no fields of the action dialogs', () => {
  let workOrderId = '';

  test.beforeAll(async ({ playwright }, info) => {
    const baseURL = info.project.use.baseURL ?? '';
    const requester = await apiAs(playwright, baseURL, 'richiedente');
    const bm = await apiAs(playwright, baseURL, 'bm.centrale');
    const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
    const issued = await openAndIssue(requester, bm, {
      report: 'Prese del corridoio senza corrente: serve una nuova linea.',
      classCode: 'ELE',
      priority: 'ordinary',
      workOrder: 'Nuova linea prese nel corridoio',
    });
    workOrderId = issued.workOrderId;
    let v = 1;
    for (const [action, fields] of [
      ['acknowledge', {}],
      ['schedule_inspection', { inspectionAt: new Date(Date.now() + 86_400_000).toISOString() }],
    ] as const) {
      v = (await contractor.post<{ version: number }>(`/api/work-orders/${workOrderId}/actions/${action}`, { version: v, ...fields }))
        .version;
    }
    await Promise.all([requester.dispose(), bm.dispose(), contractor.dispose()]);
  });

  test('the contractor records an inspection that changes the installation, then schedules the work', async ({ page }) => {
    await loginAs(page, 'ditta.elettrica');
    await page.goto(`/work-orders/${workOrderId}`);
    const actions = page.getByRole('group', { name: 'Azioni' });

    await actions.getByRole('button', { name: 'Registra il sopralluogo', exact: true }).click();
    let dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('changesInstallation')).toHaveCount(0);
    await dialog.getByLabel(/^Esito del sopralluogo/).fill('Serve una nuova linea dal quadro di piano.');
    const changes = dialog.getByRole('radiogroup', { name: /^Modifica l'impianto/ });
    await changes.getByRole('radio', { name: 'Sì' }).check();
    await expect(changes.getByRole('radio', { name: 'Sì' })).toBeChecked();
    await expectAccessible(page, 'record inspection dialog');
    await dialog.getByRole('button', { name: 'Registra', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Sopralluogo eseguito', { exact: true }).first()).toBeVisible();

    const timeline = page.getByRole('list', { name: 'Cronologia' });
    const inspection = timeline.getByRole('listitem').filter({ hasText: 'Serve una nuova linea dal quadro di piano.' });
    await expect(inspection).toContainText("Modifica l'impianto:");
    await expect(inspection.getByRole('definition').filter({ hasText: /^Sì$/ })).toBeVisible();

    await actions.getByRole('button', { name: "Pianifica l'intervento", exact: true }).click();
    dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await fillInstant(dialog, dayFromNow(2), '14:00');
    // The choice starts from what the inspection recorded.
    await expect(dialog.getByRole('radiogroup', { name: /^Modifica l'impianto/ }).getByRole('radio', { name: 'Sì' })).toBeChecked();
    await expectAccessible(page, 'schedule work dialog');
    await dialog.getByRole('button', { name: 'Pianifica', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Intervento pianificato', { exact: true }).first()).toBeVisible();
  });
});
