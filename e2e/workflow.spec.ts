import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { apiAs, choose, dayFromNow, fillInstant, runAction, switchUser } from './workflow-helpers';

// Workflow 1 through the UI, one role after the other on one shared ticket: the happy path from
// the requester's report to the rating link, and the path of a denied quote.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test.describe.serial('happy path: report, issue, work, verify, close, rate', () => {
  let ticketUrl = '';
  let ticketNumber = '';
  let workOrderUrl = '';

  test('the requester reports a fault with a photo', async ({ page }) => {
    await loginAs(page, 'richiedente');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 2, name: 'Le mie segnalazioni aperte' })).toBeVisible();
    await expectAccessible(page, 'requester home');
    await mainNav(page).getByRole('link', { name: 'Segnala un guasto' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Segnala un guasto' })).toBeVisible();

    // Nothing chosen: the fields say what is missing.
    await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await expect(page.getByText("Scegli l'edificio")).toBeVisible();
    await expect(page.getByText('Descrivi il problema', { exact: true })).toBeVisible();

    await choose(page, page.getByRole('combobox', { name: /^Edificio/ }), 'Rettorato', /MI-B01/);
    await choose(page, page.getByRole('combobox', { name: /^Piano/ }), '', /P0 – Piano terra/);
    await choose(page, page.getByRole('combobox', { name: /^Locale/ }), '', /P0\.02/);
    await page.getByLabel(/^Descrizione del problema/).fill("Le luci dell'Aula Magna non si accendono da stamattina.");
    await page.locator('input[type=file]:not([capture])').setInputFiles({ name: 'aula.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.getByRole('list', { name: 'Foto scelte' })).toContainText('aula.png');
    // Danger: the warning appears, and goes when answered no.
    await page.getByRole('radio', { name: 'Sì' }).check();
    await expect(page.getByRole('alert').filter({ hasText: 'Pericolo per le persone' })).toBeVisible();
    await page.getByRole('radio', { name: 'No' }).check();
    await expectAccessible(page, 'report form');

    await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Segnalazione \d{4}-\d{6}$/ });
    await expect(heading).toBeVisible();
    ticketNumber = ((await heading.textContent()) ?? '').replace('Segnalazione ', '').trim();
    ticketUrl = new URL(page.url()).pathname;
    await expect(page.getByText('Ricevuta: in attesa di valutazione')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Foto allegata: aula.png' })).toBeVisible();
    // A fresh ticket: no reminder before the quiet time (REMINDER_QUIET_HOURS); a complaint, never as the main button.
    await expect(page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Reclamo' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Sollecita' })).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'ticket page (requester)');

    await mainNav(page)
      .getByRole('link', { name: /^Le mie segnalazioni aperte/ })
      .click();
    await expect(page.getByRole('link', { name: ticketNumber, exact: true })).toBeVisible();
    await expectAccessible(page, 'my tickets');
  });

  test('the building manager sees it to qualify and issues a work order', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto('/');
    await expect(mainNav(page).getByRole('link', { name: /Da qualificare\s*[1-9]/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Da qualificare' })).toBeVisible();
    await expectAccessible(page, 'building manager home');
    await mainNav(page)
      .getByRole('link', { name: /Da qualificare/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Da qualificare' })).toBeVisible();
    await page.getByRole('link', { name: ticketNumber, exact: true }).click();
    await expect(page).toHaveURL(ticketUrl);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'ticket page (building manager)');

    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Emetti ordini di lavoro' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel(/^Descrizione/)).toHaveValue(/Aula Magna/);
    // Green areas have no contract on this building: the server's reason is shown on the order.
    await choose(page, dialog.getByRole('combobox', { name: /^Classe tecnologica/ }), 'VER', /VER – Aree verdi/);
    await dialog.getByRole('radio', { name: 'Urgenza' }).check();
    await expectAccessible(page, 'issue dialog');
    await dialog.getByRole('button', { name: 'Emetti' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'Nessun contratto' })).toBeVisible();
    await choose(page, dialog.getByRole('combobox', { name: /^Classe tecnologica/ }), 'ELE', /ELE – Impianti elettrici/);
    await dialog.getByRole('button', { name: 'Emetti' }).click();
    await expect(dialog).toBeHidden();

    const workOrders = page.getByRole('table', { name: 'Ordini di lavoro' });
    await expect(workOrders.getByRole('link', { name: `${ticketNumber}/1` })).toBeVisible();
    await expect(page.getByText('In lavorazione').first()).toBeVisible();
    await workOrders.getByRole('link', { name: `${ticketNumber}/1` }).click();
    workOrderUrl = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1, name: `Ordine di lavoro ${ticketNumber}/1` })).toBeVisible();
  });

  test('the contractor acknowledges, inspects, schedules, works and completes, on a phone', async ({ page }) => {
    await loginAs(page, 'ditta.elettrica');
    await page.goto('/board');
    const fresh = page.getByRole('region', { name: 'Nuovi da prendere in carico' });
    await expect(fresh.getByRole('link', { name: `${ticketNumber}/1` })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'contractor board');

    await page.setViewportSize({ width: 375, height: 800 });
    await fresh.getByRole('link', { name: `${ticketNumber}/1` }).click();
    await expect(page).toHaveURL(workOrderUrl);
    await expect(page.getByRole('link', { name: 'Scheda stampabile (PDF)' })).toHaveAttribute('href', /\/sheet\.pdf$/);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'work order on a phone');

    await runAction(page, 'Prendi in carico', 'Prendi in carico');
    await expect(page.getByText('Preso in carico', { exact: true }).first()).toBeVisible();
    await runAction(page, 'Pianifica il sopralluogo', 'Pianifica', (d) => fillInstant(d, dayFromNow(1), '09:30'));
    await expect(page.getByText('Sopralluogo pianificato', { exact: true }).first()).toBeVisible();
    await runAction(page, 'Registra il sopralluogo', 'Registra', (d) =>
      d.getByLabel(/^Esito del sopralluogo/).fill('Reattore della plafoniera guasto, da sostituire.'),
    );
    await expect(page.getByText('Sopralluogo eseguito', { exact: true }).first()).toBeVisible();
    await runAction(page, "Pianifica l'intervento", 'Pianifica', async (d) => {
      await fillInstant(d, dayFromNow(2), '14:00');
      await expectAccessible(page, 'schedule dialog on a phone');
    });
    await expect(page.getByText('Intervento pianificato', { exact: true }).first()).toBeVisible();
    await runAction(page, 'Inizia i lavori', 'Inizia');
    // Required fields are named in the dialog before anything is sent.
    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: "Concludi l'intervento" }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Concludi' }).click();
    await expect(dialog.getByText('Campo obbligatorio')).toHaveCount(2);
    await dialog.getByLabel(/^Rapporto di intervento/).fill('Sostituito il reattore, impianto provato.');
    await dialog.getByLabel(/^Ore di lavoro/).fill('1,5');
    await dialog.getByRole('button', { name: 'Concludi' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Concluso, da verificare', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('list', { name: 'Cronologia' })).toContainText("ha concluso l'intervento");
  });

  test('the building manager verifies the completed work', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto('/');
    await expect(
      page.getByRole('region', { name: 'Da verificare o confermare' }).getByRole('link', { name: `${ticketNumber}/1` }),
    ).toBeVisible();
    await mainNav(page)
      .getByRole('link', { name: /Da verificare/ })
      .click();
    await page.getByRole('link', { name: `${ticketNumber}/1`, exact: true }).click();
    await expect(page.getByText('Sostituito il reattore, impianto provato.').first()).toBeVisible();
    await runAction(page, 'Verifica e approva', 'Approva');
    await expect(page.getByText('Verificato', { exact: true }).first()).toBeVisible();
  });

  test('the call center closes the resolved ticket with a note', async ({ page }) => {
    await loginAs(page, 'callcenter');
    await page.goto('/');
    await expect(mainNav(page).getByRole('link', { name: /Da chiudere\s*[1-9]/ })).toBeVisible();
    await expectAccessible(page, 'call center home');
    await mainNav(page)
      .getByRole('link', { name: /Da chiudere/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Segnalazioni da chiudere' })).toBeVisible();
    await page.getByRole('link', { name: ticketNumber, exact: true }).click();
    await expect(page.getByText('Risolta', { exact: true }).first()).toBeVisible();
    await runAction(page, 'Chiudi la segnalazione', 'Chiudi la segnalazione', (d) =>
      d.getByLabel(/^Nota di chiusura/).fill('Lampade di nuovo funzionanti.'),
    );
    await expect(page.getByText('Chiusa', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('list', { name: 'Cronologia' })).toContainText('Lampade di nuovo funzionanti.');

    // The search finds it by number.
    await page.goto(`/tickets?q=${ticketNumber}`);
    await expect(page.getByText('1 risultato')).toBeVisible();
    await expect(page.getByRole('link', { name: ticketNumber, exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Esporta CSV' })).toHaveAttribute(
      'href',
      new RegExp(`/api/tickets/export\\?q=${ticketNumber}&format=csv`),
    );
    await expectAccessible(page, 'ticket search');
  });

  test('the admin reads the closing e-mail in the outbox; the requester rates through its link', async ({ page, browser }) => {
    await loginAs(page, 'admin');
    await page.goto(`/admin/outbox?ticket=${ticketNumber}`);
    await page.getByRole('link', { name: new RegExp(`\\[Presidio ${ticketNumber}\\] Segnalazione chiusa`) }).click();
    const text = page.getByRole('tabpanel');
    await expect(text).toContainText('/rate/');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'outbox message');
    await page.getByRole('tab', { name: 'HTML' }).click();
    await expect(page.locator('iframe.mail-preview')).toHaveAttribute('sandbox', '');

    // The link, as the e-mail carries it (the admin API, as no mail leaves the e2e server).
    const list = await (await page.request.get(`/api/admin/outbox?ticket=${ticketNumber}&limit=100`)).json();
    const closing = list.items.find((m: { kind: string }) => m.kind === 'ticket_closed');
    const detail = await (await page.request.get(`/api/admin/outbox/${closing.id}`)).json();
    const link = /\/rate\/[A-Za-z0-9_-]+/.exec(detail.textBody as string)?.[0];
    expect(link).toBeTruthy();

    const anonymous = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const rate = await anonymous.newPage();
    await rate.goto(link ?? '');
    await expect(rate.getByRole('heading', { level: 1, name: "Valuta l'intervento" })).toBeVisible();
    await expect(rate.getByText(`Segnalazione ${ticketNumber}`)).toBeVisible();
    await expectAccessible(rate, 'rating page');
    await rate.getByRole('button', { name: 'Invia la valutazione' }).click();
    await expect(rate.getByText('Scegli da 1 a 5 stelle')).toBeVisible();
    await rate.getByRole('radio', { name: '4 stelle su 5' }).check();
    await rate.getByRole('radiogroup', { name: "L'intervento è stato eseguito?" }).getByRole('radio', { name: 'Sì' }).check();
    await rate.getByLabel('Commento (facoltativo)').fill('Rapidi e gentili.');
    await rate.getByRole('button', { name: 'Invia la valutazione' }).click();
    await expect(rate.getByRole('heading', { level: 1, name: 'Grazie!' })).toBeVisible();
    await expectAccessible(rate, 'rating thanks');
    // One use only.
    await rate.goto(link ?? '');
    await expect(rate.getByRole('heading', { level: 1, name: 'Link non valido' })).toBeVisible();
    await anonymous.close();

    // The rating shows on the ticket.
    await switchUser(page, 'richiedente');
    await page.goto(ticketUrl);
    await expect(page.getByText(/4 stelle su 5 · eseguito/)).toBeVisible();
  });

  test('the requester reads the notifications and marks them read', async ({ page }) => {
    await loginAs(page, 'richiedente');
    await page.goto('/');
    await page
      .getByRole('banner')
      .getByRole('link', { name: /^Notifiche: \d+ non lett/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notifiche' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /Segnalazione chiusa/ }).first()).toBeVisible();
    // The rating link is a credential: in the e-mail only; here the ticket's page (#7).
    await expect(page.getByText('Valuta il servizio dalla pagina della segnalazione').first()).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText('/rate/');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'notifications');
    await page.getByRole('button', { name: 'Segna tutte come lette' }).click();
    await expect(page.getByText('0 non lette')).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Notifiche', exact: true })).toBeVisible();
  });
});

test.describe.serial('quote denied: the contractor quotes, the service head denies, the requester reads why', () => {
  let ticketId = '';
  let workOrderId = '';
  let number = '';

  test.beforeAll(async ({ playwright }, info) => {
    const baseURL = info.project.use.baseURL ?? '';
    const requester = await apiAs(playwright, baseURL, 'richiedente');
    const bm = await apiAs(playwright, baseURL, 'bm.centrale');
    const contractor = await apiAs(playwright, baseURL, 'ditta.elettrica');
    const buildings = await requester.get<{ items: Array<{ id: string }> }>('/api/buildings?q=MI-B01');
    const ticket = await requester.post<{ id: string; version: number; number: string }>('/api/tickets', {
      buildingId: buildings.items[0].id,
      description: 'Quadro elettrico del corridoio da rifare: scatta il differenziale.',
    });
    ticketId = ticket.id;
    const classes = await bm.get<{ items: Array<{ id: string; code: string }> }>('/api/technology-classes?q=ELE');
    const electrical = classes.items.find((c) => c.code === 'ELE');
    const issued = await bm.post<{ workOrders: Array<{ id: string; number: string }> }>(`/api/tickets/${ticket.id}/actions/issue`, {
      version: ticket.version,
      technologyClassId: electrical?.id,
      priority: 'ordinary',
      description: 'Rifare il quadro di piano',
    });
    workOrderId = issued.workOrders[0].id;
    number = issued.workOrders[0].number;
    let v = 1;
    for (const [action, fields] of [
      ['acknowledge', {}],
      ['schedule_inspection', { inspectionAt: new Date(Date.now() + 86_400_000).toISOString() }],
      ['record_inspection', { findings: 'Quadro non a norma: serve sostituirlo (extra canone).' }],
    ] as const) {
      const saved = await contractor.post<{ version: number }>(`/api/work-orders/${workOrderId}/actions/${action}`, {
        version: v,
        ...fields,
      });
      v = saved.version;
    }
    await Promise.all([requester.dispose(), bm.dispose(), contractor.dispose()]);
  });

  test('the contractor submits a quote from the price list and a free line; preview and server agree', async ({ page }) => {
    await loginAs(page, 'ditta.elettrica');
    await page.goto(`/work-orders/${workOrderId}`);
    await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Invia un preventivo' }).click();
    const dialog = page.getByRole('dialog');
    // Nothing yet: the quote needs a line.
    await dialog.getByRole('button', { name: 'Invia il preventivo' }).click();
    await expect(dialog.getByText('Aggiungi almeno una voce al preventivo.')).toBeVisible();

    await choose(page, dialog.getByRole('combobox', { name: /^Cerca una voce/ }), 'intonaco', /G\.1\.04\.3\.a/);
    await dialog.getByLabel(/^Quantità \(mq\)/).fill('12,5');
    await dialog.getByRole('button', { name: 'Aggiungi una voce libera (nuovo prezzo)' }).click();
    const free = dialog.getByRole('group', { name: /Voce 2/ });
    await free.getByLabel(/^Unità di misura/).fill('a corpo');
    await free.getByLabel(/^Prezzo unitario/).fill('250');
    await free.getByLabel(/^Descrizione/).fill('Oneri per la sicurezza del cantiere');
    await choose(page, free.getByRole('combobox', { name: /^Categoria/ }), '', 'Oneri della sicurezza');
    await expect(dialog.getByText('Anteprima dei totali')).toBeVisible();
    const previewTotal = await dialog
      .getByRole('table', { name: 'Anteprima dei totali' })
      .getByRole('row', { name: /^Totale/ })
      .textContent();
    await expectAccessible(page, 'quote editor');
    await dialog.getByRole('button', { name: 'Invia il preventivo' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByText('In attesa di autorizzazione', { exact: true }).first()).toBeVisible();
    const stored = await page
      .getByRole('table', { name: 'Totali del preventivo' })
      .getByRole('row', { name: /^Totale/ })
      .textContent();
    expect(stored).toBe(previewTotal);
  });

  test('the service head sees quote, findings and photos on one screen and denies with a reason', async ({ page }) => {
    await loginAs(page, 'capo.servizio');
    await page.goto('/');
    await expect(mainNav(page).getByRole('link', { name: /In attesa di autorizzazione\s*[1-9]/ })).toBeVisible();
    await mainNav(page)
      .getByRole('link', { name: /In attesa di autorizzazione/ })
      .click();
    await page
      .getByRole('navigation', { name: 'Preventivi in attesa' })
      .getByRole('link', { name: new RegExp(number) })
      .click();
    await expect(page.getByText('Quadro non a norma: serve sostituirlo (extra canone).')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Totali del preventivo' })).toContainText("Ribasso d'asta");
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'authorisation inbox');

    await page.getByRole('group', { name: 'Decisione' }).getByRole('button', { name: 'Nega il preventivo' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Nega il preventivo' }).click();
    await expect(dialog.getByText('Campo obbligatorio')).toBeVisible();
    await dialog.getByLabel(/^Motivo del diniego/).fill('Intervento da inserire nel piano di rifacimento dei quadri del 2027.');
    await expectAccessible(page, 'deny dialog');
    await dialog.getByRole('button', { name: 'Nega il preventivo' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Chiuso: preventivo negato', { exact: true }).first()).toBeVisible();
  });

  test('the requester sees the ticket closed and the reason of the denial', async ({ page }) => {
    await loginAs(page, 'richiedente');
    await page.goto(`/tickets/${ticketId}`);
    await expect(page.getByText("Chiusa: l'intervento non è stato autorizzato")).toBeVisible();
    const history = page.getByRole('list', { name: 'Cronologia' });
    await expect(history).toContainText('ha negato il preventivo');
    await expect(history).toContainText('Intervento da inserire nel piano di rifacimento dei quadri del 2027.');
    // Quotes and amounts stay internal.
    await expect(page.getByText('Preventivo', { exact: true })).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'denied ticket (requester)');
  });
});
