// Words of the exports and of the printable work-order sheet, in each language of the app.
import type { Lang } from '../../i18n/messages.ts';

type Table = Record<string, string>;

const TICKET_STATUS: Record<Lang, Table> = {
  it: { new: 'Nuova', qualifying: 'In qualificazione', qualified: 'Qualificata', in_progress: 'In lavorazione', resolved: 'Risolta', closed: 'Chiusa' },
  en: { new: 'New', qualifying: 'Being qualified', qualified: 'Qualified', in_progress: 'In progress', resolved: 'Resolved', closed: 'Closed' },
};

const WORK_ORDER_STATUS: Record<Lang, Table> = {
  it: {
    issued: 'Emesso', acknowledged: 'Preso in carico', inspection_scheduled: 'Sopralluogo programmato', inspected: 'Sopralluogo eseguito',
    in_plan_proposed: 'Proposto in programma', awaiting_authorization: 'In attesa di autorizzazione', authorized: 'Autorizzato',
    scheduled: 'Programmato', waiting_materials: 'In attesa di materiali', in_progress: 'In esecuzione', completed: 'Completato',
    verified: 'Verificato', closed: 'Chiuso',
  },
  en: {
    issued: 'Issued', acknowledged: 'Acknowledged', inspection_scheduled: 'Inspection scheduled', inspected: 'Inspected',
    in_plan_proposed: 'Proposed for the plan', awaiting_authorization: 'Awaiting authorisation', authorized: 'Authorised',
    scheduled: 'Scheduled', waiting_materials: 'Waiting for materials', in_progress: 'In progress', completed: 'Completed',
    verified: 'Verified', closed: 'Closed',
  },
};

const PRIORITY: Record<Lang, Table> = {
  it: { emergency: 'Emergenza', urgent: 'Urgenza', ordinary: 'Ordinaria', deferrable: 'Programmabile' },
  en: { emergency: 'Emergency', urgent: 'Urgent', ordinary: 'Ordinary', deferrable: 'Deferrable' },
};

const OUTCOME: Record<Lang, Table> = {
  it: { in_plan: 'Inserito nel programma', not_manageable: 'Non gestibile', denied: 'Preventivo negato', cancelled: 'Annullato' },
  en: { in_plan: 'Put in the plan', not_manageable: 'Not manageable', denied: 'Quote denied', cancelled: 'Cancelled' },
};

const CHANNEL: Record<Lang, Table> = {
  it: { web: 'Web', phone: 'Telefono', email: 'E-mail', staff: 'Personale' },
  en: { web: 'Web', phone: 'Phone', email: 'E-mail', staff: 'Staff' },
};

const KIND: Record<Lang, Table> = {
  it: { corrective: 'Correttivo', planned: 'Programmato' },
  en: { corrective: 'Corrective', planned: 'Planned' },
};

const ACTION: Record<Lang, Table> = {
  it: {
    open: 'Apertura', issue: 'Emissione', acknowledge: 'Presa in carico', schedule_inspection: 'Sopralluogo programmato',
    record_inspection: 'Sopralluogo registrato', mark_in_plan: 'Proposta di inserimento nel programma', confirm_in_plan: 'Inserimento nel programma confermato',
    reject_in_plan: 'Inserimento nel programma respinto', mark_not_manageable: 'Dichiarato non gestibile', submit_quote: 'Preventivo inviato',
    approve_quote: 'Preventivo autorizzato', deny_quote: 'Preventivo negato', schedule_work: 'Intervento programmato',
    wait_materials: 'In attesa di materiali', resume: 'Ripresa con nuova data', start_work: 'Inizio lavori', complete: 'Lavori completati',
    reject_completion: 'Completamento respinto', verify: 'Verifica positiva', reopen: 'Riapertura', change_priority: 'Cambio di priorità',
    cancel: 'Annullamento', comment: 'Commento',
  },
  en: {
    open: 'Opened', issue: 'Issued', acknowledge: 'Acknowledged', schedule_inspection: 'Inspection scheduled',
    record_inspection: 'Inspection recorded', mark_in_plan: 'Proposed for the plan', confirm_in_plan: 'Plan confirmed',
    reject_in_plan: 'Plan proposal rejected', mark_not_manageable: 'Marked not manageable', submit_quote: 'Quote submitted',
    approve_quote: 'Quote authorised', deny_quote: 'Quote denied', schedule_work: 'Work scheduled',
    wait_materials: 'Waiting for materials', resume: 'Resumed with a new date', start_work: 'Work started', complete: 'Work completed',
    reject_completion: 'Completion rejected', verify: 'Verified', reopen: 'Reopened', change_priority: 'Priority changed',
    cancel: 'Cancelled', comment: 'Comment',
  },
};

