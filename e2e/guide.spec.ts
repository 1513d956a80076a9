import { formatter } from '../src/shared/format';
import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { apiAs, choose, fillInstant, runAction, openAndIssue } from './workflow-helpers';

// The role guides (docs/guide/README.md, README.en.md): each role's day walked through the UI,
// one ticket carried from the requester's report to its closing, plus a quote for the service
// head. Every step is asserted and checked by axe, then photographed: into docs/guide/img with
// UPDATE_GUIDE_SCREENSHOTS=1 (`npm run docs:screenshots`), otherwise into test-results so that a
// normal test run never changes the tracked images.

const SHOTS = process.env.UPDATE_GUIDE_SCREENSHOTS === '1' ? 'docs/guide/img' : 'test-results/guide';
mkdirSync(SHOTS, { recursive: true });

/** Settles the page and checks it with axe. */
async function check(page: Page, what: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, what);
}

/**
 * `check`, then a photograph: of `only` (a dialog) when given, else of the viewport (never the
 * whole page: the images stay small).
 */
async function step(page: Page, name: string, only?: Locator): Promise<void> {
  await check(page, name);
  const options = { path: `${SHOTS}/${name}.png`, animations: 'disabled', caret: 'hide' } as const;
  await (only ? only.screenshot(options) : page.screenshot(options));
}

/** Today's date (DD/MM/YYYY) and a time (HH:MM) in Rome, `minutes` from now but never past today's 23:59. */
function romeToday(minutes: number): { day: string; time: string } {
  const it = formatter('it');
  const now = new Date().toISOString();
  const [h, m] = it.time(now).split(':').map(Number);
  const at = Math.min(h * 60 + m + minutes, 23 * 60 + 59);
  return { day: it.date(now), time: `${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}` };
}

