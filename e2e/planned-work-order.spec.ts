// A technician of the contractor completes a planned work order with its checklist (workflow 2).
// Publishing programs is helper "programs"' work: until it lands, the planned work order is written
// into the e2e database directly, in the shape publishing creates (test/helpers/planned.ts).
import { expect, test } from '@playwright/test';
import { createDb } from '../src/server/db/create-db.ts';
import { makePlannedWorkOrder } from '../test/helpers/planned.ts';
import { expectAccessible, loginAs } from './helpers';
import { apiAs, choose } from './workflow-helpers';

const DB_FILE = 'data/e2e/presidio.sqlite';

test('a technician completes a planned work order with its checklist; an out-of-range value is flagged before submitting', async ({
  page,
}) => {
  const db = createDb({ kind: 'sqlite', file: DB_FILE });
  const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const p = await makePlannedWorkOrder(db, { at: new Date(), dueOn, status: 'in_progress', activity: 'Manutenzione semestrale caldaia' });
  await db.destroy();

  await loginAs(page, 'ditta.termica');
  await page.goto(`/work-orders/${p.workOrderId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(p.number);
  await expect(page.getByText('Da eseguire entro')).toBeVisible();
  await expectAccessible(page, 'planned work order page');

  await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: "Concludi l'intervento" }).click();
  const dialog = page.getByRole('dialog');
  // Nothing answered: the dialog says what is missing before anything is sent.
  await dialog.getByRole('button', { name: 'Concludi' }).click();
  await expect(dialog.getByText('Rispondi a tutte le voci: ne mancano 2.')).toBeVisible();
  await dialog.getByLabel(/^Rapporto di intervento/).fill('Pulizia bruciatore, analisi fumi.');
  await dialog.getByLabel(/^Ore di lavoro/).fill('2');
  await dialog
    .getByRole('radiogroup', { name: /Controllo fiamma/ })
    .getByLabel('Sì')
    .check();
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

test('a building manager closes a fault "in plan" naming an open planned work order of the building', async ({
  page,
  playwright,
  baseURL,
}) => {
  const db = createDb({ kind: 'sqlite', file: DB_FILE });
  const dueOn = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const planned = await makePlannedWorkOrder(db, { at: new Date(), dueOn, activity: 'Revisione annuale centrale termica' });
  const building = await db.selectFrom('buildings').select('id').where('code', '=', 'MI-B01').executeTakeFirstOrThrow();
  const ter = await db.selectFrom('technology_classes').select('id').where('code', '=', 'TER').executeTakeFirstOrThrow();
  await db.destroy();

  type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const requester = await apiAs(playwright, baseURL!, 'richiedente');
  const bm = await apiAs(playwright, baseURL!, 'bm.centrale');
  const contractor = await apiAs(playwright, baseURL!, 'ditta.termica');
  const move = async (api: typeof bm, kind: string, id: string, action: string, fields: Obj = {}) => {
    const { version } = await api.get<Obj>(`/api/${kind}/${id}`);
    return api.post<Obj>(`/api/${kind}/${id}/actions/${action}`, { version, ...fields });
  };
  const t = await requester.post<Obj>('/api/tickets', {
    buildingId: building.id,
    subject: 'Radiatore freddo',
    description: "Il radiatore dell'aula è freddo.",
  });
  await move(bm, 'tickets', t.id, 'qualify');
  const issued = await move(bm, 'tickets', t.id, 'issue', {
    technologyClassId: ter.id,
    priority: 'ordinary',
    description: 'Verificare il radiatore',
  });
  const wo = issued.workOrders[0].id as string;
  await move(contractor, 'work-orders', wo, 'acknowledge');
  await move(contractor, 'work-orders', wo, 'schedule_inspection', { inspectionAt: new Date(Date.now() + 86_400_000).toISOString() });
  await move(contractor, 'work-orders', wo, 'record_inspection', { findings: 'Valvola bloccata: rientra nella revisione annuale.' });
  for (const api of [requester, bm, contractor]) await api.dispose();

  await loginAs(page, 'bm.centrale');
  await page.goto(`/work-orders/${wo}`);
  await page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: 'Inserisci nel programma' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Attività programmata/).fill('Revisione annuale centrale termica');
  await choose(page, dialog.getByRole('combobox', { name: 'Ordine di lavoro pianificato' }), planned.number, new RegExp(planned.number));
  await expectAccessible(page, 'in-plan dialog with the planned work orders');
  await dialog.getByRole('button', { name: 'Inserisci', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Chiuso: inserito nel programma', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(planned.number) })).toBeVisible();
});
