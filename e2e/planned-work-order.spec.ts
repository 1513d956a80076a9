// A technician of the contractor completes a planned work order with its checklist (workflow 2).
// Publishing programs is helper "programs"' work: until it lands, the planned work order is written
// into the e2e database directly, in the shape publishing creates (test/helpers/planned.ts).
import { expect, test } from '@playwright/test';
import { createDb } from '../src/server/db/create-db.ts';
import { makePlannedWorkOrder } from '../test/helpers/planned.ts';
import { expectAccessible, loginAs } from './helpers';

const DB_FILE = 'data/e2e/presidio.sqlite';

test('a technician completes a planned work order with its checklist; an out-of-range value is flagged before submitting', async ({ page }) => {
  const db = createDb({ kind: 'sqlite', file: DB_FILE });
  const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const p = await makePlannedWorkOrder(db, { at: new Date(), dueOn, status: 'in_progress', activity: 'Manutenzione semestrale caldaia' });
  await db.destroy();

  await loginAs(page, 'ditta.termica');
  await page.goto(`/work-orders/${p.workOrderId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(p.number);
  await expect(page.getByText('Da eseguire entro')).toBeVisible();
  await expectAccessible(page, 'planned work order page');

  await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Concludi l\'intervento' }).click();
  const dialog = page.getByRole('dialog');
  // Nothing answered: the dialog says what is missing before anything is sent.
  await dialog.getByRole('button', { name: 'Concludi' }).click();
  await expect(dialog.getByText('Rispondi a tutte le voci: ne mancano 2.')).toBeVisible();
  await dialog.getByLabel(/^Rapporto di intervento/).fill('Pulizia bruciatore, analisi fumi.');
  await dialog.getByLabel(/^Ore di lavoro/).fill('2');
  await dialog.getByRole('radiogroup', { name: /Controllo fiamma/ }).getByLabel('Sì').check();
  const co = dialog.getByLabel(/^Monossido di carbonio \(ppm\)/);
  await co.fill('80');
  await expect(dialog.getByRole('status')).toContainText('Fuori intervallo');
  await expectAccessible(page, 'planned completion dialog');
  await co.fill('12');
  await expect(dialog.getByRole('status')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Concludi' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Concluso, da verificare', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('table')).toContainText('12 ppm');
  await expectAccessible(page, 'completed planned work order');
});
