// Demo maintenance plans (#8) with the real frequencies of DOMAIN.md "Workflow 2", on the demo
// buildings and assets every demo lot covers, so programs can be generated for each. One meter
// (the MI-B03 chiller's running hours) with readings for the meter plan. Deterministic: fixed
// rule start dates; the readings sit at fixed distances before `now`, below the next threshold.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { newId } from '../../ids.ts';

type Item = { key: string; label: string; kind: 'yes_no' | 'measure'; unit?: string; min?: number; max?: number };
const yes = (key: string, label: string): Item => ({ key, label, kind: 'yes_no' });
const measure = (key: string, label: string, unit: string, min?: number, max?: number): Item => ({
  key,
  label,
  kind: 'measure',
  unit,
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
});

interface PlanSpec {
  code: string;
  activity: string;
  building: string;
  cls: string;
  asset?: string;
  kind: 'calendar' | 'floating' | 'meter';
  rrule?: string;
  startsOn: string;
  seasonFrom?: string;
  seasonTo?: string;
  lastDoneOn?: string;
  meterEvery?: number;
  checklist: Item[];
  documents: string[];
  regulation: string;
  minutes: number;
}

const EXTINGUISHERS: Item[] = [
  yes('accessible', 'Estintori accessibili, segnalati e al loro posto'),
  yes('seal', 'Sigillo e spina di sicurezza integri'),
  measure('pressure', 'Pressione indicata dal manometro (polvere)', 'bar', 12, 16),
  yes('tag', 'Cartellino di manutenzione aggiornato e firmato'),
];
const DETECTION: Item[] = [
  yes('panel', 'Centrale senza guasti né esclusioni'),
  yes('detectors', "Prova dei rivelatori a campione (almeno il 50% nell'anno)"),
  yes('sounders', 'Prova dei pannelli ottico-acustici'),
  measure('battery', 'Tensione delle batterie tampone', 'V', 25.5, 28),
];
const EMERGENCY_FUNCTION: Item[] = [
  yes('switch_over', 'Tutti gli apparecchi si accendono al distacco della rete'),
  yes('signs', 'Segnaletica di esodo leggibile'),
];
const EMERGENCY_DURATION: Item[] = [
  measure('autonomy', "Autonomia misurata dell'apparecchio peggiore", 'min', 60),
  yes('recharge', 'Ricarica completa entro 12 h verificata'),
];
const LIFT: Item[] = [
  yes('doors', 'Porte di piano e di cabina: chiusura e blocchi'),
  yes('brakes', 'Freno ed organi di sospensione integri'),
  yes('alarm', 'Dispositivo di allarme e comunicazione bidirezionale'),
  yes('logbook', "Esito annotato sul libretto dell'impianto"),
];
const LIFT_INSPECTION: Item[] = [
  yes('inspection', "Verifica periodica dell'organismo notificato eseguita"),
  yes('prescriptions', 'Nessuna prescrizione aperta'),
];
const BOILER: Item[] = [
  measure('efficiency', 'Rendimento di combustione', '%', 90),
  measure('co', 'CO nei fumi (riferito a O2 0%)', 'ppm', 0, 1000),
  measure('draught', 'Tiraggio al camino', 'Pa', 3),
  yes('logbook', 'Rapporto di efficienza energetica allegato al libretto'),
];
const EARTHING: Item[] = [
  measure('resistance', 'Resistenza di terra', 'Ω', 0, 20),
  yes('continuity', 'Continuità dei conduttori di protezione ed equipotenziali'),
  yes('rcd', 'Prova degli interruttori differenziali'),
];
const AHU_FILTERS: Item[] = [
  measure('pressure_drop', 'Perdita di carico dei filtri prima della sostituzione', 'Pa', 0, 250),
  yes('replaced', 'Filtri sostituiti e data annotata sul telaio'),
  yes('drain', 'Bacinella condensa pulita e scarico libero'),
];
// Monthly surveillance of the fire-safety equipment (UNI 9994-1 "sorveglianza", entrusted to the
// contractor) and the monthly lift visit most lift contracts ask for: every month has planned work.
const FIRE_SURVEILLANCE: Item[] = [
  yes('exits', 'Vie di esodo e uscite di sicurezza sgombre'),
  yes('extinguishers', 'Estintori presenti, accessibili e segnalati'),
  measure('hydrant_pressure', 'Pressione statica della rete idranti', 'bar', 3, 8),
];
const LIFT_MONTHLY: Item[] = [
  yes('landing', 'Livellamento al piano e porte: funzionamento regolare'),
  yes('alarm', 'Prova del dispositivo di allarme'),
];
const CHILLER: Item[] = [
  measure('refrigerant_pressure', 'Pressione di evaporazione', 'bar', 3, 6),
  measure('oil', "Temperatura dell'olio del compressore", '°C', 30, 60),
  yes('leaks', 'Controllo perdite di refrigerante (Reg. UE 2024/573)'),
  yes('condenser', 'Batterie del condensatore pulite'),
];

