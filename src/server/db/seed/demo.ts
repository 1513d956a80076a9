// Demo university for `npm run demo` (PRESIDIO_DEMO=1) on an empty database: a fictional "Università degli Studi di
// Esempio" shaped like the Annex C tender (Politecnico di Milano style): two campuses, twelve
// buildings with floors and rooms, departments sharing buildings, five maintenance lots with
// their contractors, a few assets, one user per role, and maintenance plans with their real
// frequencies (demo-plans.ts).
//
// Every company, VAT number, CIG, person, e-mail and phone number here is invented.
import { sql, type Insertable, type Kysely } from 'kysely';
import { hashPassword } from '../../auth/password.ts';
import { newId } from '../../ids.ts';
import { engineOf } from '../create-db.ts';
import { seedDemoLotPriceLists, seedDemoPriceList } from '../../modules/price-lists/index.ts';
import { seedDemoPlans } from './demo-plans.ts';
import { seedDemoAllocation } from './demo-allocation.ts';
import type { Database } from '../schema.ts';
import { DEMO_TECHNICIANS } from './demo-technicians.ts';

/** The one password of every demo user: published in the README, so demo data is seeded only when asked for (PRESIDIO_DEMO=1, `npm run demo`). */
export const DEMO_PASSWORD = 'presidio';

export interface DemoLogin {
  username: string;
  password: string;
  roles: string[];
  note: string;
}

/** True when the database holds no user yet: the only state in which the demo is seeded. */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Usernames of the active accounts that still log in with a demo password: the hash the seed
 * wrote is unchanged (one query on the marker the seed left). Empty once every demo password was
 * changed or those accounts deactivated, and on a database that was never seeded.
 */
export async function demoAccountsInUse(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('demo_marker as m', 'm.password_hash', 'u.password_hash')
    .select('u.username')
    .where('u.active', '=', 1)
    .orderBy('u.username')
    .execute();
  return rows.map((r) => r.username);
}

// ---------------------------------------------------------------------------------------------
// Registry data

const SITES = [
  { code: 'MI', name: 'Campus di Milano', city: 'Milano', patronSaint: '12-07' }, // Sant'Ambrogio, 7 December
  { code: 'CO', name: 'Campus di Como', city: 'Como', patronSaint: '08-31' }, // Sant'Abbondio, 31 August
] as const;

type DeptCode = 'AMM' | 'DEIB' | 'DMEC' | 'DCMC' | 'DABC' | 'DASTU';

const DEPARTMENTS: Array<{ code: DeptCode; name: string; costCentre: string }> = [
  { code: 'AMM', name: 'Amministrazione centrale', costCentre: 'CDC-1000' },
  { code: 'DEIB', name: 'Dipartimento di Elettronica, Informazione e Bioingegneria', costCentre: 'CDC-2100' },
  { code: 'DMEC', name: 'Dipartimento di Meccanica', costCentre: 'CDC-2200' },
  { code: 'DCMC', name: 'Dipartimento di Chimica, Materiali e Ingegneria Chimica', costCentre: 'CDC-2300' },
  {
    code: 'DABC',
    name: 'Dipartimento di Architettura, Ingegneria delle Costruzioni e Ambiente Costruito',
    costCentre: 'CDC-2400',
  },
  { code: 'DASTU', name: 'Dipartimento di Architettura e Studi Urbani', costCentre: 'CDC-2500' },
];

type ClassCode = 'EDI' | 'ELE' | 'SPE' | 'TER' | 'IDR' | 'GAS' | 'ASC' | 'ANT' | 'VER';

/** Technology classes; the letter is the installation class of DM 37/2008 art. 1, null when none applies. */
/**
 * #10 item 1: the documents a work order of the class carries, besides the DM 37/2008 conformity
 * declaration its letter implies: as-built drawings when the installation changes, the lift's and
 * the fire systems' logbook page on every job, the F-gas register entry on air conditioning work,
 * the gas tightness test when the installation changes.
 */
const CLASS_DOCUMENTS: Array<[ClassCode, string, 'always' | 'installation_work']> = [
  ['ELE', 'as_built', 'installation_work'],
  ['SPE', 'as_built', 'installation_work'],
  ['TER', 'fgas_register_entry', 'always'],
  ['TER', 'as_built', 'installation_work'],
  ['GAS', 'test_report', 'installation_work'],
  ['ASC', 'logbook_entry', 'always'],
  ['ANT', 'logbook_entry', 'always'],
];

const TECHNOLOGY_CLASSES: Array<{ code: ClassCode; nameIt: string; nameEn: string; dm37: string | null }> = [
  { code: 'EDI', nameIt: 'Opere edili', nameEn: 'Building fabric', dm37: null },
  { code: 'ELE', nameIt: 'Impianti elettrici', nameEn: 'Electrical systems', dm37: 'a' },
  { code: 'SPE', nameIt: 'Impianti elettronici e speciali', nameEn: 'Electronic and special systems', dm37: 'b' },
  { code: 'TER', nameIt: 'Impianti termici e di climatizzazione', nameEn: 'Heating, ventilation and air conditioning', dm37: 'c' },
  { code: 'IDR', nameIt: 'Impianti idrico-sanitari', nameEn: 'Plumbing', dm37: 'd' },
  { code: 'GAS', nameIt: 'Impianti gas', nameEn: 'Gas systems', dm37: 'e' },
  { code: 'ASC', nameIt: 'Impianti elevatori', nameEn: 'Lifts', dm37: 'f' },
  { code: 'ANT', nameIt: 'Impianti antincendio', nameEn: 'Fire protection', dm37: 'g' },
  // Covered by no lot on purpose: issuing a work order for it shows the "no contract" error.
  { code: 'VER', nameIt: 'Aree verdi', nameEn: 'Grounds and green areas', dm37: null },
];

