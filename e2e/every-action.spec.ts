import { expect, test, type Locator, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { TICKET_TRANSITIONS } from '../src/domain/workflow/ticket';
import { WORK_ORDER_TRANSITIONS } from '../src/domain/workflow/work-order';
import it from '../src/web/i18n/it.json' with { type: 'json' };
import { expectAccessible, loginAs } from './helpers';
import { apiAs, choose, dayFromNow, fillInstant, switchUser } from './workflow-helpers';

// #9 item 1: every action of the ticket's and the work order's state machines, performed through its
// button and dialog on the ticket or work-order page by a demo user of a role allowed to do it, each
// field of the dialog filled through its label; each dialog checked with axe once. The last test
// reads the machines' tables and fails if a row (action, role, starting state) was never performed
// here through the UI. The API only brings an object to a starting state, with actions this spec
// has already performed through the UI (apiStep refuses the others).

type Obj = 'ticket' | 'workOrder';
type User = 'richiedente' | 'callcenter' | 'bm.centrale' | 'ditta.elettrica' | 'capo.servizio';
const ROLE: Record<User, string> = {
  richiedente: 'requester',
  callcenter: 'call_center',
  'bm.centrale': 'building_manager',
  'ditta.elettrica': 'contractor',
  'capo.servizio': 'service_head',
};
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

interface Performed {
  object: Obj;
  action: string;
  role: string;
  from: string;
}
const performed: Performed[] = [];
const checkedDialogs = new Set<string>();

type Actions = typeof it.actions;
const labels = (action: string) => {
  const a = (it.actions as Actions & Record<string, { label: string; submit?: string }>)[action];
  expect(a?.label, `Italian label of ${action}`).toBeTruthy();
  return { button: a.label, submit: a.submit ?? a.label };
};
const eventText = (action: string) => (it.timeline.events as Record<string, string>)[action];
const statusText = (object: Obj, status: string) => (it.status[object] as Record<string, string>)[status];

interface Step {
  object: Obj;
  action: string;
  as: User;
  /** The state the object is in before the action (the machine's row it exercises). */
  from: string;
  /** The state badge after it (a label of it.status, or an outcome's). */
  after: string;
  /** Fills every field of the dialog. */
  fill?: (dialog: Locator) => Promise<void>;
  /** A text typed in the dialog that the timeline entry of this action must show. */
  mark?: string;
}

/** Performs one action through its button and dialog, checks the badge and the timeline, records it. */
async function act(page: Page, s: Step): Promise<void> {
  const { button, submit } = labels(s.action);
  const bar = page.getByRole('group', { name: 'Azioni' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await bar.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  if (s.fill) await s.fill(dialog);
  const key = `${s.object}:${s.action}`;
  if (!checkedDialogs.has(key)) {
    await expectAccessible(page, `${key} dialog`);
    checkedDialogs.add(key);
  }
  await dialog.getByRole('button', { name: submit, exact: true }).click();
  await expect(dialog).toBeHidden();
  const header = page.getByRole('heading', { level: 1 }).locator('..');
  await expect(header.getByText(s.after, { exact: true })).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Cronologia' });
  let entry = timeline.getByRole('listitem').filter({ hasText: eventText(s.action) });
  if (s.mark) entry = entry.filter({ hasText: s.mark });
  await expect(entry.first()).toBeVisible();
  performed.push({ object: s.object, action: s.action, role: ROLE[s.as], from: s.from });
}

type Api = Awaited<ReturnType<typeof apiAs>>;
type Ctx = { playwright: PlaywrightWorkerArgs['playwright']; baseURL: string };
const clients = new Map<User | 'admin', Api>();
async function api(ctx: Ctx, user: User | 'admin'): Promise<Api> {
  let c = clients.get(user);
  if (!c) {
    c = await apiAs(ctx.playwright, ctx.baseURL, user);
    clients.set(user, c);
  }
  return c;
}

/** A move behind the UI's back, to reach a starting state: only with an action already performed through the UI. */
async function apiStep(ctx: Ctx, user: User, object: Obj, id: string, action: string, fields: Record<string, unknown> = {}) {
  expect(
    performed.some((p) => p.object === object && p.action === action),
    `${object} ${action} set up by API before this spec performed it through the UI`,
  ).toBe(true);
  const client = await api(ctx, user);
  const path = object === 'ticket' ? `/api/tickets/${id}` : `/api/work-orders/${id}`;
  const { version } = await client.get<{ version: number }>(path);
  await client.post(`${path}/actions/${action}`, { version, ...fields });
}

async function newTicket(ctx: Ctx, description: string): Promise<{ id: string; number: string }> {
  const requester = await api(ctx, 'richiedente');
  const buildings = await requester.get<{ items: Array<{ id: string }> }>('/api/buildings?q=MI-B01');
  return requester.post<{ id: string; number: string }>('/api/tickets', { buildingId: buildings.items[0].id, description });
}

/** A ticket with one electrical work order issued, taken to `upTo` by the contractor through the API. */
async function workOrderAt(ctx: Ctx, description: string, upTo: 'issued' | 'acknowledged' | 'inspected', priority = 'ordinary') {
  const ticket = await newTicket(ctx, description);
  const bm = await api(ctx, 'bm.centrale');
  const classes = await bm.get<{ items: Array<{ id: string; code: string }> }>('/api/technology-classes?q=ELE');
  expect(performed.some((p) => p.action === 'issue')).toBe(true);
  const issued = await bm.post<{ workOrders: Array<{ id: string }> }>(`/api/tickets/${ticket.id}/actions/issue`, {
    version: (await bm.get<{ version: number }>(`/api/tickets/${ticket.id}`)).version,
    technologyClassId: classes.items.find((c) => c.code === 'ELE')?.id,
    priority,
    description,
  });
  const wo = issued.workOrders[0].id;
  if (upTo !== 'issued') await apiStep(ctx, 'ditta.elettrica', 'workOrder', wo, 'acknowledge');
  if (upTo === 'inspected') {
    await apiStep(ctx, 'ditta.elettrica', 'workOrder', wo, 'schedule_inspection', {
      inspectionAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await apiStep(ctx, 'ditta.elettrica', 'workOrder', wo, 'record_inspection', { findings: 'Linea da rifare' });
  }
  return { ticket, wo };
}

const radio = (dialog: Locator, group: RegExp, option: string) =>
  dialog.getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true }).check();
const instant = (dialog: Locator, legend: RegExp, day: string, time: string) =>
  fillInstant(dialog.getByRole('group', { name: legend }), day, time);

/** Picks the first open planned work order of the building, if the user sees one there; the field is optional. */
async function choosePlanned(page: Page, dialog: Locator): Promise<void> {
  const field = dialog.getByRole('combobox', { name: /^Ordine di lavoro pianificato/ });
  const none = dialog.getByText(it.planned.noPlanned);
  await expect(field).toBeVisible();
  // The list loads after the dialog opens: either options to choose from, or the field disabled with its reason.
  if (!(await field.isDisabled())) await field.click({ force: true });
  const option = page.getByRole('option').first();
  await expect(option.or(none)).toBeVisible();
  if (await none.isVisible()) return;
  const name = (await option.textContent()) ?? '';
  await option.click();
  await expect(field).toHaveValue(name);
}

test.describe.serial('every action of the ticket and work-order machines, through the UI', () => {
  // Each test chains several dialogs, each checked with axe: more than the default minute on a busy machine.
  test.describe.configure({ timeout: 240_000 });
  let ctx: Ctx;
  let ticketA = { id: '', number: '' };
  let woA = '';

  test.beforeAll(async ({ playwright }, info) => {
    ctx = { playwright, baseURL: info.project.use.baseURL ?? '' };
    ticketA = await newTicket(ctx, "Le prese dell'aula al piano interrato non danno corrente.");
  });

  test.afterAll(async () => {
    await Promise.all([...clients.values()].map((c) => c.dispose()));
    clients.clear();
  });

  test('the building manager asks for an inspection, qualifies, issues and changes the priority', async ({ page }) => {
    await loginAs(page, 'bm.centrale');
    await page.goto(`/tickets/${ticketA.id}`);
    await act(page, {
      object: 'ticket',
      action: 'request_inspection',
      as: 'bm.centrale',
      from: 'new',
      after: statusText('ticket', 'qualifying'),
      mark: 'Vado a vedere il quadro di piano.',
      fill: async (d) => {
        await instant(d, /^Data del sopralluogo/, dayFromNow(1), '10:00');
        await d.getByLabel(/^Nota/).fill('Vado a vedere il quadro di piano.');
      },
    });
    await act(page, {
      object: 'ticket',
      action: 'qualify',
      as: 'bm.centrale',
      from: 'qualifying',
      after: statusText('ticket', 'qualified'),
      mark: 'Interruttore della linea prese scattato più volte.',
      fill: (d) => d.getByLabel(/^Note di qualificazione/).fill('Interruttore della linea prese scattato più volte.'),
    });
    await act(page, {
      object: 'ticket',
      action: 'issue',
      as: 'bm.centrale',
      from: 'qualified',
      after: statusText('ticket', 'in_progress'),
      fill: async (d) => {
        await choose(page, d.getByRole('combobox', { name: /^Classe tecnologica/ }), 'ELE', /ELE – Impianti elettrici/);
        await radio(d, /^Priorità/, 'Ordinaria');
        await d.getByLabel(/^Descrizione/).fill('Verificare la linea prese del piano interrato');
        await choose(page, d.getByRole('combobox', { name: /^Spazio/ }), 'S1.02', /S1\.02/);
        await choose(page, d.getByRole('combobox', { name: /^Componente/ }), 'QE-01', /MI-B01-QE-01/);
        await d.getByLabel(/^Posizione precisa/).fill('Parete nord, vicino alla porta');
      },
    });
    const link = page.getByRole('table', { name: 'Ordini di lavoro' }).getByRole('link', { name: `${ticketA.number}/1` });
    woA = ((await link.getAttribute('href')) ?? '').split('/').pop() ?? '';
    expect(woA).not.toBe('');
    await link.click();
    await act(page, {
      object: 'workOrder',
      action: 'change_priority',
      as: 'bm.centrale',
      from: 'issued',
      after: statusText('workOrder', 'issued'),
      mark: 'Aula usata per gli esami della prossima settimana.',
      fill: async (d) => {
        await radio(d, /^Nuova priorità/, 'Urgenza');
        await d.getByLabel(/^Motivo/).fill('Aula usata per gli esami della prossima settimana.');
      },
    });
    await expect(page.getByRole('heading', { level: 1 }).locator('..').getByText('Priorità: Urgenza', { exact: true })).toBeVisible();
  });

  test('the contractor takes the order from acknowledgement to a quote', async ({ page }) => {
    await loginAs(page, 'ditta.elettrica');
    await page.goto(`/work-orders/${woA}`);
    await act(page, {
      object: 'workOrder',
      action: 'acknowledge',
      as: 'ditta.elettrica',
      from: 'issued',
      after: statusText('workOrder', 'acknowledged'),
      mark: 'Squadra disponibile domani.',
      fill: (d) => d.getByLabel(/^Nota/).fill('Squadra disponibile domani.'),
    });
    await act(page, {
      object: 'workOrder',
      action: 'schedule_inspection',
      as: 'ditta.elettrica',
      from: 'acknowledged',
      after: statusText('workOrder', 'inspection_scheduled'),
      fill: (d) => instant(d, /^Data del sopralluogo/, dayFromNow(1), '09:30'),
    });
    await act(page, {
      object: 'workOrder',
      action: 'record_inspection',
      as: 'ditta.elettrica',
      from: 'inspection_scheduled',
      after: statusText('workOrder', 'inspected'),
      mark: 'Cavo della linea prese danneggiato nella canalina.',
      fill: async (d) => {
        await d.getByLabel(/^Esito del sopralluogo/).fill('Cavo della linea prese danneggiato nella canalina.');
        await radio(d, /^Modifica l'impianto/, 'No');
      },
    });
    await act(page, {
      object: 'workOrder',
      action: 'submit_quote',
      as: 'ditta.elettrica',
      from: 'inspected',
      after: statusText('workOrder', 'awaiting_authorization'),
      mark: 'Rifacimento del tratto di linea (extra canone).',
      fill: async (d) => {
        await choose(page, d.getByRole('combobox', { name: /^Cerca una voce/ }), 'intonaco', /G\.1\.04\.3\.a/);
        await d.getByLabel(/^Quantità \(mq\)/).fill('2');
        await d.getByRole('button', { name: 'Aggiungi una voce libera (nuovo prezzo)' }).click();
        const free = d.getByRole('group', { name: /Voce 2/ });
        await free.getByLabel(/^Codice/).fill('NP.01');
        await free.getByLabel(/^Unità di misura/).fill('m');
        await free.getByLabel(/^Prezzo unitario/).fill('12,50');
        await free.getByLabel(/^Descrizione/).fill('Cavo FG16OM16 3G2,5 posato in canalina');
        await free.getByLabel(/^Quantità$|^Quantità \*/).fill('15');
        await choose(page, free.getByRole('combobox', { name: /^Categoria/ }), '', 'Lavori (soggetti a ribasso)');
        await d.getByLabel(/^Nota/).fill('Rifacimento del tratto di linea (extra canone).');
      },
    });
  });

  test('the service head approves the quote', async ({ page }) => {
    await loginAs(page, 'capo.servizio');
    await page.goto(`/work-orders/${woA}`);
    await act(page, {
      object: 'workOrder',
      action: 'approve_quote',
      as: 'capo.servizio',
      from: 'awaiting_authorization',
      after: statusText('workOrder', 'authorized'),
      mark: 'Autorizzato sui fondi di manutenzione straordinaria.',
      fill: (d) => d.getByLabel(/^Nota/).fill('Autorizzato sui fondi di manutenzione straordinaria.'),
    });
  });

  test('the contractor schedules, waits for materials, resumes, works and completes with the declaration', async ({ page }) => {
    await loginAs(page, 'ditta.elettrica');
    await page.goto(`/work-orders/${woA}`);
    await act(page, {
      object: 'workOrder',
      action: 'schedule_work',
      as: 'ditta.elettrica',
      from: 'authorized',
      after: statusText('workOrder', 'scheduled'),
      fill: async (d) => {
        await instant(d, /^Data dell'intervento/, dayFromNow(2), '08:30');
        await radio(d, /^Modifica l'impianto/, 'No');
      },
    });
    await act(page, {
      object: 'workOrder',
      action: 'wait_materials',
      as: 'ditta.elettrica',
      from: 'scheduled',
      after: statusText('workOrder', 'waiting_materials'),
      mark: 'Cavo ordinato al grossista.',
      fill: async (d) => {
        const expected = d.getByLabel(/^Arrivo previsto dei materiali/);
        await expected.fill(dayFromNow(5));
        await expected.press('Tab');
        await d.getByLabel(/^Nota/).fill('Cavo ordinato al grossista.');
      },
    });
    await act(page, {
      object: 'workOrder',
      action: 'resume',
      as: 'ditta.elettrica',
      from: 'waiting_materials',
      after: statusText('workOrder', 'scheduled'),
      fill: (d) => instant(d, /^Nuova data dell'intervento/, dayFromNow(3), '08:30'),
    });
    await act(page, {
      object: 'workOrder',
      action: 'start_work',
      as: 'ditta.elettrica',
      from: 'scheduled',
      after: statusText('workOrder', 'in_progress'),
      mark: 'Inizio con il sezionamento della linea.',
      fill: (d) => d.getByLabel(/^Nota/).fill('Inizio con il sezionamento della linea.'),
    });
    await act(page, {
      object: 'workOrder',
      action: 'complete',
      as: 'ditta.elettrica',
      from: 'in_progress',
      after: statusText('workOrder', 'completed'),
      mark: 'Sostituito il tratto di cavo, linea provata.',
      fill: async (d) => {
        // Extra-fee work on a DM 37 class: the conformity declaration is attached from the dialog.
        const [chooser] = await Promise.all([
          page.waitForEvent('filechooser'),
          d.getByRole('button', { name: /^Allega: Dichiarazione di conformità/ }).click(),
        ]);
        await chooser.setFiles({ name: 'dico.pdf', mimeType: 'application/pdf', buffer: PDF });
        await expect(d.getByRole('list', { name: 'Documenti richiesti' })).toContainText('allegato');
        await d.getByLabel(/^Rapporto di intervento/).fill('Sostituito il tratto di cavo, linea provata.');
        await d.getByLabel(/^Ore di lavoro/).fill('3,5');
        await d.getByLabel(/^Materiali usati/).fill('15 m di cavo FG16OM16 3G2,5');
        await radio(d, /^Documenti a seguire/, 'No');
      },
    });
  });

  test('the call center rejects the completion; the building manager verifies the second one', async ({ page }) => {
    await loginAs(page, 'callcenter');
    await page.goto(`/work-orders/${woA}`);
    await act(page, {
      object: 'workOrder',
      action: 'reject_completion',
      as: 'callcenter',
      from: 'completed',
      after: statusText('workOrder', 'scheduled'),
      mark: "Il docente dice che due prese dell'aula sono ancora senza corrente.",
      fill: (d) => d.getByLabel(/^Motivo/).fill("Il docente dice che due prese dell'aula sono ancora senza corrente."),
    });
    await apiStep(ctx, 'ditta.elettrica', 'workOrder', woA, 'start_work');
    await apiStep(ctx, 'ditta.elettrica', 'workOrder', woA, 'complete', { report: 'Ripristinate le due prese', hours: 1 });
    await switchUser(page, 'bm.centrale');
    await page.goto(`/work-orders/${woA}`);
    await act(page, {
      object: 'workOrder',
      action: 'verify',
      as: 'bm.centrale',
      from: 'completed',
      after: statusText('workOrder', 'verified'),
      mark: 'Tutte le prese funzionano.',
      fill: (d) => d.getByLabel(/^Nota/).fill('Tutte le prese funzionano.'),
    });
  });

  test('the call center reopens the verified order; the building manager reopens the resolved ticket', async ({ page }) => {
    await loginAs(page, 'callcenter');
    await page.goto(`/work-orders/${woA}`);
    await act(page, {
      object: 'workOrder',
      action: 'reopen',
      as: 'callcenter',
      from: 'verified',
      after: statusText('workOrder', 'scheduled'),
      mark: 'Una presa scalda: la ditta deve ricontrollare.',
      fill: (d) => d.getByLabel(/^Motivo/).fill('Una presa scalda: la ditta deve ricontrollare.'),
    });
    await apiStep(ctx, 'ditta.elettrica', 'workOrder', woA, 'start_work');
    await apiStep(ctx, 'ditta.elettrica', 'workOrder', woA, 'complete', { report: 'Serrati i morsetti della presa', hours: 0.5 });
    await apiStep(ctx, 'bm.centrale', 'workOrder', woA, 'verify');

    await switchUser(page, 'bm.centrale');
    await page.goto(`/tickets/${ticketA.id}`);
    await expect(
      page.getByRole('heading', { level: 1 }).locator('..').getByText(statusText('ticket', 'resolved'), { exact: true }),
    ).toBeVisible();
    await act(page, {
      object: 'ticket',
      action: 'reopen',
      as: 'bm.centrale',
      from: 'resolved',
      after: statusText('ticket', 'in_progress'),
      mark: "Il custode segnala che l'interruttore scatta ancora.",
      fill: (d) => d.getByLabel(/^Motivo/).fill("Il custode segnala che l'interruttore scatta ancora."),
    });
  });

  test('the call center closes the resolved ticket; the requester rates it through the link', async ({ page, browser }) => {
    await apiStep(ctx, 'ditta.elettrica', 'workOrder', woA, 'start_work');
    await apiStep(ctx, 'ditta.elettrica', 'workOrder', woA, 'complete', {
      report: 'Sostituito l\u2019interruttore differenziale',
      hours: 1,
    });
    await apiStep(ctx, 'bm.centrale', 'workOrder', woA, 'verify');
    await loginAs(page, 'callcenter');
    await page.goto(`/tickets/${ticketA.id}`);
    await act(page, {
      object: 'ticket',
      action: 'close',
      as: 'callcenter',
      from: 'resolved',
      after: statusText('ticket', 'closed'),
      mark: 'Linea prese ripristinata.',
      fill: (d) => d.getByLabel(/^Nota di chiusura/).fill('Linea prese ripristinata.'),
    });

    // The rating link of the closing e-mail (read from the outbox: no mail leaves the e2e server).
    const admin = await api(ctx, 'admin');
    const list = await admin.get<{ items: Array<{ id: string; kind: string }> }>(`/api/admin/outbox?ticket=${ticketA.number}&limit=100`);
    const closing = list.items.find((m) => m.kind === 'ticket_closed');
    expect(closing).toBeTruthy();
    const mail = await admin.get<{ textBody: string }>(`/api/admin/outbox/${closing?.id}`);
    const link = /\/rate\/[A-Za-z0-9_-]+/.exec(mail.textBody)?.[0] ?? '';
    expect(link).not.toBe('');

    const anonymous = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', reducedMotion: 'reduce' });
    const rate = await anonymous.newPage();
    await rate.goto(link);
    await expect(rate.getByRole('heading', { level: 1, name: it.rating.title })).toBeVisible();
    await rate.getByRole('radio', { name: '2 stelle su 5' }).check();
    await rate.getByRole('radiogroup', { name: it.rating.workDone }).getByRole('radio', { name: 'Sì' }).check();
    await rate.getByLabel(it.rating.comment).fill('Risolto, ma ci sono voluti tre passaggi.');
    await expectAccessible(rate, 'rating form');
    await rate.getByRole('button', { name: it.rating.submit }).click();
    await expect(rate.getByRole('heading', { level: 1, name: it.rating.thanksTitle })).toBeVisible();
    await anonymous.close();
    performed.push({ object: 'ticket', action: 'rate', role: 'requester', from: 'closed' });

    await switchUser(page, 'richiedente');
    await page.goto(`/tickets/${ticketA.id}`);
    await expect(page.getByText(/2 stelle su 5 · eseguito/)).toBeVisible();
    await expect(
      page.getByRole('heading', { level: 1 }).locator('..').getByText(statusText('ticket', 'closed'), { exact: true }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('list', { name: 'Cronologia' })
        .getByRole('listitem')
        .filter({ hasText: eventText('rate') })
        .first(),
    ).toBeVisible();
  });

  test('the requester complains about the closed ticket, then says it is not solved', async ({ page }) => {
    await loginAs(page, 'richiedente');
    await page.goto(`/tickets/${ticketA.id}`);
    await act(page, {
      object: 'ticket',
      action: 'complain',
      as: 'richiedente',
      from: 'closed',
      after: statusText('ticket', 'closed'),
      mark: 'Tre interventi per una presa: tempi troppo lunghi.',
      fill: (d) => d.getByLabel(/^Il tuo reclamo/).fill('Tre interventi per una presa: tempi troppo lunghi.'),
    });
    await act(page, {
      object: 'ticket',
      action: 'not_solved',
      as: 'richiedente',
      from: 'closed',
      after: statusText('ticket', 'in_progress'),
      mark: 'La presa vicino alla cattedra è di nuovo senza corrente.',
      fill: (d) => d.getByLabel(/^Cosa non è risolto/).fill('La presa vicino alla cattedra è di nuovo senza corrente.'),
    });
  });

  test('the requester reminds about an order opened days ago (the demo story of the stuck shutter)', async ({ page }) => {
    const requester = await api(ctx, 'richiedente');
    const mine = await requester.get<{ items: Array<{ id: string; subject: string }> }>('/api/tickets?q=Tapparella');
    const shutter = mine.items.find((t) => t.subject.startsWith('Tapparella bloccata'));
    expect(shutter, 'the demo ticket of the stuck shutter').toBeTruthy();
    await loginAs(page, 'richiedente');
    await page.goto(`/tickets/${shutter?.id}`);
    await act(page, {
      object: 'ticket',
      action: 'remind',
      as: 'richiedente',
      from: 'in_progress',
      after: statusText('ticket', 'in_progress'),
      mark: 'Il sole sullo schermo rende illeggibili le lezioni.',
      fill: (d) => d.getByLabel(/^Messaggio/).fill('Il sole sullo schermo rende illeggibili le lezioni.'),
    });
    // Once a day: the reminder is no longer offered.
    await expect(page.getByRole('group', { name: 'Azioni' }).getByRole('button', { name: labels('remind').button })).toHaveCount(0);
  });

  test('in plan: the contractor proposes, the building manager rejects, then confirms', async ({ page }) => {
    const { ticket, wo } = await workOrderAt(ctx, 'Le luci di emergenza del corridoio restano spente.', 'inspected');
    await loginAs(page, 'ditta.elettrica');
    await page.goto(`/work-orders/${wo}`);
    await act(page, {
      object: 'workOrder',
      action: 'mark_in_plan',
      as: 'ditta.elettrica',
      from: 'inspected',
      after: statusText('workOrder', 'in_plan_proposed'),
      mark: 'Sostituzione delle lampade di emergenza del piano',
      fill: async (d) => {
        await d.getByLabel(/^Attività programmata/).fill('Sostituzione delle lampade di emergenza del piano');
        await choosePlanned(page, d);
        await d.getByLabel(/^Nota/).fill('Rientra nella verifica semestrale.');
      },
    });
    await switchUser(page, 'bm.centrale');
    await page.goto(`/work-orders/${wo}`);
    await act(page, {
      object: 'workOrder',
      action: 'reject_in_plan',
      as: 'bm.centrale',
      from: 'in_plan_proposed',
      after: statusText('workOrder', 'inspected'),
      mark: 'Il corridoio è una via di esodo: non si aspetta il programma.',
      fill: (d) => d.getByLabel(/^Motivo/).fill('Il corridoio è una via di esodo: non si aspetta il programma.'),
    });
    await apiStep(ctx, 'ditta.elettrica', 'workOrder', wo, 'mark_in_plan', {
      plannedActivity: 'Verifica semestrale delle luci di emergenza',
    });
    await page.reload();
    await act(page, {
      object: 'workOrder',
      action: 'confirm_in_plan',
      as: 'bm.centrale',
      from: 'in_plan_proposed',
      after: it.status.outcome.in_plan,
      mark: 'Confermato: la verifica è la settimana prossima.',
      fill: async (d) => {
        await choosePlanned(page, d);
        await d.getByLabel(/^Nota/).fill('Confermato: la verifica è la settimana prossima.');
      },
    });
    await page.goto(`/tickets/${ticket.id}`);
    await expect(
      page.getByRole('heading', { level: 1 }).locator('..').getByText(statusText('ticket', 'closed'), { exact: true }),
    ).toBeVisible();
  });

  test('in plan by the building manager, not manageable by the contractor', async ({ page }) => {
    const inPlan = await workOrderAt(ctx, 'Plafoniera del bagno da sostituire.', 'inspected');
    const notManageable = await workOrderAt(ctx, 'Presa del laboratorio fuori norma.', 'inspected');
    await loginAs(page, 'bm.centrale');
    await page.goto(`/work-orders/${inPlan.wo}`);
    await act(page, {
      object: 'workOrder',
      action: 'mark_in_plan',
      as: 'bm.centrale',
      from: 'inspected',
      after: it.status.outcome.in_plan,
      mark: 'Rifacimento illuminazione dei servizi',
      fill: async (d) => {
        await d.getByLabel(/^Attività programmata/).fill('Rifacimento illuminazione dei servizi');
        await choosePlanned(page, d);
        await d.getByLabel(/^Nota/).fill('Si fa con il rifacimento di giugno.');
      },
    });
    await switchUser(page, 'ditta.elettrica');
    await page.goto(`/work-orders/${notManageable.wo}`);
    await act(page, {
      object: 'workOrder',
      action: 'mark_not_manageable',
      as: 'ditta.elettrica',
      from: 'inspected',
      after: it.status.outcome.not_manageable,
      mark: "Serve il progetto dell'impianto del laboratorio: fuori contratto.",
      fill: (d) => d.getByLabel(/^Motivo/).fill("Serve il progetto dell'impianto del laboratorio: fuori contratto."),
    });
  });

  test('the service head denies a quote', async ({ page }) => {
    const { wo } = await workOrderAt(ctx, 'Quadro di piano da sostituire.', 'inspected');
    const contractor = await api(ctx, 'ditta.elettrica');
    const { version } = await contractor.get<{ version: number }>(`/api/work-orders/${wo}`);
    expect(performed.some((p) => p.action === 'submit_quote')).toBe(true);
    await contractor.post(`/api/work-orders/${wo}/actions/submit_quote`, {
      version,
      lines: [{ description: 'Quadro di piano nuovo', unit: 'cad', quantity: 1, unitPriceCents: 180000, category: 'works' }],
    });
    await loginAs(page, 'capo.servizio');
    await page.goto(`/work-orders/${wo}`);
    await act(page, {
      object: 'workOrder',
      action: 'deny_quote',
      as: 'capo.servizio',
      from: 'awaiting_authorization',
      after: it.status.outcome.denied,
      mark: 'Da inserire nel piano dei quadri del prossimo anno.',
      fill: (d) => d.getByLabel(/^Motivo del diniego/).fill('Da inserire nel piano dei quadri del prossimo anno.'),
    });
  });

  test('an emergency order starts right after acknowledgement and is cancelled; a duplicate ticket is dismissed', async ({ page }) => {
    const emergency = await workOrderAt(ctx, 'Scintille dalla presa della sala riunioni.', 'acknowledged', 'emergency');
    const duplicate = await newTicket(ctx, 'Prese senza corrente al piano interrato (già segnalato).');
    await loginAs(page, 'ditta.elettrica');
    await page.goto(`/work-orders/${emergency.wo}`);
    await act(page, {
      object: 'workOrder',
      action: 'start_work',
      as: 'ditta.elettrica',
      from: 'acknowledged',
      after: statusText('workOrder', 'in_progress'),
      mark: 'Sul posto: presa isolata.',
      fill: (d) => d.getByLabel(/^Nota/).fill('Sul posto: presa isolata.'),
    });
    await switchUser(page, 'bm.centrale');
    await page.goto(`/work-orders/${emergency.wo}`);
    await act(page, {
      object: 'workOrder',
      action: 'cancel',
      as: 'bm.centrale',
      from: 'in_progress',
      after: it.status.outcome.cancelled,
      mark: "La sala è stata chiusa: l'impianto sarà rifatto con i lavori di ristrutturazione.",
      fill: (d) => d.getByLabel(/^Motivo/).fill("La sala è stata chiusa: l'impianto sarà rifatto con i lavori di ristrutturazione."),
    });
    await page.goto(`/tickets/${duplicate.id}`);
    await act(page, {
      object: 'ticket',
      action: 'dismiss',
      as: 'bm.centrale',
      from: 'new',
      after: statusText('ticket', 'closed'),
      mark: `Doppione della segnalazione ${ticketA.number}.`,
      fill: (d) => d.getByLabel(/^Motivo/).fill(`Doppione della segnalazione ${ticketA.number}.`),
    });
  });

  // Reads what the tests above performed: run alone (--grep), it fails by design, listing every row.
  test('every row of both machines was performed through the UI by a role it allows', () => {
    const missing = (object: Obj, table: ReadonlyArray<{ action: string; from: readonly string[]; roles: readonly string[] }>) =>
      table
        .filter(
          (row) =>
            !performed.some(
              (p) => p.object === object && p.action === row.action && row.roles.includes(p.role) && row.from.includes(p.from),
            ),
        )
        .map((row) => `${object} ${row.action} (${row.roles.join('/')} from ${row.from.join('/')})`);
    expect([...missing('ticket', TICKET_TRANSITIONS), ...missing('workOrder', WORK_ORDER_TRANSITIONS)]).toEqual([]);
  });
});
