// The money after the work in the demo university (#10 items 1–2), called by seedOnStart after the
// activity and the technicians. Everything goes through the services, each step with the clock at
// its own instant, as real use would have it:
//   1. four extra-fee jobs of the building-fabric and plumbing lots are played from the ticket to
//      completion with a quote of the demo price list (LAZIO-2023-G) approved by the service head;
//   2. every completed or verified corrective work order gets its closing documents handed in and
//      accepted by its building manager — but one keeps a document missing and another has one
//      returned with a reason (those two cannot enter the accounts yet);
//   3. final accounts in every state: several approved (flat and extra fee, last month's and this
//      month's, so that a monthly statement has material), one returned by accounting, one
//      submitted to accounting, one in draft, one with a variance over the contract's 20 % waiting
//      for the service head.
import type { Principal, Role } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { createFinalAccount, editFinalAccount, finalAccountAction } from '../../modules/accounting/final-accounts.service.ts';
import type { FinalAccountLineInputDto } from '../../modules/accounting/final-accounts.schemas.ts';
import { documentAction } from '../../modules/as-built/as-built.service.ts';
import { uploadToWorkOrder } from '../../modules/attachments/attachments.service.ts';
import { workOrderRoles } from '../../modules/tickets/access.ts';
import { demoClock, loadActors, loadRefs, Story, type DemoRefs, type DemoClock, type Who } from './demo-story.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// A one-page PDF: the attachment service recognises files by content.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

type Plan = 'approved' | 'approved_variance' | 'over_threshold' | 'submitted';

interface ExtraJob {
  key: string;
  plan: Plan;
  story: Story;
  /** The lines measured on site (the quote's, some quantities changed), or null: as quoted. */
  actual: FinalAccountLineInputDto[] | null;
  varianceReason?: string;
  /** Working days ago of completion and of the final account's steps. */
  doneAgo: number;
  accountAgo: number;
}

