// Italian notices (the default language). Placeholders and variant keys: see types.ts.
import type { LanguagePack } from './types.ts';

const closedByReason = 'Segnalazione chiusa: {subject}';

export const IT: LanguagePack = {
  lang: 'it',
  greeting: 'Gentile {recipientName},',
  greetingNoName: 'Gentile utente,',
  facts: [
    'Segnalazione: {ticketNumber} – {subject}',
    'Edificio: {building}',
    'Locale: {space}',
    'Ordine di lavoro: {workOrderNumber}',
    { link: 'url', label: 'Apri in Presidio:' },
  ],
  footer: ['Questo è un messaggio automatico di Presidio, il sistema di gestione della manutenzione.'],
  replyHint:
    "Per aggiungere informazioni rispondi a questa e-mail dal tuo indirizzo, senza cambiare il destinatario: l'indirizzo di risposta è personale e prova che la risposta è tua (non inoltrare questa e-mail).",
  ratingInApp: "Com'è andata? Valuta il servizio dalla pagina della segnalazione.",
  priorities: { emergency: 'emergenza', urgent: 'urgenza', ordinary: 'ordinaria', deferrable: 'programmabile' },
  kinds: {
    // Notice 1
    ticket_opened: {
      default: {
        subject: 'Segnalazione aperta: {subject}',
        body: [
          'la tua segnalazione è stata registrata con il numero {ticketNumber}. Ti terremo informato sul suo avanzamento.',
          'Descrizione: {description}',
        ],
      },
      variants: {
        '@call_center': {
          subject: 'Nuova segnalazione: {subject}',
          body: ["è stata aperta la segnalazione {ticketNumber} nell'edificio {building}.", 'Descrizione: {description}'],
        },
        '@building_managers': {
          subject: 'Nuova segnalazione: {subject}',
          body: [
            'è stata aperta la segnalazione {ticketNumber} in un edificio di tua competenza ({building}).',
            'Descrizione: {description}',
          ],
        },
        // The call center marked the ticket a danger to people while completing it (PATCH /api/tickets/{id}).
        'raise_danger@building_managers': {
          subject: 'Pericolo per le persone: {subject}',
          body: [
            'la segnalazione {ticketNumber} in un edificio di tua competenza ({building}) è ora segnalata come pericolo per le persone (priorità emergenza).',
            'Descrizione: {description}',
          ],
        },
      },
    },
    // Notice 2: what happened, by the action that caused it
    ticket_update: {
      default: {
        subject: 'Aggiornamento: {subject}',
        body: ['la segnalazione {ticketNumber} è stata aggiornata.', 'Nota: {note}'],
      },
      variants: {
        record_inspection: {
          subject: 'Sopralluogo eseguito: {subject}',
          body: ['è stato eseguito il sopralluogo per la segnalazione {ticketNumber}.', 'Esito del sopralluogo: {findings}'],
        },
        mark_in_plan: {
          subject: 'Intervento già programmato: {subject}',
          body: [
            "l'intervento richiesto è già previsto nel piano delle manutenzioni programmate ({plannedActivity}): sarà eseguito con l'attività programmata e la segnalazione {ticketNumber} è chiusa.",
            'Nota: {note}',
          ],
        },
        'mark_in_plan@building_managers': {
          subject: 'Proposta di attività programmata: {subject}',
          body: [
            "la ditta propone di ricondurre l'ordine di lavoro {workOrderNumber} all'attività programmata «{plannedActivity}». Conferma o respingi la proposta in Presidio.",
            'Nota della ditta: {note}',
          ],
        },
        confirm_in_plan: {
          subject: 'Intervento già programmato: {subject}',
          body: [
            "l'intervento richiesto è già previsto nel piano delle manutenzioni programmate: sarà eseguito con l'attività programmata e la segnalazione {ticketNumber} è chiusa.",
            'Nota: {note}',
          ],
        },
        'reject_in_plan@contractor': {
          subject: 'Proposta di attività programmata respinta: {subject}',
          body: [
            "il responsabile dell'edificio ha respinto la proposta di attività programmata per l'ordine di lavoro {workOrderNumber}.",
            'Motivo: {reason}',
          ],
        },
        mark_not_manageable: {
          subject: closedByReason,
          body: ['la richiesta non può essere gestita e la segnalazione {ticketNumber} è stata chiusa.', 'Motivo: {reason}'],
        },
        deny_quote: {
          subject: closedByReason,
          body: [
            "il capo servizio non ha autorizzato il preventivo dell'intervento: la segnalazione {ticketNumber} è stata chiusa.",
            'Motivo del diniego: {reason}',
          ],
        },
        schedule_work: {
          subject: 'Intervento pianificato: {subject}',
          body: ["l'intervento per la segnalazione {ticketNumber} è pianificato per il {scheduledAt:datetime}."],
        },
        wait_materials: {
          subject: 'In attesa di materiali: {subject}',
          body: [
            "l'intervento per la segnalazione {ticketNumber} è sospeso in attesa dei materiali necessari.",
            'Arrivo previsto dei materiali: {expectedOn:date}.',
            'Nota: {note}',
          ],
        },
        resume: {
          subject: 'Nuova data di intervento: {subject}',
          body: [
            "i materiali sono disponibili: l'intervento per la segnalazione {ticketNumber} è ripianificato per il {scheduledAt:datetime}.",
          ],
        },
        dismiss: {
          subject: closedByReason,
          body: ['la segnalazione {ticketNumber} è stata chiusa senza intervento.', 'Motivo: {reason}'],
        },
        auto_close_cancel: {
          subject: closedByReason,
          body: [
            "l'ordine di lavoro {workOrderNumber} è stato annullato e la segnalazione {ticketNumber} è stata chiusa senza intervento.",
            'Motivo: {reason}',
          ],
        },
      },
    },
    // Notice 3, with the rating link
    ticket_closed: {
      default: {
        subject: 'Segnalazione chiusa: {subject}',
        body: [
          "l'intervento è stato completato e la segnalazione {ticketNumber} è stata chiusa.",
          'Nota: {note}',
          {
            link: 'ratingUrl',
            label: "Com'è andata? Valuta il servizio da questo link:",
            after:
              'Il link funziona senza accedere a Presidio e scade tra {ratingDays} giorni. Se il lavoro non è stato eseguito, indicalo nella valutazione: la segnalazione sarà riaperta.',
          },
        ],
      },
    },
    work_order_issued: {
      default: {
        subject: 'Nuovo ordine di lavoro {workOrderNumber}: {subject}',
        body: [
          "è stato emesso l'ordine di lavoro {workOrderNumber}, priorità {priority:priority}. Prendilo in carico entro i tempi del contratto.",
          'Descrizione: {description}',
          'Posizione: {location}',
        ],
      },
    },
    quote_submitted: {
      default: {
        subject: 'Preventivo da autorizzare: {subject}',
        body: [
          "la ditta ha presentato un preventivo per l'ordine di lavoro {workOrderNumber}: è in attesa dell'autorizzazione del capo servizio.",
          'Nota della ditta: {note}',
        ],
      },
    },
    quote_decided: {
      default: {
        subject: 'Decisione sul preventivo: {subject}',
        body: ["il capo servizio ha deciso sul preventivo dell'ordine di lavoro {workOrderNumber}."],
      },
      variants: {
        approve_quote: {
          subject: 'Preventivo autorizzato: {subject}',
          body: [
            "il capo servizio ha autorizzato il preventivo dell'ordine di lavoro {workOrderNumber}: l'intervento può essere pianificato.",
            'Nota: {note}',
          ],
        },
        deny_quote: {
          subject: 'Preventivo non autorizzato: {subject}',
          body: [
            "il capo servizio non ha autorizzato il preventivo dell'ordine di lavoro {workOrderNumber}, che è chiuso.",
            'Motivo del diniego: {reason}',
          ],
        },
      },
    },
    completion_to_verify: {
      default: {
        subject: 'Intervento da verificare: {subject}',
        body: [
          "la ditta ha completato l'ordine di lavoro {workOrderNumber}: verifica l'esecuzione e chiudi oppure respingi il completamento.",
          'Rapporto di intervento: {report}',
        ],
      },
    },
    completion_rejected: {
      default: {
        subject: 'Completamento respinto: {subject}',
        body: [
          "il completamento dell'ordine di lavoro {workOrderNumber} è stato respinto: l'intervento torna pianificato.",
          'Motivo: {reason}',
        ],
      },
    },
    ticket_reopened: {
      default: {
        subject: 'Segnalazione riaperta: {subject}',
        body: ['la segnalazione {ticketNumber} è stata riaperta.', 'Motivo: {reason}'],
      },
      variants: {
        rate: {
          body: [
            'il richiedente ha indicato nella valutazione che il lavoro non è stato eseguito: la segnalazione {ticketNumber} è stata riaperta.',
            'Commento del richiedente: {comment}',
          ],
        },
        'reopen@requester': {
          body: ['la tua segnalazione {ticketNumber} è stata riaperta e sarà ripresa in carico.', 'Motivo: {reason}'],
        },
        not_solved: {
          subject: 'Non risolta, riaperta: {subject}',
          body: [
            'il richiedente indica che il problema non è risolto: la segnalazione {ticketNumber} è stata riaperta.',
            'Motivo del richiedente: {reason}',
          ],
        },
      },
    },
    low_rating: {
      default: {
        subject: 'Valutazione bassa: {subject}',
        body: [
          'il richiedente ha valutato la segnalazione {ticketNumber} con {stars} su 5.',
          'Commento del richiedente: {comment}',
          "È aperto un seguito della valutazione: assegnalo e registrane l'esito nella pagina Soddisfazione.",
        ],
      },
    },
    // #11 item 4: the one reminder, with a new link (the first one is stored only as a hash).
    rating_reminder: {
      default: {
        subject: 'Promemoria: valuta il servizio — {subject}',
        body: [
          "la segnalazione {ticketNumber} è stata chiusa e non ci hai ancora detto com'è andata.",
          {
            link: 'ratingUrl',
            label: 'Puoi valutare il servizio da questo link:',
            after:
              "Il link funziona senza accedere a Presidio, vale fino al {expiresAt:datetime} e si può usare una volta sola (anche il link del primo messaggio vale ancora, ma la segnalazione si valuta una volta). Questo è l'unico promemoria.",
          },
        ],
      },
    },
    reminder: {
      default: {
        subject: 'Sollecito: {subject}',
        body: ['il richiedente ha sollecitato la segnalazione {ticketNumber}.', 'Nota del richiedente: {note}'],
      },
    },
    complaint: {
      default: {
        subject: 'Reclamo: {subject}',
        body: ['il richiedente ha presentato un reclamo sulla segnalazione {ticketNumber}.', 'Testo del reclamo: {text}'],
      },
    },
    priority_changed: {
      default: {
        subject: 'Priorità modificata: {subject}',
        body: [
          "la priorità dell'ordine di lavoro {workOrderNumber} è ora {priority:priority}: i tempi contrattuali sono ricalcolati.",
          'Motivo: {reason}',
        ],
      },
    },
    work_order_cancelled: {
      default: {
        subject: 'Ordine di lavoro annullato: {subject}',
        body: ["l'ordine di lavoro {workOrderNumber} è stato annullato: non va eseguito.", 'Motivo: {reason}'],
      },
    },
    sla_warning: {
      default: {
        subject: 'Tempo contrattuale in scadenza: {subject}',
        body: [
          "un tempo contrattuale dell'ordine di lavoro {workOrderNumber} (priorità {priority:priority}) sta per scadere: scadenza {dueAt:datetime}, restano {remaining:duration}.",
        ],
      },
      variants: {
        take_charge: {
          subject: 'Presa in carico in scadenza: {subject}',
          body: [
            "la presa in carico dell'ordine di lavoro {workOrderNumber} (priorità {priority:priority}) scade il {dueAt:datetime}: restano {remaining:duration}.",
          ],
        },
        on_site: {
          subject: 'Intervento sul posto in scadenza: {subject}',
          body: [
            "il tempo per l'intervento sul posto dell'ordine di lavoro {workOrderNumber} (priorità {priority:priority}) scade il {dueAt:datetime}: restano {remaining:duration}.",
          ],
        },
        resolution: {
          subject: 'Risoluzione in scadenza: {subject}',
          body: [
            "il tempo di risoluzione dell'ordine di lavoro {workOrderNumber} (priorità {priority:priority}) scade il {dueAt:datetime}: restano {remaining:duration}.",
          ],
        },
      },
    },
    sla_breach: {
      default: {
        subject: 'Tempo contrattuale superato: {subject}',
        body: [
          "un tempo contrattuale dell'ordine di lavoro {workOrderNumber} (priorità {priority:priority}) è scaduto il {dueAt:datetime}: superato di {breachedBy:duration}.",
          'Il ritardo può comportare le penali previste dal contratto.',
        ],
      },
      variants: {
        take_charge: {
          subject: 'Presa in carico oltre il termine: {subject}',
          body: [
            "la presa in carico dell'ordine di lavoro {workOrderNumber} (priorità {priority:priority}) era dovuta entro il {dueAt:datetime}: termine superato di {breachedBy:duration}.",
            'Il ritardo può comportare le penali previste dal contratto.',
          ],
        },
        on_site: {
          subject: 'Intervento sul posto oltre il termine: {subject}',
          body: [
            "l'intervento sul posto per l'ordine di lavoro {workOrderNumber} (priorità {priority:priority}) era dovuto entro il {dueAt:datetime}: termine superato di {breachedBy:duration}.",
            'Il ritardo può comportare le penali previste dal contratto.',
          ],
        },
        resolution: {
          subject: 'Risoluzione oltre il termine: {subject}',
          body: [
            "la risoluzione dell'ordine di lavoro {workOrderNumber} (priorità {priority:priority}) era dovuta entro il {dueAt:datetime}: termine superato di {breachedBy:duration}.",
            'Il ritardo può comportare le penali previste dal contratto.',
          ],
        },
      },
    },
    penalty_contested: {
      default: {
        subject: 'Contestazione formale di penale: {subject}',
        body: [
          "con la presente si contesta formalmente il ritardo ({breachedBy:duration}) nell'esecuzione dell'ordine di lavoro {workOrderNumber}, per il quale il contratto {contract} (CIG {cig}) prevede una penale di {amount:money}, ai sensi dell'art. 126 del D.Lgs. 36/2023.",
          'Potete presentare controdeduzioni entro il {termEndsAt:datetime}, in Presidio o rispondendo a questo messaggio.',
          "In allegato la contestazione con la cronologia dell'intervento: {attachment}.",
          'Note: {note}',
        ],
      },
    },
    penalty_counter_argued: {
      default: {
        subject: 'Controdeduzioni sulla penale: {subject}',
        body: [
          "la ditta ha presentato controdeduzioni sulla penale contestata per l'ordine di lavoro {workOrderNumber} ({amount:money}): valutale e decidi se applicarla, ridurla o annullarla.",
          'Controdeduzioni: {text}',
        ],
      },
    },
    penalty_decided: {
      default: {
        subject: 'Decisione sulla penale: {subject}',
        body: ["è stata presa una decisione sulla penale contestata per l'ordine di lavoro {workOrderNumber}.", 'Motivazione: {reason}'],
      },
      variants: {
        apply: {
          subject: 'Penale applicata: {subject}',
          body: [
            "la penale contestata per l'ordine di lavoro {workOrderNumber} è applicata per {finalAmount:money}.",
            'Motivazione: {reason}',
          ],
        },
        reduce: {
          subject: 'Penale ridotta: {subject}',
          body: [
            "la penale contestata per l'ordine di lavoro {workOrderNumber} è ridotta a {finalAmount:money} (proposta: {amount:money}).",
            'Motivazione: {reason}',
          ],
        },
        waive: {
          subject: 'Penale non applicata: {subject}',
          body: [
            "la penale contestata per l'ordine di lavoro {workOrderNumber} ({amount:money}) non è applicata.",
            'Motivazione: {reason}',
          ],
        },
      },
    },
    // #7: not about a ticket; sent to one address, never as an in-app notification.
    email_change_confirm: {
      default: {
        subject: 'Conferma il nuovo indirizzo e-mail',
        body: [
          "è stato chiesto di usare questo indirizzo ({newEmail}) per l'utente {username} di Presidio. Diventerà il tuo indirizzo solo dopo la conferma.",
          {
            link: 'confirmUrl',
            label: 'Per confermare apri questo link e premi «Conferma»:',
            after: 'Il link vale una sola volta, fino al {expiresAt:datetime}.',
          },
          "Se non hai chiesto tu questa modifica, ignora il messaggio: l'indirizzo non sarà usato.",
        ],
      },
    },
    email_change_requested: {
      default: {
        subject: "Richiesta di cambio dell'indirizzo e-mail",
        body: [
          "è stato chiesto di sostituire questo indirizzo con {newEmailMasked} per l'utente {username} di Presidio. La modifica avrà effetto solo se confermata dal nuovo indirizzo entro il {expiresAt:datetime}.",
          "Se non l'hai chiesta tu, cambia subito la password dal tuo profilo (le altre sessioni saranno chiuse) e avvisa l'amministratore.",
        ],
      },
    },
    // #10 item 1: data {documentIt, documentEn (the type's names), reason}.
    document_returned: {
      default: {
        subject: 'Documento di chiusura da rifare: {documentIt} — {subject}',
        body: [
          "il responsabile di edificio ha respinto il documento «{documentIt}» dell'ordine di lavoro {workOrderNumber}.",
          'Motivo: {reason}',
          'Carica il documento corretto: il consuntivo entra in contabilità solo quando tutti i documenti di chiusura sono accettati.',
        ],
      },
    },
    // #10 item 6: data {contract ('lot – title'), threshold ('80 %'), used (cents), base (cents),
    // share ('81,5 %')}; the action is the basis (amount | ceiling); the url opens the spend page.
    spend_threshold: {
      default: {
        subject: "Soglia di spesa raggiunta ({threshold} dell'importo contrattuale): {contract}",
        body: [
          "la spesa impegnata e sostenuta sul contratto {contract} è arrivata a {used:money} su {base:money} dell'importo contrattuale ({share}), contando il canone dell'intera durata, i preventivi approvati e i consuntivi approvati.",
          'Prima di autorizzare altri lavori extra canone verifica la capienza residua.',
        ],
      },
      variants: {
        ceiling: {
          subject: 'Soglia di spesa raggiunta ({threshold} del massimale del lotto): {contract}',
          body: [
            "la spesa impegnata e sostenuta sul contratto {contract} è arrivata a {used:money} su {base:money} del massimale dell'accordo quadro per il lotto ({share}).",
            'Prima di autorizzare altri lavori extra canone verifica la capienza residua.',
          ],
        },
      },
    },
    // #8, workflow 2. Program notices carry data {contract ('lot – title'), month ('YYYY-MM'),
    // remarks?, note?}; the facts' url opens the program. No ticket: the subject tag is plain.
    program_submitted: {
      default: {
        subject: 'Programma da approvare: {contract}, {month:month}',
        body: [
          'la ditta ha presentato il programma delle manutenzioni programmate di {month:month} per il contratto {contract}: esaminalo e approvalo oppure restituiscilo con le tue osservazioni.',
          'Nota della ditta: {note}',
        ],
      },
    },
    program_returned: {
      default: {
        subject: 'Programma restituito: {contract}, {month:month}',
        body: [
          'il programma delle manutenzioni programmate di {month:month} per il contratto {contract} è stato restituito: correggilo e presentalo di nuovo.',
          'Osservazioni: {remarks}',
        ],
      },
    },
    program_approved: {
      default: {
        subject: 'Programma approvato: {contract}, {month:month}',
        body: [
          'il programma delle manutenzioni programmate di {month:month} per il contratto {contract} è stato approvato e sarà pubblicato.',
          'Nota: {note}',
        ],
      },
    },
    program_published: {
      default: {
        subject: 'Programma pubblicato: {contract}, {month:month}',
        body: [
          'il programma delle manutenzioni programmate di {month:month} per il contratto {contract} è pubblicato: gli ordini di lavoro programmati sono stati emessi e compaiono nel calendario.',
        ],
      },
    },
    // Planned work orders: the facts carry the planned ticket's number (subject tag, for threading),
    // its subject (the activity), the building and the work order number; data {activity,
    // scheduledAt, windowFrom?, windowTo?, technician?, reason?, expectedOn?, note?, report?, dueOn?,
    // deadline? (lateDeadline, for planned_late)}.
    planned_date: {
      default: {
        subject: 'Intervento programmato fissato: {subject}',
        body: [
          "l'attività programmata «{activity}» (ordine di lavoro {workOrderNumber}) è fissata per il {scheduledAt:datetime}.",
          'Fascia oraria: dalle {windowFrom} alle {windowTo}.',
          'Tecnico: {technician}',
        ],
      },
    },
    planned_new_date: {
      default: {
        subject: "Nuova data per l'intervento programmato: {subject}",
        body: [
          "l'attività programmata «{activity}» (ordine di lavoro {workOrderNumber}) è spostata al {scheduledAt:datetime}.",
          'Fascia oraria: dalle {windowFrom} alle {windowTo}.',
          'Motivo: {reason}',
        ],
      },
      variants: {
        resume: {
          body: [
            "i materiali sono disponibili: l'attività programmata «{activity}» (ordine di lavoro {workOrderNumber}) è fissata per il {scheduledAt:datetime}.",
            'Fascia oraria: dalle {windowFrom} alle {windowTo}.',
          ],
        },
      },
    },
    planned_waiting_materials: {
      default: {
        subject: 'Intervento programmato in attesa di materiali: {subject}',
        body: [
          "l'attività programmata «{activity}» (ordine di lavoro {workOrderNumber}) è sospesa in attesa dei materiali necessari.",
          'Arrivo previsto dei materiali: {expectedOn:date}.',
          'Nota: {note}',
        ],
      },
    },
    planned_closed: {
      default: {
        subject: 'Intervento programmato da verificare: {subject}',
        body: [
          "la ditta ha completato l'attività programmata «{activity}» (ordine di lavoro {workOrderNumber}): verifica l'esecuzione e chiudi oppure respingi il completamento.",
          'Rapporto di intervento: {report}',
        ],
      },
    },
    planned_late: {
      default: {
        subject: 'Intervento programmato in ritardo: {subject}',
        body: [
          "l'attività programmata «{activity}» (ordine di lavoro {workOrderNumber}) non è stata completata nei tempi del programma ed è in ritardo.",
          'Data prevista dal piano: {dueOn:date}.',
          'Termine per il completamento: {deadline:date}.',
          'Il ritardo può comportare le penali previste dal contratto.',
        ],
      },
    },
    // To a fault requester whose request is done by a planned work order: facts carry the FAULT
    // ticket (its number threads the reply); data {plannedWorkOrderNumber, activity?, plannedOn
    // (date) or plannedAt (instant, once scheduled)}.
    in_plan_date: {
      default: {
        subject: "Data dell'intervento programmato: {subject}",
        body: [
          "l'intervento richiesto con la segnalazione {ticketNumber} sarà eseguito con l'attività programmata «{activity}» (ordine di lavoro {plannedWorkOrderNumber}).",
          'Data prevista: {plannedOn:date}.',
          'Data e ora previste: {plannedAt:datetime}.',
        ],
      },
    },
  },
};
