import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const PASSWORD = 'presidio';

/** Logs in through the API (fast); the browser context shares the session cookie. */
export async function loginAs(page: Page, username: string): Promise<void> {
  const res = await page.request.post('/api/session', { data: { username, password: PASSWORD } });
  expect(res.status(), `login of ${username}`).toBe(200);
}

/** Logs in through the form, as a person would. */
export async function loginWithForm(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByLabel(/Nome utente|Username/).fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: /^(Accedi|Log in)$/ }).click();
}

/** A code no other run or test has used. */
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36).slice(-5).toUpperCase()}${Math.floor(Math.random() * 36)
    .toString(36)
    .toUpperCase()}`;
}

/**
 * WCAG 2.1 A/AA checks of what is on screen now: no violations allowed. A page without frames is
 * checked by axe in the page itself (its "legacy mode"); the default, kept for pages with frames (the
 * outbox's sandboxed e-mail preview, which axe can reach only from outside), runs each frame's part
 * and then joins them in a new blank page: 2.07 s a check against 1.28 s here (docs/BENCHMARKS.md, "The
 * test suite's time").
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .setLegacyMode(page.frames().length === 1)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('\n    ')}`,
  );
  expect(summary, `accessibility of ${what}`).toEqual([]);
}

/** The CSRF token of the page's session, for writes made behind the UI's back. */
export async function csrfToken(page: Page): Promise<string> {
  const me = await (await page.request.get('/api/me')).json();
  return me.csrfToken as string;
}

/** The main navigation (a landmark). */
export const mainNav = (page: Page) => page.getByRole('navigation', { name: /Navigazione principale|Main navigation/ });
