import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { choose } from './workflow-helpers';

// The call center's day (#9 item 11): a caller found by phone, the ticket entered in call-center
// wording, then completed (description and place) with each change in the timeline; the held
// e-mails counted beside the inbox.

test('the call center opens a ticket for a caller found by phone, triages it and sees the history', async ({ page }) => {
  test.setTimeout(360_000); // one long walk through three pages with four axe runs, on a server that has just seeded its demo
  await loginAs(page, 'callcenter');
  await page.goto('/');

  await mainNav(page).getByRole('link', { name: 'Nuova segnalazione telefonica' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nuova segnalazione' })).toBeVisible();
  await expect(page.getByText(/Mentre sei al telefono/)).toBeVisible();

  // Marco Colombo calls from his office phone: typed as the caller ID shows it, picked by keyboard.
  const lookup = page.getByRole('combobox', { name: /^Cerca il chiamante/ });
  await lookup.fill('0255502210');
  await expect(page.getByRole('option', { name: /Marco Colombo/ })).toBeVisible();
  await lookup.press('ArrowDown');
  await lookup.press('Enter');
  await expect(page.getByText('Collegata a Marco Colombo, che riceverà gli avvisi')).toBeVisible();
  await expect(page.getByLabel(/^Nome e cognome del chiamante/)).toHaveValue('Marco Colombo');
  await expect(page.getByLabel(/^Telefono del chiamante/)).toHaveValue('+39 02 5550 2210');

  await choose(page, page.getByRole('combobox', { name: /^Edificio/ }), 'MI-B02', /MI-B02/);
  await page.getByLabel(/^Descrivi il guasto segnalato/).fill("Il termosifone dell'aula gocciola.");
  await expectAccessible(page, 'phone form with a linked caller');
  await page.getByRole('button', { name: 'Registra la segnalazione' }).click();

  const heading = page.getByRole('heading', { level: 1, name: /^Segnalazione \d{4}-\d{6}$/ });
  await expect(heading).toBeVisible({ timeout: 30_000 });
  const number = /\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')![0];
  await expect(page.getByText('Marco Colombo', { exact: true })).toBeVisible();

  // Triage: a better description and the exact room.
  await page.getByRole('button', { name: 'Completa la segnalazione' }).click();
  const dialog = page.getByRole('dialog', { name: 'Completa la segnalazione' });
  await dialog
    .getByLabel(/^Descrivi il guasto segnalato/)
    .fill("Il termosifone sotto la finestra dell'aula N.1.1 perde acqua sul pavimento.");
  await choose(page, dialog.getByRole('combobox', { name: /^Locale/ }), '', /P1\.01/);
  await expectAccessible(page, 'triage dialog');
  await dialog.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  const timeline = page.getByRole('list', { name: 'Cronologia' });
  await expect(timeline).toContainText('ha completato la segnalazione', { timeout: 30_000 });
  await expect(timeline).toContainText('Descrizione:');
  await expect(timeline).toContainText("Il termosifone dell'aula gocciola. → Il termosifone sotto la finestra");
  await expect(timeline).toContainText(/Locale:\s*— → P1\.01/);
  await expect(page.getByText(/MI-B02 – Edificio Aule Nord · P1\.01/).first()).toBeVisible();
  await expectAccessible(page, 'ticket after triage');

  // The list finds it by the caller's phone.
  await page.goto('/tickets?q=5550%202210');
  await expect(page.getByRole('link', { name: number, exact: true })).toBeVisible({ timeout: 30_000 });

  // The demo's mailbox holds two e-mails from unknown senders: counted beside the inbox (the counts
  // load after the page; on a server still warming up after its seed that may take a while).
  await expect(mainNav(page).getByRole('link', { name: /^Posta in arrivo/ })).toContainText(/Posta in arrivo\s*2/, { timeout: 30_000 });
});
