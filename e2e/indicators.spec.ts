import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { apiAs, choose } from './workflow-helpers';

// Service indicators (#11 item 3) on the demo university: the service head's contract view drills
// from a figure below target to the work orders behind it and opens one; the charts have their
// tables; a contractor's scorecard shows its own figures only, never another contractor's name.

test.beforeEach(() => test.setTimeout(180_000));

interface Figure {
  value: number | null;
  numerator: number;
  denominator: number;
}
interface Report {
  sla: Record<'takeCharge' | 'onSite' | 'resolution', Figure>;
  reopenRate: Figure;
  firstTimeFix: Figure;
  plannedCompliance: Figure;
  satisfaction: { lowScores: Figure; followedUp: Figure };
}

/** The figures the dashboard judges, by the data-testid of their card, as the API computes them. */
const judged = (r: Report): Array<[string, Figure, 'min' | 'max', number]> => [
  ['takeCharge', r.sla.takeCharge, 'min', 0.9],
  ['onSite', r.sla.onSite, 'min', 0.9],
  ['resolution', r.sla.resolution, 'min', 0.9],
  ['firstTimeFix', r.firstTimeFix, 'min', 0.8],
  ['plannedCompliance', r.plannedCompliance, 'min', 0.9],
  ['reopenRate', r.reopenRate, 'max', 0.1],
  ['satisfactionLow', r.satisfaction.lowScores, 'max', 0.2],
  ['satisfactionFollowedUp', r.satisfaction.followedUp, 'min', 0.9],
];

const drillTable = (page: Page) => page.getByRole('table', { name: /^Ordini di lavoro (fuori obiettivo per|dietro|che compongono) «/ });