/** The extra-fee jobs: each a ticket played to completion with its quote approved. */
function extraJobs(r: DemoRefs, c: DemoClock): ExtraJob[] {
  const d = c.ago;
  const past = c.agoIso;
  const job = (
    key: string,
    o: {
      building: string;
      space: string;
      manager: Who;
      contractor: Who;
      cls: string;
      subject: string;
      description: string;
      findings: string;
      quote: FinalAccountLineInputDto[];
      start: number;
      plumbing?: boolean;
    },
  ) => {
    const s = new Story(`money-${key}`);
    const n = o.start;
    s.open(d(n, '09:10'), o.manager, {
      buildingId: r.building(o.building),
      spaceId: r.space(o.building, o.space),
      subject: o.subject,
      description: o.description,
    })
      .ticket(d(n, '09:40'), o.manager, 'issue', { technologyClassId: r.cls(o.cls), priority: 'ordinary', description: o.subject })
      .wo(d(n, '11:00'), o.contractor, 'acknowledge')
      .wo(d(n, '11:05'), o.contractor, 'schedule_inspection', { inspectionAt: past(n - 1, '09:30') })
      .wo(d(n - 1, '10:15'), o.contractor, 'record_inspection', { findings: o.findings })
      .wo(d(n - 1, '15:00'), o.contractor, 'submit_quote', { note: `${o.subject} (extra canone)`, lines: o.quote })
      .wo(d(n - 2, '10:00'), 'capo.servizio', 'approve_quote', { note: 'Autorizzato' })
      .wo(d(n - 2, '11:00'), o.contractor, 'schedule_work', { scheduledAt: past(n - 3, '08:30') })
      .wo(d(n - 3, '08:40'), o.contractor, 'start_work');
    return s;
  };
  return [
    {
      key: 'door',
      plan: 'approved_variance',
      doneAgo: 27,
      accountAgo: 24,
      story: job('door', {
        building: 'MI-B02',
        space: 'P2.01',
        manager: 'bm.centrale',
        contractor: 'ditta.edile',
        cls: 'EDI',
        subject: "Chiusura del vano porta tra l'aula N.2.1 e il deposito",
        description: "Il vano porta tra l'aula N.2.1 e il deposito va chiuso: la porta non esiste più e passa il rumore.",
        findings: 'Vano 100x220 cm da chiudere con tavolato in forati da 8 cm, intonaco e tinteggiatura',
        quote: [
          { priceListItemId: r.item('G.1.03.2.a'), quantity: 2.2 },
          { description: 'Intonaco civile e tinteggiatura delle due facce', unit: 'mq', quantity: 4.4, unitPriceCents: 2850 },
          { description: 'Muratore', unit: 'h', quantity: 4, unitPriceCents: 3450, category: 'labour' },
          { description: 'Oneri della sicurezza', unit: 'a corpo', quantity: 1, unitPriceCents: 5000, category: 'safety' },
        ],
        start: 33,
      }),
      // Measured on site: the opening was 2.4 m², not 2.2.
      actual: [
        { priceListItemId: r.item('G.1.03.2.a'), quantity: 2.4 },
        { description: 'Intonaco civile e tinteggiatura delle due facce', unit: 'mq', quantity: 4.8, unitPriceCents: 2850 },
        { description: 'Muratore', unit: 'h', quantity: 4, unitPriceCents: 3450, category: 'labour' },
        { description: 'Oneri della sicurezza', unit: 'a corpo', quantity: 1, unitPriceCents: 5000, category: 'safety' },
      ],
      varianceReason: 'Vano misurato in opera 100x240 cm invece di 100x220 cm',
    },
    {
      key: 'washbasins',
      plan: 'approved',
      doneAgo: 16,
      accountAgo: 13,
      story: job('washbasins', {
        building: 'MI-B02',
        space: 'P2.04',
        manager: 'bm.centrale',
        contractor: 'ditta.termica',
        cls: 'IDR',
        subject: 'Rimozione dei lavabi dismessi nel bagno del secondo piano',
        description: 'Nel bagno del secondo piano due lavabi dismessi e le loro linee vanno tolti per il nuovo bagno accessibile.',
        findings: 'Due lavabi e le linee acqua calda e fredda da rimuovere fino alle valvole',
        quote: [
          { priceListItemId: r.item('G.1.02.3'), quantity: 2 },
          { priceListItemId: r.item('G.1.02.4.a'), quantity: 2 },
          { description: 'Oneri della sicurezza', unit: 'a corpo', quantity: 1, unitPriceCents: 4000, category: 'safety' },
        ],
        start: 22,
        plumbing: true,
      }),
      actual: null,
    },
    {
      key: 'partition',
      plan: 'over_threshold',
      doneAgo: 7,
      accountAgo: 5,
      story: job('partition', {
        building: 'MI-B09',
        space: 'P1.01',
        manager: 'bm.dmec',
        contractor: 'ditta.edile',
        cls: 'EDI',
        subject: 'Tramezzo del laboratorio prove da rifare',
        description: 'Il tramezzo tra il laboratorio prove e il corridoio è lesionato dopo lo spostamento di una macchina.',
        findings: 'Tavolato in forati da 12 cm lesionato per circa 6 mq',
        quote: [
          { priceListItemId: r.item('G.1.03.1.c'), quantity: 6 },
          { description: 'Muratore', unit: 'h', quantity: 3, unitPriceCents: 3450, category: 'labour' },
        ],
        start: 13,
      }),
      // The wall came down further than it looked: 9 m² rebuilt, a steel lintel by analysis.
      actual: [
        { priceListItemId: r.item('G.1.03.1.c'), quantity: 9 },
        { description: 'Muratore', unit: 'h', quantity: 5, unitPriceCents: 3450, category: 'labour' },
      ],
      varianceReason: 'Rimuovendo le parti lesionate il tavolato è risultato da rifare per 9 mq invece di 6',
    },
    {
      key: 'skirting',
      plan: 'approved',
      doneAgo: 5,
      accountAgo: 3,
      story: job('skirting', {
        building: 'MI-B02',
        space: 'P2.01',
        manager: 'bm.centrale',
        contractor: 'ditta.edile',
        cls: 'EDI',
        subject: "Pavimento in linoleum staccato nell'aula N.2.1",
        description: "Il linoleum dell'aula N.2.1 si è staccato lungo la parete delle finestre: si inciampa.",
        findings: 'Linoleum da rimuovere per 12 mq con i battiscopa, supporto da conservare',
        quote: [
          { priceListItemId: r.item('G.1.02.1.c'), quantity: 12 },
          { priceListItemId: r.item('G.1.02.2.b'), quantity: 14 },
          { description: 'Posa di nuovo linoleum 2,5 mm con collante', unit: 'mq', quantity: 12, unitPriceCents: 3900 },
        ],
        start: 11,
      }),
      actual: null,
    },
  ];
}