const PLANS: PlanSpec[] = [
  ...['MI-B01', 'MI-B02', 'MI-B03', 'MI-B07', 'CO-B01'].map((b): PlanSpec => ({
    code: `PM-EST-${b}`,
    activity: 'Sorveglianza e controllo periodico degli estintori',
    building: b,
    cls: 'ANT',
    kind: 'calendar',
    rrule: 'FREQ=MONTHLY;INTERVAL=6',
    startsOn: '2025-01-20',
    checklist: EXTINGUISHERS,
    documents: ['maintenance_tag'],
    regulation: 'UNI 9994-1:2013',
    minutes: 180,
  })),
  ...['MI-B01', 'MI-B02', 'MI-B03', 'MI-B07', 'CO-B01'].map((b): PlanSpec => ({
    code: `PM-SORV-${b}`,
    activity: 'Sorveglianza mensile dei presidi antincendio',
    building: b,
    cls: 'ANT',
    kind: 'calendar',
    rrule: 'FREQ=MONTHLY',
    startsOn: '2025-01-08',
    checklist: FIRE_SURVEILLANCE,
    documents: ['logbook_entry'],
    regulation: 'UNI 9994-1:2013; DM 1/9/2021',
    minutes: 60,
  })),
  ...(
    [
      ['MI-B01', 'MI-B01-ASC-01'],
      ['MI-B03', 'MI-B03-ASC-01'],
      ['CO-B01', 'CO-B01-ASC-01'],
    ] as const
  ).map(([b, a]): PlanSpec => ({
    code: `PM-ASC-M-${a}`,
    activity: "Visita mensile di manutenzione dell'ascensore",
    building: b,
    cls: 'ASC',
    asset: a,
    kind: 'calendar',
    rrule: 'FREQ=MONTHLY',
    startsOn: '2025-01-15',
    checklist: LIFT_MONTHLY,
    documents: ['logbook_entry'],
    regulation: 'DPR 162/99 art. 15',
    minutes: 60,
  })),
  {
    // UNI EN 50172: the monthly functional test, on the building whose corridor faults wait for it.
    code: 'PM-ILS-M-MI-B03',
    activity: "Prova mensile di funzionamento dell'illuminazione di sicurezza",
    building: 'MI-B03',
    cls: 'ELE',
    kind: 'calendar',
    rrule: 'FREQ=MONTHLY',
    startsOn: '2025-01-22',
    checklist: EMERGENCY_FUNCTION,
    documents: ['logbook_entry'],
    regulation: 'UNI EN 50172:2005; UNI CEI 11222:2013',
    minutes: 90,
  },
  ...(
    [
      ['MI-B07', 'MI-B07-RI-01'],
      ['CO-B01', 'CO-B01-RI-01'],
    ] as const
  ).map(([b, a]): PlanSpec => ({
    code: `PM-RIV-${b}`,
    activity: "Controllo periodico dell'impianto di rivelazione e allarme incendio",
    building: b,
    cls: 'ANT',
    asset: a,
    kind: 'calendar',
    rrule: 'FREQ=MONTHLY;INTERVAL=6',
    startsOn: '2025-03-10',
    checklist: DETECTION,
    documents: ['test_report'],
    regulation: 'UNI 11224:2019',
    minutes: 240,
  })),
  ...['MI-B01', 'MI-B04', 'CO-B02'].flatMap((b): PlanSpec[] => [
    {
      code: `PM-ILS-F-${b}`,
      activity: "Prova di funzionamento dell'illuminazione di sicurezza",
      building: b,
      cls: 'ELE',
      kind: 'calendar',
      rrule: 'FREQ=MONTHLY;INTERVAL=6',
      startsOn: '2025-02-14',
      checklist: EMERGENCY_FUNCTION,
      documents: ['logbook_entry'],
      regulation: 'UNI CEI 11222:2013',
      minutes: 120,
    },
    {
      code: `PM-ILS-A-${b}`,
      activity: "Prova di autonomia dell'illuminazione di sicurezza",
      building: b,
      cls: 'ELE',
      kind: 'calendar',
      rrule: 'FREQ=YEARLY',
      startsOn: '2025-08-18',
      checklist: EMERGENCY_DURATION,
      documents: ['logbook_entry'],
      regulation: 'UNI CEI 11222:2013',
      minutes: 240,
    },
  ]),
  ...(
    [
      ['MI-B01', 'MI-B01-ASC-01'],
      ['MI-B03', 'MI-B03-ASC-01'],
      ['CO-B01', 'CO-B01-ASC-01'],
    ] as const
  ).flatMap(([b, a]): PlanSpec[] => [
    {
      code: `PM-ASC-${a}`,
      activity: "Manutenzione semestrale dell'ascensore",
      building: b,
      cls: 'ASC',
      asset: a,
      kind: 'calendar',
      rrule: 'FREQ=MONTHLY;INTERVAL=6',
      startsOn: '2025-01-28',
      checklist: LIFT,
      documents: ['logbook_entry'],
      regulation: 'DPR 162/99 art. 15',
      minutes: 150,
    },
    {
      code: `PM-ASC-VP-${a}`,
      activity: 'Verifica periodica biennale (organismo notificato): assistenza della ditta',
      building: b,
      cls: 'ASC',
      asset: a,
      kind: 'calendar',
      rrule: 'FREQ=YEARLY;INTERVAL=2',
      startsOn: '2025-05-12',
      checklist: LIFT_INSPECTION,
      documents: ['test_report'],
      regulation: 'DPR 162/99 art. 13',
      minutes: 120,
    },
  ]),
  ...(
    [
      ['MI-B01', 'MI-B01-CT-01'],
      ['MI-B01', 'MI-B01-CT-02'],
      ['CO-B01', 'CO-B01-CT-01'],
    ] as const
  ).map(([b, a]): PlanSpec => ({
    code: `PM-EE-${a}`,
    activity: 'Controllo di efficienza energetica del generatore',
    building: b,
    cls: 'TER',
    asset: a,
    kind: 'calendar',
    rrule: 'FREQ=YEARLY;INTERVAL=2',
    startsOn: '2025-11-03',
    seasonFrom: '10-15',
    seasonTo: '04-15',
    checklist: BOILER,
    documents: ['logbook_entry', 'test_report'],
    regulation: 'DPR 74/2013 art. 8',
    minutes: 90,
  })),
  ...['MI-B01', 'MI-B03', 'CO-B01'].map((b): PlanSpec => ({
    code: `PM-TERRA-${b}`,
    activity: "Verifica periodica dell'impianto di messa a terra: assistenza alla verifica",
    building: b,
    cls: 'ELE',
    kind: 'calendar',
    rrule: 'FREQ=YEARLY;INTERVAL=5',
    startsOn: '2025-06-09',
    checklist: EARTHING,
    documents: ['test_report'],
    regulation: 'DPR 462/01 art. 4',
    minutes: 300,
  })),
  ...(
    [
      ['MI-B02', 'MI-B02-UTA-01', '2025-12-15'],
      ['MI-B06', 'MI-B06-UTA-01', '2026-01-12'],
    ] as const
  ).map(([b, a, last]): PlanSpec => ({
    code: `PM-FILTRI-${a}`,
    activity: "Sostituzione dei filtri dell'unità di trattamento aria",
    building: b,
    cls: 'TER',
    asset: a,
    kind: 'floating',
    rrule: 'FREQ=MONTHLY;INTERVAL=3',
    startsOn: '2025-03-01',
    lastDoneOn: last,
    checklist: AHU_FILTERS,
    documents: [],
    regulation: 'UNI EN 16798-17',
    minutes: 60,
  })),
  {
    code: 'PM-GF-MI-B03-GF-01',
    activity: 'Manutenzione programmata del gruppo frigorifero ogni 2.000 ore di funzionamento',
    building: 'MI-B03',
    cls: 'TER',
    asset: 'MI-B03-GF-01',
    kind: 'meter',
    startsOn: '2025-01-01',
    meterEvery: 2000,
    checklist: CHILLER,
    documents: ['logbook_entry'],
    regulation: 'manuale del costruttore; Reg. UE 2024/573',
    minutes: 240,
  },
];