test.describe.serial("each role's day, for the guides", () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  // Many pages, each checked by axe: on a loaded machine they need time.
  test.beforeEach(() => test.setTimeout(300_000));

  let ticketNumber = '';
  let ticketUrl = '';
  let workOrderNumber = '';
  let quoteNumber = '';

  // The service head's quote: a work order brought to "awaiting authorisation" behind the UI's back.
  test.beforeAll(async ({ playwright }, info) => {
    const baseURL = info.project.use.baseURL ?? '';
    const requester = await apiAs(playwright, baseURL, 'richiedente');
    const bm = await apiAs(playwright, baseURL, 'bm.centrale');
    const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
    const issued = await openAndIssue(requester, bm, {
      report: 'Le prese della sala lettura non danno corrente: il salvavita del quadro scatta di continuo.',
      classCode: 'ELE',
      priority: 'ordinary',
      workOrder: 'Sostituire il differenziale del quadro della sala lettura',
    });
    const id = issued.workOrderId;
    quoteNumber = issued.workOrderNumber;
    let v = 1;
    const move = async (action: string, fields: Record<string, unknown> = {}) => {
      v = (await contractor.post<{ version: number }>(`/api/work-orders/${id}/actions/${action}`, { version: v, ...fields })).version;
    };
    await move('acknowledge');
    await move('schedule_inspection', { inspectionAt: new Date(Date.now() - 3_600_000).toISOString() });
    await move('record_inspection', { findings: 'Differenziale del quadro guasto: da sostituire (extra canone).' });
    await move('submit_quote', {
      lines: [
        {
          code: 'E.01.120',
          description: 'Interruttore magnetotermico differenziale 4P 40 A Id 0,03 A classe A, in opera su barra DIN',
          unit: 'cad',
          quantity: 1,
          unitPriceCents: 28_450,
          category: 'works',
        },
        {
          description: 'Manodopera: operaio specializzato elettricista, per la sostituzione e le prove',
          unit: 'h',
          quantity: 2,
          unitPriceCents: 3_850,
          category: 'labour',
        },
      ],
    });
    await Promise.all([requester.dispose(), bm.dispose(), contractor.dispose()]);
  });

  test('requester: home, reports a fault, follows it in its tickets', async ({ page }) => {
    await loginAs(page, 'richiedente');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: /^Ti diamo il benvenuto/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Le mie segnalazioni aperte' })).toBeVisible();
    await step(page, 'requester-01-home');

    await mainNav(page).getByRole('link', { name: 'Segnala un guasto' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Segnala un guasto' })).toBeVisible();
    await choose(page, page.getByRole('combobox', { name: /^Edificio/ }), 'Rettorato', /MI-B01/);
    await choose(page, page.getByRole('combobox', { name: /^Piano/ }), '', /P0 – Piano terra/);
    await choose(page, page.getByRole('combobox', { name: /^Locale/ }), '', /P0\.02/);
    await page.getByLabel(/^Descrizione del problema/).fill("Due plafoniere dell'Aula Magna restano spente da stamattina.");
    await page.getByRole('radio', { name: 'No' }).check();
    await step(page, 'requester-02-report');

    await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Segnalazione \d{4}-\d{6}$/ });
    await expect(heading).toBeVisible();
    ticketNumber = /\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')![0];
    ticketUrl = new URL(page.url()).pathname;
    await expect(page.getByText('Ricevuta: in attesa di valutazione')).toBeVisible();
    await expect(page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Reclamo' })).toBeVisible();
    await step(page, 'requester-03-ticket');

    await mainNav(page)
      .getByRole('link', { name: /^Le mie segnalazioni aperte/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Le mie segnalazioni aperte' })).toBeVisible();
    await expect(page.getByRole('link', { name: ticketNumber, exact: true })).toBeVisible();
    await check(page, 'my open tickets');
  });

  test('call center: home, a caller on the phone, completes the new ticket, the inbox, today in the buildings', async ({ page }) => {
    await loginAs(page, 'callcenter');
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Segnalazioni da chiudere' })).toBeVisible();
    await step(page, 'callcenter-01-home');

    await mainNav(page).getByRole('link', { name: 'Nuova segnalazione telefonica' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nuova segnalazione' })).toBeVisible();
    const lookup = page.getByRole('combobox', { name: /^Cerca il chiamante/ });
    await lookup.fill('0255502210');
    await page.getByRole('option', { name: /Marco Colombo/ }).click();
    await expect(page.getByText('Collegata a Marco Colombo, che riceverà gli avvisi')).toBeVisible();
    await choose(page, page.getByRole('combobox', { name: /^Edificio/ }), 'MI-B02', /MI-B02/);
    await step(page, 'callcenter-02-phone-ticket');

    // The requester's ticket, found by its number and completed before the building manager qualifies it.
    await page.goto(`/tickets?q=${ticketNumber}`);
    await page.getByRole('link', { name: ticketNumber, exact: true }).click();
    await expect(page).toHaveURL(ticketUrl);
    await page.getByRole('button', { name: 'Completa la segnalazione' }).click();
    const dialog = page.getByRole('dialog', { name: 'Completa la segnalazione' });
    await dialog
      .getByLabel(/^Descrivi il guasto segnalato/)
      .fill("Due plafoniere dell'Aula Magna restano spente da stamattina; le altre funzionano. Lezione alle 14.");
    await step(page, 'callcenter-03-complete-ticket', dialog);
    await dialog.getByRole('button', { name: 'Salva le modifiche' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('list', { name: 'Cronologia' })).toContainText('ha completato la segnalazione');

    await mainNav(page)
      .getByRole('link', { name: /^Posta in arrivo/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Posta in arrivo' })).toBeVisible();
    await expect(page.getByText('Mittente sconosciuto').first()).toBeVisible();
    await step(page, 'callcenter-04-inbox');

    await mainNav(page).getByRole('link', { name: 'Oggi negli edifici' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Oggi negli edifici' })).toBeVisible();
    await choose(page, page.getByRole('combobox', { name: /^Edificio/ }), 'MI-B01', /MI-B01/);
    // What is planned there today, or that nothing is: either way an answer for the caller.
    await expect(
      page.getByRole('list', { name: 'Oggi negli edifici' }).or(page.getByText('Nessuna attività programmata oggi in questo edificio.')),
    ).toBeVisible();
    await step(page, 'callcenter-05-today');
  });

  test('building manager: home, tickets to qualify, issues a work order', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Da qualificare' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Da verificare o confermare' })).toBeVisible();
    await step(page, 'bm-01-home');

    await mainNav(page)
      .getByRole('link', { name: /^Da qualificare/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Da qualificare' })).toBeVisible();
    await expect(page.getByRole('link', { name: ticketNumber, exact: true })).toBeVisible();
    await check(page, 'to qualify');

    await page.getByRole('link', { name: ticketNumber, exact: true }).click();
    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Emetti ordini di lavoro' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel(/^Descrizione/)).toHaveValue(/Aula Magna/);
    await choose(page, dialog.getByRole('combobox', { name: /^Classe tecnologica/ }), 'ELE', /ELE – Impianti elettrici/);
    await dialog.getByRole('radio', { name: 'Urgenza' }).check();
    await step(page, 'bm-02-issue', dialog);
    await dialog.getByRole('button', { name: 'Emetti' }).click();
    await expect(dialog).toBeHidden();

    workOrderNumber = `${ticketNumber}/1`;
    const workOrders = page.getByRole('table', { name: 'Ordini di lavoro' });
    await expect(workOrders.getByRole('link', { name: workOrderNumber })).toBeVisible();
    await expect(page.getByText('In lavorazione').first()).toBeVisible();
    await step(page, 'bm-03-issued');
  });

  test('contractor: home, board, takes charge, inspects, schedules and assigns a technician', async ({ page }) => {
    await loginAs(page, 'ditta.elettrica');
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Ordini su cui agire' })).toBeVisible();
    await step(page, 'contractor-01-home');

    await mainNav(page)
      .getByRole('link', { name: /^Bacheca della ditta/ })
      .click();
    const fresh = page.getByRole('region', { name: 'Nuovi da prendere in carico' });
    await expect(fresh.getByRole('link', { name: workOrderNumber })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Oggi per tecnico' })).toBeVisible();
    await step(page, 'contractor-02-board');

    await fresh.getByRole('link', { name: workOrderNumber }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Ordine di lavoro ${workOrderNumber}` })).toBeVisible();
    await runAction(page, 'Prendi in carico', 'Prendi in carico');
    await expect(page.getByText('Preso in carico', { exact: true }).first()).toBeVisible();
    await check(page, 'acknowledged work order');

    const inspection = romeToday(0);
    await runAction(page, 'Pianifica il sopralluogo', 'Pianifica', (d) => fillInstant(d, inspection.day, inspection.time));
    await runAction(page, 'Registra il sopralluogo', 'Registra', (d) =>
      d.getByLabel(/^Esito del sopralluogo/).fill('Reattori delle due plafoniere guasti: da sostituire.'),
    );
    await expect(page.getByText('Sopralluogo eseguito', { exact: true }).first()).toBeVisible();
    const work = romeToday(60);
    await runAction(page, "Pianifica l'intervento", 'Pianifica', async (d) => {
      await fillInstant(d, work.day, work.time);
      await step(page, 'contractor-03-schedule', d);
    });
    await expect(page.getByText('Intervento pianificato', { exact: true }).first()).toBeVisible();

    await page.getByRole('button', { name: 'Assegna a un tecnico' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Tecnico/).selectOption({ label: 'Davide Sironi' });
    await step(page, 'contractor-04-assign', dialog);
    await dialog.getByRole('button', { name: 'Assegna', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Cambia tecnico' })).toBeVisible();

    await page.goto('/board');
    const today = page.getByRole('region', { name: 'Oggi per tecnico' });
    await expect(
      today.getByRole('list', { name: 'Programma di Davide Sironi' }).getByRole('link', { name: workOrderNumber }),
    ).toBeVisible();
    await today.scrollIntoViewIfNeeded();
    await step(page, 'contractor-05-today-by-technician');
  });

  test('technician, on a phone: my work today, starts and completes the work', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, 'tecnico.elettrica');
    await page.goto('/');
    await page.getByRole('button', { name: 'Apri il menu di navigazione' }).click();
    await page.getByRole('link', { name: 'Il mio lavoro di oggi' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Il mio lavoro di oggi' })).toBeVisible();
    const card = page.getByRole('list', { name: 'Ordini di lavoro di oggi' }).getByRole('listitem').filter({ hasText: workOrderNumber });
    await expect(card.getByRole('button', { name: 'Inizia i lavori' })).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await step(page, 'technician-01-my-work');

    await card.getByRole('link', { name: `Apri l'ordine ${workOrderNumber}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(workOrderNumber);
    await runAction(page, 'Inizia i lavori', 'Inizia');
    await expect(page.getByText('Lavori iniziati', { exact: true }).first()).toBeVisible();
    await step(page, 'technician-02-work-order');

    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: "Concludi l'intervento" }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Rapporto di intervento/).fill('Sostituiti i reattori delle due plafoniere, impianto provato.');
    await dialog.getByLabel(/^Ore di lavoro/).fill('1,5');
    await step(page, 'technician-03-complete');
    await dialog.getByRole('button', { name: 'Concludi' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Concluso, da verificare', { exact: true }).first()).toBeVisible();
  });

  test('building manager: verifies the completed work', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto('/');
    await mainNav(page)
      .getByRole('link', { name: /^Da verificare/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Da verificare o confermare' })).toBeVisible();
    await expect(page.getByRole('link', { name: workOrderNumber, exact: true })).toBeVisible();
    await check(page, 'to verify');

    await page.getByRole('link', { name: workOrderNumber, exact: true }).click();
    await expect(page.getByText('Sostituiti i reattori delle due plafoniere, impianto provato.').first()).toBeVisible();
    await runAction(page, 'Verifica e approva', 'Approva');
    await expect(page.getByText('Verificato', { exact: true }).first()).toBeVisible();
    await step(page, 'bm-04-verified');
  });

  test('call center: closes the resolved ticket with a note', async ({ page }) => {
    await loginAs(page, 'callcenter');
    await page.goto('/');
    await mainNav(page)
      .getByRole('link', { name: /^Da chiudere/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Segnalazioni da chiudere' })).toBeVisible();
    await page.getByRole('link', { name: ticketNumber, exact: true }).click();
    await expect(page.getByText('Risolta', { exact: true }).first()).toBeVisible();
    await runAction(page, 'Chiudi la segnalazione', 'Chiudi la segnalazione', async (d) => {
      await d.getByLabel(/^Nota di chiusura/).fill("Plafoniere dell'Aula Magna di nuovo accese.");
      await step(page, 'callcenter-06-close', d);
    });
    await expect(page.getByText('Chiusa', { exact: true }).first()).toBeVisible();
  });

  test('requester: reads the closed ticket and its history', async ({ page }) => {
    await loginAs(page, 'richiedente');
    await page.goto('/');
    await mainNav(page).getByRole('link', { name: 'Le mie segnalazioni', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Le mie segnalazioni', exact: true })).toBeVisible();
    await page.getByRole('link', { name: ticketNumber, exact: true }).click();
    await expect(page.getByText('Chiusa', { exact: true }).first()).toBeVisible();
    const history = page.getByRole('list', { name: 'Cronologia' });
    await expect(history).toContainText("Plafoniere dell'Aula Magna di nuovo accese.");
    await history.scrollIntoViewIfNeeded();
    await step(page, 'requester-04-closed');
  });

  test('service head: home, the authorisation inbox, authorises a quote; the penalties', async ({ page }) => {
    await loginAs(page, 'capo.servizio');
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'In attesa di autorizzazione' })).toBeVisible();
    await check(page, 'service head home');

    await mainNav(page)
      .getByRole('link', { name: /^In attesa di autorizzazione/ })
      .click();
    await page
      .getByRole('navigation', { name: 'Preventivi in attesa' })
      .getByRole('link', { name: new RegExp(quoteNumber) })
      .click();
    await expect(page.getByText('Differenziale del quadro guasto: da sostituire (extra canone).')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Totali del preventivo' })).toBeVisible();
    await step(page, 'servicehead-01-authorisations');

    await page.getByRole('group', { name: 'Decisione' }).getByRole('button', { name: 'Autorizza il preventivo' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await step(page, 'servicehead-02-authorise', dialog);
    await dialog.getByRole('button', { name: 'Autorizza', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Autorizzato', { exact: true }).first()).toBeVisible();

    await mainNav(page).getByRole('link', { name: 'Penali' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Penali' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Penali' }).getByRole('link').first()).toBeVisible();
    await step(page, 'servicehead-03-penalties');
  });

  test("accounting: home, the work orders' amounts, the lots' SLA dashboard", async ({ page }) => {
    await loginAs(page, 'contabilita');
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Preventivi in attesa di autorizzazione' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Lavori verificati di recente' })).toBeVisible();
    await step(page, 'accounting-01-home');

    await mainNav(page).getByRole('link', { name: 'Importi degli ordini' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Importi degli ordini di lavoro' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Importi degli ordini di lavoro' });
    await expect(table.getByRole('columnheader', { name: 'Autorizzato' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Esporta importi (XLSX)' })).toBeVisible();
    await step(page, 'accounting-02-amounts');

    await mainNav(page).getByRole('link', { name: 'Cruscotto SLA dei lotti' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cruscotto SLA dei lotti' })).toBeVisible();
    await page
      .getByRole('main')
      .getByRole('link', { name: /^Lotto 2/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lotto 2: SLA e penali' })).toBeVisible();
    await step(page, 'accounting-03-lot-dashboard');
  });

  test("admin: home, the contracts, a contract's SLA console, penalty rules, outbox", async ({ page }) => {
    await loginAs(page, 'admin');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: /^Ti diamo il benvenuto/ })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Dati dimostrativi su questo server' })).toBeVisible();
    await step(page, 'admin-01-home');

    await mainNav(page).getByRole('link', { name: 'Contratti', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Contratti' })).toBeVisible();
    await expect(page.getByText(/Lotto 2/).first()).toBeVisible();
    await check(page, 'contracts');

    const contracts = (await (await page.request.get('/api/contracts?limit=100')).json()) as { items: Array<{ id: string; lot: string }> };
    const lot2 = contracts.items.find((c) => c.lot === 'Lotto 2');
    expect(lot2, 'Lotto 2').toBeTruthy();
    await page.goto(`/registry/contracts/${lot2!.id}`);
    await page.getByRole('link', { name: 'Tempi contrattuali, calendario e chiusure' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'SLA e calendario · Lotto 2' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Modifica la tabella' })).toBeVisible();
    await expect(page.getByTestId('sla-preview').getByRole('listitem').filter({ hasText: 'priorità urgenza' })).toContainText(
      /presa in carico entro il \d\d\/\d\d\/\d{4}/,
    );
    await step(page, 'admin-02-sla');

    await mainNav(page).getByRole('link', { name: 'Regole penali' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Regole penali' })).toBeVisible();
    await page.goto(`/admin/penalty-rules?contract=${lot2!.id}`);
    await expect(page.getByTestId('penalty-rule').first()).toBeVisible();
    await step(page, 'admin-03-penalty-rules');

    await mainNav(page).getByRole('link', { name: 'Posta in uscita' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Posta in uscita' })).toBeVisible();
    await expect(page.getByRole('link', { name: new RegExp(`\\[Presidio ${ticketNumber}\\] Segnalazione chiusa`) })).toBeVisible();
    await step(page, 'admin-04-outbox');
  });
});
