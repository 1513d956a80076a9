import { describe, expect, it } from 'vitest';
import { buildingCodesIn, isAutomatic, stripQuotedReply, ticketIdFromReferences, ticketNumberFromSubject } from './mail-rules.ts';
import { escapeHtml, LANGUAGE_PACKS, renderNotice, subjectTag } from './render.ts';
import type { NoticeFacts } from './types.ts';
import type { NoticeKind } from '../workflow/types.ts';

const base: NoticeFacts = {
  kind: 'ticket_opened',
  action: 'open',
  audience: 'requester',
  recipientName: 'Marco Colombo',
  ticketNumber: '2026-000123',
  ticketSubject: 'Perdita dal soffitto',
  ticketDescription: 'Acqua dal soffitto in aula',
  building: 'MI-B02 Edificio Aule Nord',
  space: null,
  workOrderNumber: null,
  priority: null,
  url: 'http://localhost:3000/tickets/t1',
  ratingUrl: null,
  ratingDays: 30,
  data: {},
};

describe('ticketNumberFromSubject', () => {
  it.each([
    ['[Presidio 2026-000123] Segnalazione aperta: x', '2026-000123'],
    ['Re: [Presidio 2026-000123] Segnalazione aperta', '2026-000123'],
    ['RE: R: [presidio 2026-000123]', '2026-000123'],
    ['[Presidio ODL 2026-000123/2] Nuovo ordine', '2026-000123'],
    ['Re: ticket 2026-000123 ancora guasto', '2026-000123'],
    ['2026-000123 e 2026-000123', '2026-000123'],
    ['Riunione del 2026-03-10', null],
    ['tel. 02-5550123', null],
    ['2026-000123 o 2026-000124?', null],
    ['Guasto al bagno', null],
    ['', null],
    ['codice 12026-0001234', null],
  ])('%s → %s', (subject, expected) => {
    expect(ticketNumberFromSubject(subject)).toBe(expected);
  });
});

describe('buildingCodesIn', () => {
  const known = ['MI-B01', 'MI-B02', 'CO-B01'];
  it('finds whole codes, case-insensitively, once each, in order', () => {
    expect(buildingCodesIn('Edificio mi-b02, aula N.0.1. Anche MI-B01 e ancora MI-B02.', known)).toEqual(['MI-B02', 'MI-B01']);
  });
  it('a room code after the building code names the building', () => {
    expect(buildingCodesIn('Locale CO-B01.P1.03 senza luce', known)).toEqual(['CO-B01']);
  });
  it('ignores longer codes and unknown ones', () => {
    expect(buildingCodesIn('MI-B012 e XX-B01 e MIB01', known)).toEqual([]);
  });
});

describe('isAutomatic', () => {
  it.each([
    [{ autoSubmitted: 'auto-replied' }, true],
    [{ autoSubmitted: 'auto-generated' }, true],
    [{ autoSubmitted: 'no' }, false],
    [{ precedence: 'bulk' }, true],
    [{ from: 'MAILER-DAEMON@mx.example' }, true],
    [{ from: 'marco@uni.example' }, false],
    [{}, false],
  ])('%j → %s', (h, expected) => expect(isAutomatic(h)).toBe(expected));
});