type ContractorKey = 'edile' | 'elettrica' | 'termica' | 'antincendio' | 'ascensori';

// Partita IVA: 7-digit company number, 3-digit provincial office (015 Milano, 013 Como,
// 016 Bergamo), check digit (Luhn-style); test/seed.int.test.ts verifies each.
const CONTRACTORS: Array<{ key: ContractorKey; name: string; vat: string; pec: string; email: string; phone: string }> = [
  {
    key: 'edile',
    name: 'Brambilla Costruzioni S.r.l.',
    vat: '04812730150',
    pec: 'brambillacostruzioni@pec.it',
    email: 'manutenzioni@brambilla-costruzioni.example',
    phone: '+39 02 8845 1200',
  },
  {
    key: 'elettrica',
    name: 'Elettrosistemi Lombardi S.p.A.',
    vat: '11753960159',
    pec: 'elettrosistemilombardi@pec.it',
    email: 'pronto.intervento@elettrosistemi-lombardi.example',
    phone: '+39 02 6612 4400',
  },
  {
    key: 'termica',
    name: 'Termoidraulica Lariana S.r.l.',
    vat: '03921580134',
    pec: 'termoidraulicalariana@pec.it',
    email: 'assistenza@termoidraulica-lariana.example',
    phone: '+39 031 274 5510',
  },
  {
    key: 'antincendio',
    name: 'Navigli Antincendio S.r.l.',
    vat: '08277640150',
    pec: 'navigliantincendio@pec.it',
    email: 'servizi@navigli-antincendio.example',
    phone: '+39 02 8391 7720',
  },
  {
    key: 'ascensori',
    name: 'Elevatori Orobici S.p.A.',
    vat: '09643210165',
    pec: 'elevatoriorobici@pec.it',
    email: 'manutenzione@elevatori-orobici.example',
    phone: '+39 035 441 2090',
  },
];

const CONTRACT_START = '2025-01-01';
const CONTRACT_END = '2028-12-31';
const TITLE_PREFIX = 'Accordo quadro per il presidio manutentivo e la manutenzione ordinaria e straordinaria';

/** The five lots; every lot covers every building of both campuses. */
const CONTRACTS: Array<{
  lot: string;
  cig: string;
  title: string;
  contractor: ContractorKey;
  netCents: number;
  feeCents: number;
  discountBp: number;
  classes: ClassCode[];
  /** The framework agreement's maximum for the lot (#9). */
  ceilingCents: number;
}> = [
  {
    lot: 'Lotto 1',
    cig: '9A41C027E1',
    title: `${TITLE_PREFIX} delle opere edili`,
    contractor: 'edile',
    netCents: 385_000_000,
    ceilingCents: 462_000_000,
    feeCents: 52_000_000,
    discountBp: 2350,
    classes: ['EDI'],
  },
  {
    lot: 'Lotto 2',
    cig: '9A41C1F3B2',
    title: `${TITLE_PREFIX} degli impianti elettrici e speciali`,
    contractor: 'elettrica',
    netCents: 294_000_000,
    ceilingCents: 352_800_000,
    feeCents: 41_000_000,
    discountBp: 1875,
    classes: ['ELE', 'SPE'],
  },
  {
    lot: 'Lotto 3',
    cig: '9A41C30D45',
    title: `${TITLE_PREFIX} degli impianti termici, di climatizzazione, idrico-sanitari e gas`,
    contractor: 'termica',
    netCents: 397_500_000,
    ceilingCents: 477_000_000,
    feeCents: 56_500_000,
    discountBp: 2712,
    classes: ['TER', 'IDR', 'GAS'],
  },
  {
    lot: 'Lotto 4',
    cig: '9A41C4A8D9',
    title: `${TITLE_PREFIX} degli impianti antincendio`,
    contractor: 'antincendio',
    netCents: 126_000_000,
    ceilingCents: 151_200_000,
    feeCents: 18_500_000,
    discountBp: 1530,
    classes: ['ANT'],
  },
  {
    lot: 'Lotto 5',
    cig: '9A41C5B6F0',
    title: `${TITLE_PREFIX} degli impianti elevatori`,
    contractor: 'ascensori',
    netCents: 148_000_000,
    ceilingCents: 177_600_000,
    feeCents: 24_000_000,
    discountBp: 3105,
    classes: ['ASC'],
  },
];

type ManagerKey = 'bm.centrale' | 'bm.deib' | 'bm.dmec' | 'bm.como';
/** [number within the floor, name, use, area in m²] */
type SpaceSpec = [string, string, string, number];

interface BuildingSpec {
  site: 'MI' | 'CO';
  code: string;
  name: string;
  address: string;
  competence: { kind: 'central' } | { kind: 'department'; department: DeptCode };
  occupancy: Partial<Record<DeptCode, number>>; // basis points, sum 10000
  manager: ManagerKey;
  floors: Array<{ code: string; spaces: SpaceSpec[] }>;
}

const WC = 'Servizi igienici';
const TECH = 'Locale tecnico';

