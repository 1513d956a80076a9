import { expect, type APIRequestContext, type Locator, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { PASSWORD } from './helpers';

/** An API client logged in as one user, with the CSRF header on writes (setup behind the UI's back). */
export async function apiAs(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, username: string) {
  const ctx: APIRequestContext = await playwright.request.newContext({ baseURL });
  const login = await ctx.post('/api/session', { data: { username, password: PASSWORD } });
  expect(login.status(), `login of ${username}`).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'X-CSRF-Token': csrfToken };
  const call = async <T>(method: 'get' | 'post', path: string, data?: unknown): Promise<T> => {
    const res = method === 'get' ? await ctx.get(path) : await ctx.post(path, { data, headers });
    expect(res.ok(), `${method.toUpperCase()} ${path} as ${username}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>('get', path),
    post: <T>(path: string, data?: unknown) => call<T>('post', path, data),
    dispose: () => ctx.dispose(),
  };
}

/** Signs out the page's session and signs in as someone else. */
export async function switchUser(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  const res = await page.request.post('/api/session', { data: { username, password: PASSWORD } });
  expect(res.status(), `login of ${username}`).toBe(200);
}

/** Picks an option of a searchable Mantine select: types, then clicks the option. */
export async function choose(page: Page, field: Locator, typed: string, option: RegExp | string): Promise<void> {
  await field.click();
  if (typed) await field.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** The tomorrow of the browser's calendar as DD/MM/YYYY (typed into date fields). */
export function dayFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

/** Runs one action from the page's action bar: opens its dialog, lets `fill` fill it, submits. */
export async function runAction(
  page: Page,
  button: string | RegExp,
  submit: string | RegExp,
  fill?: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await page
    .getByRole('group', { name: 'Azioni' })
    .getByRole('button', { name: button, exact: typeof button === 'string' })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: submit, exact: typeof submit === 'string' }).click();
  await expect(dialog).toBeHidden();
}

/** Fills an instant (day + time) inside a dialog or form. */
export async function fillInstant(scope: Locator, day: string, time: string): Promise<void> {
  const dayField = scope.getByLabel(/^Giorno/);
  await dayField.fill(day);
  await dayField.press('Tab');
  await scope.getByLabel(/^Ora/).fill(time);
}

export type ApiClient = Awaited<ReturnType<typeof apiAs>>;

/**
 * Behind the UI's back: the requester reports a fault in MI-B01 and its building manager issues one
 * work order of the technology class `classCode`. The ids and numbers, for the steps that follow.
 */
export async function openAndIssue(
  requester: ApiClient,
  bm: ApiClient,
  fault: { report: string; classCode: string; priority: 'emergency' | 'urgent' | 'ordinary' | 'deferrable'; workOrder: string },
): Promise<{ ticketId: string; workOrderId: string; workOrderNumber: string }> {
  const buildings = await requester.get<{ items: Array<{ id: string }> }>('/api/buildings?q=MI-B01');
  const ticket = await requester.post<{ id: string; version: number }>('/api/tickets', {
    buildingId: buildings.items[0].id,
    description: fault.report,
  });
  const classes = await bm.get<{ items: Array<{ id: string; code: string }> }>(`/api/technology-classes?q=${fault.classCode}`);
  const issued = await bm.post<{ workOrders: Array<{ id: string; number: string }> }>(`/api/tickets/${ticket.id}/actions/issue`, {
    version: ticket.version,
    technologyClassId: classes.items.find((c) => c.code === fault.classCode)?.id,
    priority: fault.priority,
    description: fault.workOrder,
  });
  return { ticketId: ticket.id, workOrderId: issued.workOrders[0].id, workOrderNumber: issued.workOrders[0].number };
}

const DOCUMENT_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * The contractor hands in every closing document its completed work order still owes and the
 * building manager accepts them (#10 item 1), behind the UI's back: what a final account waits for.
 */
export async function acceptDocuments(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  workOrderId: string,
  users: { contractor: string; bm: string },
): Promise<void> {
  const ctx = await playwright.request.newContext({ baseURL });
  const login = await ctx.post('/api/session', { data: { username: users.contractor, password: PASSWORD } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const bm = await apiAs(playwright, baseURL, users.bm);
  type Doc = { documentType: string; state: string; version: number };
  const { documents } = await bm.get<{ documents: { items: Doc[] } }>(`/api/work-orders/${workOrderId}`);
  for (const d of documents.items) {
    let version = d.version;
    if (d.state === 'missing' || d.state === 'returned') {
      const file = await ctx.post(`/api/work-orders/${workOrderId}/attachments`, {
        headers: { 'X-CSRF-Token': csrfToken },
        multipart: { kind: d.documentType, file: { name: `${d.documentType}.pdf`, mimeType: 'application/pdf', buffer: DOCUMENT_PDF } },
      });
      expect(file.status(), await file.text()).toBe(201);
      const { id } = (await file.json()) as { id: string };
      const handed = await ctx.post(`/api/work-orders/${workOrderId}/documents/${d.documentType}/actions/upload`, {
        headers: { 'X-CSRF-Token': csrfToken },
        data: { version, attachmentId: id },
      });
      expect(handed.ok(), await handed.text()).toBe(true);
      version += 1;
    }
    if (d.state !== 'accepted') await bm.post(`/api/work-orders/${workOrderId}/documents/${d.documentType}/actions/accept`, { version });
  }
  await Promise.all([ctx.dispose(), bm.dispose()]);
}
