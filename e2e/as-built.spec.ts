import { expect, test, type APIRequestContext } from '@playwright/test';
import { PASSWORD, expectAccessible, loginAs } from './helpers';
import { apiAs, switchUser } from './workflow-helpers';

// #10 item 1, as-built documents: an electrical job that changed the installation completes with
// its conformity declaration; the contractor hands in the as-built drawings on the work-order page,
// the building manager returns them with a reason, then accepts the declaration; the list of
// missing documents shows what is still owed.

test.describe.configure({ mode: 'serial' });
test.beforeEach(() => test.setTimeout(300_000));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
let workOrderId = '';
let number = '';

/** Uploads a file to the work order as `username` (multipart, behind the UI's back). */
async function attach(ctx: APIRequestContext, kind: string, name: string) {
  const login = await ctx.post('/api/session', { data: { username: 'ditta.elettrica', password: PASSWORD } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await ctx.post(`/api/work-orders/${workOrderId}/attachments`, {
    headers: { 'X-CSRF-Token': csrfToken },
    multipart: { kind, file: { name, mimeType: 'application/pdf', buffer: PDF } },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test.beforeAll(async ({ playwright }, info) => {
  const baseURL = info.project.use.baseURL ?? '';
  const requester = await apiAs(playwright, baseURL, 'richiedente');
  const bm = await apiAs(playwright, baseURL, 'bm.centrale');
  const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
  const buildings = await requester.get<{ items: Array<{ id: string }> }>('/api/buildings?q=MI-B01');
  const ticket = await requester.post<{ id: string; version: number }>('/api/tickets', {
    buildingId: buildings.items[0].id,
    description: 'Serve una nuova linea prese nel laboratorio al piano terra.',
  });
  const classes = await bm.get<{ items: Array<{ id: string; code: string }> }>('/api/technology-classes?q=ELE');
  const issued = await bm.post<{ workOrders: Array<{ id: string; number: string }> }>(`/api/tickets/${ticket.id}/actions/issue`, {
    version: ticket.version,
    technologyClassId: classes.items.find((c) => c.code === 'ELE')?.id,
    priority: 'ordinary',
    description: 'Nuova linea prese dal quadro di piano',
  });
  workOrderId = issued.workOrders[0].id;
  number = issued.workOrders[0].number;
  const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  let v = 1;
  const move = async (action: string, fields: Record<string, unknown> = {}) => {
    v = (await contractor.post<{ version: number }>(`/api/work-orders/${workOrderId}/actions/${action}`, { version: v, ...fields }))
      .version;
  };
  await move('acknowledge');
  await move('schedule_inspection', { inspectionAt: soon(5) });
  await move('record_inspection', { findings: 'Linea nuova dal quadro, 6 prese', changesInstallation: true });
  await move('schedule_work', { scheduledAt: soon(60) });
  await move('start_work');
  const files = await playwright.request.newContext({ baseURL });
  await attach(files, 'conformity_declaration', 'DiCo.pdf');
  v = (await contractor.get<{ version: number }>(`/api/work-orders/${workOrderId}`)).version;
  await move('complete', { report: 'Posata la linea, 6 prese', hours: 5 });
  await attach(files, 'as_built', 'schema-quadro.pdf');
  await files.dispose();
  for (const c of [requester, bm, contractor]) await c.dispose();
});

test('the contractor hands in the as-built drawings, the building manager returns them with a reason and accepts the declaration', async ({
  page,
}) => {
  await loginAs(page, 'ditta.elettrica');
  await page.goto(`/work-orders/${workOrderId}`);
  const checks = page.getByTestId('document-checks');
  await expect(checks.getByTestId('documents-complete')).toHaveAttribute('data-complete', 'false');
  const asBuilt = checks.getByTestId('document-as_built');
  await expect(asBuilt).toHaveAttribute('data-state', 'missing');
  await expectAccessible(page, 'work order with documents to hand in');
  await asBuilt.getByRole('button', { name: 'Consegna il documento' }).click();
  await expect(asBuilt).toHaveAttribute('data-state', 'uploaded');

  await switchUser(page, 'bm.centrale');
  await page.goto(`/work-orders/${workOrderId}`);
  const bmAsBuilt = page.getByTestId('document-as_built');
  await bmAsBuilt.getByLabel('Motivo della restituzione').fill('Manca la planimetria con il percorso della linea');
  await expectAccessible(page, 'work order with documents to check');
  await bmAsBuilt.getByRole('button', { name: 'Restituisci' }).click();
  await expect(bmAsBuilt).toHaveAttribute('data-state', 'returned');
  await expect(bmAsBuilt.getByTestId('document-reason')).toContainText('Manca la planimetria');
  const dico = page.getByTestId('document-conformity_declaration');
  await dico.getByRole('button', { name: 'Accetta' }).click();
  await expect(dico).toHaveAttribute('data-state', 'accepted');
  await expect(page.getByTestId('documents-complete')).toHaveAttribute('data-complete', 'false');
});

test('the list of missing documents shows the returned drawings under the contractor', async ({ page }) => {
  await loginAs(page, 'ditta.elettrica');
  await page.goto('/as-built-documents');
  await expect(page.getByRole('heading', { name: 'Documenti di chiusura mancanti' })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: number, exact: true }) });
  await expect(row).toContainText('restituito');
  await expect(row).toContainText('Manca la planimetria');
  await expectAccessible(page, 'missing documents');
});

test("the admin says which closing documents a class's work orders carry (and takes it back)", async ({ page, playwright }, info) => {
  const admin = await apiAs(playwright, info.project.use.baseURL ?? '', 'admin');
  const classes = await admin.get<{ items: Array<{ id: string; code: string }> }>('/api/technology-classes?q=IDR');
  const idr = classes.items.find((c) => c.code === 'IDR')!;
  await admin.dispose();
  await loginAs(page, 'admin');
  await page.goto(`/registry/technology-classes/${idr.id}`);
  const section = page.getByRole('region', { name: 'Documenti di chiusura richiesti' });
  const when = section.getByRole('combobox', { name: 'Quando è richiesto: Certificato di collaudo / verifica' });
  await expect(when).toHaveValue('Non richiesto');
  await expectAccessible(page, 'technology class with its required documents');
  await when.click();
  await page.getByRole('option', { name: 'Sempre', exact: true }).click();
  await section.getByRole('button', { name: 'Salva i documenti richiesti' }).click();
  await expect(page.getByText('Documenti richiesti salvati')).toBeVisible();
  // The class's version moved with the list: the class form saves after it without a conflict.
  const nameEn = page.getByRole('textbox', { name: /^Nome in inglese/ });
  const original = await nameEn.inputValue();
  await nameEn.fill(`${original} systems`);
  await page.getByRole('button', { name: 'Salva', exact: true }).click();
  await expect(page).toHaveURL(/\/registry\/technology-classes$/);

  // Back as the demo had it.
  await page.goto(`/registry/technology-classes/${idr.id}`);
  await expect(when).toHaveValue('Sempre');
  await when.click();
  await page.getByRole('option', { name: 'Non richiesto', exact: true }).click();
  await section.getByRole('button', { name: 'Salva i documenti richiesti' }).click();
  await expect(page.getByText('Documenti richiesti salvati').first()).toBeVisible();
  await nameEn.fill(original);
  await page.getByRole('button', { name: 'Salva', exact: true }).click();
  await expect(page).toHaveURL(/\/registry\/technology-classes$/);
});