const BUILDINGS: BuildingSpec[] = [
  {
    site: 'MI',
    code: 'MI-B01',
    name: 'Palazzo del Rettorato',
    address: 'Piazza Leonardo da Vinci 32, 20133 Milano',
    competence: { kind: 'central' },
    occupancy: { AMM: 10000 },
    manager: 'bm.centrale',
    floors: [
      {
        code: 'S1',
        spaces: [
          ['01', 'Centrale termica', TECH, 96.5],
          ['02', 'Cabina elettrica MT/BT', TECH, 48],
          ['03', 'Archivio storico', 'Deposito', 310],
        ],
      },
      {
        code: 'P0',
        spaces: [
          ['01', 'Atrio e portineria', 'Atrio', 185],
          ['02', 'Aula Magna', 'Aula', 640],
          ['03', WC, WC, 38.4],
          ['04', 'Sala del Consiglio', 'Sala riunioni', 120],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Ufficio del Rettore', 'Ufficio', 42],
          ['02', 'Segreteria del Rettore', 'Ufficio', 28.5],
          ['03', 'Area Tecnica Centrale (AGIS)', 'Ufficio', 64],
          ['04', WC, WC, 22],
        ],
      },
      {
        code: 'P2',
        spaces: [
          ['01', 'Ragioneria', 'Ufficio', 78],
          ['02', 'Ufficio Personale', 'Ufficio', 66],
          ['03', 'Sala riunioni', 'Sala riunioni', 45],
          ['04', WC, WC, 22],
        ],
      },
    ],
  },
  {
    site: 'MI',
    code: 'MI-B02',
    name: 'Edificio Aule Nord',
    address: 'Via Giuseppe Colombo 40, 20133 Milano',
    competence: { kind: 'central' },
    occupancy: { DEIB: 4000, DMEC: 3500, DCMC: 2500 },
    manager: 'bm.centrale',
    floors: [
      {
        code: 'P0',
        spaces: [
          ['01', 'Aula N.0.1', 'Aula', 210],
          ['02', 'Aula N.0.2', 'Aula', 210],
          ['03', WC, WC, 46],
          ['04', 'Locale UTA', TECH, 55],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Aula N.1.1', 'Aula', 160],
          ['02', 'Aula N.1.2', 'Aula', 160],
          ['03', 'Aula informatica N.1.3', 'Aula', 120],
          ['04', WC, WC, 46],
        ],
      },
      {
        code: 'P2',
        spaces: [
          ['01', 'Aula N.2.1', 'Aula', 95],
          ['02', 'Aula N.2.2', 'Aula', 95],
          ['03', 'Sala studio', 'Sala studio', 140],
          ['04', WC, WC, 46],
        ],
      },
    ],
  },
  {
    site: 'MI',
    code: 'MI-B03',
    name: 'Edificio Elettronica',
    address: 'Via Giuseppe Ponzio 34/5, 20133 Milano',
    competence: { kind: 'department', department: 'DEIB' },
    occupancy: { DEIB: 10000 },
    manager: 'bm.deib',
    floors: [
      {
        code: 'S1',
        spaces: [
          ['01', 'Centrale frigorifera', TECH, 120],
          ['02', 'Laboratorio Alta Tensione', 'Laboratorio', 260],
        ],
      },
      {
        code: 'P0',
        spaces: [
          ['01', 'Laboratorio di Elettronica', 'Laboratorio', 180],
          ['02', 'Laboratorio di Microonde', 'Laboratorio', 95],
          ['03', WC, WC, 32],
          ['04', 'Quadro elettrico di piano', TECH, 12],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Studio docenti 1', 'Ufficio', 18.5],
          ['02', 'Studio docenti 2', 'Ufficio', 18.5],
          ['03', 'Sala riunioni DEIB', 'Sala riunioni', 48],
          ['04', WC, WC, 24],
        ],
      },
      {
        code: 'P2',
        spaces: [
          ['01', 'Laboratorio di Bioingegneria', 'Laboratorio', 150],
          ['02', 'Sala server', TECH, 60],
          ['03', 'Studio dottorandi', 'Ufficio', 72],
          ['04', WC, WC, 24],
        ],
      },
    ],
  },
  {
    site: 'MI',
    code: 'MI-B04',
    name: 'Edificio Informatica',
    address: 'Via Giuseppe Ponzio 34/6, 20133 Milano',
    competence: { kind: 'department', department: 'DEIB' },
    occupancy: { DEIB: 8500, AMM: 1500 },
    manager: 'bm.deib',
    floors: [
      {
        code: 'P0',
        spaces: [
          ['01', 'Aula informatica I.0.1', 'Aula', 130],
          ['02', 'Servizi informatici di ateneo', 'Ufficio', 85],
          ['03', 'Cabina elettrica', TECH, 40],
          ['04', WC, WC, 30],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Laboratorio di Intelligenza Artificiale', 'Laboratorio', 110],
          ['02', 'Laboratorio di Robotica', 'Laboratorio', 135],
          ['03', 'Studio docenti', 'Ufficio', 20],
          ['04', WC, WC, 24],
        ],
      },
      {
        code: 'P2',
        spaces: [
          ['01', 'Laboratorio di Reti', 'Laboratorio', 90],
          ['02', 'Studio dottorandi', 'Ufficio', 64],
          ['03', 'Sala riunioni', 'Sala riunioni', 36],
          ['04', WC, WC, 24],
        ],
      },
    ],
  },
  {
    site: 'MI',
    code: 'MI-B05',
    name: 'Edificio Chimica "Giulio Natta"',
    address: 'Via Luigi Mancinelli 7, 20131 Milano',
    competence: { kind: 'central' },
    occupancy: { DCMC: 10000 },
    manager: 'bm.centrale',
    floors: [
      {
        code: 'S1',
        spaces: [
          ['01', 'Deposito reagenti', 'Deposito', 75],
          ['02', 'Centrale termica', TECH, 88],
        ],
      },
      {
        code: 'P0',
        spaces: [
          ['01', 'Laboratorio di Chimica Analitica', 'Laboratorio', 165],
          ['02', 'Laboratorio di Sintesi Organica', 'Laboratorio', 148],
          ['03', WC, WC, 34],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Laboratorio di Materiali Polimerici', 'Laboratorio', 172],
          ['02', 'Studio docenti', 'Ufficio', 22],
          ['03', WC, WC, 34],
          ['04', 'Segreteria DCMC', 'Ufficio', 40],
        ],
      },
    ],
  },
  {
    site: 'MI',
    code: 'MI-B06',
    name: 'Edificio Architettura',
    address: 'Via Edoardo Bonardi 9, 20133 Milano',
    competence: { kind: 'central' },
    occupancy: { DASTU: 6000, DABC: 4000 },
    manager: 'bm.centrale',
    floors: [
      {
        code: 'P0',
        spaces: [
          ['01', 'Aula Gio Ponti', 'Aula', 280],
          ['02', 'Laboratorio modelli', 'Laboratorio', 120],
          ['03', WC, WC, 40],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Laboratorio di progettazione 1', 'Aula', 190],
          ['02', 'Laboratorio di progettazione 2', 'Aula', 190],
          ['03', 'Segreteria DASTU', 'Ufficio', 55],
          ['04', WC, WC, 28],
        ],
      },
      {
        code: 'P2',
        spaces: [
          ['01', 'Studi docenti DASTU', 'Ufficio', 130],
          ['02', 'Studi docenti DABC', 'Ufficio', 95],
          ['03', 'Sala riunioni', 'Sala riunioni', 40],
          ['04', WC, WC, 28],
        ],
      },
      { code: 'P3', spaces: [['01', 'Locale UTA in copertura', TECH, 70]] },
    ],
  },
  {
    site: 'MI',
    code: 'MI-B07',
    name: 'Biblioteca Centrale',
    address: 'Via Camillo Golgi 20, 20133 Milano',
    competence: { kind: 'central' },
    occupancy: { AMM: 4000, DEIB: 2000, DMEC: 2000, DABC: 2000 },
    manager: 'bm.centrale',
    floors: [
      {
        code: 'S1',
        spaces: [
          ['01', 'Deposito librario', 'Deposito', 680],
          ['02', 'Locale pompe antincendio', TECH, 42],
        ],
      },
      {
        code: 'P0',
        spaces: [
          ['01', 'Sala di lettura', 'Biblioteca', 520],
          ['02', 'Banco prestiti', 'Ufficio', 45],
          ['03', WC, WC, 36],
          ['04', 'Centrale rivelazione incendi', TECH, 14],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Sala consultazione periodici', 'Biblioteca', 310],
          ['02', 'Aule studio di gruppo', 'Sala studio', 120],
          ['03', WC, WC, 36],
        ],
      },
    ],
  },
  {
    site: 'MI',
    code: 'MI-B08',
    name: 'Edificio Meccanica (Bovisa)',
    address: 'Via Raffaele Lambruschini 4, 20156 Milano',
    competence: { kind: 'department', department: 'DMEC' },
    occupancy: { DMEC: 10000 },
    manager: 'bm.dmec',
    floors: [
      {
        code: 'P0',
        spaces: [
          ['01', 'Laboratorio Prove Meccaniche', 'Laboratorio', 820],
          ['02', 'Officina meccanica', 'Laboratorio', 260],
          ['03', 'Cabina elettrica', TECH, 55],
          ['04', WC, WC, 38],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Laboratorio di Misure', 'Laboratorio', 140],
          ['02', 'Studi docenti', 'Ufficio', 150],
          ['03', 'Segreteria DMEC', 'Ufficio', 48],
          ['04', WC, WC, 30],
        ],
      },
      {
        code: 'P2',
        spaces: [
          ['01', 'Aula B.2.1', 'Aula', 180],
          ['02', 'Aula B.2.2', 'Aula', 120],
          ['03', WC, WC, 30],
        ],
      },
    ],
  },
  {
    site: 'MI',
    code: 'MI-B09',
    name: 'Laboratorio Prove Materiali e Strutture (Bovisa)',
    address: 'Via Giuseppe La Masa 34, 20156 Milano',
    competence: { kind: 'department', department: 'DMEC' },
    occupancy: { DMEC: 6000, DABC: 4000 },
    manager: 'bm.dmec',
    floors: [
      {
        code: 'P0',
        spaces: [
          ['01', 'Laboratorio Prove Strutture', 'Laboratorio', 1150],
          ['02', 'Locale compressori', TECH, 45],
          ['03', WC, WC, 32],
          ['04', 'Spogliatoi', 'Spogliatoio', 60],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Laboratorio Materiali da Costruzione', 'Laboratorio', 240],
          ['02', 'Uffici tecnici di laboratorio', 'Ufficio', 85],
          ['03', WC, WC, 24],
        ],
      },
    ],
  },
  {
    site: 'CO',
    code: 'CO-B01',
    name: 'Palazzo didattico di Como',
    address: 'Via Francesco Anzani 42, 22100 Como',
    competence: { kind: 'central' },
    occupancy: { DEIB: 3334, DMEC: 3333, DASTU: 3333 },
    manager: 'bm.como',
    floors: [
      { code: 'S1', spaces: [['01', 'Centrale termica', TECH, 72]] },
      {
        code: 'P0',
        spaces: [
          ['01', 'Aula Magna "Alessandro Volta"', 'Aula', 310],
          ['02', 'Portineria', 'Atrio', 40],
          ['03', WC, WC, 36],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Aula 1.1', 'Aula', 120],
          ['02', 'Aula 1.2', 'Aula', 120],
          ['03', 'Sala studio', 'Sala studio', 90],
          ['04', WC, WC, 30],
        ],
      },
      {
        code: 'P2',
        spaces: [
          ['01', 'Uffici del Polo', 'Ufficio', 110],
          ['02', 'Sala riunioni', 'Sala riunioni', 38],
          ['03', WC, WC, 22],
        ],
      },
    ],
  },
  {
    site: 'CO',
    code: 'CO-B02',
    name: 'Laboratori di Como',
    address: 'Via Valleggio 11, 22100 Como',
    competence: { kind: 'central' },
    occupancy: { DEIB: 7000, DMEC: 3000 },
    manager: 'bm.como',
    floors: [
      {
        code: 'P0',
        spaces: [
          ['01', 'Laboratorio di Domotica', 'Laboratorio', 140],
          ['02', 'Laboratorio di Meccatronica', 'Laboratorio', 165],
          ['03', 'Quadro elettrico generale', TECH, 18],
          ['04', WC, WC, 26],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Studi ricercatori', 'Ufficio', 96],
          ['02', 'Sala riunioni', 'Sala riunioni', 30],
          ['03', WC, WC, 22],
        ],
      },
    ],
  },
  {
    site: 'CO',
    code: 'CO-B03',
    name: 'Biblioteca di Polo',
    address: 'Via Castelnuovo 7, 22100 Como',
    competence: { kind: 'central' },
    occupancy: { AMM: 10000 },
    manager: 'bm.como',
    floors: [
      {
        code: 'P0',
        spaces: [
          ['01', 'Sala di lettura', 'Biblioteca', 260],
          ['02', WC, WC, 28],
          ['03', TECH, TECH, 20],
        ],
      },
      {
        code: 'P1',
        spaces: [
          ['01', 'Archivio', 'Deposito', 140],
          ['02', 'Ufficio bibliotecari', 'Ufficio', 35],
        ],
      },
    ],
  },
];

