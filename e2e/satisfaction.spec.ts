import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';

// The satisfaction loop (#11 item 4) on the demo: the building manager of the lab door opens
// "Soddisfazione" from the menu, finds the 1-star rating (work not done) waiting for a follow-up,
// takes it, records the outcome and closes it; the comments stream shows the low scores; the page
// passes axe and works from the keyboard.

test.describe.serial('satisfaction page', () => {
  test('a building manager sees the low score, assigns it to itself and records the outcome', async ({ page }) => {
    await loginAs(page, 'bm.dmec');
    await page.goto('/');
    await mainNav(page).getByRole('link', { name: 'Soddisfazione' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Soddisfazione' })).toBeVisible();

    const card = page.getByRole('article', { name: /La porta del laboratorio non si chiude a chiave/ });
    await expect(card).toBeVisible();
    await expect(card.getByText('1 stella su 5')).toBeVisible();
    await expect(card.getByText('lavoro non eseguito')).toBeVisible();
    await expect(card.getByText('Non ancora assegnato.')).toBeVisible();
    await expect(page.getByRole('table', { name: /Link di valutazione inviati/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Commenti dei richiedenti' }).getByText(/lo scrocco, non il cilindro/)).toBeVisible();
    await expectAccessible(page, 'the satisfaction page');

    // Assign by keyboard: the select opens with the arrow keys, Enter picks.
    const select = card.getByRole('textbox', { name: 'Assegna a' }).or(card.getByRole('combobox', { name: 'Assegna a' }));
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await card.getByRole('button', { name: 'Assegna' }).click();
    await expect(page.getByText('Seguito aggiornato.')).toBeVisible();
    const assigned = page.getByRole('article', { name: /La porta del laboratorio/ });
    await expect(assigned.getByText(/^Assegnato a /)).toBeVisible();

    // Closing needs an outcome.
    await assigned.getByRole('button', { name: "Registra l'esito e chiudi" }).click();
    await expect(assigned.getByText('Campo obbligatorio')).toBeVisible();
    await assigned
      .getByRole('textbox', { name: 'Esito' })
      .fill('Sentito il richiedente: la serratura completa è stata montata, il laboratorio si chiude di nuovo.');
    await assigned.getByRole('button', { name: "Registra l'esito e chiudi" }).click();
    await expect(page.getByText('Esito registrato: seguito concluso.')).toBeVisible();
    await expect(page.getByRole('article', { name: /La porta del laboratorio/ })).toHaveCount(0);
    const done = page.getByRole('table', { name: 'Seguiti conclusi' });
    await expect(done.getByText(/la serratura completa è stata montata/)).toBeVisible();
    await expectAccessible(page, 'the satisfaction page after the outcome');
  });

  test('the service head sees every building and filters the comments by score', async ({ page }) => {
    await loginAs(page, 'capo.servizio');
    await page.goto('/satisfaction');
    const comments = page.getByRole('region', { name: 'Commenti dei richiedenti' });
    await comments
      .getByRole('textbox', { name: 'Voto' })
      .or(comments.getByRole('combobox', { name: 'Voto' }))
      .click();
    await page.getByRole('option', { name: '2 stelle su 5' }).click();
    await expect(comments.getByText(/nessuna notizia nel frattempo/)).toBeVisible();
    await expect(comments.getByText(/lo scrocco, non il cilindro/)).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'Seguiti conclusi' }).getByText(/prof.ssa Bianchi/)).toBeVisible();
    await expectAccessible(page, 'the satisfaction page of the service head');
  });
});