test('the service head opens the contract dashboard, drills from a red figure to its work orders and opens one', async ({
  page,
  playwright,
}, info) => {
  await loginAs(page, 'capo.servizio');
  await page.goto('/');
  await mainNav(page).getByRole('link', { name: 'Indicatori', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Indicatori di servizio', level: 1 })).toBeVisible();
  // The first figures may take a while on a busy machine: the report is computed on request.
  await expect(page.getByText(/ordini di lavoro emessi\.$/)).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'indicator dashboard, all contracts');

  // The contract view: Lotto 2 in the URL, its standing against the cap, its report as a PDF.
  await choose(page, page.getByRole('combobox', { name: 'Contratto' }), 'Lotto 2', /Lotto 2/);
  await expect(page).toHaveURL(/contractId=/);
  const contractId = new URL(page.url()).searchParams.get('contractId')!;
  await expect(page.getByRole('region', { name: 'Il contratto' }).getByText('Tetto delle penali usato')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Scarica il report PDF' })).toHaveAttribute('href', /contractId=.*format=pdf/);
  await expect(page.getByRole('link', { name: 'Scarica XLSX' })).toHaveAttribute('href', /contractId=.*format=xlsx/);

  // The same numbers as the API's, for the period the page shows.
  const url = new URL(page.url());
  const from = await page.getByLabel('Dal (data di emissione)').inputValue();
  const to = await page.getByLabel('Al', { exact: true }).inputValue();
  expect(url.searchParams.get('from') ?? from).toBe(from);
  const head = await apiAs(playwright, info.project.use.baseURL ?? '', 'capo.servizio');
  const report = await head.get<Report>(`/api/kpi/report?from=${from}&to=${to}&contractId=${contractId}`);
  await head.dispose();
  const red = judged(report).find(([, f, dir, target]) => f.value !== null && (dir === 'min' ? f.value < target : f.value > target));
  expect(red, 'the demo has a figure below target on Lotto 2').toBeDefined();
  const [name, figure, dir] = red!;
  const failing = dir === 'min' ? figure.denominator - figure.numerator : figure.numerator;

  const card = page.getByTestId(`figure-${name}`);
  await expect(card).toContainText('Fuori obiettivo');
  await expect(card).toContainText(`${figure.numerator} su ${figure.denominator}`);
  await card.click();
  await expect(page).toHaveURL(new RegExp(`figure=${name}&set=${dir === 'min' ? 'misses' : 'hits'}`));
  const list = drillTable(page);
  await expect(list).toBeVisible();
  await expect(list.getByRole('row')).toHaveCount(Math.min(failing, 25) + 1);
  await expect(page.getByText(`1–${Math.min(failing, 25)} di ${failing}`)).toBeVisible();
  await expectAccessible(page, 'indicator drill-down');

  // The charts' text alternatives: each chart is one named image, its numbers in the table below.
  await expect(page.getByRole('img', { name: /^Rispetto degli SLA per mese \(%\): \d+ mes/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Ordini di lavoro emessi per mese: / })).toBeVisible();
  const trend = page.getByRole('table', { name: 'Andamento mensile: i valori' });
  await expect(trend.getByRole('rowheader').first()).toBeVisible();
  const heat = page.getByRole('table', { name: 'Guasti per edificio e classe' });
  await expect(heat.getByRole('columnheader', { name: 'Edificio' })).toBeVisible();
  await expect(heat.getByRole('rowheader').first()).toBeVisible();

  // By keyboard: another figure opens from its focused card.
  await page.getByTestId('figure-backlog').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/figure=backlog&set=basis/);
  await expect(page.getByRole('table', { name: 'Ordini di lavoro dietro «Arretrato»' })).toBeVisible();

  // Back to the red figure's list (filters replace the history entry: one back leaves the page), then its first work order.
  await card.click();
  await expect(page).toHaveURL(new RegExp(`figure=${name}&set=`));
  // The backlog's list stays on screen until the red figure's has loaded: wait for the swap.
  await expect(page.getByRole('table', { name: 'Ordini di lavoro dietro «Arretrato»' })).toHaveCount(0);
  await expect(list.getByRole('row')).toHaveCount(Math.min(failing, 25) + 1);
  const first = list.getByRole('link').first();
  const number = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/work-orders\//);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
});

test("a contractor's scorecard shows its own figures only, never another contractor", async ({ page, playwright }, info) => {
  const baseURL = info.project.use.baseURL ?? '';
  const admin = await apiAs(playwright, baseURL, 'admin');
  const contractors = await admin.get<{ items: Array<{ id: string; name: string }> }>('/api/contractors?limit=100');
  await admin.dispose();
  const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
  const me = await contractor.get<{ contractorId: string }>('/api/me');
  await contractor.dispose();
  const others = contractors.items.filter((c) => c.id !== me.contractorId).map((c) => c.name);
  expect(others.length).toBeGreaterThan(0);

  await loginAs(page, 'ditta.elettrica');
  await page.goto('/');
  await mainNav(page).getByRole('link', { name: 'La mia scorecard' }).click();
  await expect(page.getByRole('heading', { name: 'La mia scorecard', level: 1 })).toBeVisible();
  await expect(page.getByTestId('figure-takeCharge')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Guasti per edificio e classe' })).toBeVisible();
  await expectAccessible(page, "contractor's scorecard");

  // Its own work orders behind a figure: every one of its lot.
  await page.getByTestId('figure-backlog').click();
  const list = drillTable(page);
  await expect(list.getByRole('row').nth(1)).toBeVisible();
  const lots = await list.locator('tbody tr td:nth-child(6)').allTextContents();
  expect(new Set(lots)).toEqual(new Set(['Lotto 2']));

  // The contract filter offers its own contract only.
  await page.getByRole('combobox', { name: 'Contratto' }).click();
  await expect(page.getByRole('option').first()).toBeVisible();
  for (const o of await page.getByRole('option').allTextContents()) expect(o).toMatch(/^Lotto 2 /);
  await page.keyboard.press('Escape');

  // No other contractor's name anywhere on the page.
  const text = await page.locator('body').innerText();
  expect(others.filter((name) => text.includes(name))).toEqual([]);
});

test("a building manager's view covers its buildings and passes axe", async ({ page }) => {
  await loginAs(page, 'bm.deib');
  await page.goto('/');
  await mainNav(page).getByRole('link', { name: 'Indicatori degli edifici' }).click();
  await expect(page.getByRole('heading', { name: 'Indicatori dei miei edifici', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'SLA per priorità' })).toBeVisible();
  await expectAccessible(page, "building manager's indicators");
});