/** [code, name, class, building, space code or null, serial number] */
const ASSETS: Array<[string, string, ClassCode, string, string | null, string]> = [
  ['MI-B01-CT-01', 'Caldaia a condensazione 1 (centrale termica)', 'TER', 'MI-B01', 'S1.01', 'CND-2019-004417'],
  ['MI-B01-CT-02', 'Caldaia a condensazione 2 (centrale termica)', 'TER', 'MI-B01', 'S1.01', 'CND-2019-004418'],
  ['MI-B01-QE-01', 'Quadro elettrico generale BT', 'ELE', 'MI-B01', 'S1.02', 'QGBT-2017-1182'],
  ['MI-B01-ASC-01', 'Ascensore A (atrio)', 'ASC', 'MI-B01', 'P0.01', 'ASC-1998-55120'],
  ['MI-B02-UTA-01', 'Unità di trattamento aria aule piano terra', 'TER', 'MI-B02', 'P0.04', 'UTA-2020-30871'],
  ['MI-B03-GF-01', 'Gruppo frigorifero', 'TER', 'MI-B03', 'S1.01', 'GF-2016-77204'],
  ['MI-B03-ASC-01', 'Ascensore', 'ASC', 'MI-B03', null, 'ASC-2004-61877'],
  ['MI-B04-QE-01', 'Quadro elettrico generale', 'ELE', 'MI-B04', 'P0.03', 'QGBT-2012-0934'],
  ['MI-B06-UTA-01', 'Unità di trattamento aria', 'TER', 'MI-B06', 'P3.01', 'UTA-2018-21455'],
  ['MI-B07-RI-01', 'Centrale di rivelazione incendi', 'ANT', 'MI-B07', 'P0.04', 'RIV-2021-00387'],
  ['MI-B07-PA-01', 'Gruppo di pompaggio antincendio', 'ANT', 'MI-B07', 'S1.02', 'POMP-2015-1209'],
  ['MI-B08-QE-01', 'Quadro elettrico generale', 'ELE', 'MI-B08', 'P0.03', 'QGBT-2010-0561'],
  ['CO-B01-CT-01', 'Caldaia (centrale termica)', 'TER', 'CO-B01', 'S1.01', 'CND-2014-002291'],
  ['CO-B01-ASC-01', 'Ascensore', 'ASC', 'CO-B01', null, 'ASC-2011-40352'],
  ['CO-B01-RI-01', 'Centrale di rivelazione incendi', 'ANT', 'CO-B01', 'P0.02', 'RIV-2019-00114'],
];

