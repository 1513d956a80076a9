import { expect, test, type Page } from '@playwright/test';
import { csrfToken, expectAccessible, loginAs, mainNav, unique } from './helpers';
import { apiAs, choose, runAction, switchUser } from './workflow-helpers';

// Workflow 2 (planned maintenance) through the UI, one role after the other on one program: the
// contractor generates the month and submits it after editing a row, the building manager returns
// it with remarks, the contractor resubmits, the building manager approves and publishes, the
// contractor moves the work to today in the calendar, the call center finds today's work in the
// building, the technician completes it with its checklist. The month is the one after next: the
// demo data already holds this month's programs (published) and next month's (submitted).

/** Today in Europe/Rome as YYYY-MM-DD (the browser runs in Rome, the test runner may not). */
const romeToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const typed = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const MONTHS = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];
const monthWords = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

test.describe.serial('planned maintenance: prepare, return, resubmit, approve, publish, find today', () => {
  const today = romeToday();
  const month = (() => {
    const d = new Date(`${today.slice(0, 7)}-01T12:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 2);
    return d.toISOString().slice(0, 7);
  })();
  const plannedDay = `${month}-14`;
  const activity = `Verifica quadri elettrici ${unique('E2E')}`;
  let programUrl = '';

  test.beforeAll(async ({ playwright }, info) => {
    // A plan of the electrical lot (Lotto 2, ditta.elettrica) in MI-B01 falling due in this month.
    const baseURL = info.project.use.baseURL ?? '';
    const admin = await apiAs(playwright, baseURL, 'admin');
    const buildings = await admin.get<{ items: Array<{ id: string; code: string }> }>('/api/buildings?q=MI-B01');
    const classes = await admin.get<{ items: Array<{ id: string; code: string }> }>('/api/technology-classes?q=ELE');
    await admin.post('/api/maintenance-plans', {
      code: unique('E2E-'),
      activity,
      buildingId: buildings.items.find((b) => b.code === 'MI-B01')!.id,
      technologyClassId: classes.items.find((c) => c.code === 'ELE')!.id,
      scheduleKind: 'calendar',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=15',
      startsOn: '2026-01-01',
      shift: 'next',
      checklist: [{ key: 'quadro_integro', label: 'Quadro integro e pulito', kind: 'yes_no' }],
      requiredDocuments: [],
    });
    await admin.dispose();
  });

  const itemRow = (page: Page) => page.getByRole('row').filter({ hasText: activity });

  test('the contractor generates the month, edits a row and submits the program', async ({ page }) => {
    await loginAs(page, 'ditta.elettrica');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 2, name: 'Programma del mese da preparare' })).toBeVisible();
    await expectAccessible(page, 'contractor home with planned queues');
    await mainNav(page).getByRole('link', { name: 'Programmi', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Programmi mensili' })).toBeVisible();
    await expectAccessible(page, 'programs list');

    const generate = page.getByRole('region', { name: 'Genera il programma' });
    await choose(page, generate.getByRole('combobox', { name: /^Contratto/ }), 'Lotto 2', /Lotto 2/);
    await generate.getByLabel(/^Mese/).fill(month);
    await generate.getByRole('button', { name: 'Genera il programma' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Programma ${monthWords(month)}` })).toBeVisible();
    programUrl = new URL(page.url()).pathname;
    await expect(itemRow(page)).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'program page (draft, contractor)');

    // Another day, a time window and a technician: the row is what the building manager will read.
    await itemRow(page)
      .getByRole('button', { name: /^Modifica/ })
      .click();
    const editor = page.getByRole('form', { name: `Modifica ${activity}` });
    await editor.getByLabel(/^Data/).fill(typed(plannedDay));
    await editor.getByLabel(/^Data/).press('Tab');
    await editor.getByLabel('Dalle', { exact: true }).fill('09:00');
    await editor.getByLabel('Alle', { exact: true }).fill('11:00');
    await editor.getByLabel('Tecnico', { exact: true }).fill('Mario Rossi');
    await editor.getByRole('button', { name: 'Salva' }).click();
    await expect(page.getByText('Attività aggiornata.')).toBeVisible();
    await expect(itemRow(page)).toContainText('Mario Rossi');
    await expect(itemRow(page)).toContainText('09:00–11:00');

    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Invia al referente' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Invia al referente' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Inviato', { exact: true }).first()).toBeVisible();
  });

  test('the building manager finds it to approve and returns it with remarks', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto('/');
    const queue = page.getByRole('region', { name: 'Programmi da approvare' });
    await expect(queue.getByRole('link', { name: `Programma ${monthWords(month)}` }).first()).toBeVisible();
    await expectAccessible(page, 'building manager home with programs to approve');
    await page.goto(programUrl);
    await expect(itemRow(page)).toContainText('Mario Rossi');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'program page (submitted, building manager)');

    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Restituisci con osservazioni' }).click();
    const dialog = page.getByRole('dialog');
    // The remarks are required: an empty return is refused in the form.
    await dialog.getByRole('button', { name: 'Restituisci con osservazioni' }).click();
    await expect(dialog.getByText('Campo obbligatorio')).toBeVisible();
    await dialog.getByLabel(/^Osservazioni per la ditta/).fill('Assegnare la verifica a un tecnico abilitato PES.');
    await dialog.getByRole('button', { name: 'Restituisci con osservazioni' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Restituito', { exact: true }).first()).toBeVisible();
  });

  test('the contractor reads the remarks, changes the technician and resubmits', async ({ page }) => {
    await loginAs(page, 'ditta.elettrica');
    await page.goto(programUrl);
    await expect(page.getByRole('alert').filter({ hasText: 'Osservazioni del referente' })).toContainText(
      'Assegnare la verifica a un tecnico abilitato PES.',
    );
    // The history says who returned it, with the remarks.
    await expect(page.getByRole('region', { name: 'Storico del programma' })).toContainText('Restituito — «Assegnare la verifica');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'program page (returned, contractor)');

    // Someone else saves the row meanwhile: the save is refused, what is stored now is offered.
    const programId = programUrl.split('/').pop()!;
    const program = (await (await page.request.get(`/api/programs/${programId}`)).json()) as {
      items: Array<{ id: string; activity: string; version: number }>;
    };
    const row = program.items.find((i) => i.activity === activity)!;
    const other = await page.request.patch(`/api/programs/${programId}/items/${row.id}`, {
      data: { technician: 'Squadra di turno', version: row.version },
      headers: { 'X-CSRF-Token': await csrfToken(page) },
    });
    expect(other.status()).toBe(200);
    await itemRow(page)
      .getByRole('button', { name: /^Modifica/ })
      .click();
    let editor = page.getByRole('form', { name: `Modifica ${activity}` });
    await editor.getByLabel('Tecnico', { exact: true }).fill('Luigi Bianchi (PES)');
    await editor.getByRole('button', { name: 'Salva' }).click();
    await expect(page.getByText('Dati modificati da un altro utente')).toBeVisible();
    await page.getByRole('button', { name: 'Carica i dati attuali' }).click();
    await expect(itemRow(page)).toContainText('Squadra di turno');

    await itemRow(page)
      .getByRole('button', { name: /^Modifica/ })
      .click();
    editor = page.getByRole('form', { name: `Modifica ${activity}` });
    await editor.getByLabel('Tecnico', { exact: true }).fill('Luigi Bianchi (PES)');
    await editor.getByRole('button', { name: 'Salva' }).click();
    await expect(itemRow(page)).toContainText('Luigi Bianchi (PES)');
    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Invia al referente' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Invia al referente' }).click();
    await expect(page.getByText('Inviato', { exact: true }).first()).toBeVisible();

    // A calendar to subscribe to: the secret address is shown once, with a copy button; then revoked.
    const feeds = page.getByRole('region', { name: 'Calendari da sottoscrivere' });
    await feeds.getByLabel('Nome del calendario').fill('Lotto 2 – squadra Rettorato');
    await feeds.getByRole('button', { name: 'Crea un calendario' }).click();
    const url = feeds.getByRole('textbox', { name: /Indirizzo del calendario/ });
    await expect(url).toHaveValue(/\/api\/calendar\/.+\.ics$/);
    await expect(feeds.getByRole('button', { name: "Copia l'indirizzo" })).toBeVisible();
    await expect(feeds.getByText(/Copialo ora: non sarà più mostrato/)).toBeVisible();
    await expectAccessible(page, 'calendar feed created');
    const ics = await page.request.get(new URL(await url.inputValue()).pathname);
    expect(ics.status()).toBe(200);
    await feeds.getByRole('button', { name: 'Revoca Lotto 2 – squadra Rettorato' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoca' }).click();
    await expect(page.getByText('Calendario revocato.')).toBeVisible();
    await expect(feeds.getByRole('button', { name: 'Revoca Lotto 2 – squadra Rettorato' })).toHaveCount(0);
    expect((await page.request.get(new URL(await url.inputValue()).pathname)).status()).toBe(404);
  });

  test('the building manager approves and publishes: the rows become work orders', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto(programUrl);
    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Approva' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approva' }).click();
    await expect(page.getByText('Approvato', { exact: true }).first()).toBeVisible();
    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Pubblica' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Un ordine per attività' }).check();
    await expectAccessible(page, 'publish dialog');
    await dialog.getByRole('button', { name: 'Pubblica' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Pubblicato', { exact: true }).first()).toBeVisible();
    await expect(itemRow(page).getByRole('link').first()).toBeVisible();
    await expect(itemRow(page).getByRole('link', { name: /^Segnalazione/ })).toBeVisible();
    // The exports of the published program.
    for (const name of ['PDF del programma', 'Foglio Excel del programma']) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      expect((await page.request.get(href!)).status(), name).toBe(200);
    }
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'program page (published)');
  });

  test('the contractor moves the work to today in the calendar, undoes, then moves it for good', async ({ page }) => {
    await switchUser(page, 'ditta.elettrica');
    await page.goto(`/planned-calendar?date=${plannedDay}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Calendario della manutenzione programmata' })).toBeVisible();
    const entry = page.getByRole('button', { name: new RegExp(activity) });
    await expect(entry).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'planned calendar (month)');

    // The keyboard way: open the activity, a new date and the reason.
    const next = today;
    await entry.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel(/^Nuova data/)).toBeVisible();
    await dialog.getByLabel(/^Nuova data/).fill(typed(next));
    await dialog.getByLabel(/^Nuova data/).press('Tab');
    await expectAccessible(page, 'move dialog');
    await dialog.getByLabel(/^Motivo dello spostamento/).fill('Quadro non accessibile: aula occupata.');
    await dialog.getByRole('button', { name: 'Sposta' }).click();
    // Undo before it is saved: nothing reaches the server.
    await page.getByRole('button', { name: 'Annulla' }).click();
    await page.reload();
    await expect(page.getByRole('cell').filter({ hasText: activity })).toHaveCount(1);

    await page.getByRole('button', { name: new RegExp(activity) }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/^Nuova data/)
      .fill(typed(next));
    await page
      .getByRole('dialog')
      .getByLabel(/^Nuova data/)
      .press('Tab');
    await page
      .getByRole('dialog')
      .getByLabel(/^Motivo dello spostamento/)
      .fill('Quadro non accessibile: aula occupata.');
    await page.getByRole('dialog').getByRole('button', { name: 'Sposta' }).click();
    await expect(page.getByText('Nuova data salvata: avvisati referente e call center.')).toBeVisible({ timeout: 15_000 });

    // The week of the new date shows it there.
    await page
      .locator('label')
      .filter({ hasText: /^Settimana$/ })
      .click();
    await expect(page).toHaveURL(/view=week/);
    await page.goto(`/planned-calendar?view=week&date=${next}`);
    await expect(page.getByRole('cell').filter({ has: page.getByRole('button', { name: new RegExp(activity) }) })).toBeVisible();
    await expectAccessible(page, 'planned calendar (week)');
  });

  test("the call center finds today's work in the building", async ({ page }) => {
    await loginAs(page, 'callcenter');
    await page.goto('/');
    const card = page.getByRole('region', { name: 'Oggi negli edifici' });
    await choose(page, card.getByRole('combobox', { name: /^Edificio/ }), 'Rettorato', /MI-B01/);
    await expect(card.getByText(activity)).toBeVisible();
    await expect(card).toContainText('Luigi Bianchi (PES)');
    await expectAccessible(page, 'call center home with today in a building');
    await mainNav(page).getByRole('link', { name: 'Oggi negli edifici' }).click();
    await choose(page, page.getByRole('combobox', { name: /^Edificio/ }), 'Rettorato', /MI-B01/);
    await expect(page.getByText(activity)).toBeVisible();
    await expectAccessible(page, 'today in the buildings page');
  });

  test('the technician starts and completes the planned work order, answering its checklist', async ({ page }) => {
    await loginAs(page, 'ditta.elettrica');
    await page.goto(programUrl);
    await itemRow(page).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await runAction(page, 'Inizia i lavori', 'Inizia');
    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: "Concludi l'intervento" }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Rapporto di intervento/).fill('Quadro verificato, serraggi controllati.');
    await dialog.getByLabel(/^Ore di lavoro/).fill('1,5');
    // The checklist must be answered: refused in the form until it is.
    await dialog.getByRole('button', { name: 'Concludi' }).click();
    await expect(dialog.getByText(/Rispondi a tutte le voci/)).toBeVisible();
    await dialog
      .getByRole('radiogroup', { name: /Quadro integro e pulito/ })
      .getByLabel('Sì')
      .check();
    await expectAccessible(page, 'completion with checklist');
    await dialog.getByRole('button', { name: 'Concludi' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page
        .getByText('Completato', { exact: true })
        .or(page.getByText('Concluso, da verificare', { exact: true }))
        .first(),
    ).toBeVisible();
  });
});
