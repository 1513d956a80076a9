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
