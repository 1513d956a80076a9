import { expect, test, type APIRequestContext } from '@playwright/test';
import { PASSWORD, expectAccessible, loginAs, mainNav } from './helpers';
import { acceptDocuments, apiAs, choose } from './workflow-helpers';

// Cost allocation (#10 item 3): an extra-fee work order in MI-B02 (Lotto 2 allocates by the
// departments' floor-area shares: DEIB 40 %, DMEC 35 %, DCMC 25 %) done and its final account
// approved behind the UI's back; accounting opens the report, drills down to the work order,
// changes the grouping, and finds the downloads.

test.describe.configure({ mode: 'serial' });
test.beforeEach(() => test.setTimeout(300_000));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
let number = '';

async function attachDiCo(ctx: APIRequestContext, workOrderId: string) {
  const login = await ctx.post('/api/session', { data: { username: 'ditta.elettrica', password: PASSWORD } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await ctx.post(`/api/work-orders/${workOrderId}/attachments`, {
    headers: { 'X-CSRF-Token': csrfToken },
    multipart: { kind: 'conformity_declaration', file: { name: 'DiCo.pdf', mimeType: 'application/pdf', buffer: PDF } },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test.beforeAll(async ({ playwright }, info) => {
  const baseURL = info.project.use.baseURL ?? '';
  const requester = await apiAs(playwright, baseURL, 'richiedente');
  const bm = await apiAs(playwright, baseURL, 'bm.centrale');
  const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
  const head = await apiAs(playwright, baseURL, 'capo.servizio');
  const accounting = await apiAs(playwright, baseURL, 'contabilita');
  const buildings = await requester.get<{ items: Array<{ id: string }> }>('/api/buildings?q=MI-B02');
  const classes = await bm.get<{ items: Array<{ id: string; code: string }> }>('/api/technology-classes?q=ELE');
  const lists = await contractor.get<{ items: Array<{ id: string }> }>('/api/price-lists');
  const items = await contractor.get<{ items: Array<{ id: string; priceCents: number | null }> }>(
    `/api/price-lists/${lists.items[0].id}/items?limit=50`,
  );
  const item = items.items.find((i) => (i.priceCents ?? 0) > 1000)!;
  const ticket = await requester.post<{ id: string; version: number }>('/api/tickets', {
    buildingId: buildings.items[0].id,
    description: "Nuove prese nell'aula N.1.1: quelle esistenti sono rotte.",
  });
  const issued = await bm.post<{ workOrders: Array<{ id: string; number: string }> }>(`/api/tickets/${ticket.id}/actions/issue`, {
    version: ticket.version,
    technologyClassId: classes.items.find((c) => c.code === 'ELE')?.id,
    priority: 'ordinary',
    description: 'Sostituzione prese aula N.1.1',
  });
  const wo = issued.workOrders[0];
  number = wo.number;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  const act = async (who: typeof contractor, action: string, fields: Record<string, unknown> = {}) => {
    const { version } = await who.get<{ version: number }>(`/api/work-orders/${wo.id}`);
    await who.post(`/api/work-orders/${wo.id}/actions/${action}`, { version, ...fields });
  };
  await act(contractor, 'acknowledge');
  await act(contractor, 'schedule_inspection', { inspectionAt: tomorrow });
  await act(contractor, 'record_inspection', { findings: 'Da sostituire' });
  await act(contractor, 'submit_quote', { lines: [{ priceListItemId: item.id, quantity: 4 }] });
  await act(head, 'approve_quote', { note: 'Autorizzato' });
  await attachDiCo(await playwright.request.newContext({ baseURL }), wo.id);
  await act(contractor, 'schedule_work', { scheduledAt: tomorrow });
  await act(contractor, 'start_work');
  await act(contractor, 'complete', { report: 'Prese sostituite', hours: 2, materials: 'Prese' });
  await acceptDocuments(playwright, baseURL, wo.id, { contractor: 'ditta.elettrica', bm: 'bm.centrale' });
  const fa = await contractor.post<{ id: string; version: number }>(`/api/work-orders/${wo.id}/final-account`, {});
  const sent = await contractor.post<{ version: number }>(`/api/final-accounts/${fa.id}/actions/submit`, { version: fa.version });
  await accounting.post(`/api/final-accounts/${fa.id}/actions/approve`, { version: sent.version });
  await Promise.all([requester.dispose(), bm.dispose(), contractor.dispose(), head.dispose(), accounting.dispose()]);
});

test('accounting opens the cost allocation, drills down to the work order, changes the grouping', async ({ page }) => {
  await loginAs(page, 'contabilita');
  await page.goto('/');
  await mainNav(page).getByRole('link', { name: 'Ripartizione oneri' }).click();
  await expect(page.getByRole('heading', { name: 'Ripartizione oneri', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Ripartizione oneri' });
  const deib = table.getByRole('rowheader', { name: /^DEIB — / });
  await expect(deib).toBeVisible();
  await expect(table.getByRole('rowheader', { name: /^DMEC — / })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: /^DCMC — / })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Totale' })).toBeVisible();
  await expectAccessible(page, 'cost allocation report');

  await page.getByRole('button', { name: /^Dettaglio di DEIB — / }).click();
  await expect(page).toHaveURL(/detail=/);
  const detail = page.getByRole('table', { name: /^Ordini di lavoro dietro «DEIB — / });
  await expect(detail.getByRole('link', { name: number })).toBeVisible();
  await expect(detail.getByText('Quote di superficie').first()).toBeVisible();
  await expectAccessible(page, 'cost allocation drill-down');

  await page.getByRole('radiogroup', { name: 'Raggruppa per' }).getByText('Edificio', { exact: true }).click();
  await expect(page).toHaveURL(/groupBy=building/);
  await expect(table.getByRole('rowheader', { name: /^MI-B02 — / })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Scarica XLSX' })).toHaveAttribute('href', /format=xlsx/);
  await expect(page.getByRole('link', { name: 'Scarica PDF' })).toHaveAttribute('href', /groupBy=building.*format=pdf/);
  // One contract only: the filter goes into the URL and the downloads.
  await choose(page, page.getByRole('combobox', { name: 'Contratto' }), 'Lotto 2', /Lotto 2/);
  await expect(page).toHaveURL(/contractId=/);
  await expect(table.getByRole('rowheader', { name: /^MI-B02 — / })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Scarica XLSX' })).toHaveAttribute('href', /contractId=.*format=xlsx/);

  // The drill-down by keyboard: the work order opens from the detail table.
  await page.getByRole('button', { name: /^Dettaglio di MI-B02 — / }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: number }).first().click();
  await expect(page).toHaveURL(/\/work-orders\//);
});

test("the admin sets a contract's rule to explicit percentages: not 100 % is refused, 100 % is saved", async ({
  page,
  playwright,
}, info) => {
  const admin = await apiAs(playwright, info.project.use.baseURL ?? '', 'admin');
  const contracts = await admin.get<{ items: Array<{ id: string; lot: string }> }>('/api/contracts?q=Lotto%204');
  const lot4 = contracts.items.find((c) => c.lot === 'Lotto 4')!;
  await admin.dispose();
  await loginAs(page, 'admin');
  await page.goto(`/admin/contracts/${lot4.id}/sla`);
  const rule = page.getByTestId('allocation-rule');
  await expect(rule).toContainText('Percentuali');
  await page.getByRole('button', { name: 'Modifica regola' }).click();
  await expect(page.getByLabel('Quota (%)')).toHaveCount(3);
  await page.getByLabel('Quota (%)').nth(0).fill('50');
  await expect(page.getByText('Totale quote: 90,00 %')).toBeVisible();
  await expectAccessible(page, 'allocation rule editor');
  await page.getByRole('button', { name: 'Salva regola' }).click();
  await expect(page.getByText(/Le quote devono sommare esattamente al 100% \(ora 90/)).toBeVisible();
  await page.getByLabel('Quota (%)').nth(0).fill('60');
  await page.getByRole('button', { name: 'Salva regola' }).click();
  await expect(rule).toContainText('60 %');
});

test("the admin removes a building's rule (its contract's applies) and sets it again on the building's page", async ({
  page,
  playwright,
}, info) => {
  const admin = await apiAs(playwright, info.project.use.baseURL ?? '', 'admin');
  const buildings = await admin.get<{ items: Array<{ id: string; code: string }> }>('/api/buildings?q=MI-B03');
  const b03 = buildings.items.find((b) => b.code === 'MI-B03')!;
  await admin.dispose();
  await loginAs(page, 'admin');
  await page.goto(`/registry/buildings/${b03.id}`);
  const rule = page.getByTestId('allocation-rule');
  await expect(rule).toContainText('Centrale / dipartimento');
  await expectAccessible(page, "building's allocation rule");
  await page.getByRole('button', { name: "Rimuovi la regola dell'edificio" }).click();
  await expect(rule).toContainText("Nessuna regola dell'edificio: vale quella del contratto.");
  await expect(page.getByRole('button', { name: "Rimuovi la regola dell'edificio" })).toHaveCount(0);
  // Set again as the demo has it.
  await page.getByRole('button', { name: 'Modifica regola' }).click();
  await choose(page, page.getByRole('combobox', { name: 'Metodo' }), '', 'Centrale / dipartimento');
  await page.getByRole('button', { name: 'Salva regola' }).click();
  await expect(rule).toContainText('Centrale / dipartimento');
});
