// The stories of the demo activity: 37 tickets of the last six weeks (days are working days
// before today, times are Rome working hours), chosen so that the service is seen in every state
// of workflow 1 (docs DOMAIN.md):
//
//   ticket new (3), qualifying, qualified, in progress, resolved waiting for the call center (2),
//   closed: rated (good, and a low one flagged for review), not rated yet, not rateable (no address),
//   dismissed as a duplicate, in plan, not manageable, quote denied;
//   work order issued (an urgent one never acknowledged: overdue), acknowledged (one late on site),
//   inspection scheduled, inspected, in plan proposed, awaiting authorisation (quote with price-list
//   lines of LAZIO-2023-G and free lines), authorised, scheduled, waiting for materials (expected
//   date), in progress (one reopened by a "work not done" rating, one after a priority change),
//   completed to verify (one whose first completion was rejected: now closed), verified, closed
//   (in plan, not manageable, denied, cancelled); an emergency taken straight to work;
//   comments public and internal, reminders ("sollecito") and a complaint.
//
// Every company, person, address and phone number is invented (as in demo.ts).
import type { DemoClock, DemoRefs } from './demo-story.ts';
import { Story } from './demo-story.ts';

export function demoStories(r: DemoRefs, c: DemoClock): Story[] {
  const d = c.ago; // step instant: n working days ago at HH:mm
  const past = c.agoIso; // a past instant as a field
  const next = c.ahead; // a coming instant as a field
  const cls = r.cls;
  const stories: Story[] = [];
  const story = (key: string) => {
    const s = new Story(key);
    stories.push(s);
    return s;
  };

  // --- closed and rated ------------------------------------------------------------------------

  story('leak-sink-bovisa')
    .open(d(29, '09:14'), 'richiedente', {
      buildingId: r.building('MI-B08'),
      spaceId: r.space('MI-B08', 'P0.04'),
      subject: 'Perdita dallo scarico del lavabo nei servizi al piano terra',
      description:
        "Nei servizi igienici al piano terra il lavabo centrale perde dallo scarico: c'è acqua sul pavimento e si rischia di scivolare.",
    })
    .ticket(d(29, '10:02'), 'bm.dmec', 'qualify', { findings: 'Perdita confermata dal custode: acqua sul pavimento sotto il lavabo' })
    .ticket(d(29, '10:06'), 'bm.dmec', 'issue', {
      technologyClassId: cls('IDR'),
      priority: 'ordinary',
      description: 'Riparare lo scarico del lavabo centrale nei servizi igienici del piano terra (perdita dal sifone)',
    })
    .wo(d(29, '11:31'), 'ditta.termica', 'acknowledge')
    .wo(d(29, '11:33'), 'ditta.termica', 'schedule_inspection', { inspectionAt: past(28, '09:00') })
    .wo(d(28, '09:40'), 'ditta.termica', 'record_inspection', {
      findings: 'Sifone in PVC fessurato e guarnizione della piletta deteriorata',
    })
    .wo(d(28, '09:45'), 'ditta.termica', 'schedule_work', { scheduledAt: past(27, '08:30') })
    .wo(d(27, '08:34'), 'ditta.termica', 'start_work')
    .wo(d(27, '10:12'), 'ditta.termica', 'complete', {
      report: 'Sostituiti sifone e guarnizione della piletta; prova di tenuta eseguita, pavimento asciugato.',
      hours: 1.5,
      materials: 'Sifone in PVC 1" 1/4, guarnizioni',
    })
    .wo(d(27, '14:05'), 'bm.dmec', 'verify', { note: 'Verificato: nessuna perdita' })
    .ticket(d(27, '15:20'), 'callcenter', 'close', { note: 'Intervento concluso: scarico riparato' })
    .rate(d(26, '09:03'), 5, true, 'Intervento rapido e pulito, grazie.');

  story('ai-lab-lights')
    .open(d(27, '08:52'), 'requester.en', {
      buildingId: r.building('MI-B04'),
      spaceId: r.space('MI-B04', 'P1.01'),
      subject: 'Lights out in the AI lab',
      description:
        'Half of the ceiling lights in the Artificial Intelligence lab went off this morning; the students are working with desk lamps.',
    })
    .ticket(d(27, '09:20'), 'bm.deib', 'qualify', { findings: 'Metà delle plafoniere del laboratorio spente' })
    .ticket(d(27, '09:24'), 'bm.deib', 'issue', {
      technologyClassId: cls('ELE'),
      priority: 'urgent',
      description: "Ripristinare l'illuminazione del Laboratorio di Intelligenza Artificiale: metà delle plafoniere spente",
    })
    .wo(d(27, '09:51'), 'ditta.elettrica', 'acknowledge')
    .wo(d(27, '09:53'), 'ditta.elettrica', 'schedule_inspection', { inspectionAt: past(27, '13:00') })
    .wo(d(27, '13:18'), 'ditta.elettrica', 'record_inspection', {
      findings: 'Scattato il magnetotermico della linea luci: 4 reattori elettronici in corto',
    })
    .wo(d(27, '13:22'), 'ditta.elettrica', 'schedule_work', { scheduledAt: past(27, '14:00') })
    .wo(d(27, '14:04'), 'ditta.elettrica', 'start_work')
    .wo(d(27, '16:31'), 'ditta.elettrica', 'complete', {
      report: 'Sostituiti 4 reattori elettronici, ripristinata e provata la linea luci.',
      hours: 2.5,
      materials: '4 reattori elettronici 2x36 W',
    })
    .wo(d(26, '09:12'), 'bm.deib', 'verify')
    .ticket(d(26, '10:02'), 'callcenter', 'close')
    .rate(d(25, '11:05'), 4, true, 'Fixed the same day, thank you. One lamp near the window still flickers a little.');

  story('hot-computer-room')
    .open(d(26, '10:12'), 'callcenter', {
      buildingId: r.building('MI-B02'),
      spaceId: r.space('MI-B02', 'P1.03'),
      callerName: 'prof.ssa Laura Bianchi',
      callerPhone: '+39 02 5550 7712',
      callerEmail: 'laura.bianchi@uniesempio.example',
      subject: 'Aula informatica troppo calda: il climatizzatore non raffresca',
      description:
        "Nell'aula informatica N.1.3 il climatizzatore è acceso ma esce aria calda: in aula ci sono 29 °C e i computer vanno in protezione.",
    })
    .ticket(d(26, '11:00'), 'bm.centrale', 'qualify')
    .ticket(d(26, '11:04'), 'bm.centrale', 'issue', {
      technologyClassId: cls('TER'),
      priority: 'ordinary',
      description: "Climatizzatore dell'aula informatica N.1.3 che non raffresca",
    })
    .wo(d(25, '09:30'), 'ditta.termica', 'acknowledge')
    .wo(d(25, '09:34'), 'ditta.termica', 'schedule_inspection', { inspectionAt: past(23, '10:00') })
    .comment(d(24, '15:10'), 'callcenter', 'La prof.ssa Bianchi ha richiamato: lezioni spostate in aula N.0.2 fino alla riparazione.', {
      internal: true,
    })
    .wo(d(23, '10:42'), 'ditta.termica', 'record_inspection', {
      findings: "Split a parete con perdita di gas refrigerante sul raccordo dell'unità esterna",
    })
    .wo(d(23, '10:46'), 'ditta.termica', 'schedule_work', { scheduledAt: past(20, '09:00') })
    .comment(
      d(23, '10:50'),
      'ditta.termica',
      'Serve il cercafughe elettronico e una bombola di R32: intervento fissato per il primo giorno utile.',
      { onWorkOrder: true },
    )
    .wo(d(20, '09:06'), 'ditta.termica', 'start_work')
    .wo(d(20, '12:14'), 'ditta.termica', 'complete', {
      report: 'Ricerca perdita, rifatta la cartella del raccordo, vuoto e ricarica con 1,2 kg di R32; temperatura di mandata 12 °C.',
      hours: 4,
      materials: 'R32 1,2 kg, raccordo a cartella 3/8"',
    })
    .wo(d(19, '10:02'), 'bm.centrale', 'verify')
    .ticket(d(19, '11:30'), 'callcenter', 'close', { note: 'Climatizzatore riparato' })
    .rate(d(18, '09:21'), 2, true, "Risolto, ma dopo quasi due settimane con l'aula inutilizzabile e nessuna notizia nel frattempo.");

  story('cold-radiators-como')
    .open(d(22, '08:41'), 'callcenter', {
      buildingId: r.building('CO-B01'),
      spaceId: r.space('CO-B01', 'P1.01'),
      callerName: 'dott. Paolo Ferrario',
      callerPhone: '+39 031 555 0720',
      callerEmail: 'paolo.ferrario@uniesempio.example',
      subject: "Termosifoni freddi nell'aula 1.1",
      description: 'In aula 1.1 i termosifoni sono freddi da stamattina: ci sono 15 °C e alle 10 inizia un esame scritto.',
    })
    .ticket(d(22, '09:08'), 'bm.como', 'qualify')
    .ticket(d(22, '09:11'), 'bm.como', 'issue', {
      technologyClassId: cls('TER'),
      priority: 'urgent',
      description: "Termosifoni freddi nell'aula 1.1: verificare circolazione e valvole",
    })
    .wo(d(22, '09:38'), 'ditta.termica', 'acknowledge')
    .wo(d(22, '09:40'), 'ditta.termica', 'schedule_inspection', { inspectionAt: past(22, '14:00') })
    .wo(d(22, '14:32'), 'ditta.termica', 'record_inspection', {
      findings: 'Aria nei radiatori e valvole termostatiche bloccate su tre radiatori',
    })
    .wo(d(22, '14:36'), 'ditta.termica', 'schedule_work', { scheduledAt: past(21, '08:30') })
    .wo(d(21, '08:33'), 'ditta.termica', 'start_work')
    .wo(d(21, '11:02'), 'ditta.termica', 'complete', {
      report: 'Sfiatati i radiatori e sbloccate le valvole termostatiche; circolazione ripristinata.',
      hours: 2,
    })
    .comment(d(21, '15:00'), 'callcenter', 'Il dott. Ferrario richiama: i due radiatori lato finestre sono ancora freddi.', {
      internal: true,
    })
    .wo(d(21, '15:06'), 'callcenter', 'reject_completion', {
      reason: 'Due radiatori lato finestre ancora freddi (segnalato dal docente alle 15:00)',
    })
    .wo(d(20, '08:31'), 'ditta.termica', 'start_work', { note: 'Secondo intervento sui radiatori lato finestre' })
    .wo(d(20, '10:34'), 'ditta.termica', 'complete', {
      report: 'Sostituite due valvole termostatiche difettose e bilanciato il circuito: tutti i radiatori in temperatura.',
      hours: 1.5,
      materials: '2 valvole termostatiche 1/2"',
    })
    .wo(d(20, '14:02'), 'bm.como', 'verify', { note: 'Aula a 20 °C' })
    .ticket(d(20, '15:01'), 'callcenter', 'close')
    .rate(d(19, '10:33'), 4, true, 'Bene, anche se è servito un secondo intervento.');

  story('fire-door-library')
    .open(d(18, '10:05'), 'callcenter', {
      buildingId: r.building('MI-B07'),
      spaceId: r.space('MI-B07', 'P1.01'),
      callerName: 'Anna Cattaneo (Biblioteca Centrale)',
      callerPhone: '+39 02 5550 7330',
      callerEmail: 'anna.cattaneo@uniesempio.example',
      subject: 'Porta tagliafuoco non si chiude',
      description:
        'La porta tagliafuoco tra la sala consultazione periodici e la scala resta aperta: il magnete non la rilascia e il chiudiporta non la richiude.',
    })
    .ticket(d(18, '10:20'), 'bm.centrale', 'qualify', { findings: 'Verificato: la porta REI resta aperta anche con allarme simulato' })
    .ticket(d(18, '10:24'), 'bm.centrale', 'issue', {
      technologyClassId: cls('ANT'),
      priority: 'urgent',
      description: 'Porta tagliafuoco REI 120 tra sala periodici e scala: ripristinare la chiusura automatica',
    })
    .wo(d(18, '10:48'), 'ditta.antincendio', 'acknowledge')
    .wo(d(18, '10:50'), 'ditta.antincendio', 'schedule_inspection', { inspectionAt: past(18, '15:00') })
    .wo(d(18, '15:24'), 'ditta.antincendio', 'record_inspection', {
      findings: 'Chiudiporta aereo esaurito; elettromagnete di trattenuta funzionante',
    })
    .wo(d(18, '15:28'), 'ditta.antincendio', 'schedule_work', { scheduledAt: past(17, '09:00') })
    .wo(d(17, '09:04'), 'ditta.antincendio', 'start_work')
    .wo(d(17, '11:06'), 'ditta.antincendio', 'complete', {
      report: 'Sostituito il chiudiporta aereo e regolato il selettore di chiusura; prova di rilascio dalla centrale eseguita.',
      hours: 2,
      materials: 'Chiudiporta aereo EN 1154 forza 5',
    })
    .wo(d(17, '11:40'), 'bm.centrale', 'verify')
    .ticket(d(17, '12:10'), 'callcenter', 'close')
    .rate(d(16, '09:02'), 5, true, 'Perfetto, grazie per la rapidità.');

  story('server-room-ac')
    .open(d(12, '08:40'), 'requester.en', {
      buildingId: r.building('MI-B03'),
      spaceId: r.space('MI-B03', 'P2.02'),
      subject: 'The server room is overheating',
      description:
        'The temperature alarm of the server room went off at 8:30: the room is at 31 °C and the air conditioner is blowing warm air.',
    })
    .ticket(d(12, '08:55'), 'bm.deib', 'qualify')
    .ticket(d(12, '09:00'), 'bm.deib', 'issue', {
      technologyClassId: cls('TER'),
      priority: 'urgent',
      description: 'Condizionamento della sala server in avaria: 31 °C in sala',
    })
    .wo(d(12, '09:25'), 'ditta.termica', 'acknowledge')
    .wo(d(12, '09:27'), 'ditta.termica', 'schedule_inspection', { inspectionAt: past(12, '11:00') })
    .wo(d(12, '11:30'), 'ditta.termica', 'record_inspection', { findings: 'Filtri intasati e ventilatore del condensatore bloccato' })
    .wo(d(12, '11:35'), 'ditta.termica', 'schedule_work', { scheduledAt: past(12, '14:00') })
    .wo(d(12, '14:02'), 'ditta.termica', 'start_work')
    .wo(d(12, '16:20'), 'ditta.termica', 'complete', {
      report: 'Pulizia dei filtri e sostituzione del motore del ventilatore del condensatore; sala a 22 °C.',
      hours: 3,
      materials: 'Motore ventilatore condensatore 230 V',
    })
    .wo(d(11, '09:00'), 'bm.deib', 'verify')
    .ticket(d(11, '09:30'), 'callcenter', 'close')
    .rate(d(11, '10:05'), 5, true, 'Great job, the room is back to 22 °C.');

  // An emergency: issued at once, made safe and worked without an inspection first.
  story('lift-trapped')
    .open(d(24, '11:42'), 'callcenter', {
      buildingId: r.building('MI-B01'),
      spaceId: r.space('MI-B01', 'P0.01'),
      assetId: r.asset('MI-B01-ASC-01'),
      danger: true,
      callerName: 'Giorgio Pozzi (portineria Rettorato)',
      callerPhone: '+39 02 5550 7001',
      subject: "Ascensore bloccato al piano terra con una persona all'interno",
      description:
        "Dalla portineria: l'ascensore A dell'atrio si è fermato al piano terra con le porte chiuse e una persona dentro. La persona sta bene ed è in contatto dal citofono di cabina.",
    })
    .ticket(d(24, '11:44'), 'bm.centrale', 'issue', {
      technologyClassId: cls('ASC'),
      priority: 'emergency',
      assetId: r.asset('MI-B01-ASC-01'),
      description: "Liberare la persona bloccata nell'ascensore A e mettere in sicurezza l'impianto",
    })
    .wo(d(24, '11:49'), 'ditta.ascensori', 'acknowledge', { note: 'Tecnico in arrivo, circa 20 minuti' })
    .wo(d(24, '12:08'), 'ditta.ascensori', 'start_work', { note: 'Tecnico sul posto' })
    .comment(
      d(24, '12:24'),
      'ditta.ascensori',
      'Persona liberata alle 12:20 con la manovra di emergenza. Impianto fermo in sicurezza per la verifica.',
      { onWorkOrder: true },
    )
    .wo(d(24, '16:40'), 'ditta.ascensori', 'complete', {
      report:
        'Manovra di emergenza e liberazione; sostituito il contatto della serratura di piano al P0; prove di funzionamento e di sicurezza eseguite, impianto rimesso in servizio.',
      hours: 3.5,
      materials: 'Contatto di serratura di piano',
    })
    .wo(d(23, '09:15'), 'bm.centrale', 'verify')
    .ticket(d(23, '10:05'), 'callcenter', 'close', { note: 'Impianto rimesso in servizio' });

  // --- reopened: the rating says the work was not done ----------------------------------------

  story('lab-door-reopened')
    .open(d(20, '09:31'), 'richiedente', {
      buildingId: r.building('MI-B09'),
      spaceId: r.space('MI-B09', 'P1.01'),
      subject: 'La porta del laboratorio non si chiude a chiave',
      description:
        "La porta d'ingresso del Laboratorio Materiali da Costruzione non si chiude più a chiave: la chiave gira a vuoto e la sera il laboratorio resta aperto.",
    })
    .ticket(d(20, '10:28'), 'bm.dmec', 'qualify')
    .ticket(d(20, '10:33'), 'bm.dmec', 'issue', {
      technologyClassId: cls('EDI'),
      priority: 'ordinary',
      description: "Riparare la serratura della porta d'ingresso del Laboratorio Materiali da Costruzione",
    })
    .wo(d(19, '09:02'), 'ditta.edile', 'acknowledge')
    .wo(d(19, '09:04'), 'ditta.edile', 'schedule_inspection', { inspectionAt: past(18, '10:00') })
    .wo(d(18, '10:31'), 'ditta.edile', 'record_inspection', { findings: 'Cilindro europeo usurato' })
    .wo(d(18, '10:35'), 'ditta.edile', 'schedule_work', { scheduledAt: past(16, '09:00') })
    .wo(d(16, '09:08'), 'ditta.edile', 'start_work')
    .wo(d(16, '10:27'), 'ditta.edile', 'complete', {
      report: 'Sostituito il cilindro europeo; consegnate 3 chiavi al custode.',
      hours: 1,
      materials: 'Cilindro europeo 30/40 con 3 chiavi',
    })
    .wo(d(15, '09:01'), 'bm.dmec', 'verify')
    .ticket(d(15, '10:00'), 'callcenter', 'close')
    .rate(d(14, '08:52'), 1, false, 'La porta continua a non chiudersi: il problema è lo scrocco, non il cilindro.')
    .comment(
      d(14, '09:30'),
      'bm.dmec',
      'Riaperta dalla valutazione del richiedente: chiesto alla ditta di sostituire la serratura completa.',
      { internal: true },
    )
    .comment(
      d(13, '10:00'),
      'ditta.edile',
      'Ripetuto il sopralluogo: va sostituita la serratura completa di scrocco, ordinata al fornitore.',
      { onWorkOrder: true },
    )
    .wo(d(13, '10:05'), 'ditta.edile', 'wait_materials', {
      expectedOn: pastDate(c, 4),
      note: 'Serratura da infilare con scrocco reversibile ordinata',
    })
    .ticket(d(6, '09:15'), 'richiedente', 'remind', { note: 'Il laboratorio resta aperto la sera: quando arriva la serratura?' })
    .wo(d(3, '14:00'), 'ditta.edile', 'resume', { scheduledAt: past(2, '09:00') })
    .wo(d(2, '09:10'), 'ditta.edile', 'start_work');

  // --- resolved: verified, waiting for the call center to close --------------------------------

  story('skylight-leak')
    .open(d(6, '08:20'), 'bm.centrale', {
      buildingId: r.building('MI-B06'),
      spaceId: r.space('MI-B06', 'P0.02'),
      subject: "Infiltrazione d'acqua dal lucernario del laboratorio modelli",
      description:
        'Con il temporale di stanotte è entrata acqua dal lucernario del Laboratorio modelli: secchi sotto il gocciolamento, plastici spostati.',
    })
    .ticket(d(6, '08:24'), 'bm.centrale', 'issue', {
      technologyClassId: cls('EDI'),
      priority: 'urgent',
      description: "Eliminare l'infiltrazione dal lucernario del Laboratorio modelli (sigillatura e verifica della scossalina)",
    })
    .wo(d(6, '09:40'), 'ditta.edile', 'acknowledge')
    .wo(d(6, '09:42'), 'ditta.edile', 'schedule_inspection', { inspectionAt: past(6, '14:00') })
    .wo(d(6, '14:35'), 'ditta.edile', 'record_inspection', {
      findings: 'Sigillatura perimetrale del lucernario degradata, scossalina staccata su un lato',
    })
    .wo(d(6, '14:40'), 'ditta.edile', 'schedule_work', { scheduledAt: past(5, '08:30') })
    .wo(d(5, '08:36'), 'ditta.edile', 'start_work')
    .wo(d(5, '12:50'), 'ditta.edile', 'complete', {
      report: 'Rifatta la sigillatura perimetrale con silicone neutro e fissata la scossalina; prova con acqua superata.',
      hours: 4,
      materials: 'Silicone neutro, rivetti, scossalina in alluminio 1 m',
    })
    .comment(d(4, '09:00'), 'bm.centrale', 'Aspetto la prossima pioggia per verificare la tenuta prima di chiudere.', { internal: true })
    .wo(d(1, '16:05'), 'bm.centrale', 'verify', { note: 'Nessuna infiltrazione con la pioggia di ieri' });

  story('tap-leak-como')
    .open(d(5, '11:10'), 'callcenter', {
      buildingId: r.building('CO-B02'),
      spaceId: r.space('CO-B02', 'P1.03'),
      callerName: 'Elisa Frigerio (Laboratori di Como)',
      callerPhone: '+39 031 555 0731',
      callerEmail: 'elisa.frigerio@uniesempio.example',
      subject: 'Rubinetto del lavabo che perde nei servizi al primo piano',
      description: 'Nei servizi igienici al primo piano il rubinetto del lavabo gocciola di continuo anche chiuso.',
    })
    .ticket(d(5, '11:40'), 'bm.como', 'qualify')
    .ticket(d(5, '11:43'), 'bm.como', 'issue', {
      technologyClassId: cls('IDR'),
      priority: 'ordinary',
      description: 'Rubinetto che gocciola nei servizi igienici del primo piano',
    })
    .wo(d(4, '08:45'), 'ditta.termica', 'acknowledge')
    .wo(d(4, '08:47'), 'ditta.termica', 'schedule_inspection', { inspectionAt: past(3, '09:00') })
    .wo(d(3, '09:25'), 'ditta.termica', 'record_inspection', { findings: 'Cartuccia del miscelatore usurata' })
    .wo(d(3, '09:28'), 'ditta.termica', 'schedule_work', { scheduledAt: past(2, '10:00') })
    .wo(d(2, '10:05'), 'ditta.termica', 'start_work')
    .wo(d(2, '10:50'), 'ditta.termica', 'complete', {
      report: 'Sostituita la cartuccia del miscelatore: nessuna perdita.',
      hours: 0.75,
      materials: 'Cartuccia ceramica 35 mm',
    })
    .wo(d(1, '14:20'), 'callcenter', 'verify', { note: 'La sig.ra Frigerio conferma al telefono che non perde più' });

  // --- closed without work: in plan, not manageable, quote denied, duplicate -------------------

  story('emergency-lights-in-plan')
    .open(d(16, '14:10'), 'bm.centrale', {
      buildingId: r.building('MI-B07'),
      spaceId: r.space('MI-B07', 'P0.01'),
      subject: 'Lampade di emergenza spente nella sala di lettura',
      description: 'Durante il giro di controllo: sei lampade di emergenza della sala di lettura hanno il LED verde spento.',
    })
    .ticket(d(16, '14:14'), 'bm.centrale', 'issue', {
      technologyClassId: cls('ELE'),
      priority: 'ordinary',
      description: 'Verificare 6 lampade di emergenza della sala di lettura (LED di presenza rete spento)',
    })
    .wo(d(15, '08:50'), 'ditta.elettrica', 'acknowledge')
    .wo(d(15, '08:52'), 'ditta.elettrica', 'schedule_inspection', { inspectionAt: past(14, '11:00') })
    .wo(d(14, '11:30'), 'ditta.elettrica', 'record_inspection', {
      findings: 'Batterie esaurite su 6 apparecchi autonomi: rientrano nella verifica semestrale di durata, prossima a breve',
    })
    .wo(d(14, '11:40'), 'ditta.elettrica', 'mark_in_plan', {
      plannedActivity:
        "Verifica semestrale dell'illuminazione di emergenza (UNI CEI 11222) – Biblioteca Centrale, programma del mese prossimo",
      note: 'Sostituzione delle batterie nella verifica semestrale',
    })
    .wo(d(13, '09:10'), 'bm.centrale', 'confirm_in_plan', { note: 'Confermato: batterie sostituite con la verifica semestrale' });

  story('flicker-in-plan-proposed')
    .open(d(8, '10:15'), 'requester.en', {
      buildingId: r.building('MI-B03'),
      subject: 'Flickering lights in the first-floor corridor',
      description:
        'The ceiling lights in the first-floor corridor of the Electronics building keep flickering, especially in the afternoon. It is quite annoying for the offices nearby.',
    })
    .ticket(d(8, '11:00'), 'bm.deib', 'qualify')
    .ticket(d(8, '11:05'), 'bm.deib', 'issue', {
      technologyClassId: cls('ELE'),
      priority: 'ordinary',
      description: 'Plafoniere che sfarfallano nel corridoio del primo piano',
      location: 'Corridoio del primo piano, lato studi docenti',
    })
    .wo(d(7, '09:20'), 'ditta.elettrica', 'acknowledge')
    .wo(d(7, '09:22'), 'ditta.elettrica', 'schedule_inspection', { inspectionAt: past(5, '10:00') })
    .wo(d(5, '10:40'), 'ditta.elettrica', 'record_inspection', {
      findings: 'Tubi fluorescenti a fine vita: il corridoio è nel relamping LED già programmato',
    })
    .wo(d(5, '10:45'), 'ditta.elettrica', 'mark_in_plan', {
      plannedActivity: "Relamping LED dei corridoi dell'Edificio Elettronica (programma del mese prossimo)",
    });

  story('intercom-not-manageable')
    .open(d(11, '09:05'), 'callcenter', {
      buildingId: r.building('CO-B02'),
      callerName: 'Portineria Laboratori di Como',
      callerPhone: '+39 031 555 0700',
      subject: "Il citofono del cancello d'ingresso non funziona",
      description: 'Il citofono del cancello pedonale non suona in portineria: i visitatori restano fuori.',
    })
    .ticket(d(11, '09:30'), 'bm.como', 'qualify')
    .ticket(d(11, '09:35'), 'bm.como', 'issue', {
      technologyClassId: cls('SPE'),
      priority: 'ordinary',
      description: 'Citofono del cancello pedonale non funzionante',
      location: 'Cancello pedonale su via Valleggio',
    })
    .wo(d(11, '11:10'), 'ditta.elettrica', 'acknowledge')
    .wo(d(11, '11:12'), 'ditta.elettrica', 'schedule_inspection', { inspectionAt: past(10, '10:00') })
    .wo(d(10, '10:45'), 'ditta.elettrica', 'record_inspection', {
      findings: "Il citofono fa parte dell'impianto del complesso confinante (condominio di via Valleggio 9)",
    })
    .wo(d(10, '10:50'), 'ditta.elettrica', 'mark_not_manageable', {
      reason:
        "Impianto non di proprietà dell'ateneo: il citofono appartiene al condominio di via Valleggio 9, da segnalare al suo amministratore.",
    })
    .comment(d(10, '11:30'), 'callcenter', "Abbiamo inoltrato la segnalazione all'amministratore del condominio di via Valleggio 9.");

  story('linoleum-denied')
    .open(d(15, '09:40'), 'callcenter', {
      buildingId: r.building('MI-B06'),
      spaceId: r.space('MI-B06', 'P1.01'),
      callerName: 'prof. Enrico Valsecchi',
      callerPhone: '+39 02 5550 7450',
      callerEmail: 'enrico.valsecchi@uniesempio.example',
      subject: 'Pavimento in linoleum sollevato nel laboratorio di progettazione 1',
      description:
        'Nel Laboratorio di progettazione 1 il linoleum è sollevato e strappato in più punti vicino ai tavoli: gli studenti inciampano.',
    })
    .ticket(d(15, '10:15'), 'bm.centrale', 'qualify')
    .ticket(d(15, '10:20'), 'bm.centrale', 'issue', {
      technologyClassId: cls('EDI'),
      priority: 'ordinary',
      description: 'Pavimento in linoleum sollevato e strappato nel Laboratorio di progettazione 1',
    })
    .wo(d(15, '14:00'), 'ditta.edile', 'acknowledge')
    .wo(d(15, '14:02'), 'ditta.edile', 'schedule_inspection', { inspectionAt: past(14, '09:30') })
    .wo(d(14, '10:05'), 'ditta.edile', 'record_inspection', {
      findings: "Linoleum distaccato su circa 62 m², sottofondo sano: va sostituita la pavimentazione dell'aula",
    })
    .wo(d(13, '11:20'), 'ditta.edile', 'submit_quote', {
      note: 'Sostituzione della pavimentazione del Laboratorio di progettazione 1 (extra canone)',
      lines: [
        { priceListItemId: r.item('G.1.01.1.b'), quantity: 62 },
        { priceListItemId: r.item('G.1.04.2'), quantity: 62 },
        {
          code: 'NP.01',
          description: 'Fornitura e posa di pavimento vinilico omogeneo in teli, sp. 2 mm, con sgusce e saldature a caldo',
          unit: 'mq',
          quantity: 62,
          unitPriceCents: 4200,
        },
        {
          description: "Oneri della sicurezza: delimitazione dell'area e protezione degli arredi",
          unit: 'a corpo',
          quantity: 1,
          unitPriceCents: 45000,
          category: 'safety',
        },
      ],
    })
    .wo(d(11, '16:00'), 'capo.servizio', 'deny_quote', {
      reason:
        "Non autorizzato: la pavimentazione dell'edificio sarà rifatta con la riqualificazione prevista nel 2027. Nel frattempo i bordi sollevati vengono fissati e segnalati.",
    });

  const corridorLights = story('corridor-lights-closed')
    .open(d(9, '08:50'), 'callcenter', {
      buildingId: r.building('CO-B01'),
      callerName: 'prof.ssa Elena Ruffoni',
      callerPhone: '+39 031 555 0744',
      callerEmail: 'elena.ruffoni@uniesempio.example',
      subject: 'Luci spente nel corridoio del primo piano',
      description:
        'Nel corridoio del primo piano del Palazzo didattico le luci non si accendono più, né dagli interruttori né col sensore.',
    })
    .ticket(d(9, '09:20'), 'bm.como', 'qualify')
    .ticket(d(9, '09:25'), 'bm.como', 'issue', {
      technologyClassId: cls('ELE'),
      priority: 'ordinary',
      description: 'Luci del corridoio del primo piano spente',
      location: 'Corridoio del primo piano',
    })
    .wo(d(9, '11:00'), 'ditta.elettrica', 'acknowledge')
    .wo(d(9, '11:02'), 'ditta.elettrica', 'schedule_inspection', { inspectionAt: past(8, '09:00') })
    .wo(d(8, '09:30'), 'ditta.elettrica', 'record_inspection', {
      findings: 'Relè del circuito luci del corridoio guasto nel quadro di piano',
    })
    .wo(d(8, '09:35'), 'ditta.elettrica', 'schedule_work', { scheduledAt: past(7, '09:00') })
    .wo(d(7, '09:05'), 'ditta.elettrica', 'start_work')
    .wo(d(7, '10:30'), 'ditta.elettrica', 'complete', {
      report: 'Sostituito il relè del circuito luci nel quadro di piano; luci e sensori provati.',
      hours: 1.25,
      materials: 'Relè modulare 16 A',
    })
    .wo(d(5, '09:30'), 'bm.como', 'verify')
    .ticket(d(2, '10:00'), 'callcenter', 'close', { note: 'Luci del corridoio ripristinate' }); // rating link sent, not used yet

  story('duplicate-dismissed')
    .open(d(9, '10:30'), 'callcenter', {
      buildingId: r.building('CO-B01'),
      callerName: 'Segreteria del Polo di Como',
      callerPhone: '+39 031 555 0100',
      subject: 'Corridoio del primo piano al buio',
      description: 'Chiamano dalla segreteria: nel corridoio del primo piano le luci non si accendono.',
    })
    .ticket(d(9, '11:02'), 'bm.como', 'dismiss', () => ({
      reason: `Doppione della segnalazione ${corridorLights.number}: lo stesso guasto è già in carico alla ditta elettrica.`,
    }));

  // --- open work orders, state by state --------------------------------------------------------

  // Issued to the wrong class, reissued to the right one, the wrong one cancelled; now to verify.
  story('burnt-socket-reissued')
    .open(d(2, '09:12'), 'callcenter', {
      buildingId: r.building('MI-B05'),
      spaceId: r.space('MI-B05', 'P1.04'),
      callerName: 'Roberta Villa (segreteria DCMC)',
      callerPhone: '+39 02 5550 7520',
      callerEmail: 'roberta.villa@uniesempio.example',
      subject: 'Presa elettrica annerita in segreteria',
      description:
        'In segreteria DCMC una presa a muro dietro la stampante è annerita e si sente odore di plastica bruciata. Abbiamo staccato la stampante.',
    })
    .ticket(d(2, '09:30'), 'bm.centrale', 'qualify', { findings: 'Presa bruciata, stampante scollegata: nessun pericolo immediato' })
    .ticket(d(2, '09:34'), 'bm.centrale', 'issue', {
      technologyClassId: cls('SPE'),
      priority: 'urgent',
      description: 'Presa annerita dietro la stampante della segreteria DCMC: sostituire e verificare la linea',
    })
    .ticket(d(2, '09:39'), 'bm.centrale', 'issue', {
      technologyClassId: cls('ELE'),
      priority: 'urgent',
      description: 'Presa annerita dietro la stampante della segreteria DCMC: sostituire e verificare la linea',
    })
    .wo(
      d(2, '09:41'),
      'bm.centrale',
      'cancel',
      { reason: "Emesso per errore sulla classe impianti speciali: sostituito dall'ordine sugli impianti elettrici" },
      0,
    )
    .wo(d(2, '10:05'), 'ditta.elettrica', 'acknowledge')
    .wo(d(2, '10:07'), 'ditta.elettrica', 'schedule_inspection', { inspectionAt: past(2, '11:30') })
    .wo(d(2, '11:50'), 'ditta.elettrica', 'record_inspection', {
      findings: 'Presa 10/16 A con contatti ossidati e morsetto allentato; linea integra',
    })
    .wo(d(2, '11:55'), 'ditta.elettrica', 'schedule_work', { scheduledAt: past(2, '14:00') })
    .wo(d(2, '14:02'), 'ditta.elettrica', 'start_work')
    .wo(d(2, '15:10'), 'ditta.elettrica', 'complete', {
      report: "Sostituite la presa e quella adiacente, serrati i morsetti; misurato l'isolamento della linea (> 100 MΩ).",
      hours: 1.5,
      materials: '2 prese bipasso 10/16 A',
    });

  story('library-lamps-completed')
    .open(d(4, '10:40'), 'callcenter', {
      buildingId: r.building('CO-B03'),
      spaceId: r.space('CO-B03', 'P1.02'),
      callerName: 'Luca Gerosa (Biblioteca di Polo)',
      callerPhone: '+39 031 555 0760',
      callerEmail: 'luca.gerosa@uniesempio.example',
      subject: "Due plafoniere spente nell'ufficio dei bibliotecari",
      description: "Nell'ufficio dei bibliotecari due plafoniere su quattro sono spente.",
    })
    .ticket(d(4, '11:00'), 'bm.como', 'qualify')
    .ticket(d(4, '11:03'), 'bm.como', 'issue', {
      technologyClassId: cls('ELE'),
      priority: 'ordinary',
      description: "Due plafoniere spente nell'ufficio dei bibliotecari",
    })
    .wo(d(3, '09:00'), 'ditta.elettrica', 'acknowledge')
    .wo(d(3, '09:02'), 'ditta.elettrica', 'schedule_inspection', { inspectionAt: past(2, '09:30') })
    .wo(d(2, '10:00'), 'ditta.elettrica', 'record_inspection', { findings: 'Due tubi fluorescenti esauriti' })
    .wo(d(2, '10:04'), 'ditta.elettrica', 'schedule_work', { scheduledAt: past(1, '09:00') })
    .wo(d(1, '09:05'), 'ditta.elettrica', 'start_work')
    .wo(d(1, '09:50'), 'ditta.elettrica', 'complete', {
      report: 'Sostituiti due tubi fluorescenti da 58 W.',
      hours: 0.5,
      materials: '2 tubi fluorescenti T8 58 W',
    });

  // Overdue: urgent, issued three working days ago, never taken in charge.
  story('overdue-urgent')
    .open(d(3, '10:02'), 'callcenter', {
      buildingId: r.building('MI-B05'),
      spaceId: r.space('MI-B05', 'P0.02'),
      callerName: 'dott.ssa Silvia Colombo',
      callerPhone: '+39 02 5550 7541',
      callerEmail: 'silvia.colombo@uniesempio.example',
      subject: 'Il salvavita del laboratorio di sintesi scatta di continuo',
      description:
        'Nel Laboratorio di Sintesi Organica il differenziale del quadro di laboratorio scatta più volte al giorno e le cappe si spengono durante le sintesi.',
    })
    .ticket(d(3, '10:15'), 'bm.centrale', 'qualify', {
      findings: 'Confermato dal tecnico di laboratorio: tre interventi del differenziale stamattina',
    })
    .ticket(d(3, '10:20'), 'bm.centrale', 'issue', {
      technologyClassId: cls('ELE'),
      priority: 'urgent',
      description:
        'Differenziale del quadro del Laboratorio di Sintesi Organica che interviene di continuo: ricerca del guasto di isolamento',
    })
    .comment(d(2, '09:30'), 'callcenter', 'Sollecitata la ditta al telefono: nessuna presa in carico, dicono che richiamano.', {
      internal: true,
    })
    .comment(d(1, '11:00'), 'callcenter', 'Abbiamo sollecitato la ditta elettrica; vi aggiorniamo appena è fissato il sopralluogo.');

  story('window-handle')
    .open(d(1, '15:02'), 'bm.centrale', {
      buildingId: r.building('MI-B01'),
      spaceId: r.space('MI-B01', 'P2.02'),
      subject: "Maniglia della finestra rotta nell'Ufficio Personale",
      description: "La maniglia della seconda finestra dell'Ufficio Personale si è rotta: la finestra resta socchiusa.",
    })
    .ticket(d(1, '15:06'), 'bm.centrale', 'issue', {
      technologyClassId: cls('EDI'),
      priority: 'ordinary',
      description: "Sostituire la maniglia rotta della seconda finestra dell'Ufficio Personale",
    });

  // Overdue on site: acknowledged, no inspection after several working days.
  story('overdue-onsite')
    .open(d(7, '13:30'), 'callcenter', {
      buildingId: r.building('CO-B01'),
      spaceId: r.space('CO-B01', 'P1.02'),
      callerName: 'Portineria Palazzo didattico',
      callerPhone: '+39 031 555 0702',
      subject: "Acqua sotto il termosifone dell'aula 1.2",
      description: "Gli studenti segnalano una pozza d'acqua sotto il termosifone vicino alla cattedra dell'aula 1.2.",
    })
    .ticket(d(7, '14:00'), 'bm.como', 'qualify')
    .ticket(d(7, '14:04'), 'bm.como', 'issue', {
      technologyClassId: cls('TER'),
      priority: 'ordinary',
      description: "Perdita dal termosifone vicino alla cattedra dell'aula 1.2",
    })
    .wo(d(6, '10:15'), 'ditta.termica', 'acknowledge', { note: 'Sopralluogo da programmare' })
    .comment(d(2, '16:00'), 'bm.como', 'Ditta sollecitata per il sopralluogo; nel frattempo il custode ha messo una bacinella.', {
      internal: true,
    });

  story('lift-door-en')
    .open(d(2, '09:45'), 'requester.en', {
      buildingId: r.building('MI-B03'),
      assetId: r.asset('MI-B03-ASC-01'),
      subject: 'Lift door keeps reopening',
      description:
        'The cabin door of the lift in the Electronics building reopens several times before closing; sometimes it takes a minute to leave the floor.',
    })
    .ticket(d(2, '10:30'), 'bm.deib', 'qualify')
    .ticket(d(2, '10:34'), 'bm.deib', 'issue', {
      technologyClassId: cls('ASC'),
      priority: 'urgent',
      description: "Porta di cabina dell'ascensore che si riapre di continuo (fotocellula o costola mobile)",
    })
    .wo(d(1, '08:40'), 'ditta.ascensori', 'acknowledge', { note: 'Tecnico programmato in giornata' });

  story('noisy-ac-inspection')
    .open(d(3, '14:15'), 'bm.deib', {
      buildingId: r.building('MI-B03'),
      spaceId: r.space('MI-B03', 'P1.03'),
      subject: 'Condizionatore rumoroso nella sala riunioni DEIB',
      description: "L'unità interna del condizionatore della sala riunioni vibra rumorosamente appena parte.",
    })
    .ticket(d(3, '14:18'), 'bm.deib', 'issue', {
      technologyClassId: cls('TER'),
      priority: 'ordinary',
      description: 'Unità interna rumorosa nella sala riunioni DEIB: verificare ventilatore e staffaggi',
    })
    .wo(d(2, '09:10'), 'ditta.termica', 'acknowledge')
    .wo(d(2, '09:12'), 'ditta.termica', 'schedule_inspection', { inspectionAt: next(1, '10:00') });

  story('workshop-crack')
    .open(d(5, '10:00'), 'bm.dmec', {
      buildingId: r.building('MI-B08'),
      spaceId: r.space('MI-B08', 'P0.02'),
      subject: "Crepa nel muro dell'officina meccanica",
      description: 'Nel muro divisorio tra officina e laboratorio prove si è aperta una crepa diagonale di circa un metro.',
    })
    .ticket(d(5, '10:05'), 'bm.dmec', 'issue', {
      technologyClassId: cls('EDI'),
      priority: 'ordinary',
      description: 'Crepa diagonale nel tramezzo tra officina meccanica e laboratorio prove: verifica e ripristino',
    })
    .wo(d(4, '09:30'), 'ditta.edile', 'acknowledge')
    .wo(d(4, '09:33'), 'ditta.edile', 'schedule_inspection', { inspectionAt: past(2, '11:00') })
    .wo(d(2, '11:40'), 'ditta.edile', 'record_inspection', {
      findings:
        'Fessura da assestamento nel tramezzo in laterizio, non strutturale (meno di 1 mm, ferma al fessurimetro). Ripristino con rete e rasatura: preventivo a seguire.',
    });

  story('ceiling-plaster-quote')
    .open(d(8, '09:20'), 'callcenter', {
      buildingId: r.building('MI-B01'),
      spaceId: r.space('MI-B01', 'P2.03'),
      callerName: 'Marta Redaelli (Ufficio Personale)',
      callerPhone: '+39 02 5550 7160',
      callerEmail: 'marta.redaelli@uniesempio.example',
      subject: 'Intonaco che si stacca dal soffitto della sala riunioni',
      description:
        'Nella sala riunioni al secondo piano del Rettorato sono caduti pezzi di intonaco dal soffitto vicino alla finestra. Abbiamo chiuso la sala.',
    })
    .ticket(d(8, '09:45'), 'bm.centrale', 'request_inspection', {
      inspectionAt: past(8, '14:30'),
      note: 'Passo io a vedere nel pomeriggio',
    })
    .ticket(d(8, '15:00'), 'bm.centrale', 'qualify', { findings: 'Distacco di intonaco su circa 2 m²: sala interdetta in via cautelativa' })
    .ticket(d(8, '15:05'), 'bm.centrale', 'issue', {
      technologyClassId: cls('EDI'),
      priority: 'urgent',
      description: 'Distacco di intonaco dal soffitto della sala riunioni al secondo piano: messa in sicurezza e ripristino',
    })
    .wo(d(8, '15:40'), 'ditta.edile', 'acknowledge')
    .wo(d(8, '15:42'), 'ditta.edile', 'schedule_inspection', { inspectionAt: past(7, '09:00') })
    .wo(d(7, '09:50'), 'ditta.edile', 'record_inspection', {
      findings:
        "Intonaco ammalorato da una vecchia infiltrazione, ora asciutta: battitura dell'intero soffitto, rimozione delle parti distaccate e ripristino. Area messa in sicurezza.",
    })
    .wo(d(6, '11:30'), 'ditta.edile', 'submit_quote', {
      note: "Preventivo extra canone: ripristino dell'intonaco del soffitto e tinteggiatura",
      lines: [
        { priceListItemId: r.item('G.1.04.1.b'), quantity: 38 },
        { priceListItemId: r.item('G.1.04.4.b'), quantity: 9.5 },
        { priceListItemId: r.item('G.1.04.7'), quantity: 38 },
        {
          code: 'NP.01',
          description: 'Tinteggiatura del soffitto con idropittura traspirante, due mani',
          unit: 'mq',
          quantity: 38,
          unitPriceCents: 780,
        },
        {
          description: "Oneri della sicurezza: trabattello, teli di protezione, delimitazione dell'area",
          unit: 'a corpo',
          quantity: 1,
          unitPriceCents: 18000,
          category: 'safety',
        },
      ],
    })
    .comment(
      d(3, '10:00'),
      'bm.centrale',
      "Sollecitato il capo servizio per l'autorizzazione: la sala serve per le commissioni di concorso.",
      { internal: true },
    );

  story('partition-authorized')
    .open(d(9, '11:20'), 'bm.dmec', {
      buildingId: r.building('MI-B09'),
      spaceId: r.space('MI-B09', 'P1.02'),
      subject: 'Parete in cartongesso sfondata negli uffici tecnici',
      description:
        'Spostando un banco prova è stata sfondata la parete in cartongesso degli uffici tecnici del laboratorio (foro di circa un metro).',
    })
    .ticket(d(9, '11:25'), 'bm.dmec', 'issue', {
      technologyClassId: cls('EDI'),
      priority: 'ordinary',
      description: 'Ripristino della parete in cartongesso sfondata negli uffici tecnici del laboratorio',
    })
    .wo(d(8, '09:00'), 'ditta.edile', 'acknowledge')
    .wo(d(8, '09:02'), 'ditta.edile', 'schedule_inspection', { inspectionAt: past(7, '14:00') })
    .wo(d(7, '14:40'), 'ditta.edile', 'record_inspection', {
      findings: 'Lastre da sostituire per circa 6,5 m², orditura metallica integra',
    })
    .wo(d(6, '10:00'), 'ditta.edile', 'submit_quote', {
      note: 'Ripristino della parete danneggiata (extra canone, danno accidentale)',
      lines: [
        { priceListItemId: r.item('G.1.03.7'), quantity: 6.5 },
        { priceListItemId: r.item('G.1.04.7'), quantity: 13 },
        {
          code: 'NP.02',
          description: 'Tinteggiatura della parete con idropittura, due mani',
          unit: 'mq',
          quantity: 13,
          unitPriceCents: 780,
        },
        {
          description: 'Smontaggio e smaltimento delle lastre danneggiate',
          unit: 'h',
          quantity: 3,
          unitPriceCents: 3450,
          category: 'labour',
        },
        { description: 'Oneri della sicurezza', unit: 'a corpo', quantity: 1, unitPriceCents: 8000, category: 'safety' },
      ],
    })
    .wo(d(1, '12:15'), 'capo.servizio', 'approve_quote', { note: 'Autorizzato, a carico del dipartimento DMEC' });

  story('washbasin-scheduled')
    .open(d(12, '09:10'), 'callcenter', {
      buildingId: r.building('MI-B02'),
      spaceId: r.space('MI-B02', 'P2.04'),
      requesterId: r.user('richiedente'),
      callerPhone: '+39 02 5550 2210',
      subject: 'Lavabo rotto nei servizi igienici del secondo piano',
      description:
        "Il prof. Colombo segnala al telefono che nei servizi del secondo piano dell'Edificio Aule Nord un lavabo è crepato e perde quando si apre l'acqua.",
    })
    .ticket(d(12, '09:50'), 'bm.centrale', 'qualify', { findings: 'Lavabo crepato: rubinetto chiuso e cartello "fuori servizio"' })
    .ticket(d(12, '09:55'), 'bm.centrale', 'issue', {
      technologyClassId: cls('IDR'),
      priority: 'ordinary',
      description: 'Sostituire il lavabo crepato nei servizi igienici del secondo piano',
    })
    .wo(d(12, '11:30'), 'ditta.termica', 'acknowledge')
    .wo(d(12, '11:32'), 'ditta.termica', 'schedule_inspection', { inspectionAt: past(11, '09:30') })
    .wo(d(11, '10:10'), 'ditta.termica', 'record_inspection', {
      findings: 'Lavabo in vitreous china crepato, da sostituire con la rubinetteria',
    })
    .wo(d(10, '15:00'), 'ditta.termica', 'submit_quote', {
      note: 'Sostituzione del lavabo (extra canone)',
      lines: [
        { priceListItemId: r.item('G.1.02.3'), quantity: 1 },
        {
          code: 'NP.03',
          description: 'Fornitura e posa di lavabo in vitreous china 60x45 cm con miscelatore monocomando e sifone',
          unit: 'cad',
          quantity: 1,
          unitPriceCents: 31500,
        },
        { description: 'Idraulico specializzato', unit: 'h', quantity: 3, unitPriceCents: 3300, category: 'labour' },
        { description: 'Oneri della sicurezza', unit: 'a corpo', quantity: 1, unitPriceCents: 6000, category: 'safety' },
      ],
    })
    .wo(d(5, '10:30'), 'capo.servizio', 'approve_quote')
    .wo(d(4, '09:15'), 'ditta.termica', 'schedule_work', { scheduledAt: next(2, '08:30') });

  story('shutter-scheduled')
    .open(d(6, '12:30'), 'richiedente', {
      buildingId: r.building('MI-B02'),
      spaceId: r.space('MI-B02', 'P2.01'),
      subject: "Tapparella bloccata nell'aula N.2.1",
      description: 'In aula N.2.1 la tapparella della terza finestra è bloccata a metà: il sole batte sullo schermo del proiettore.',
    })
    .ticket(d(5, '09:00'), 'bm.centrale', 'qualify')
    .ticket(d(5, '09:05'), 'bm.centrale', 'issue', {
      technologyClassId: cls('EDI'),
      priority: 'ordinary',
      description: "Tapparella bloccata a metà nell'aula N.2.1 (terza finestra)",
    })
    .wo(d(5, '10:20'), 'ditta.edile', 'acknowledge')
    .wo(d(5, '10:22'), 'ditta.edile', 'schedule_inspection', { inspectionAt: past(3, '08:30') })
    .wo(d(3, '09:00'), 'ditta.edile', 'record_inspection', { findings: "Cinghia dell'avvolgitore consumata" })
    .wo(d(3, '09:05'), 'ditta.edile', 'schedule_work', { scheduledAt: next(3, '08:30') });

  // Waiting for materials, with the requester's reminders and a complaint.
  story('lift-materials')
    .open(d(14, '08:55'), 'richiedente', {
      buildingId: r.building('MI-B08'),
      subject: 'Ascensore fuori servizio: la pulsantiera di cabina non risponde',
      description:
        "L'ascensore dell'Edificio Meccanica non risponde ai pulsanti di cabina: si chiama ai piani ma non parte. Al secondo piano lavorano colleghi con difficoltà motorie.",
    })
    .ticket(d(14, '09:20'), 'bm.dmec', 'qualify')
    .ticket(d(14, '09:24'), 'bm.dmec', 'issue', {
      technologyClassId: cls('ASC'),
      priority: 'urgent',
      description: "Pulsantiera di cabina dell'ascensore dell'Edificio Meccanica non funzionante",
    })
    .wo(d(14, '10:10'), 'ditta.ascensori', 'acknowledge')
    .wo(d(14, '10:12'), 'ditta.ascensori', 'schedule_inspection', { inspectionAt: past(14, '14:00') })
    .wo(d(14, '14:40'), 'ditta.ascensori', 'record_inspection', {
      findings: 'Scheda elettronica della pulsantiera di cabina guasta, ricambio non a magazzino. Impianto fermo in sicurezza.',
    })
    .wo(d(14, '14:45'), 'ditta.ascensori', 'schedule_work', { scheduledAt: past(12, '09:00') })
    .wo(d(13, '09:30'), 'ditta.ascensori', 'wait_materials', {
      expectedOn: c.aheadDate(4),
      note: 'Scheda di cabina ordinata al costruttore: consegna in circa tre settimane',
    })
    .ticket(d(9, '09:15'), 'richiedente', 'remind', { note: 'Sono passati più di dieci giorni: ci sono novità?' })
    .ticket(d(4, '08:50'), 'richiedente', 'remind')
    .ticket(d(3, '09:10'), 'richiedente', 'complain', {
      text: "L'ascensore è fermo da tre settimane e al secondo piano lavorano colleghi con difficoltà motorie: chiedo una soluzione provvisoria.",
    })
    .comment(
      d(3, '11:00'),
      'bm.dmec',
      'Abbiamo chiesto alla ditta di anticipare la consegna; nel frattempo le lezioni del secondo piano sono spostate al piano terra.',
    )
    .comment(d(3, '11:05'), 'bm.dmec', 'Se la consegna slitta ancora valutare la penale per ritardo.', { internal: true });

  story('lock-materials-como')
    .open(d(10, '08:35'), 'callcenter', {
      buildingId: r.building('CO-B03'),
      spaceId: r.space('CO-B03', 'P0.01'),
      callerName: 'Luca Gerosa (Biblioteca di Polo)',
      callerPhone: '+39 031 555 0760',
      callerEmail: 'luca.gerosa@uniesempio.example',
      subject: "Serratura della porta d'ingresso della biblioteca bloccata",
      description: "Il maniglione antipanico della porta d'ingresso della sala di lettura è bloccato: si apre solo con la chiave.",
    })
    .ticket(d(10, '09:00'), 'bm.como', 'qualify')
    .ticket(d(10, '09:02'), 'bm.como', 'issue', {
      technologyClassId: cls('EDI'),
      priority: 'ordinary',
      description: 'Maniglione antipanico della porta della sala di lettura bloccato',
    })
    .wo(d(10, '11:00'), 'ditta.edile', 'acknowledge')
    .wo(d(10, '11:02'), 'ditta.edile', 'schedule_inspection', { inspectionAt: past(9, '10:00') })
    .wo(d(9, '10:30'), 'ditta.edile', 'record_inspection', {
      findings: 'Meccanismo interno della serratura antipanico rotto: ricambio da ordinare',
    })
    .wo(d(9, '10:35'), 'ditta.edile', 'schedule_work', { scheduledAt: past(8, '09:00') })
    .wo(d(8, '08:50'), 'ditta.edile', 'wait_materials', { expectedOn: c.aheadDate(2), note: 'Serratura antipanico ordinata' });

  story('fire-panel-in-progress')
    .open(d(2, '08:15'), 'bm.centrale', {
      buildingId: r.building('MI-B07'),
      spaceId: r.space('MI-B07', 'P0.04'),
      assetId: r.asset('MI-B07-RI-01'),
      subject: 'Centrale di rivelazione incendi in guasto',
      description: 'La centrale di rivelazione incendi della Biblioteca segnala "guasto linea loop 2" con il cicalino attivo.',
    })
    .ticket(d(2, '08:18'), 'bm.centrale', 'issue', {
      technologyClassId: cls('ANT'),
      priority: 'urgent',
      assetId: r.asset('MI-B07-RI-01'),
      description: 'Centrale di rivelazione incendi: guasto sulla linea loop 2',
    })
    .wo(d(2, '08:52'), 'ditta.antincendio', 'acknowledge')
    .wo(d(2, '08:55'), 'ditta.antincendio', 'schedule_inspection', { inspectionAt: past(2, '11:00') })
    .wo(d(2, '11:40'), 'ditta.antincendio', 'record_inspection', {
      findings: 'Rilevatore ottico della sala di lettura in cortocircuito sul loop 2: sezione esclusa',
    })
    .wo(d(2, '11:45'), 'ditta.antincendio', 'schedule_work', { scheduledAt: past(1, '09:00') })
    .comment(d(2, '11:50'), 'bm.centrale', 'Attivata la sorveglianza antincendio in sala di lettura fino al ripristino.', {
      internal: true,
    })
    .wo(d(1, '09:03'), 'ditta.antincendio', 'start_work');

  story('ceiling-leak-priority')
    .open(d(3, '15:20'), 'callcenter', {
      buildingId: r.building('MI-B06'),
      spaceId: r.space('MI-B06', 'P2.04'),
      callerName: 'Chiara Ghezzi (segreteria DASTU)',
      callerPhone: '+39 02 5550 7630',
      callerEmail: 'chiara.ghezzi@uniesempio.example',
      subject: 'Perdita dal soffitto nel bagno al 2° piano',
      description: "Nel bagno al 2° piano dell'Edificio Architettura gocciola acqua dal controsoffitto, vicino alle luci.",
    })
    .ticket(d(3, '15:40'), 'bm.centrale', 'qualify')
    .ticket(d(3, '15:44'), 'bm.centrale', 'issue', {
      technologyClassId: cls('IDR'),
      priority: 'ordinary',
      description: 'Perdita dal controsoffitto dei servizi igienici al secondo piano: individuare e riparare la tubazione',
    })
    .comment(d(3, '16:30'), 'callcenter', "La segreteria richiama: l'acqua gocciola sopra la plafoniera.", { internal: true })
    .wo(d(3, '16:35'), 'bm.centrale', 'change_priority', {
      priority: 'urgent',
      reason: "L'acqua gocciola su una plafoniera: rischio elettrico",
    })
    .wo(d(3, '16:50'), 'ditta.termica', 'acknowledge')
    .wo(d(3, '16:52'), 'ditta.termica', 'schedule_inspection', { inspectionAt: past(2, '08:30') })
    .wo(d(2, '09:10'), 'ditta.termica', 'record_inspection', {
      findings: 'Perde il raccordo della colonna di scarico del piano superiore; plafoniera isolata',
    })
    .wo(d(2, '09:15'), 'ditta.termica', 'schedule_work', { scheduledAt: past(2, '14:00') })
    .wo(d(2, '14:05'), 'ditta.termica', 'start_work');

  // --- tickets not yet turned into work --------------------------------------------------------

  story('new-heating-en')
    .open(d(1, '16:40'), 'requester.en', {
      buildingId: r.building('MI-B04'),
      spaceId: r.space('MI-B04', 'P2.02'),
      subject: "Heating too low in the PhD students' room",
      description: "In the PhD students' room on the second floor it is about 16 °C in the morning; the radiators are only lukewarm.",
    })
    .comment(d(1, '16:55'), 'requester.en', 'Update: the radiator near the door is completely cold.');

  story('new-wc-blocked')
    .open(d(1, '17:15'), 'callcenter', {
      buildingId: r.building('MI-B02'),
      spaceId: r.space('MI-B02', 'P0.03'),
      callerName: 'Martina Sala (studentessa)',
      callerEmail: 'martina.sala@studenti.uniesempio.example',
      subject: 'Scarico del WC bloccato nei servizi al piano terra',
      description: "Nei servizi igienici al piano terra dell'Edificio Aule Nord il WC del secondo box è otturato e l'acqua sale.",
    })
    .comment(d(1, '17:20'), 'callcenter', "Avvisato il custode per chiudere il box fino all'intervento.", { internal: true });

  story('new-window-reminder')
    .open(d(3, '11:05'), 'richiedente', {
      buildingId: r.building('MI-B08'),
      spaceId: r.space('MI-B08', 'P1.02'),
      subject: 'Finestra dello studio che non si chiude bene',
      description: 'La finestra del mio studio non chiude bene: entra aria fredda e quando piove entra acqua dal davanzale.',
    })
    .ticket(d(1, '11:30'), 'richiedente', 'remind', { note: 'Ieri ha piovuto ed è entrata di nuovo acqua.' });

  story('damp-wall-qualifying')
    .open(d(2, '14:30'), 'callcenter', {
      buildingId: r.building('MI-B06'),
      spaceId: r.space('MI-B06', 'P2.03'),
      callerName: 'prof. Enrico Valsecchi',
      callerPhone: '+39 02 5550 7450',
      callerEmail: 'enrico.valsecchi@uniesempio.example',
      subject: 'Macchie di umidità sulla parete della sala riunioni',
      description: 'Sulla parete esterna della sala riunioni al secondo piano sono comparse macchie di umidità e muffa vicino al soffitto.',
    })
    .ticket(d(1, '09:30'), 'bm.centrale', 'request_inspection', {
      inspectionAt: next(1, '11:00'),
      note: 'Sopralluogo per capire se è condensa o infiltrazione',
    });

  story('gate-qualified')
    .open(d(2, '08:30'), 'bm.como', {
      buildingId: r.building('CO-B02'),
      subject: 'Cancello carraio che non si apre con il telecomando',
      description: 'Il cancello carraio dei Laboratori di Como non risponde ai telecomandi: si apre solo con la chiave dal selettore.',
    })
    .ticket(d(1, '10:00'), 'bm.como', 'qualify', { findings: 'Centralina del cancello in allarme: da assegnare agli impianti elettrici' });

  return stories;
}

/** The Rome date of the n-th working day before today (an expected date already passed). */
function pastDate(c: DemoClock, n: number): string {
  return c.agoIso(n, '12:00').slice(0, 10);
}
