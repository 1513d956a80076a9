import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, loginAs } from './helpers';

// The calendar's move-with-undo, against a stand-in of GET /api/planned-work and the program-item
// PATCH (page.route): what is checked is the page's own promise — a move undone in time sends
// nothing, one left alone is saved once, after the notice closes.
const romeToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

async function standIn(page: Page, patches: unknown[]) {
  const today = romeToday();
  const item = {
    programItemId: 'item-1',
    programId: 'prog-1',
    programStatus: 'draft',
    workOrderId: null,
    workOrderNumber: null,
    workOrderStatus: null,
    ticketId: null,
    activity: 'Prova luci di emergenza',
    buildingId: 'b1',
    buildingName: 'Palazzo del Rettorato',
    assetName: 'Quadro QE-1',
    date: today,
    windowFrom: '09:00',
    windowTo: '10:00',
    technician: 'Mario Rossi',
    late: false,
    version: 1,
  };
  await page.route('**/api/planned-work?**', (route) => route.fulfill({ json: { items: [item], nextCursor: null } }));
  await page.route('**/api/programs/prog-1/items/item-1', async (route) => {
    patches.push(route.request().postDataJSON());
    await route.fulfill({ json: { ...item, plannedOn: '2099-01-01', version: 2 } });
  });
  return today;
}

test('a move in the calendar can be undone before it is saved, and is saved once otherwise', async ({ page }) => {
  const patches: unknown[] = [];
  await loginAs(page, 'ditta.elettrica');
  const today = await standIn(page, patches);
  await page.goto(`/planned-calendar?view=week&date=${today}`);
  const entry = page.getByRole('button', { name: /Prova luci di emergenza/ });
  await expect(entry).toBeVisible();
  await expectAccessible(page, 'calendar week');

  const next = new Date(`${today}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const nextDay = next.toISOString().slice(0, 10);
  const typed = `${nextDay.slice(8, 10)}/${nextDay.slice(5, 7)}/${nextDay.slice(0, 4)}`;

  await entry.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Nuova data/).fill(typed);
  await dialog.getByLabel(/^Nuova data/).press('Tab');
  await expectAccessible(page, 'move dialog');
  await dialog.getByRole('button', { name: 'Sposta' }).click();
  await page.getByRole('button', { name: 'Annulla' }).click();
  await expect(page.getByText(/spostata al/)).toBeHidden();
  expect(patches).toEqual([]);

  await entry.click();
  await page
    .getByRole('dialog')
    .getByLabel(/^Nuova data/)
    .fill(typed);
  await page
    .getByRole('dialog')
    .getByLabel(/^Nuova data/)
    .press('Tab');
  await page.getByRole('dialog').getByRole('button', { name: 'Sposta' }).click();
  await expect(page.getByText(/spostata al/)).toBeVisible();
  await expect(page.getByText('Nuova data salvata nel programma.')).toBeVisible({ timeout: 15_000 });
  expect(patches).toEqual([{ plannedOn: nextDay, version: 1 }]);

  // With the mouse: dragged onto another day of the week, saved after the notice closes.
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
  const target = weekday < 6 ? weekday + 1 : weekday - 1;
  const targetDay = new Date(`${today}T12:00:00Z`);
  targetDay.setUTCDate(targetDay.getUTCDate() + (target - weekday));
  // The dialog move's notice closes first, so the one below is the drag's own.
  await expect(page.getByText(/spostata al/)).toBeHidden();
  await entry.dragTo(page.locator('table.planned-calendar tbody td').nth(target));
  await expect(page.getByText(/spostata al/)).toBeVisible();
  await expect.poll(() => patches.length, { timeout: 15_000 }).toBe(2);
  expect(patches[1]).toEqual({ plannedOn: targetDay.toISOString().slice(0, 10), version: 1 });

  // Month view: a table with the weekdays as column headers.
  await page.goto(`/planned-calendar?date=${today}`);
  await expect(page.getByRole('columnheader')).toHaveCount(7);
  await expectAccessible(page, 'calendar month');
});
