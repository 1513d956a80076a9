// What a starting server does about demo data (#7 item 1): seed only when asked for
// (PRESIDIO_DEMO=1, which `npm run demo` sets), and say loudly at every start while accounts with
// the published demo password are still active.
import type { Config } from '../../config.ts';
import type { Db } from '../create-db.ts';
import { demoAccountsInUse, isDatabaseEmpty, seedDemo, type DemoLogin } from './demo.ts';

export interface StartLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export interface StartSeed {
  seeded: boolean;
  /** Only when the seed has just run: the logins to print once. */
  logins: DemoLogin[];
}

/**
 * Seeds the demo university into an empty database when config.demo is set; otherwise seeds
 * nothing and tells how to create the first administrator. `activity: false` leaves out the six
 * weeks of played tickets (tests that only care about the accounts).
 */
export async function seedOnStart(
  db: Db,
  config: Config,
  opts: { now: Date; log: StartLog; activity?: boolean; production?: boolean },
): Promise<StartSeed> {
  if (!(await isDatabaseEmpty(db))) return { seeded: false, logins: [] };
  if (!config.demo) {
    opts.log.info(
      'Empty database: create the first administrator with `npm run create-admin` (demo data only with `npm run demo` or PRESIDIO_DEMO=1).',
    );
    return { seeded: false, logins: [] };
  }
  if (opts.production) opts.log.warn('PRESIDIO_DEMO=1 with NODE_ENV=production: seeding demo accounts with a public password.');
  const demo = await seedDemo(db, { now: opts.now });
  if (!demo.seeded) return { seeded: false, logins: [] };
  opts.log.info('Empty database: demo university seeded.');
  if (opts.activity !== false) {
    // The living service: six weeks of tickets played through the workflow services.
    const { seedDemoActivity } = await import('./demo-activity.ts');
    const started = Date.now();
    try {
      const played = await seedDemoActivity({ db, config, now: () => opts.now }, { now: opts.now });
      opts.log.info(`Demo activity: ${played.tickets} tickets, ${played.workOrders} work orders (${Date.now() - started} ms).`);
      // Planned maintenance: this month's programs published, next month's submitted (from the demo plans).
      const { seedDemoPrograms } = await import('./demo-programs.ts');
      const programs = await seedDemoPrograms({ db, config, now: () => opts.now }, { now: opts.now });
      if (programs.published || programs.submitted)
        opts.log.info(`Demo programs: ${programs.published} published, ${programs.submitted} submitted, ${programs.returned} returned.`);
      // Last month's programs done (one activity late), this month's work in every planned state.
      const { seedDemoPlannedWork } = await import('./demo-planned.ts');
      const planned = await seedDemoPlannedWork({ db, config, now: () => opts.now }, { now: opts.now });
      opts.log.info(
        `Demo planned work: ${planned.previousMonthDone} done last month, ${planned.late} late; this month: ${planned.states.join(', ')}.`,
      );
      // #10 item 6: lot 4 just past 80 % of its amount (the service head's spend alert).
      opts.log.info(
        `Demo spend: ${await (await import('./demo-spend.ts')).seedDemoSpend({ db, config, now: () => opts.now }, { now: opts.now })}`,
      );
      // Technicians (#9): each dispatcher hands its open work with a visit to its technicians.
      const { seedDemoAssignments } = await import('./demo-technicians.ts');
      opts.log.info(`Demo technicians: ${await seedDemoAssignments({ db, config, now: () => opts.now })} work orders assigned.`);
      // #10: closing documents checked and final accounts in every state (demo-money.ts).
      const { seedDemoFinalAccounts } = await import('./demo-money.ts');
      const money = await seedDemoFinalAccounts({ db, config, now: () => opts.now }, { now: opts.now });
      opts.log.info(
        `Demo final accounts: ${Object.entries(money.finalAccounts)
          .map(([state, n]) => `${n} ${state}`)
          .join(', ')}; ${money.documentsAccepted} closing documents accepted.`,
      );
      // #11 item 2: the penalty/reward scheme of lots 2 and 3, last month's reports (one signed off, one to review).
      const kpi = await (await import('./demo-kpi.ts')).seedDemoKpi({ db, config, now: () => opts.now }, { now: opts.now });
      opts.log.info(`Demo indicator reports: ${kpi.signedOff.length} signed off, ${kpi.awaitingReview.length} to review.`);
      // Statements (#10 item 4): last month's approved, this month's in draft, per contract.
      const { seedDemoStatements } = await import('./demo-statements.ts');
      const statements = await seedDemoStatements({ db, config, now: () => opts.now }, { now: opts.now });
      opts.log.info(`Demo statements: ${statements.approved} approved, ${statements.drafts} drafts.`);
      // #10 item 5: the contractors' invoices against the approved statements (none yet: nothing).
      const inv = await (await import('./demo-invoices.ts')).seedDemoInvoices({ db, config, now: () => opts.now }, { now: opts.now });
      opts.log.info(`Demo invoices: ${inv.accepted} accepted, ${inv.disputed} disputed, ${inv.registered} to decide.`);
      // #11 item 4: the low ratings' follow-ups, one done with its outcome, one open.
      const sat = await (await import('./demo-satisfaction.ts')).seedDemoSatisfaction({ db, config, now: () => opts.now });
      opts.log.info(`Demo satisfaction: ${sat.done} follow-up(s) done, ${sat.open} open.`);
    } catch (e) {
      opts.log.error('Demo activity not complete (the registry demo is there; the app starts anyway)', e);
    }
  }
  return demo;
}

/** The start-up banner while demo accounts are active, or null. Names accounts, never passwords. */
export async function demoBanner(db: Db): Promise<string | null> {
  const users = await demoAccountsInUse(db);
  if (users.length === 0) return null;
  return (
    `DEMO ACCOUNTS ACTIVE: ${users.length} account(s) (${users.join(', ')}) still log in with the demo password published in the README. ` +
    'Do not use this database for real work: change those passwords or deactivate the accounts (admin › users), or start on an empty database.'
  );
}
