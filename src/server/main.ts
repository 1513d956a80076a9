// Starts Presidio: validate configuration, migrate, seed the demo into an empty database when asked (PRESIDIO_DEMO=1), listen.
import { ConfigError, loadConfig } from './config.ts';
import { createDb, migrateToLatest } from './db/create-db.ts';
import { buildApp } from './app.ts';
import { demoBanner, seedOnStart } from './db/seed/on-start.ts';
import { startOutboxSender } from './jobs/outbox-sender.ts';
import { startPlannedLateness } from './jobs/planned-lateness.ts';
import { startSlaWatcher } from './jobs/sla-watcher.ts';
import { startProgramGenerator } from './jobs/program-generator.ts';
import { startRatingReminder } from './jobs/rating-reminder.ts';
import { startSmtpListener } from './modules/mail-in/smtp-listener.ts';
import { startImapPoller } from './modules/mail-in/imap-poller.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }

  const db = createDb(config.database);
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);

  // Demo data only when asked for (PRESIDIO_DEMO=1, `npm run demo`): its passwords are public.
  const startLog = {
    info: (m: string) => console.log(m),
    warn: (m: string) => console.warn(m),
    error: (m: string, e?: unknown) => console.error(m, e ?? ''),
  };
  const { logins } = await seedOnStart(db, config, { now: new Date(), log: startLog, production: process.env.NODE_ENV === 'production' });

  const app = await buildApp(config, { db });
  await app.listen({ port: config.port, host: config.host });
  // At every start, not only the first: a demo database must not quietly become a real one.
  const banner = await demoBanner(db);
  if (banner) app.log.warn(banner);

  // Workers (each off unless configured): notices out over SMTP_URL; e-mail in on
  // MAIL_IN_SMTP_PORT and from MAIL_IN_IMAP_URL. Without SMTP_URL notices wait in the outbox.
  const outboxSender = startOutboxSender({ db, mail: config.mail, now: app.ctx.now, log: app.log, attachmentsDir: config.attachmentsDir });
  // SLA clocks: warnings, breaches and penalty proposals every SLA_WATCH_INTERVAL_SECONDS (0: off).
  const slaWatcher = startSlaWatcher(app.ctx, app.log);
  // Planned work orders past their due date: late, planned_late notice, fixed penalty proposal (#8).
  const plannedLateness = startPlannedLateness(app.ctx, app.log);
  // Next month's draft programs, from the 20th, every PROGRAM_GENERATOR_INTERVAL_SECONDS (0: off).
  const programGenerator = startProgramGenerator(app.ctx, app.log);
  // The one reminder to rate, with a new link, every RATING_REMINDER_INTERVAL_SECONDS (0: off, #11).
  const ratingReminder = startRatingReminder(app.ctx, app.log);
  const smtpListener = await startSmtpListener(app.ctx, app.log);
  const imapPoller = startImapPoller(app.ctx, app.log);
  if (!config.mail.smtpUrl) console.log('SMTP_URL not set: e-mail notices stay in the outbox (admin: GET /api/admin/outbox).');

  const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL';
  console.log(`\nPresidio is running on http://localhost:${config.port} (database: ${where})`);
  if (logins.length) {
    console.log('\nDemo logins (username, password, roles, what they do):');
    for (const l of logins) console.log(`  ${l.username.padEnd(16)} ${l.password.padEnd(10)} ${l.roles.join(', ').padEnd(24)} ${l.note}`);
  }

  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: shutting down`);
    // Stop taking and sending mail first: a run in progress finishes its message.
    await Promise.all([
      outboxSender?.stop(),
      slaWatcher?.stop(),
      plannedLateness?.stop(),
      programGenerator?.stop(),
      ratingReminder?.stop(),
      smtpListener?.close(),
      imapPoller?.stop(),
    ]);
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