export const TICKET_COLUMNS = [
  'number', 'status', 'priority', 'danger', 'channel', 'subject', 'description', 'buildingCode', 'buildingName', 'space',
  'requester', 'technologyClasses', 'contractors', 'workOrders', 'nextDate', 'createdAt', 'closedAt', 'reopenCount', 'reminderCount',
] as const;
export const WORK_ORDER_COLUMNS = [
  'number', 'kind', 'status', 'outcome', 'priority', 'ticketNumber', 'ticketSubject', 'buildingCode', 'buildingName', 'space',
  'technologyClass', 'contractor', 'lot', 'cig', 'description', 'location', 'issuedAt', 'acknowledgedAt', 'inspectionAt',
  'scheduledAt', 'expectedOn', 'completedAt', 'closedAt',
] as const;

const HEADER: Record<Lang, Table> = {
  it: {
    number: 'Numero', status: 'Stato', priority: 'Priorità', danger: 'Pericolo', channel: 'Canale', subject: 'Oggetto',
    description: 'Descrizione', buildingCode: 'Codice edificio', buildingName: 'Edificio', space: 'Locale', requester: 'Richiedente',
    technologyClasses: 'Classi tecnologiche', contractors: 'Ditte', workOrders: 'Ordini di lavoro', nextDate: 'Prossima data',
    createdAt: 'Aperta il', closedAt: 'Chiusa il', reopenCount: 'Riaperture', reminderCount: 'Solleciti', kind: 'Tipo',
    outcome: 'Esito', ticketNumber: 'Segnalazione', ticketSubject: 'Oggetto segnalazione', technologyClass: 'Classe tecnologica',
    contractor: 'Ditta', lot: 'Lotto', cig: 'CIG', location: 'Posizione', issuedAt: 'Emesso il', acknowledgedAt: 'Preso in carico il',
    inspectionAt: 'Sopralluogo', scheduledAt: 'Data programmata', expectedOn: 'Materiali attesi il', completedAt: 'Completato il',
  },
  en: {
    number: 'Number', status: 'Status', priority: 'Priority', danger: 'Danger', channel: 'Channel', subject: 'Subject',
    description: 'Description', buildingCode: 'Building code', buildingName: 'Building', space: 'Room', requester: 'Requester',
    technologyClasses: 'Technology classes', contractors: 'Contractors', workOrders: 'Work orders', nextDate: 'Next date',
    createdAt: 'Opened', closedAt: 'Closed', reopenCount: 'Reopened', reminderCount: 'Reminders', kind: 'Kind',
    outcome: 'Outcome', ticketNumber: 'Ticket', ticketSubject: 'Ticket subject', technologyClass: 'Technology class',
    contractor: 'Contractor', lot: 'Lot', cig: 'CIG', location: 'Location', issuedAt: 'Issued', acknowledgedAt: 'Acknowledged',
    inspectionAt: 'Inspection', scheduledAt: 'Scheduled', expectedOn: 'Materials expected', completedAt: 'Completed',
  },
};