type Role = 'admin' | 'requester' | 'call_center' | 'building_manager' | 'service_head' | 'accounting' | 'contractor';

interface UserSpec {
  username: string;
  displayName: string;
  email: string;
  phone: string | null;
  language: 'it' | 'en';
  roles: Role[];
  department?: DeptCode;
  contractor?: ContractorKey;
  password?: string; // defaults to DEMO_PASSWORD
  note: string;
  /** #9: one of the contractor's technicians (field staff). */
  technician?: boolean;
}

const USERS: UserSpec[] = [
  {
    username: 'admin',
    displayName: 'Paola Ferri',
    email: 'paola.ferri@uniesempio.example',
    phone: '+39 02 5550 1001',
    language: 'it',
    roles: ['admin'],
    note: 'Gestisce anagrafiche, utenti, contratti e configurazione / Manages registry, users, contracts and settings',
  },
  {
    username: 'richiedente',
    displayName: 'Marco Colombo',
    email: 'marco.colombo@uniesempio.example',
    phone: '+39 02 5550 2210',
    language: 'it',
    roles: ['requester'],
    department: 'DMEC',
    note: 'Apre segnalazioni, le segue e le valuta (DMEC) / Opens, follows and rates own tickets (DMEC)',
  },
  {
    username: 'requester.en',
    displayName: 'Sarah Mitchell',
    email: 'sarah.mitchell@uniesempio.example',
    phone: null,
    language: 'en',
    roles: ['requester'],
    department: 'DEIB',
    note: 'Richiedente in inglese (DEIB) / English-speaking requester (DEIB): opens, follows and rates own tickets',
  },
  {
    username: 'callcenter',
    displayName: 'Giulia Rinaldi',
    email: 'giulia.rinaldi@uniesempio.example',
    phone: '+39 02 5550 3000',
    language: 'it',
    roles: ['call_center'],
    note: 'Apre e completa ticket per chi chiama, inoltra note, chiude ticket / Opens and completes tickets for callers, relays notes, closes tickets',
  },
  {
    username: 'bm.centrale',
    displayName: 'Alessandro Galli',
    email: 'alessandro.galli@uniesempio.example',
    phone: '+39 02 5550 4101',
    language: 'it',
    roles: ['building_manager'],
    note: 'BM AGIS degli edifici centrali di Milano (MI-B01, B02, B05, B06, B07) / Central building manager of those Milan buildings',
  },
  {
    username: 'bm.deib',
    displayName: 'Chiara Fontana',
    email: 'chiara.fontana@uniesempio.example',
    phone: '+39 02 5550 4202',
    language: 'it',
    roles: ['building_manager'],
    department: 'DEIB',
    note: 'BM di dipartimento DEIB (MI-B03, MI-B04) / DEIB departmental building manager of MI-B03, MI-B04',
  },
  {
    username: 'bm.dmec',
    displayName: 'Stefano Moretti',
    email: 'stefano.moretti@uniesempio.example',
    phone: '+39 02 5550 4303',
    language: 'it',
    roles: ['building_manager'],
    department: 'DMEC',
    note: 'BM di dipartimento DMEC, Bovisa (MI-B08, MI-B09) / DMEC departmental building manager of MI-B08, MI-B09',
  },
  {
    username: 'bm.como',
    displayName: 'Davide Longoni',
    email: 'davide.longoni@uniesempio.example',
    phone: '+39 031 555 0404',
    language: 'it',
    roles: ['building_manager'],
    note: 'BM del campus di Como (CO-B01, CO-B02, CO-B03) / Building manager of the Como campus',
  },
  {
    username: 'capo.servizio',
    displayName: 'Roberto Marchetti',
    email: 'roberto.marchetti@uniesempio.example',
    phone: '+39 02 5550 5000',
    language: 'it',
    roles: ['service_head'],
    note: 'Capo servizio: autorizza o nega i preventivi, contesta e decide le penali, pubblica i programmi / Service head: authorises or denies quotes, contests and decides penalties, publishes programs',
  },
  {
    username: 'contabilita',
    displayName: 'Elena Sala',
    email: 'elena.sala@uniesempio.example',
    phone: '+39 02 5550 6000',
    language: 'it',
    roles: ['accounting'],
    note: 'Contabilità: consulta segnalazioni, ordini di lavoro, preventivi e registro delle penali / Accounting: reads tickets, work orders, quotes and the penalty register',
  },
  {
    username: 'ditta.edile',
    displayName: 'Luca Brambilla',
    email: 'luca.brambilla@brambilla-costruzioni.example',
    phone: '+39 02 8845 1201',
    language: 'it',
    roles: ['contractor'],
    contractor: 'edile',
    note: 'Ditta Lotto 1 opere edili: prende in carico e chiude gli ODL / Lot 1 building fabric contractor: handles its work orders',
  },
  {
    username: 'ditta.elettrica',
    displayName: 'Andrea Lombardi',
    email: 'andrea.lombardi@elettrosistemi-lombardi.example',
    phone: '+39 02 6612 4401',
    language: 'it',
    roles: ['contractor'],
    contractor: 'elettrica',
    note: 'Ditta Lotto 2 impianti elettrici: prende in carico e chiude gli ODL / Lot 2 electrical contractor: handles its work orders',
  },
  {
    username: 'ditta.termica',
    displayName: 'Francesca Nessi',
    email: 'francesca.nessi@termoidraulica-lariana.example',
    phone: '+39 031 274 5511',
    language: 'it',
    roles: ['contractor'],
    contractor: 'termica',
    note: 'Ditta Lotto 3 impianti termici e idraulici: prende in carico e chiude gli ODL / Lot 3 HVAC and plumbing contractor: handles its work orders',
  },
  {
    username: 'ditta.antincendio',
    displayName: 'Matteo Riva',
    email: 'matteo.riva@navigli-antincendio.example',
    phone: '+39 02 8391 7721',
    language: 'it',
    roles: ['contractor'],
    contractor: 'antincendio',
    note: 'Ditta Lotto 4 antincendio: prende in carico e chiude gli ODL / Lot 4 fire protection contractor: handles its work orders',
  },
  {
    username: 'ditta.ascensori',
    displayName: 'Simone Locatelli',
    email: 'simone.locatelli@elevatori-orobici.example',
    phone: '+39 035 441 2091',
    language: 'it',
    roles: ['contractor'],
    contractor: 'ascensori',
    note: 'Ditta Lotto 5 ascensori: prende in carico e chiude gli ODL / Lot 5 lifts contractor: handles its work orders',
  },
  ...DEMO_TECHNICIANS.map((t): UserSpec => ({
    username: t.username,
    displayName: t.displayName,
    email: t.email,
    phone: t.phone,
    language: 'it',
    roles: ['contractor'],
    contractor: t.contractor,
    technician: true,
    note: t.note,
  })),
];

