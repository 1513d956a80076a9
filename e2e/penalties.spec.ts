import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, mainNav } from './helpers';
import { runAction, switchUser } from './workflow-helpers';

// SLA and penalties through the UI on a proposed penalty of the living demo (the watcher is off in
// the e2e server: the demo seed made the proposals). The building manager sees the overdue work
// order and contests the penalty, the contractor counter-argues, the service head applies a
// reduced amount; the contract view and the list show it.

interface PenaltyItem {
  id: string;
  status: string;
  clock: string | null;
  proposedCents: number;
  period: string;
  contract: { id: string; lot: string };
  workOrder: { id: string; number: string } | null;
}

test.describe.serial('penalty: contest, counter-argue, reduce', () => {
  let penalty: PenaltyItem;

  test('the building manager sees the overdue work order and contests its proposed penalty', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    const list = (await (await page.request.get('/api/penalties?status=proposed&limit=200')).json()) as { items: PenaltyItem[] };
    const found = list.items.find((p) => p.contract.lot === 'Lotto 2' && p.clock === 'take_charge' && p.workOrder);
    expect(found, 'a proposed demo penalty of the electrical lot').toBeTruthy();
    penalty = found!;

    // The work order: its breached clock in words, with an icon, not colour alone.
    await page.goto(`/work-orders/${penalty.workOrder!.id}`);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(penalty.workOrder!.number) })).toBeVisible();
    const clocks = page.getByRole('list', { name: 'Tempi contrattuali (SLA)' });
    const takeCharge = clocks.getByRole('listitem').filter({ hasText: 'Presa in carico' });
    await expect(takeCharge).toContainText('Superato');
    await expect(takeCharge).toContainText(/(Scaduto|Concluso) .* in ritardo di \d/);
    await expectAccessible(page, 'overdue work order');

    // The list of penalties, filtered in the URL.
    await mainNav(page).getByRole('link', { name: 'Penali', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Penali' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Penali' })).toBeVisible();
    await expectAccessible(page, 'penalty list');
    await page.goto('/penalties?status=proposed');
    await page.getByRole('link', { name: `${penalty.workOrder!.number} · Presa in carico` }).click();

    await expect(page.getByRole('heading', { level: 1, name: /^Penale – / })).toBeVisible();
    await expect(page.getByText('Proposta', { exact: true }).first()).toBeVisible();
    await expect(page.getByText(/per ogni ora o frazione di ritardo/)).toBeVisible();
    await expect(page.getByRole('link', { name: new RegExp(penalty.workOrder!.number) })).toBeVisible();
    await expectAccessible(page, 'proposed penalty');

    await runAction(page, 'Contesta', 'Contesta e invia', (d) =>
      d.getByLabel('Nota per la ditta').fill('Nessuna presa in carico dopo i solleciti telefonici.'),
    );
    await expect(page.getByText('Contestata', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('Termine per le controdeduzioni', { exact: true })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Storico della penale' })).toContainText('Penale contestata');
    await expect(page.getByRole('link', { name: /contestazione-penale-.*\.pdf/ })).toBeVisible();
    await expectAccessible(page, 'contested penalty');
  });

  test('the contractor counter-argues', async ({ page }) => {
    await switchUser(page, 'ditta.elettrica');
    await page.goto(`/penalties/${penalty.id}`);
    await expect(page.getByText('Contestata', { exact: true }).first()).toBeVisible();
    await expectAccessible(page, 'penalty (contractor)');
    await runAction(page, 'Presenta controdeduzioni', 'Invia le controdeduzioni', (d) =>
      d.getByLabel(/^Controdeduzioni/).fill('Il tecnico reperibile era impegnato su un guasto in emergenza in un altro edificio.'),
    );
    await expect(page.getByText('Controdedotta', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('list', { name: 'Storico della penale' })).toContainText('Il tecnico reperibile era impegnato');
    await expect(page.getByRole('group', { name: 'Azioni' })).toHaveCount(0);
    await expectAccessible(page, 'counter-argued penalty');
  });

  test('the service head applies a reduced amount; the contract view shows it', async ({ page }) => {
    await switchUser(page, 'capo.servizio');
    await page.goto(`/penalties/${penalty.id}`);
    await expect(page.getByText('Controdedotta', { exact: true }).first()).toBeVisible();
    const euros = Math.floor(penalty.proposedCents / 200);
    const shown = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(euros);
    await runAction(page, 'Riduci', 'Applica ridotta', async (d) => {
      await d.getByLabel(/^Importo ridotto/).fill(String(euros));
      await d.getByLabel(/^Motivazione/).fill('Controdeduzioni accolte in parte: emergenza documentata.');
      await expectAccessible(page, 'reduce dialog');
    });
    await expect(page.getByText('Applicata ridotta', { exact: true }).first()).toBeVisible();
    await expect(page.getByText(shown).first()).toBeVisible();
    await expectAccessible(page, 'reduced penalty');

    // The list, filtered on the contract and the status.
    await page.goto(`/penalties?contractId=${penalty.contract.id}&status=reduced`);
    await expect(page.getByRole('link', { name: `${penalty.workOrder!.number} · Presa in carico` })).toBeVisible();
    await expectAccessible(page, 'reduced penalties of the contract');

    // The contract view: the cap used as text, the compliance, the register.
    await mainNav(page).getByRole('link', { name: 'Cruscotto SLA dei lotti', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cruscotto SLA dei lotti' })).toBeVisible();
    await expectAccessible(page, 'contracts');
    await page.getByRole('link', { name: 'Lotto 2', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lotto 2: SLA e penali' })).toBeVisible();
    await expect(page.getByText(/% del tetto usato/)).toBeVisible();
    await expect(page.getByRole('progressbar', { name: 'Tetto delle penali usato' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Rispetto degli SLA' })).toContainText('Urgenza');
    // #8: the planned compliance per building and month (the demo's last month of the emergency-lighting plan).
    await expect(page.getByRole('table', { name: 'Rispetto della manutenzione programmata' })).toContainText('MI-B03');
    const year = penalty.period;
    await page.getByLabel(/^Periodo del registro/).fill(year);
    const xlsx = page.getByRole('link', { name: `Registro ${year} (XLSX)` });
    await expect(xlsx).toBeVisible();
    await expect(page.getByRole('link', { name: `Registro ${year} (PDF)` })).toBeVisible();
    const href = await xlsx.getAttribute('href');
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('spreadsheetml');
    const register = (await (
      await page.request.get(`/api/penalties/register?contractId=${penalty.contract.id}&period=${year}`)
    ).json()) as { rows: Array<{ id: string; status: string; finalCents: number | null }> };
    expect(register.rows.find((r) => r.id === penalty.id)).toMatchObject({ status: 'reduced', finalCents: euros * 100 });
    await expectAccessible(page, 'contract view');
  });
});