const SHEET: Record<Lang, Table> = {
  it: {
    title: 'Ordine di lavoro', ticket: 'Segnalazione', status: 'Stato', priority: 'Priorità', issuedAt: 'Emesso il', issuedBy: 'Emesso da',
    where: 'Dove', site: 'Sede', building: 'Edificio', address: 'Indirizzo', space: 'Locale', floor: 'Piano', asset: 'Apparecchiatura',
    location: 'Posizione', technologyClass: 'Classe tecnologica', dm37: 'DM 37/2008 lettera', contract: 'Contratto', lot: 'Lotto', cig: 'CIG',
    contractor: 'Ditta', vat: 'P. IVA', pec: 'PEC', phone: 'Telefono', description: 'Descrizione del lavoro', dates: 'Date',
    acknowledgedAt: 'Presa in carico', inspectionAt: 'Sopralluogo', scheduledAt: 'Intervento programmato', expectedOn: 'Materiali attesi',
    completedAt: 'Completato', timeline: 'Cronologia', when: 'Quando', who: 'Chi', what: 'Azione', change: 'Stato',
    noEvents: 'Nessun evento registrato.', more: 'e altri {count} eventi', signatures: 'Firme', signContractor: 'Per la ditta (tecnico)',
    signBody: "Per l'amministrazione (responsabile dell'edificio)", signDate: 'Data', printed: 'Stampato il {at}', page: 'Pagina {n} di {total}',
    outcome: 'Esito', caller: 'Chiamante', kind: 'Tipo',
  },
  en: {
    title: 'Work order', ticket: 'Ticket', status: 'Status', priority: 'Priority', issuedAt: 'Issued', issuedBy: 'Issued by',
    where: 'Where', site: 'Site', building: 'Building', address: 'Address', space: 'Room', floor: 'Floor', asset: 'Asset',
    location: 'Location', technologyClass: 'Technology class', dm37: 'DM 37/2008 letter', contract: 'Contract', lot: 'Lot', cig: 'CIG',
    contractor: 'Contractor', vat: 'VAT no.', pec: 'PEC', phone: 'Phone', description: 'Work description', dates: 'Dates',
    acknowledgedAt: 'Acknowledged', inspectionAt: 'Inspection', scheduledAt: 'Work scheduled', expectedOn: 'Materials expected',
    completedAt: 'Completed', timeline: 'Timeline', when: 'When', who: 'Who', what: 'Action', change: 'Status',
    noEvents: 'No events recorded.', more: 'and {count} more events', signatures: 'Signatures', signContractor: 'For the contractor (technician)',
    signBody: 'For the public body (building manager)', signDate: 'Date', printed: 'Printed {at}', page: 'Page {n} of {total}',
    outcome: 'Outcome', caller: 'Caller', kind: 'Kind',
  },
};

const MISC: Record<Lang, Table> = {
  it: {
    yes: 'sì', no: 'no',
    exportTooLarge: "l'esportazione conterrebbe più di {limit} righe: restringi i filtri (per esempio un intervallo di date) e riprova",
    exportTooLargeField: 'Più di {limit} righe: restringi i filtri.',
    filePrefixTickets: 'segnalazioni', filePrefixWorkOrders: 'ordini-di-lavoro',
    sheetTickets: 'Segnalazioni', sheetWorkOrders: 'Ordini di lavoro',
  },
  en: {
    yes: 'yes', no: 'no',
    exportTooLarge: 'the export would hold more than {limit} rows: narrow the filters (for example a date range) and try again',
    exportTooLargeField: 'More than {limit} rows: narrow the filters.',
    filePrefixTickets: 'tickets', filePrefixWorkOrders: 'work-orders',
    sheetTickets: 'Tickets', sheetWorkOrders: 'Work orders',
  },
};

const TABLES = {
  ticketStatus: TICKET_STATUS, workOrderStatus: WORK_ORDER_STATUS, priority: PRIORITY, outcome: OUTCOME, channel: CHANNEL,
  kind: KIND, action: ACTION, header: HEADER, sheet: SHEET, misc: MISC,
};

/** The word for `key` in `lang`; unknown keys come back as they are (a new state is never blank). */
export function label(lang: Lang, table: keyof typeof TABLES, key: string | null | undefined, params: Record<string, unknown> = {}): string {
  if (key === null || key === undefined) return '';
  const t = TABLES[table][lang][key] ?? TABLES[table].it[key] ?? key;
  return t.replace(/\{(\w+)\}/g, (_, n: string) => (params[n] === undefined ? `{${n}}` : String(params[n])));
}