describe('renderNotice', () => {
  it('notice 1 to the requester in Italian: tagged subject, greeting, number, link, reply hint', () => {
    const r = renderNotice('it', base);
    expect(r.subject).toBe('[Presidio 2026-000123] Segnalazione aperta: Perdita dal soffitto');
    expect(r.title).toBe('Segnalazione aperta: Perdita dal soffitto');
    expect(r.text).toContain('Gentile Marco Colombo,');
    expect(r.text).toContain('registrata con il numero 2026-000123');
    expect(r.text).toContain('Descrizione: Acqua dal soffitto in aula');
    expect(r.text).toContain('http://localhost:3000/tickets/t1');
    expect(r.text).toContain("l'indirizzo di risposta è personale");
    expect(r.html).toContain('<html lang="it">');
    expect(r.html).toContain('<a href="http://localhost:3000/tickets/t1">');
    expect(r.summary.startsWith('La tua segnalazione')).toBe(true);
  });

  it('English pack in English', () => {
    const r = renderNotice('en', base);
    expect(r.subject).toBe('[Presidio 2026-000123] Request opened: Perdita dal soffitto');
    expect(r.text).toContain('Dear Marco Colombo,');
    expect(r.html).toContain('<html lang="en">');
  });

  it('escapes every interpolated value in HTML, keeps it verbatim in text', () => {
    const evil = '<script>alert("x")</script> & \'co\'';
    const r = renderNotice('it', { ...base, recipientName: evil, ticketSubject: evil, building: evil, ticketDescription: evil });
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(r.text).toContain(evil);
  });

  it('a URL that is not http(s) is never linked', () => {
    const r = renderNotice('it', { ...base, url: 'javascript:alert(1)' });
    expect(r.html).not.toContain('javascript:');
    expect(r.text).not.toContain('javascript:');
  });

  it('subjects never carry line breaks (no header injection)', () => {
    const r = renderNotice('it', { ...base, ticketSubject: 'a\r\nBcc: x@y' });
    expect(r.subject).not.toMatch(/[\r\n]/);
  });

  it.each<[string, Record<string, unknown>, RegExp, RegExp]>([
    ['record_inspection', { findings: 'Tubo rotto' }, /Esito del sopralluogo: Tubo rotto/, /Sopralluogo eseguito/],
    [
      'mark_in_plan',
      { plannedActivity: 'PM-2026-03 verifica' },
      /piano delle manutenzioni programmate \(PM-2026-03 verifica\)/,
      /già programmato/,
    ],
    ['mark_not_manageable', { reason: 'Impianto di terzi' }, /Motivo: Impianto di terzi/, /Segnalazione chiusa/],
    ['deny_quote', { reason: 'Fondi esauriti' }, /Motivo del diniego: Fondi esauriti/, /Segnalazione chiusa/],
    ['schedule_work', { scheduledAt: '2026-03-12T13:30:00Z' }, /12 marzo 2026 alle 14:30/, /Intervento pianificato/],
    ['wait_materials', { expectedOn: '2026-04-02' }, /Arrivo previsto dei materiali: 2 aprile 2026/, /attesa di materiali/],
    ['resume', { scheduledAt: '2026-04-03T07:00:00Z' }, /ripianificato per il 3 aprile 2026 alle 09:00/, /Nuova data/],
  ])('notice 2 after %s says what happened', (action, data, body, subject) => {
    const r = renderNotice('it', { ...base, kind: 'ticket_update', action, data });
    expect(r.text).toMatch(body);
    expect(r.subject).toMatch(subject);
    expect(r.subject.startsWith('[Presidio 2026-000123] ')).toBe(true);
  });

  it('notice 2 in English formats dates in English, Rome time across DST', () => {
    const r = renderNotice('en', {
      ...base,
      kind: 'ticket_update',
      action: 'schedule_work',
      data: { scheduledAt: '2026-03-30T07:00:00Z' },
    });
    expect(r.text).toContain('scheduled for 30 March 2026 at 09:00');
  });

  it('notice 3 has the rating link, says it needs no login and expires in 30 days', () => {
    const r = renderNotice('it', { ...base, kind: 'ticket_closed', action: 'close', ratingUrl: 'http://localhost:3000/rate/abc?x=1&y=2' });
    expect(r.text).toContain('http://localhost:3000/rate/abc?x=1&y=2');
    expect(r.text).toContain('senza accedere');
    expect(r.text).toContain('scade tra 30 giorni');
    expect(r.html).toContain('href="http://localhost:3000/rate/abc?x=1&amp;y=2"');
    const en = renderNotice('en', { ...base, kind: 'ticket_closed', action: 'close', ratingUrl: 'http://localhost:3000/rate/abc' });
    expect(en.text).toContain('without logging in');
    expect(en.text).toContain('expires in 30 days');
  });

  it('optional paragraphs disappear when their value is missing', () => {
    const r = renderNotice('it', { ...base, kind: 'ticket_update', action: 'wait_materials', data: { expectedOn: '2026-04-02' } });
    expect(r.text).not.toContain('Nota:');
    const withNote = renderNotice('it', {
      ...base,
      kind: 'ticket_update',
      action: 'wait_materials',
      data: { expectedOn: '2026-04-02', note: 'Ordinato' },
    });
    expect(withNote.text).toContain('Nota: Ordinato');
  });

  it("audience variants: the building manager gets the contractor's in-plan proposal", () => {
    const r = renderNotice('it', {
      ...base,
      kind: 'ticket_update',
      action: 'mark_in_plan',
      audience: 'building_managers',
      workOrderNumber: '2026-000123/1',
      data: { plannedActivity: 'PM-1' },
    });
    expect(r.text).toContain('la ditta propone');
  });

  it('a work order without a ticket is tagged with its own number', () => {
    expect(subjectTag(null, '2026-000999/1')).toBe('[Presidio ODL 2026-000999/1] ');
  });

  it('every kind renders in every language without placeholders left', () => {
    const kinds = Object.keys(LANGUAGE_PACKS.it.kinds) as NoticeKind[];
    for (const lang of ['it', 'en'] as const) {
      expect(Object.keys(LANGUAGE_PACKS[lang].kinds).sort()).toEqual([...kinds].sort());
      for (const kind of kinds) {
        const r = renderNotice(lang, {
          ...base,
          kind,
          workOrderNumber: '2026-000123/1',
          priority: 'urgent',
          ratingUrl: 'http://x/r',
          data: { reason: 'r', note: 'n', findings: 'f', stars: 2, comment: 'c', text: 't', report: 'rep', description: 'd' },
        });
        expect(r.subject, `${lang} ${kind}`).not.toMatch(/[{}]/);
        expect(r.text, `${lang} ${kind}`).not.toMatch(/\{\w+(:\w+)?\}/);
        expect(r.subject.startsWith('[Presidio 2026-000123] ')).toBe(true);
      }
    }
  });

  it("amounts are integer cents written in the recipient's language, grouped", () => {
    const facts = {
      ...base,
      kind: 'penalty_decided' as NoticeKind,
      action: 'reduce',
      workOrderNumber: '2026-000123/1',
      data: { amount: 270_000, finalAmount: 397_500_000, reason: 'r' },
    };
    expect(renderNotice('it', facts).text.replace(/\u00a0/g, ' ')).toContain('ridotta a 3.975.000,00 € (proposta: 2.700,00 €)');
    expect(renderNotice('en', facts).text).toContain('reduced to €3,975,000.00 (proposed: €2,700.00)');
  });

  it('escapeHtml', () => expect(escapeHtml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;'));
});

describe('rating paragraph', () => {
  it('without a rating link, notice 3 says nothing about a link', () => {
    const r = renderNotice('it', { ...base, kind: 'ticket_closed', action: 'close', ratingUrl: null });
    expect(r.text).not.toContain('link');
    expect(r.text).toContain('è stata chiusa');
  });
});

describe('stripQuotedReply', () => {
  it.each([
    [
      'Grazie, ora funziona.\n\nIl giorno mar 10 mar 2026 alle 10:00 Presidio <p@x> ha scritto:\n> Gentile Marco,\n> testo',
      'Grazie, ora funziona.',
    ],
    ['Still broken.\r\n\r\nOn Tue, 10 Mar 2026 at 10:00, Presidio <p@x> wrote:\r\n> Dear Sarah', 'Still broken.'],
    ['Sì\n-----Original Message-----\nFrom: Presidio', 'Sì'],
    ['Ok\n________________________________\nDa: Presidio\nInviato: ...', 'Ok'],
    ['Risposta\n> citato\n> ancora', 'Risposta'],
    ['> solo citazione', '> solo citazione'],
    ['Nessuna citazione\nseconda riga', 'Nessuna citazione\nseconda riga'],
  ])('%j', (input, expected) => expect(stripQuotedReply(input)).toBe(expected));
});

describe('ticketIdFromReferences', () => {
  it('finds the thread id Presidio sets', () => {
    expect(ticketIdFromReferences(['<abc@x>', '<ticket.0f8fad5b-d9cb-469f-a165-70867728950e@ateneo.it>'])).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
    expect(ticketIdFromReferences(['<ticket.nope@x>'])).toBeNull();
    expect(ticketIdFromReferences([])).toBeNull();
  });
});

describe('planned maintenance notices (#8)', () => {
  const program: NoticeFacts = {
    ...base,
    kind: 'program_submitted',
    action: 'submit',
    audience: 'building_managers',
    recipientName: 'Anna Neri',
    ticketNumber: null,
    ticketSubject: null,
    ticketDescription: null,
    building: null,
    url: 'http://localhost:3000/programs/p1',
    data: { contract: 'Lotto 2 – Impianti termici', month: '2026-03', note: 'Manca la CT di via Golgi' },
  };

  it.each<[NoticeKind, string, Record<string, unknown>, string, RegExp]>([
    [
      'program_submitted',
      'submit',
      {},
      'Programma da approvare: Lotto 2 – Impianti termici, marzo 2026',
      /Nota della ditta: Manca la CT di via Golgi/,
    ],
    [
      'program_returned',
      'return',
      { remarks: 'Spostare la CT al 12' },
      'Programma restituito: Lotto 2 – Impianti termici, marzo 2026',
      /Osservazioni: Spostare la CT al 12/,
    ],
    ['program_approved', 'approve', {}, 'Programma approvato: Lotto 2 – Impianti termici, marzo 2026', /è stato approvato/],
    [
      'program_published',
      'publish',
      {},
      'Programma pubblicato: Lotto 2 – Impianti termici, marzo 2026',
      /ordini di lavoro programmati sono stati emessi/,
    ],
  ])('%s names the contract and the month, links the program, has no ticket tag', (kind, action, data, title, body) => {
    const r = renderNotice('it', { ...program, kind, action, data: { ...program.data, ...data } });
    expect(r.subject).toBe(`[Presidio] ${title}`);
    expect(r.text).toMatch(body);
    expect(r.text).toContain('http://localhost:3000/programs/p1');
    expect(r.text).not.toContain('rispondi a questa e-mail');
  });

  it('program notices in English say the month in English', () => {
    const r = renderNotice('en', { ...program, kind: 'program_returned', action: 'return', data: { ...program.data, remarks: 'Move it' } });
    expect(r.subject).toBe('[Presidio] Program returned: Lotto 2 – Impianti termici, March 2026');
    expect(r.text).toContain('Remarks: Move it');
  });

  const planned: NoticeFacts = {
    ...base,
    kind: 'planned_date',
    action: 'schedule',
    audience: 'call_center',
    recipientName: null,
    ticketNumber: '2026-000777',
    ticketSubject: 'Manutenzione semestrale caldaia',
    ticketDescription: null,
    building: 'MI-B02 Edificio Aule Nord',
    workOrderNumber: '2026-000777/1',
    url: 'http://localhost:3000/work-orders/w1',
    data: {
      activity: 'Manutenzione semestrale caldaia',
      scheduledAt: '2026-03-30T07:00:00Z',
      windowFrom: '09:00',
      windowTo: '12:00',
      technician: 'Luca Bianchi',
    },
  };

  it.each<[NoticeKind, string, Record<string, unknown>, RegExp[]]>([
    [
      'planned_date',
      'schedule',
      {},
      [/fissata per il 30 marzo 2026 alle 09:00/, /Fascia oraria: dalle 09:00 alle 12:00/, /Tecnico: Luca Bianchi/],
    ],
    [
      'planned_new_date',
      'reschedule',
      { scheduledAt: '2026-04-02T12:00:00Z', reason: 'Aula occupata da esami' },
      [/spostata al 2 aprile 2026 alle 14:00/, /Motivo: Aula occupata da esami/],
    ],
    ['planned_new_date', 'resume', { scheduledAt: '2026-04-02T12:00:00Z' }, [/i materiali sono disponibili/, /2 aprile 2026 alle 14:00/]],
    [
      'planned_waiting_materials',
      'wait_materials',
      { expectedOn: '2026-04-10', note: 'Bruciatore ordinato' },
      [/sospesa in attesa/, /Arrivo previsto dei materiali: 10 aprile 2026/, /Nota: Bruciatore ordinato/],
    ],
    [
      'planned_closed',
      'complete',
      { report: 'Pulizia e analisi fumi' },
      [/ha completato l'attività programmata «Manutenzione semestrale caldaia»/, /Rapporto di intervento: Pulizia e analisi fumi/],
    ],
    [
      'planned_late',
      'late',
      { dueOn: '2026-03-10', deadline: '2026-03-31' },
      [/è in ritardo/, /Data prevista dal piano: 10 marzo 2026\./, /Termine per il completamento: 31 marzo 2026\./, /penali/],
    ],
  ])('%s (%s) carries the planned ticket number in the subject and says what happened', (kind, action, data, bodies) => {
    const r = renderNotice('it', { ...planned, kind, action, data: { ...planned.data, ...data } });
    expect(r.subject.startsWith('[Presidio 2026-000777] ')).toBe(true);
    expect(r.subject).toContain('Manutenzione semestrale caldaia');
    for (const b of bodies) expect(r.text).toMatch(b);
    expect(r.text).toContain('Edificio: MI-B02 Edificio Aule Nord');
    expect(r.text).toContain('Ordine di lavoro: 2026-000777/1');
  });

  it('a planned date without a time window or technician leaves those lines out', () => {
    const r = renderNotice('en', { ...planned, data: { activity: 'Boiler service', scheduledAt: '2026-03-30T07:00:00Z' } });
    expect(r.text).toContain('is scheduled for 30 March 2026 at 09:00');
    expect(r.text).not.toContain('Time window');
    expect(r.text).not.toContain('Technician');
  });

  it('in_plan_date tells the fault requester the planned work order and its date, threaded on the fault ticket', () => {
    const fault: NoticeFacts = {
      ...base,
      kind: 'in_plan_date',
      action: 'mark_in_plan',
      audience: 'requester',
      workOrderNumber: '2026-000123/1',
      data: { activity: 'Manutenzione semestrale caldaia', plannedWorkOrderNumber: '2026-000777/1', plannedOn: '2026-03-30' },
    };
    const r = renderNotice('it', fault);
    expect(r.subject).toBe("[Presidio 2026-000123] Data dell'intervento programmato: Perdita dal soffitto");
    expect(r.text).toContain(
      "segnalazione 2026-000123 sarà eseguito con l'attività programmata «Manutenzione semestrale caldaia» (ordine di lavoro 2026-000777/1)",
    );
    expect(r.text).toContain('Data prevista: 30 marzo 2026.');
    expect(r.text).not.toContain('Data e ora');
    const scheduled = renderNotice('en', { ...fault, data: { ...fault.data, plannedOn: null, plannedAt: '2026-03-30T07:00:00Z' } });
    expect(scheduled.text).toContain('Expected date and time: 30 March 2026 at 09:00.');
    expect(scheduled.text).not.toContain('Expected date:');
  });
});

// #9 item 6: every date, amount and duration of a message through src/shared/format.ts, in the
// recipient's language; an English message carries no Italian word for them.
describe('dates, money and durations in the recipient language', () => {
  const breach: NoticeFacts = {
    ...base,
    kind: 'sla_breach',
    action: 'resolution',
    audience: 'contractor',
    workOrderNumber: '2026-000123/1',
    priority: 'urgent',
    data: { dueAt: '2026-12-09T09:30:00.000Z', breachedBy: 2 * 3_600_000 + 5 * 60_000 },
  };
  const italian = /\b(superato|alle|ore|dicembre|giorn\w*|scadut\w*|ritardo)\b/i;

  it('an overdue notice in English: the due instant and the delay in English words', () => {
    const r = renderNotice('en', breach);
    expect(r.text).toContain('was due by 9 December 2026 at 10:30: exceeded by 2 hours 5 min.');
    expect(r.text).not.toMatch(italian);
    expect(r.html).not.toMatch(italian);
  });

  it('the same notice in Italian', () => {
    const r = renderNotice('it', breach);
    expect(r.text).toContain('era dovuta entro il 9 dicembre 2026 alle 10:30: termine superato di 2 ore e 5 min.');
  });

  it('a warning words the time left; a day without time reads as a day; money grouped', () => {
    const warning = renderNotice('en', {
      ...breach,
      kind: 'sla_warning',
      data: { dueAt: '2026-12-09T09:30:00.000Z', remaining: 3 * 86_400_000 },
    });
    expect(warning.text).toContain('is due 9 December 2026 at 10:30: 3 days left.');
    expect(
      renderNotice('it', { ...breach, kind: 'sla_warning', data: { dueAt: '2026-12-09T09:30:00.000Z', remaining: 25 * 60_000 } }).text,
    ).toContain('scade il 9 dicembre 2026 alle 10:30: restano 25 min');
    const contested: NoticeFacts = {
      ...breach,
      kind: 'penalty_contested',
      action: 'contest',
      data: { breachedBy: 26 * 3_600_000, amount: 270_000, contract: 'Lotto 2', cig: 'A1B2C3D4E5', termEndsAt: '2026-12-19T22:59:00.000Z' },
    };
    const en = renderNotice('en', contested);
    expect(en.text).toContain('the delay (1 day 2 hours)');
    expect(en.text).toContain('a penalty of €2,700.00');
    expect(en.text).toContain('by 19 December 2026 at 23:59');
    expect(en.text).not.toMatch(italian);
    const it = renderNotice('it', contested);
    expect(it.text).toMatch(/penale di 2\.700,00\s€/);
    expect(it.text).toContain('1 giorno e 2 ore');
  });

  it('text from an older release (a duration already in words) is shown as it was', () => {
    expect(renderNotice('en', { ...breach, data: { ...breach.data, breachedBy: '5 min' } }).text).toContain('exceeded by 5 min');
  });
});