/** A demo user by username as the services see it (accounting is not one of the stories' actors). */
export async function principal(ctx: AppContext, username: string): Promise<Principal | null> {
  const u = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'language', 'contractor_id', 'department_id'])
    .where('username', '=', username)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!u) return null;
  const roles = await ctx.db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    language: u.language === 'en' ? 'en' : 'it',
    roles: new Set(roles.map((r) => r.role as Role)),
    contractorId: u.contractor_id,
    departmentId: u.department_id,
    via: 'session',
  };
}

export interface DemoMoney {
  documentsAccepted: number;
  finalAccounts: Record<string, number>;
}

export async function seedDemoFinalAccounts(ctx: AppContext, opts: { now: Date }): Promise<DemoMoney> {
  const out: DemoMoney = { documentsAccepted: 0, finalAccounts: {} };
  if (await ctx.db.selectFrom('final_accounts').select('id').limit(1).executeTakeFirst()) return out;
  const now = opts.now.getTime();
  const at = (ms: number): AppContext => ({ ...ctx, now: () => new Date(ms) });
  const [refs, actors, accounting] = await Promise.all([loadRefs(ctx.db), loadActors(ctx.db), principal(ctx, 'contabilita')]);
  if (!accounting) return out;
  const clock = demoClock(opts.now);

  // 1. The extra-fee jobs, up to their start of work; then the declaration (plumbing) and completion.
  const jobs = extraJobs(refs, clock);
  const steps = jobs.flatMap((j, si) => j.story.steps.map((step, k) => ({ step, si, k })));
  steps.sort((a, b) => a.step.at - b.step.at || a.si - b.si || a.k - b.k);
  for (const { step } of steps) await step.run(at(step.at), actors);
  for (const j of jobs) {
    const id = j.story.workOrderIds[0];
    const doneAt = clock.ago(j.doneAgo, '16:00');
    const w = await ctx.db.selectFrom('work_orders').select(['contractor_id', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    const contractor = [...actors.values()].find((p) => p.contractorId === w.contractor_id)!;
    if (j.story.key === 'money-washbasins')
      await uploadToWorkOrder(at(doneAt - 10 * MINUTE), contractor, id, {
        kind: 'conformity_declaration',
        filename: 'dichiarazione-conformita.pdf',
        contentType: 'application/pdf',
        data: PDF,
      });
    const { workOrderAction } = await import('../../modules/work-orders/work-orders.service.ts');
    const fresh = await ctx.db.selectFrom('work_orders').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await workOrderAction(at(doneAt), contractor, id, 'complete', {
      version: Number(fresh.version),
      report: `Lavoro eseguito: ${j.story.key === 'money-washbasins' ? 'lavabi e linee rimossi, valvole tappate' : 'opere murarie completate e pulizia'}`,
      hours: 6,
      materials: 'Vedi righe del consuntivo',
    });
  }

  // 2. Closing documents of every done corrective work order.
  const done = await ctx.db
    .selectFrom('work_orders')
    .select(['id', 'number', 'contractor_id', 'building_id', 'completed_at', 'extra_fee', 'hours_centi', 'materials'])
    .where('status', 'in', ['completed', 'verified'])
    .where('kind', '<>', 'planned')
    .where('completed_at', 'is not', null)
    .orderBy('completed_at')
    .orderBy('id')
    .execute();
  const extraIds = new Set(jobs.map((j) => j.story.workOrderIds[0]));
  const people = [...actors.values()];
  const rolesOf = async (p: Principal, w: { contractor_id: string; building_id: string }) => workOrderRoles(ctx.db, p, w);
  let missingLeft = false;
  let returnedOne = false;
  const blocked = new Set<string>();
  for (const w of done) {
    const contractor = people.find((p) => p.contractorId === w.contractor_id);
    let manager: Principal | undefined;
    for (const p of people) if (p.username.startsWith('bm.') && (await rolesOf(p, w)).has('building_manager')) manager = manager ?? p;
    if (!contractor || !manager) continue;
    const docs = await ctx.db
      .selectFrom('work_order_documents')
      .select(['document_type', 'state', 'version'])
      .where('work_order_id', '=', w.id)
      .orderBy('document_type')
      .execute();
    // Handed in and checked within the hour after completion (every completion is a working day ago or more).
    let t = Date.parse(w.completed_at!);
    for (const [i, d] of docs.entries()) {
      let version = Number(d.version);
      // One flat-fee work order keeps a document missing: it cannot enter the accounts yet.
      if (!missingLeft && !extraIds.has(w.id) && d.state === 'missing') {
        missingLeft = true;
        blocked.add(w.id);
        continue;
      }
      if (d.state === 'missing' || d.state === 'returned') {
        const file = await uploadToWorkOrder(at((t += 5 * MINUTE)), contractor, w.id, {
          kind: d.document_type as never,
          filename: `${d.document_type}-${w.number}.pdf`,
          contentType: 'application/pdf',
          data: PDF,
        });
        await documentAction(at((t += MINUTE)), contractor, w.id, d.document_type, 'upload', { version, attachmentId: file.id });
        version += 1;
      }
      if (d.state === 'accepted') continue;
      // Another has its first document returned with a reason (the contractor must hand it in again).
      if (!returnedOne && !extraIds.has(w.id) && blocked.size === 1 && i === 0 && !blocked.has(w.id)) {
        returnedOne = true;
        blocked.add(w.id);
        await documentAction(at((t += 5 * MINUTE)), manager, w.id, d.document_type, 'return', {
          version,
          reason: 'Documento non firmato dal tecnico abilitato: consegnarlo firmato',
        });
        continue;
      }
      await documentAction(at((t += 5 * MINUTE)), manager, w.id, d.document_type, 'accept', { version });
      out.documentsAccepted += 1;
    }
  }

  // 3. Final accounts.
  const count = (state: string) => (out.finalAccounts[state] = (out.finalAccounts[state] ?? 0) + 1);
  for (const j of jobs) {
    const id = j.story.workOrderIds[0];
    const w = done.find((x) => x.id === id)!;
    const contractor = people.find((p) => p.contractorId === w.contractor_id)!;
    let t = clock.ago(j.accountAgo, '09:00');
    let fa = await createFinalAccount(at(t), contractor, id, {});
    if (j.actual) fa = await editFinalAccount(at((t += HOUR)), contractor, fa.id, { version: fa.version, lines: j.actual });
    fa = await finalAccountAction(at((t += HOUR)), contractor, fa.id, 'submit', { version: fa.version, varianceReason: j.varianceReason });
    if (j.plan === 'approved' || j.plan === 'approved_variance')
      fa = await finalAccountAction(at(clock.ago(j.accountAgo - 1, '11:00')), accounting, fa.id, 'approve', { version: fa.version });
    count(fa.status);
  }

  // Flat-fee work: hours and materials on record (labour and a materials line), nothing charged.
  const flat = done.filter((w) => !extraIds.has(w.id) && !blocked.has(w.id));
  const plans = ['approved', 'approved', 'approved', 'returned', 'approved', 'submitted', 'approved', 'draft'] as const;
  for (const [i, w] of flat.entries()) {
    const plan = plans[i];
    if (!plan) break;
    const contractor = people.find((p) => p.contractorId === w.contractor_id);
    if (!contractor) continue;
    const hours = w.hours_centi === null ? 2 : Number(w.hours_centi) / 100;
    const lines: FinalAccountLineInputDto[] = [
      { description: 'Manodopera: tecnico specializzato', unit: 'h', quantity: hours, unitPriceCents: 3300, category: 'labour' },
      {
        description: w.materials ? `Materiali: ${w.materials}`.slice(0, 500) : 'Materiali di consumo',
        unit: 'a corpo',
        quantity: 1,
        unitPriceCents: 1500 + ((i * 1370) % 6000),
        category: 'works',
      },
    ];
    // Written two hours after completion, submitted an hour later, decided the next day: never after now.
    const done0 = Date.parse(w.completed_at!) + 2 * HOUR;
    const [opened, sent, decided] = [done0, done0 + HOUR, done0 + DAY].map((ms, k) => Math.min(ms, now - (3 - k) * 10 * MINUTE));
    let fa = await createFinalAccount(at(opened), contractor, w.id, { lines });
    if (plan !== 'draft') fa = await finalAccountAction(at(sent), contractor, fa.id, 'submit', { version: fa.version });
    if (plan === 'approved') fa = await finalAccountAction(at(decided), accounting, fa.id, 'approve', { version: fa.version });
    if (plan === 'returned')
      fa = await finalAccountAction(at(decided), accounting, fa.id, 'return', {
        version: fa.version,
        reason: 'Indicare nel consuntivo le ore di ciascun tecnico come da rapportino',
      });
    count(fa.status);
  }
  return out;
}
