import { expect, test } from '@playwright/test';
import { formatter } from '../src/shared/format';
import { expectAccessible, loginAs } from './helpers';

// Issue #9: one way of writing dates, amounts and durations per language. The SLA card leads
// with the due instant and names working time; the login page speaks the browser's language
// until someone chooses one.

interface Clock {
  clock: string;
  status: string;
  basis: string | null;
  dueAt: string | null;
  headline: string;
  pauses: Array<{ to: string | null }>;
}
interface WorkOrder {
  id: string;
  number: string;
  status: string;
  clocks: { items: Clock[] } | null;
}

const CLOCK_NAMES: Record<string, string> = { take_charge: 'Presa in carico', on_site: 'Intervento sul posto', resolution: 'Risoluzione' };

test.describe('SLA card', () => {
  test('a running working-time clock reads "Entro <day> <date>, <time> — <n> ore lavorative", a paused one says why', async ({ page }) => {
    test.slow(); // one detail request per candidate work order on a shared, loaded machine
    await loginAs(page, 'bm.centrale');
    const list = (await (await page.request.get('/api/work-orders?limit=200')).json()) as { items: Array<{ id: string; status: string }> };
    const open = list.items.filter((w) => !['closed', 'verified', 'completed'].includes(w.status));
    let running: { wo: WorkOrder; clock: Clock } | null = null;
    let paused: { wo: WorkOrder; clock: Clock } | null = null;
    // A few work orders are enough: the demo's open ones mostly have running clocks.
    for (const item of open.slice(0, 6)) {
      if (running && paused) break;
      const wo = (await (await page.request.get(`/api/work-orders/${item.id}`)).json()) as WorkOrder;
      for (const c of wo.clocks?.items ?? []) {
        if (!running && c.status === 'running' && c.basis === 'working') running = { wo, clock: c };
        if (!paused && c.status === 'paused') paused = { wo, clock: c };
      }
    }
    expect(running, 'an open demo work order with a running working-time clock').toBeTruthy();

    await page.goto(`/work-orders/${running!.wo.id}`);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(running!.wo.number) })).toBeVisible({ timeout: 30_000 });
    const card = page
      .getByRole('list', { name: 'Tempi contrattuali (SLA)' })
      .getByRole('listitem')
      .filter({ hasText: CLOCK_NAMES[running!.clock.clock] });
    // The due instant first, in Rome's time, as the shared formatter writes it; then working time named as such.
    const due = formatter('it').dayTime(running!.clock.dueAt!, Date.now());
    await expect(card).toContainText(`Entro ${due} — `);
    await expect(card).toContainText(
      /Entro (lun|mar|mer|gio|ven|sab|dom) \d{1,2} [a-z]{3}( \d{4})?, \d{2}:\d{2} — \d+ (ore lavorative|ora lavorativa|minuti lavorativi|minuto lavorativo)/,
    );
    await expect(card).not.toContainText(/entro \d+ h/);
    await expectAccessible(page, 'work order SLA card');

    if (paused) {
      await page.goto(`/work-orders/${paused.wo.id}`);
      const pausedCard = page
        .getByRole('list', { name: 'Tempi contrattuali (SLA)' })
        .getByRole('listitem')
        .filter({ hasText: CLOCK_NAMES[paused.clock.clock] });
      await expect(pausedCard).toContainText(/In pausa per .+ dal .+ — restano .+; se riprende ora, entro /);
    }
  });
});

test.describe("login page in the browser's language", () => {
  test.use({ locale: 'en-GB' });

  test('an English browser gets the English login page; a choice of Italian is kept', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    await expectAccessible(page, '/login in English');

    // Choosing a language wins over the browser's, across visits.
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('Italiano', { exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Accedi' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Accedi' })).toBeVisible();
  });
});
