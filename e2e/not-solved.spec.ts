import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs } from './helpers';
import { apiAs, runAction, openAndIssue } from './workflow-helpers';

// #9 item 8: the requester says a closed ticket is not solved, from the ticket page, with a reason;
// the ticket reopens and the timeline shows it. The work is done and the ticket closed behind the
// UI's back (through the API, as each role).

test.describe.serial('the requester reopens a closed ticket: "Non risolto"', () => {
  let ticketId = '';

  test.beforeAll(async ({ playwright }, info) => {
    const baseURL = info.project.use.baseURL ?? '';
    const requester = await apiAs(playwright, baseURL, 'richiedente');
    const bm = await apiAs(playwright, baseURL, 'bm.centrale');
    const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
    const cc = await apiAs(playwright, baseURL, 'callcenter');
    const issued = await openAndIssue(requester, bm, {
      report: 'La plafoniera dello studio 12 sfarfalla e si spegne.',
      classCode: 'ELE',
      priority: 'ordinary',
      workOrder: 'Sostituire la plafoniera',
    });
    ticketId = issued.ticketId;
    const wo = issued.workOrderId;
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    let v = 1;
    for (const [action, fields] of [
      ['acknowledge', {}],
      ['schedule_inspection', { inspectionAt: soon }],
      ['record_inspection', { findings: 'Reattore guasto' }],
      ['schedule_work', { scheduledAt: soon }],
      ['start_work', {}],
      ['complete', { report: 'Sostituito il reattore', hours: 1 }],
    ] as const) {
      v = (await contractor.post<{ version: number }>(`/api/work-orders/${wo}/actions/${action}`, { version: v, ...fields })).version;
    }
    await bm.post(`/api/work-orders/${wo}/actions/verify`, { version: v });
    const resolved = await cc.get<{ version: number }>(`/api/tickets/${issued.ticketId}`);
    await cc.post(`/api/tickets/${issued.ticketId}/actions/close`, { version: resolved.version });
    await Promise.all([requester.dispose(), bm.dispose(), contractor.dispose(), cc.dispose()]);
  });

  test('the requester clicks "Non risolto", must give a reason, and sees the ticket reopened', async ({ page }) => {
    test.slow(); // the setup walks a whole work order through the API first
    await loginAs(page, 'richiedente');
    await page.goto(`/tickets/${ticketId}`);
    const actions = page.getByRole('group', { name: 'Azioni' });
    await expect(page.getByRole('heading', { level: 1, name: /^Segnalazione \d{4}-\d{6}$/ })).toBeVisible({ timeout: 30_000 });
    await expect(actions.getByRole('button', { name: 'Non risolto', exact: true })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'closed ticket (requester)');

    // No reason: the dialog says what is missing and stays open.
    await actions.getByRole('button', { name: 'Non risolto', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expectAccessible(page, 'not-solved dialog');
    await dialog.getByRole('button', { name: 'Riapri la segnalazione' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Annulla' }).click();
    await expect(dialog).toBeHidden();

    await runAction(page, 'Non risolto', 'Riapri la segnalazione', async (d) => {
      await d.getByLabel(/^Cosa non è risolto/).fill('La luce sfarfalla di nuovo dopo due giorni.');
    });
    await expect(page.getByRole('main').getByText('In lavorazione').first()).toBeVisible();
    await expect(actions.getByRole('button', { name: 'Non risolto', exact: true })).toHaveCount(0);
    await expect(page.getByText('Riaperture').locator('..')).toContainText('1');
    await expect(page.getByText(/ha indicato che il problema non è risolto/).first()).toBeVisible();
    await expect(page.getByText(/La luce sfarfalla di nuovo dopo due giorni\./).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'reopened ticket (requester)');
  });
});
