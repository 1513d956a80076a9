import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, loginAs } from './helpers';

// The admin console for a contract's SLA (issue #9): the admin edits the urgent row of the SLA
// table by keyboard, sees the server's preview change, saves a new version and finds both versions
// in the history; a closure of the site moves the preview past it; a building manager reads all of
// it without the editing controls.

interface Preview {
  site: { id: string; code: string; name: string } | null;
  items: Array<{ priority: string; clock: string; dueAt: string | null }>;
}

const LOT = 'Lotto 4';
const romeDate = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
const toItalian = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
/** A calendar day `n` days after `date` (YYYY-MM-DD). */
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function contractId(page: Page): Promise<string> {
  const list = (await (await page.request.get('/api/contracts?limit=100')).json()) as { items: Array<{ id: string; lot: string }> };
  const found = list.items.find((c) => c.lot === LOT);
  expect(found, LOT).toBeTruthy();
  return found!.id;
}

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
}

async function preview(page: Page, id: string): Promise<Preview> {
  const res = await page.request.post(`/api/contracts/${id}/sla/preview`, { data: {}, headers: { 'X-CSRF-Token': await csrf(page) } });
  expect(res.status()).toBe(200);
  return (await res.json()) as Preview;
}

test.describe.serial('admin console: SLA table, calendar, closures', () => {
  // Several axe runs per test: on a loaded machine each takes seconds.
  test.slow();
  let id: string;

  test('the admin edits the urgent row, sees the preview change, saves a new version and finds both in the history', async ({ page }) => {
    await loginAs(page, 'admin');
    id = await contractId(page);
    const before = (await (await page.request.get(`/api/contracts/${id}/sla`)).json()) as { current: { number: number } };
    const n = before.current.number;
    expect(n, 'the demo issued work orders: version 1 exists').toBeGreaterThanOrEqual(1);

    // From the contract's registry page.
    await page.goto(`/registry/contracts/${id}`);
    await page.getByRole('link', { name: 'Tempi contrattuali, calendario e chiusure' }).click();
    // The first paint waits for the page's four reads: slow on a loaded machine.
    await expect(page.getByRole('heading', { level: 1, name: `SLA e calendario · ${LOT}` })).toBeVisible({ timeout: 30_000 });
    const previewList = page.getByTestId('sla-preview');
    const urgent = previewList.getByRole('listitem').filter({ hasText: 'priorità urgenza' });
    await expect(urgent).toContainText(/presa in carico entro il \d\d\/\d\d\/\d{4}/);
    const urgentBefore = await urgent.textContent();
    await expectAccessible(page, 'SLA admin page');

    // By keyboard: open the editor, change the urgent take-charge limit.
    const edit = page.getByRole('button', { name: 'Modifica la tabella' });
    await edit.focus();
    await page.keyboard.press('Enter');
    const cell = page.getByRole('textbox', { name: 'Urgenza · Presa in carico: minuti' });
    await expect(cell).toHaveValue('120');
    await cell.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    await expect(page.getByText('Un numero intero di minuti da 1 a 525600, o vuoto per nessun limite')).toBeVisible();
    await expect(page.getByRole('button', { name: `Salva come versione ${n + 1}` })).toBeDisabled();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('combobox', { name: 'Urgenza · Presa in carico: tipo di tempo' })).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Anteprima con le modifiche (non ancora salvate)' })).toBeVisible();
    await expect(urgent).not.toHaveText(urgentBefore ?? '');
    await expectAccessible(page, 'SLA table being edited');

    await page.getByRole('textbox', { name: 'Nota della versione' }).fill('Presa in carico urgente in 30 minuti');
    const save = page.getByRole('button', { name: `Salva come versione ${n + 1}` });
    await save.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Versione ${n + 1} salvata`)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Anteprima con la tabella in vigore' })).toBeVisible();
    const history = page.getByRole('table', { name: 'Versioni' });
    await expect(history.getByRole('row').filter({ hasText: `Versione ${n + 1} · in vigore` })).toContainText(
      'Presa in carico urgente in 30 minuti',
    );
    await expect(history.getByRole('cell', { name: `Versione ${n}`, exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Tabella SLA' }).getByRole('row', { name: /^Urgenza/ })).toContainText(
      '30 min lavorative',
    );

    // The earlier version, read-only.
    await history.getByRole('button', { name: `Mostra la versione ${n}` }).click();
    await expect(page.getByText('non più in vigore')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Tabella SLA' }).getByRole('row', { name: /^Urgenza/ })).toContainText('2 h lavorative');
  });

  test('a closure of the site moves the preview past it; removing it brings it back', async ({ page }) => {
    await loginAs(page, 'admin');
    const p = await preview(page, id);
    expect(p.site, 'the contract has a site').toBeTruthy();
    const due = p.items.find((i) => i.priority === 'ordinary' && i.clock === 'resolution')!.dueAt!;
    const day = romeDate(due);

    await page.goto(`/admin/contracts/${id}/sla`);
    // The first paint waits for the page's four reads: slow on a loaded machine.
    await expect(page.getByRole('heading', { level: 1, name: `SLA e calendario · ${LOT}` })).toBeVisible({ timeout: 30_000 });
    const ordinary = page.getByTestId('sla-preview').getByRole('listitem').filter({ hasText: 'priorità ordinaria' });
    await expect(ordinary).toContainText(`risolto entro il ${toItalian(day)}`);

    const form = page.getByRole('form', { name: 'Aggiungi la chiusura' });
    await form.getByRole('textbox', { name: /^Giorno/ }).fill(toItalian(day));
    await form.getByRole('textbox', { name: /^Giorno/ }).press('Tab');
    await form.getByRole('combobox', { name: 'Sede' }).selectOption({ label: `${p.site!.code} · ${p.site!.name}` });
    await form.getByRole('textbox', { name: /^Motivo/ }).fill('Chiusura per disinfestazione');
    await form.getByRole('button', { name: 'Aggiungi la chiusura' }).click();
    await expect(page.getByText(`Chiusura del ${toItalian(day)} aggiunta`)).toBeVisible();
    const row = page.getByRole('table', { name: 'Chiusure' }).getByRole('row').filter({ hasText: 'Chiusura per disinfestazione' });
    await expect(row).toContainText(p.site!.code);
    await expect(ordinary).not.toContainText(`risolto entro il ${toItalian(day)}`);
    const after = await preview(page, id);
    expect(after.items.find((i) => i.priority === 'ordinary' && i.clock === 'resolution')!.dueAt! > `${day}T23:00:00Z`).toBe(true);
    await expectAccessible(page, 'SLA admin page with a closure');

    await row.getByRole('button', { name: `Rimuovi la chiusura del ${toItalian(day)}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Rimuovere la chiusura?' });
    await dialog.getByRole('button', { name: 'Rimuovi' }).click();
    await expect(page.getByText('Chiusura rimossa')).toBeVisible();
    await expect(ordinary).toContainText(`risolto entro il ${toItalian(day)}`);
  });

  test('a version for a later day: picked in the editor, scheduled in the versions list; the preview at that day uses it', async ({
    page,
  }) => {
    await loginAs(page, 'admin');
    const before = (await (await page.request.get(`/api/contracts/${id}/sla`)).json()) as { history: Array<{ number: number }> };
    const next = before.history[0].number + 1;
    const day = plusDays(romeDate(new Date().toISOString()), 7);

    await page.goto(`/admin/contracts/${id}/sla`);
    await expect(page.getByRole('heading', { level: 1, name: `SLA e calendario · ${LOT}` })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Modifica la tabella' }).click();
    const from = page.getByRole('textbox', { name: /^In vigore dal/ });
    await expect(from).toHaveValue(toItalian(romeDate(new Date().toISOString()))); // today by default
    await from.fill(toItalian(day));
    await from.press('Tab');
    await page.getByRole('textbox', { name: 'Urgenza · Presa in carico: minuti' }).fill('45');
    await expect(page.getByTestId('sla-preview-version')).toContainText(`entrerebbero in vigore il ${toItalian(day)}`);
    await expectAccessible(page, 'SLA editor with the day it takes effect');
    await page.getByRole('button', { name: `Salva come versione ${next}` }).click();
    await expect(page.getByText(`Versione ${next} salvata: entra in vigore il ${toItalian(day)}`)).toBeVisible();

    const history = page.getByRole('table', { name: 'Versioni' });
    const row = history.getByRole('row').filter({ hasText: `Versione ${next} · programmata` });
    await expect(row).toContainText(`${toItalian(day)}, 00:00`);
    await expect(history.getByRole('row').filter({ hasText: `Versione ${next - 1} · in vigore` })).toBeVisible();
    // The table in force now still leads the page and the preview.
    await expect(page.getByTestId('sla-preview-version')).toContainText(`versione ${next - 1}`);

    // A ticket opened on that day: the preview takes the version in force then.
    const at = page.getByRole('group', { name: 'Ticket aperto il' });
    await at.getByRole('textbox', { name: /^Giorno/ }).fill(toItalian(day));
    await at.getByRole('textbox', { name: /^Giorno/ }).press('Tab');
    await at.getByLabel(/^Ora/).fill('10:00');
    await expect(page.getByTestId('sla-preview-version')).toContainText(`versione ${next}, in vigore dal ${toItalian(day)}, 00:00`);
    await expect(page.getByTestId('sla-preview').getByRole('listitem').first()).toContainText(
      `Un ticket aperto il ${toItalian(day)}, 10:00`,
    );
    await expectAccessible(page, 'SLA preview at a later day');
    await page.getByRole('button', { name: 'Torna a ora' }).click();
    await expect(page.getByTestId('sla-preview-version')).toContainText(`versione ${next - 1}`);
  });

  test('a closure over several days is added with one form, listed as one row and removed as one', async ({ page }) => {
    await loginAs(page, 'admin');
    const p = await preview(page, id);
    const due = p.items.find((i) => i.priority === 'ordinary' && i.clock === 'resolution')!.dueAt!;
    const first = romeDate(due);
    const last = plusDays(first, 2);

    await page.goto(`/admin/contracts/${id}/sla`);
    await expect(page.getByRole('heading', { level: 1, name: `SLA e calendario · ${LOT}` })).toBeVisible({ timeout: 30_000 });
    const ordinary = page.getByTestId('sla-preview').getByRole('listitem').filter({ hasText: 'priorità ordinaria' });
    await expect(ordinary).toContainText(`risolto entro il ${toItalian(first)}`);

    const form = page.getByRole('form', { name: 'Aggiungi la chiusura' });
    await form.getByRole('textbox', { name: /^Giorno/ }).fill(toItalian(first));
    await form.getByRole('textbox', { name: /^Giorno/ }).press('Tab');
    await form.getByRole('textbox', { name: /^Fino al/ }).fill(toItalian(last));
    await form.getByRole('textbox', { name: /^Fino al/ }).press('Tab');
    await form.getByRole('textbox', { name: /^Motivo/ }).fill('Chiusura estiva di prova');
    await form.getByRole('button', { name: 'Aggiungi la chiusura' }).click();
    await expect(page.getByText(`Chiusura dal ${toItalian(first)} al ${toItalian(last)} aggiunta`)).toBeVisible();
    const rows = page.getByRole('table', { name: 'Chiusure' }).getByRole('row').filter({ hasText: 'Chiusura estiva di prova' });
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(`dal ${toItalian(first)} al ${toItalian(last)} (3 giorni)`);
    await expect(ordinary).not.toContainText(`risolto entro il ${toItalian(first)}`);
    const after = await preview(page, id);
    expect(after.items.find((i) => i.priority === 'ordinary' && i.clock === 'resolution')!.dueAt! > `${last}T22:00:00Z`).toBe(true);
    await expectAccessible(page, 'SLA admin page with a closure over several days');

    await rows.getByRole('button', { name: `Rimuovi la chiusura dal ${toItalian(first)} al ${toItalian(last)}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Rimuovere la chiusura?' });
    await expect(dialog).toContainText('Chiusura estiva di prova');
    await dialog.getByRole('button', { name: 'Rimuovi' }).click();
    await expect(page.getByText('Chiusura rimossa')).toBeVisible();
    await expect(rows).toHaveCount(0);
    await expect(ordinary).toContainText(`risolto entro il ${toItalian(first)}`);
  });

  test('a building manager reads the table, calendar and closures without editing controls', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto(`/admin/contracts/${id}/sla`);
    await expect(page.getByRole('heading', { level: 1, name: `SLA e calendario · ${LOT}` })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('table', { name: 'Calendario lavorativo' })).toContainText('Lunedì');
    const year = new Date().getFullYear();
    await expect(page.getByRole('table', { name: `Giorni non lavorativi del ${year}` })).toContainText('Immacolata Concezione');
    await page.getByRole('button', { name: `Anno successivo (${year + 1})` }).click();
    await expect(page.getByRole('table', { name: `Giorni non lavorativi del ${year + 1}` })).toContainText('Santo patrono');
    await expect(page.getByTestId('sla-preview').getByRole('listitem').first()).toContainText(
      'Un ticket aperto ora con priorità emergenza',
    );
    await expect(page.getByRole('button', { name: 'Modifica la tabella' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Modifica gli orari' })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Aggiungi la chiusura' })).toHaveCount(0);
    await expectAccessible(page, 'SLA page read-only');
  });
});
