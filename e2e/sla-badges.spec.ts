import { expect, test, type Page } from '@playwright/test';
import { formatter } from '../src/shared/format';
import { expectAccessible, loginAs } from './helpers';
import { apiAs, openAndIssue } from './workflow-helpers';

// #9 item 14: the ticket and work-order lists show each row's SLA state (due, overdue since,
// paused and why) as a badge in words; item 7a: the work-order page says by when the documents
// declared "to follow" are due, in the shared date format.

interface Row {
  id: string;
  number: string;
  sla: { state: string; dueAt: string | null; pausedFor: string | null } | null;
}

/** The first row of a list in an SLA state, as the API sees it for the logged-in user. */
async function firstIn(page: Page, list: 'work-orders' | 'tickets', state: string): Promise<Row> {
  const res = await page.request.get(`/api/${list}?sla=${state}&limit=1`);
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: Row[] };
  expect(items.length, `a demo ${list} row with SLA state ${state}`).toBeGreaterThan(0);
  return items[0];
}

/** The list's row of `number`, found through the list's own search. */
async function rowOf(page: Page, list: 'work-orders' | 'tickets', number: string) {
  await page.goto(`/${list}?q=${encodeURIComponent(number)}`);
  const row = page.getByRole('row').filter({ hasText: number });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  return row;
}

test.describe('SLA state on list rows', () => {
  test('work orders: an overdue row reads "Scaduto <when>", a paused one "In pausa"; axe-clean', async ({ page }) => {
    await loginAs(page, 'capo.servizio');
    const overdue = await firstIn(page, 'work-orders', 'overdue');
    const row = await rowOf(page, 'work-orders', overdue.number);
    const badge = row.locator('[data-sla="overdue"]');
    await expect(badge).toHaveText(`Scaduto ${formatter('it').dateTime(overdue.sla!.dueAt)}`);
    await expectAccessible(page, 'work-order list with an overdue SLA badge');

    const paused = await firstIn(page, 'work-orders', 'paused');
    const pausedRow = await rowOf(page, 'work-orders', paused.number);
    await expect(pausedRow.locator('[data-sla="paused"]')).toHaveText(/^(In pausa: .+|SLA in pausa)$/);

    // The filter shows the same words on every row it keeps.
    await page.goto('/work-orders?sla=overdue');
    const badges = page.getByRole('table').locator('[data-sla]');
    await expect(badges.first()).toBeVisible({ timeout: 30_000 });
    for (const text of await badges.allTextContents()) expect(text).toMatch(/^Scaduto \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
    await expectAccessible(page, 'work-order list filtered by SLA state');
  });

  test('tickets: the row of a ticket with overdue work shows the badge too', async ({ page }) => {
    await loginAs(page, 'capo.servizio');
    const overdue = await firstIn(page, 'tickets', 'overdue');
    const row = await rowOf(page, 'tickets', overdue.number);
    await expect(row.locator('[data-sla="overdue"]')).toHaveText(`Scaduto ${formatter('it').dateTime(overdue.sla!.dueAt)}`);
    await expectAccessible(page, 'ticket list with an overdue SLA badge');
  });
});

test.describe('documents to follow', () => {
  let workOrderId = '';
  let dueOn = '';

  test.beforeAll(async ({ playwright }, info) => {
    // An electrical work order that changes the installation, completed with its DM 37 declaration "to follow".
    const baseURL = info.project.use.baseURL ?? '';
    const requester = await apiAs(playwright, baseURL, 'richiedente');
    const bm = await apiAs(playwright, baseURL, 'bm.centrale');
    const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
    const issued = await openAndIssue(requester, bm, {
      report: 'Serve una nuova linea prese in laboratorio.',
      classCode: 'ELE',
      priority: 'ordinary',
      workOrder: 'Nuova linea prese',
    });
    workOrderId = issued.workOrderId;
    const soon = new Date(Date.now() + 60_000).toISOString();
    let v = 1;
    let last: { version: number; documents: { dueOn: string | null } } | null = null;
    for (const [action, fields] of [
      ['acknowledge', {}],
      ['schedule_inspection', { inspectionAt: soon }],
      ['record_inspection', { findings: 'Serve una nuova linea', changesInstallation: true }],
      ['schedule_work', { scheduledAt: soon }],
      ['start_work', {}],
      ['complete', { report: 'Posata la linea', hours: 2, documentsToFollow: true }],
    ] as const) {
      last = await contractor.post(`/api/work-orders/${workOrderId}/actions/${action}`, { version: v, ...fields });
      v = last!.version;
    }
    dueOn = last!.documents.dueOn!;
    expect(dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await Promise.all([requester.dispose(), bm.dispose(), contractor.dispose()]);
  });

  test('the work-order page says by when they are due, in the shared date format; axe-clean', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto(`/work-orders/${workOrderId}`);
    const due = page.getByTestId('documents-due');
    await expect(due).toHaveText(`Da allegare entro il ${formatter('it').date(dueOn)}`, { timeout: 30_000 });
    await expect(due).toHaveAttribute('data-late', 'false');
    await expectAccessible(page, 'work order with documents to follow');
  });
});

test('an admin sets the days for documents to follow on the contract form and on the SLA page: 1..365, saved with the contract', async ({
  page,
}) => {
  await loginAs(page, 'admin');
  await page.goto('/registry/contracts');
  await page.getByRole('link', { name: 'Lotto 4' }).click();
  const days = page.getByLabel(/Giorni per i documenti a seguire/);
  await expect(days).toHaveValue('30', { timeout: 30_000 });
  const id = page.url().split('/').pop();

  await days.fill('400');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByText('Da 1 a 365 giorni')).toBeVisible();
  await expectAccessible(page, 'contract form with the documents days refused');

  await days.fill('45');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page).toHaveURL(/\/registry\/contracts$/);
  const stored = (await (await page.request.get(`/api/contracts/${id}`)).json()) as { documentsDueDays: number };
  expect(stored.documentsDueDays).toBe(45);

  // The same setting beside the contract's SLA, on the admin SLA page.
  await page.goto(`/admin/contracts/${id}/sla`);
  const section = page.getByRole('region', { name: 'Documenti a seguire' });
  await expect(section.getByTestId('documents-days')).toContainText('entro 45 giorni dal completamento', { timeout: 30_000 });
  await section.getByRole('button', { name: 'Modifica i giorni' }).click();
  const field = section.getByLabel(/Giorni per i documenti a seguire/);
  await field.fill('0');
  await expect(section.getByText('Da 1 a 365 giorni')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Salva' })).toBeDisabled();
  await expectAccessible(page, 'admin SLA page, documents days being edited');
  await field.fill('20');
  await section.getByRole('button', { name: 'Salva' }).click();
  await expect(section.getByTestId('documents-days')).toContainText('entro 20 giorni dal completamento');
  const after = (await (await page.request.get(`/api/contracts/${id}`)).json()) as { documentsDueDays: number };
  expect(after.documentsDueDays).toBe(20);
});