const FLOOR_NAMES: Record<string, string> = {
  S2: 'Secondo piano interrato',
  S1: 'Piano interrato',
  P0: 'Piano terra',
  P1: 'Primo piano',
  P2: 'Secondo piano',
  P3: 'Terzo piano',
  P4: 'Quarto piano',
};

function floorLevel(code: string): number {
  const m = /^([SP])(\d+)$/.exec(code);
  if (!m) throw new Error(`demo seed: bad floor code ${code}`);
  return m[1] === 'S' ? -Number(m[2]) : Number(m[2]);
}

/** Square metres (two decimals) → integer cm² as stored. */
const m2ToCm2 = (m2: number): number => Math.round(m2 * 10000);

// Serialises concurrent seeders on PostgreSQL (several app instances starting on one empty database).
const SEED_LOCK_KEY = 7_301_202_611;

// ---------------------------------------------------------------------------------------------

/**
 * Seeds the demo university in one transaction. Only an empty database (no users) is seeded;
 * otherwise nothing is written and `seeded` is false with no logins.
 */
export async function seedDemo(db: Kysely<Database>, opts: { now: Date }): Promise<{ seeded: boolean; logins: DemoLogin[] }> {
  if (!(await isDatabaseEmpty(db))) return { seeded: false, logins: [] };

  // scrypt is slow on purpose: hash each distinct password once, outside the transaction.
  const hashes = new Map<string, string>();
  for (const u of USERS) {
    const pw = u.password ?? DEMO_PASSWORD;
    if (!hashes.has(pw)) hashes.set(pw, await hashPassword(pw));
  }

  const ts = opts.now.toISOString();
  const audit = () => ({ id: newId(), active: 1, version: 1, created_at: ts, updated_at: ts });
  const isPostgres = engineOf(db) === 'postgres';

  const seeded = await db.transaction().execute(async (trx) => {
    if (isPostgres) await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY}::bigint)`.execute(trx);
    if (!(await isDatabaseEmpty(trx))) return false; // another instance seeded meanwhile

    const siteIds = new Map<string, string>();
    const sites: Insertable<Database['sites']>[] = SITES.map((s) => {
      const row = { ...audit(), code: s.code, name: s.name, city: s.city, patron_saint: s.patronSaint };
      siteIds.set(s.code, row.id);
      return row;
    });
    await trx.insertInto('sites').values(sites).execute();

    const deptIds = new Map<DeptCode, string>();
    const departments: Insertable<Database['departments']>[] = DEPARTMENTS.map((d) => {
      const row = { ...audit(), code: d.code, name: d.name, cost_centre: d.costCentre };
      deptIds.set(d.code, row.id);
      return row;
    });
    await trx.insertInto('departments').values(departments).execute();

    const contractorIds = new Map<ContractorKey, string>();
    const contractors: Insertable<Database['contractors']>[] = CONTRACTORS.map((c) => {
      const row = { ...audit(), name: c.name, vat_number: c.vat, pec: c.pec, email: c.email, phone: c.phone };
      contractorIds.set(c.key, row.id);
      return row;
    });
    await trx.insertInto('contractors').values(contractors).execute();

    const classIds = new Map<ClassCode, string>();
    const classes: Insertable<Database['technology_classes']>[] = TECHNOLOGY_CLASSES.map((c) => {
      const row = { ...audit(), code: c.code, name_it: c.nameIt, name_en: c.nameEn, dm37_letter: c.dm37 };
      classIds.set(c.code, row.id);
      return row;
    });
    await trx.insertInto('technology_classes').values(classes).execute();
    // #10 item 1: what each class's work orders carry besides the DM 37/2008 declaration.
    await trx
      .insertInto('technology_class_documents')
      .values(
        CLASS_DOCUMENTS.map(([code, documentType, requiredWhen]) => ({
          technology_class_id: classIds.get(code)!,
          document_type: documentType,
          required_when: requiredWhen,
        })),
      )
      .execute();

    const buildingIds = new Map<string, string>();
    const spaceIds = new Map<string, string>(); // `${building}/${space}`
    const buildings: Insertable<Database['buildings']>[] = [];
    const occupancies: Insertable<Database['building_occupancies']>[] = [];
    const floors: Insertable<Database['floors']>[] = [];
    const spaces: Insertable<Database['spaces']>[] = [];
    for (const b of BUILDINGS) {
      const building = {
        ...audit(),
        site_id: siteIds.get(b.site)!,
        code: b.code,
        name: b.name,
        address: b.address,
        competence: b.competence.kind,
        competence_department_id: b.competence.kind === 'department' ? deptIds.get(b.competence.department)! : null,
      };
      buildingIds.set(b.code, building.id);
      buildings.push(building);

      const shares = Object.entries(b.occupancy) as Array<[DeptCode, number]>;
      if (shares.reduce((sum, [, bp]) => sum + bp, 0) !== 10000) throw new Error(`demo seed: shares of ${b.code}`);
      for (const [dept, bp] of shares) {
        occupancies.push({ building_id: building.id, department_id: deptIds.get(dept)!, share_bp: bp });
      }

      for (const f of b.floors) {
        const floor = { ...audit(), building_id: building.id, code: f.code, name: FLOOR_NAMES[f.code], level: floorLevel(f.code) };
        floors.push(floor);
        for (const [n, name, use, m2] of f.spaces) {
          const code = `${f.code}.${n}`;
          const space = { ...audit(), building_id: building.id, floor_id: floor.id, code, name, use, area_cm2: m2ToCm2(m2) };
          spaceIds.set(`${b.code}/${code}`, space.id);
          spaces.push(space);
        }
      }
    }
    await trx.insertInto('buildings').values(buildings).execute();
    await trx.insertInto('building_occupancies').values(occupancies).execute();
    await trx.insertInto('floors').values(floors).execute();
    await trx.insertInto('spaces').values(spaces).execute();

    const contracts: Insertable<Database['contracts']>[] = [];
    const contractClasses: Insertable<Database['contract_classes']>[] = [];
    const contractBuildings: Insertable<Database['contract_buildings']>[] = [];
    for (const c of CONTRACTS) {
      const contract = {
        ...audit(),
        lot: c.lot,
        cig: c.cig,
        title: c.title,
        contractor_id: contractorIds.get(c.contractor)!,
        starts_on: CONTRACT_START,
        ends_on: CONTRACT_END,
        net_amount_cents: c.netCents,
        yearly_fee_cents: c.feeCents,
        discount_bp: c.discountBp,
        lot_ceiling_cents: c.ceilingCents,
      };
      contracts.push(contract);
      for (const cls of c.classes) contractClasses.push({ contract_id: contract.id, technology_class_id: classIds.get(cls)! });
      for (const id of buildingIds.values()) contractBuildings.push({ contract_id: contract.id, building_id: id });
    }
    await trx.insertInto('contracts').values(contracts).execute();
    await trx.insertInto('contract_classes').values(contractClasses).execute();
    await trx.insertInto('contract_buildings').values(contractBuildings).execute();

    const assets: Insertable<Database['assets']>[] = ASSETS.map(([code, name, cls, building, space, serial]) => {
      const spaceId = space === null ? null : spaceIds.get(`${building}/${space}`);
      if (spaceId === undefined) throw new Error(`demo seed: asset ${code} in unknown space ${space}`);
      return {
        ...audit(),
        code,
        name,
        technology_class_id: classIds.get(cls)!,
        building_id: buildingIds.get(building)!,
        space_id: spaceId,
        serial_number: serial,
      };
    });
    await trx.insertInto('assets').values(assets).execute();
    await seedDemoPriceList(trx, opts.now);
    await seedDemoLotPriceLists(trx, opts.now);
    await seedDemoPlans(trx, opts.now);
    await seedDemoAllocation(trx, opts.now);

    const userIds = new Map<string, string>();
    const users: Insertable<Database['users']>[] = USERS.map((u) => {
      const row = {
        ...audit(),
        username: u.username,
        display_name: u.displayName,
        email: u.email,
        phone: u.phone,
        language: u.language,
        password_hash: hashes.get(u.password ?? DEMO_PASSWORD)!,
        failed_logins: 0,
        locked_until: null,
        contractor_id: u.contractor ? contractorIds.get(u.contractor)! : null,
        department_id: u.department ? deptIds.get(u.department)! : null,
        technician: u.technician ? 1 : 0,
      };
      userIds.set(u.username, row.id);
      return row;
    });
    await trx.insertInto('users').values(users).execute();
    await trx
      .insertInto('user_roles')
      .values(USERS.flatMap((u) => u.roles.map((role) => ({ user_id: userIds.get(u.username)!, role }))))
      .execute();
    await trx
      .insertInto('building_managers')
      .values(BUILDINGS.map((b) => ({ building_id: buildingIds.get(b.code)!, user_id: userIds.get(b.manager)! })))
      .execute();
    // The hashes of the published passwords: demoAccountsInUse finds who still holds one.
    await trx
      .insertInto('demo_marker')
      .values([...hashes.values()].map((h) => ({ password_hash: h, seeded_at: ts })))
      .execute();
    return true;
  });

  if (!seeded) return { seeded: false, logins: [] };
  return {
    seeded: true,
    logins: USERS.map((u) => ({ username: u.username, password: u.password ?? DEMO_PASSWORD, roles: [...u.roles], note: u.note })),
  };
}