/** Running hours of the chiller: [days before now, hours]; the last one stays below 12,000 h. */
const CHILLER_READINGS: Array<[number, number]> = [
  [120, 9240],
  [90, 9815],
  [60, 10390],
  [30, 10955],
  [5, 11420],
];

export async function seedDemoPlans(trx: Kysely<Database>, now: Date): Promise<void> {
  const ts = now.toISOString();
  const byCode = async (t: 'buildings' | 'technology_classes' | 'assets') =>
    new Map((await trx.selectFrom(t).select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
  const [buildings, classes, assets] = [await byCode('buildings'), await byCode('technology_classes'), await byCode('assets')];
  const need = (m: Map<string, string>, code: string) => {
    const id = m.get(code);
    if (!id) throw new Error(`demo plans: unknown ${code}`);
    return id;
  };

  const meterId = newId();
  await trx
    .insertInto('meters')
    .values({
      id: meterId,
      asset_id: need(assets, 'MI-B03-GF-01'),
      name: 'Ore di funzionamento',
      unit: 'h',
      active: 1,
      version: 1,
      created_at: ts,
      updated_at: ts,
    })
    .execute();
  await trx
    .insertInto('meter_readings')
    .values(
      CHILLER_READINGS.map(([days, hours]) => ({
        id: newId(),
        meter_id: meterId,
        value_milli: hours * 1000,
        read_at: new Date(now.getTime() - days * 86_400_000).toISOString(),
        source: 'visit',
        work_order_id: null,
        recorded_by_id: null,
        created_at: ts,
      })),
    )
    .execute();
  const lastHours = CHILLER_READINGS[CHILLER_READINGS.length - 1][1];

  await trx
    .insertInto('maintenance_plans')
    .values(
      PLANS.map((p) => ({
        id: newId(),
        code: p.code,
        activity: p.activity,
        description: null,
        building_id: need(buildings, p.building),
        technology_class_id: need(classes, p.cls),
        asset_id: p.asset ? need(assets, p.asset) : null,
        schedule_kind: p.kind,
        rrule: p.rrule ?? null,
        starts_on: p.startsOn,
        ends_on: null,
        season_from: p.seasonFrom ?? null,
        season_to: p.seasonTo ?? null,
        shift: 'next',
        last_done_on: p.lastDoneOn ?? null,
        meter_id: p.kind === 'meter' ? meterId : null,
        meter_every_milli: p.meterEvery ? p.meterEvery * 1000 : null,
        // The thresholds already behind the meter are not opened by the demo.
        meter_last_trigger_milli: p.meterEvery ? Math.floor(lastHours / p.meterEvery) * p.meterEvery * 1000 : null,
        checklist: JSON.stringify(p.checklist),
        required_documents: JSON.stringify(p.documents),
        regulation: p.regulation,
        estimated_minutes: p.minutes,
        active: 1,
        version: 1,
        created_at: ts,
        updated_at: ts,
      })),
    )
    .execute();
}

export const DEMO_PLAN_COUNT = PLANS.length;
