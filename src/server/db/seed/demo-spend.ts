// Demo spend (#10 item 6): lot 4 (fire protection) gets the extra-fee quote that takes it just past
// 80 % of its contract amount — the fire-detection system of the Chemistry building replaced —
// played through the workflow services like the other stories, so the service head's approval
// raises the spend alert (in-app + outbox) exactly as in real use, and the spend page and the homes
// show a contract near its limit. Lot 4: 1,260,000 € of which 740,000 € is the flat fee of its four
// years; this quote (about 286,600 € net) brings it to about 81.5 %.
import type { AppContext } from '../../context.ts';
import { demoClock, loadActors, loadRefs, Story } from './demo-story.ts';

/** Plays the story; returns the ticket's number. */
export async function seedDemoSpend(ctx: AppContext, opts: { now: Date }): Promise<string> {
  const [r, actors] = await Promise.all([loadRefs(ctx.db), loadActors(ctx.db)]);
  const c = demoClock(opts.now);
  const d = c.ago;
  const s = new Story('fire-detection-upgrade')
    .open(d(16, '09:10'), 'callcenter', {
      buildingId: r.building('MI-B05'),
      callerName: 'Ufficio tecnico DCMC',
      callerPhone: '+39 02 5550 4410',
      callerEmail: 'ufficio.tecnico.dcmc@uniesempio.example',
      subject: 'Impianto di rivelazione incendi in guasto',
      description:
        "La centrale di rivelazione incendi dell'edificio Chimica segnala guasti ripetuti sui loop 3 e 5; il manutentore dice che è fuori produzione e non ci sono più ricambi.",
    })
    .ticket(d(16, '10:00'), 'bm.centrale', 'qualify', { findings: 'Centrale del 2004, fuori produzione: guasti confermati sui loop 3 e 5' })
    .ticket(d(16, '10:05'), 'bm.centrale', 'issue', {
      technologyClassId: r.cls('ANT'),
      priority: 'ordinary',
      description: "Adeguamento dell'impianto di rivelazione incendi dell'edificio Chimica: sostituzione di centrale, rivelatori e linee",
    })
    .wo(d(15, '09:00'), 'ditta.antincendio', 'acknowledge')
    .wo(d(15, '09:05'), 'ditta.antincendio', 'schedule_inspection', { inspectionAt: c.agoIso(14, '10:00') })
    .wo(d(14, '16:00'), 'ditta.antincendio', 'record_inspection', {
      findings:
        'Impianto da rifare per intero: 1.400 rivelatori, 180 pulsanti, 220 pannelli ottico-acustici, linee non resistenti al fuoco',
    })
    .wo(d(10, '11:00'), 'ditta.antincendio', 'submit_quote', {
      note: 'Sostituzione completa (UNI 9795:2021), extra canone',
      lines: [
        { description: 'Centrale di rivelazione incendi indirizzata, 8 loop', unit: 'cad', quantity: 1, unitPriceCents: 1_850_000 },
        { description: 'Rivelatore ottico di fumo indirizzato con base', unit: 'cad', quantity: 1400, unitPriceCents: 9500 },
        { description: 'Pulsante manuale di allarme indirizzato', unit: 'cad', quantity: 180, unitPriceCents: 8200 },
        { description: 'Pannello ottico-acustico di allarme', unit: 'cad', quantity: 220, unitPriceCents: 11_500 },
        { description: 'Cavo resistente al fuoco PH120 2x1,5 mm²', unit: 'm', quantity: 18_000, unitPriceCents: 420 },
        { description: 'Posa, programmazione e collaudo', unit: 'h', quantity: 1400, unitPriceCents: 3450, category: 'labour' },
        { description: 'Oneri della sicurezza', unit: 'a corpo', quantity: 1, unitPriceCents: 1_200_000, category: 'safety' },
      ],
    })
    .wo(d(8, '12:30'), 'capo.servizio', 'approve_quote', { note: 'Autorizzato: impianto fuori produzione, intervento non rinviabile' });
  for (const step of s.steps) await step.run({ ...ctx, now: () => new Date(step.at) }, actors);
  return s.number;
}
