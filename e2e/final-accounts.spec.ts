import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { apiAs, switchUser } from './workflow-helpers';

// Accounting's final accounts (#10 item 2): two flat-fee work orders done and their final
// accounts submitted behind the UI's back; accounting approves one and returns the other with a
// reason from the worklist.

test.describe.serial('final accounts: accounting approves and returns', () => {
  const numbers: string[] = [];
  // A third work order done, its final account written through the UI by the contractor.
  let written = { id: '', number: '' };

  test.beforeAll(async ({ playwright }, info) => {
    const baseURL = info.project.use.baseURL ?? '';
    const requester = await apiAs(playwright, baseURL, 'richiedente');
    const bm = await apiAs(playwright, baseURL, 'bm.centrale');
    const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
    const buildings = await requester.get<{ items: Array<{ id: string }> }>('/api/buildings?q=MI-B01');
    const classes = await bm.get<{ items: Array<{ id: string; code: string }> }>('/api/technology-classes?q=ELE');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    for (const what of ['Plafoniera del corridoio', 'Interruttore della scala', 'Lampade di emergenza del corridoio']) {
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
      if (what.startsWith('Lampade')) {
        written = { id: wo.id, number: wo.number };
        continue;
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

  test('the contractor opens, writes and submits a final account on the work-order page; accounting approves it on its page', async ({
    page,
  }) => {
    await loginAs(page, 'ditta.elettrica');
    await page.goto(`/work-orders/${written.id}`);
    const section = page.getByTestId('final-account-section');
    await section.getByRole('button', { name: 'Apri il consuntivo' }).click();
    await expect(section.getByTestId('final-account')).toHaveAttribute('data-state', 'draft');
    await expect(section.getByTestId('final-account-next')).toContainText('Tocca alla ditta');
    await expectAccessible(page, 'work order with its final account in draft');

    await section.getByRole('button', { name: 'Modifica righe, ore e materiali' }).click();
    const editor = page.getByRole('dialog');
    await editor.getByRole('button', { name: 'Aggiungi una voce libera (nuovo prezzo)' }).click();
    let line = editor.getByTestId('final-account-line').nth(0);
    await line.getByRole('textbox', { name: /^Unità di misura/ }).fill('cad');
    await line.getByRole('textbox', { name: /^Prezzo unitario/ }).fill('85');
    await line.getByRole('textbox', { name: /^Descrizione/ }).fill('Lampada di emergenza 1 h');
    await line.getByRole('textbox', { name: /^Quantità/ }).fill('2');
    await editor.getByRole('button', { name: 'Aggiungi un nuovo prezzo per analisi' }).click();
    line = editor.getByTestId('final-account-line').nth(1);
    await line.getByRole('textbox', { name: /^Unità di misura/ }).fill('cad');
    await line.getByRole('textbox', { name: /^Descrizione/ }).fill('Staffa di fissaggio su misura');
    await line.getByRole('textbox', { name: /^Materiali/ }).fill('10');
    await line.getByRole('textbox', { name: /^Manodopera/ }).fill('5');
    // 15 € cost + 15 % overheads (2,25 €) + 10 % profit (1,73 €) = 18,98 €.
    await expect(line.getByTestId('analysis-price')).toContainText('18,98');
    await expectAccessible(page, 'final account editor');
    await editor.getByRole('button', { name: 'Salva' }).click();
    await expect(editor).toBeHidden();
    const lines = section.getByRole('table', { name: 'Righe del consuntivo' });
    await expect(lines.getByRole('row')).toHaveCount(3);
    await expect(lines).toContainText('Staffa di fissaggio su misura');

    await section.getByRole('button', { name: 'Invia' }).click();
    const send = page.getByRole('dialog');
    await send.getByRole('button', { name: 'Invia' }).click();
    await expect(send).toBeHidden();
    await expect(section.getByTestId('final-account')).toHaveAttribute('data-state', 'submitted');
    await expect(section.getByTestId('final-account-next')).toContainText('Tocca alla contabilità');

    await switchUser(page, 'contabilita');
    await page.goto('/accounting/final-accounts');
    await page.getByRole('table', { name: 'Consuntivi degli ordini di lavoro' }).getByRole('link', { name: written.number }).click();
    await expect(page.getByRole('heading', { name: `Consuntivo dell'ordine ${written.number}` })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Righe del consuntivo' })).toContainText('Lampada di emergenza 1 h');
    await expect(page.getByRole('list', { name: 'Storia del consuntivo' })).toContainText('ha inviato il consuntivo');
    await expectAccessible(page, 'final account page');
    await page.getByRole('button', { name: 'Approva' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approva', exact: true }).click();
    await expect(page.getByTestId('final-account')).toHaveAttribute('data-state', 'approved');
    await expect(page.getByRole('list', { name: 'Storia del consuntivo' })).toContainText('ha approvato il consuntivo');
  });

  test("the service head approves the demo's variance over the threshold on the work-order page; accounting sees it to approve", async ({
    page,
    playwright,
  }, info) => {
    const head = await apiAs(playwright, info.project.use.baseURL ?? '', 'capo.servizio');
    const waiting = await head.get<{ items: Array<{ id: string; workOrder: { id: string; number: string } }> }>(
      '/api/final-accounts?state=needs_service_head',
    );
    await head.dispose();
    const account = waiting.items[0];
    expect(account, 'the demo has a variance over the threshold').toBeDefined();
    await loginAs(page, 'capo.servizio');
    await page.goto(`/work-orders/${account.workOrder.id}`);
    const section = page.getByTestId('final-account-section');
    await expect(section.getByTestId('final-account')).toHaveAttribute('data-state', 'needs_service_head');
    await expect(section.getByTestId('final-account-next')).toContainText('Tocca al capo servizio');
    await expect(section.getByRole('table', { name: 'Confronto con il preventivo approvato' })).toBeVisible();
    await expectAccessible(page, 'work order with a variance to decide');
    await section.getByRole('button', { name: 'Approva lo scostamento' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approva lo scostamento' }).click();
    await expect(section.getByTestId('final-account')).toHaveAttribute('data-state', 'submitted');

    await switchUser(page, 'contabilita');
    await page.goto(`/accounting/final-accounts/${account.id}`);
    await expect(page.getByTestId('final-account-next')).toContainText('Tocca alla contabilità');
    await expect(page.getByRole('list', { name: 'Storia del consuntivo' })).toContainText('ha approvato lo scostamento dal preventivo');
  });
});
