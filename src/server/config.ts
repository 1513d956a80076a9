import path from 'node:path';
import { isIP } from 'node:net';
import type { LegalLimits } from '../domain/penalties.ts';

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlHours: number;
  cookieSecure: boolean;
  uploadMaxBytes: number;
  /** Failed logins per (username, client address) before that pair must wait; never a lock-out. */
  loginBackoffAfter: number;
  /** First wait, doubled with each further failure of the pair up to loginBackoffMaxSeconds. */
  loginBackoffSeconds: number;
  loginBackoffMaxSeconds: number;
  /** Proxies whose X-Forwarded-For/-Proto are believed (IPs, CIDRs); empty: none, the socket decides. */
  trustProxy: string[];
  /** Strict-Transport-Security max-age on HTTPS answers; 0: not sent. */
  hstsMaxAge: number;
  loginRateLimit: number; // attempts per client address per window
  loginRateWindowSeconds: number;
  publicUrl: string;
  webDist: string;
  attachmentMaxBytes: number;
  attachmentsDir: string;
  emergencyPhone: string;
  ratingLinkDays: number;
  ratingRateLimit: number; // rating-page requests per client address per window
  ratingRateWindowSeconds: number;
  /** #11: days after the rating link went before its one reminder (src/server/jobs/rating-reminder.ts). */
  ratingReminderDays: number;
  /** How often the rating-reminder job runs; 0 = off. */
  ratingReminderIntervalSeconds: number;
  emailChangeHours: number; // life of the link that confirms a new e-mail address (#7)
  reminderQuietHours: number; // hours after opening before the requester is offered a reminder (#9)
  reopenDays: number; // days after closure in which the requester may say a ticket is not solved (#9)
  mail: MailConfig;
  sla: SlaConfig;
  penalties: PenaltyConfig;
  /** #8: the planned-lateness job (src/server/jobs/planned-lateness.ts); 0 = off. */
  plannedLatenessIntervalSeconds: number;
  /** Largest unpacked size of an imported XLSX (zip bomb guard, #7). */
  importMaxUnpackedBytes: number;
  /** How often the job that prepares next month's draft programs runs (src/server/jobs/program-generator.ts; 0: off). */
  programGeneratorIntervalSeconds: number;
  /** #12: a scheduled job's lease among several instances, renewed every third of it while a pass runs (jobs/job-lease.ts). */
  jobLeaseSeconds: number;
}

/** SLA escalation (src/server/jobs/sla-watcher.ts). */
export interface SlaConfig {
  /** Share of a clock's limit (0..1) at which the contractor and building managers are warned. */
  warnShare: number;
  watchIntervalSeconds: number;
}

/** D.Lgs. 36/2023 art. 126 limits (amended over time, hence configuration) and the procedure's term. */
export interface PenaltyConfig {
  limits: LegalLimits;
  /** Days the contractor has to counter-argue a contested penalty. */
  termDays: number;
}

/** E-mail out (outbox sender) and in (SMTP listener, IMAP polling). Null/0 means off. */
export interface MailConfig {
  smtpUrl: string | null;
  from: string;
  outboxMaxAttempts: number;
  outboxIntervalSeconds: number;
  /** #12: a sender's claim on its batch, renewed every third of it while sending (jobs/outbox-sender.ts). */
  outboxLeaseSeconds: number;
  inAddress: string | null;
  inSmtpPort: number;
  inMaxBytes: number;
  inImapUrl: string | null;
  inImapIntervalSeconds: number;
  inImapMoveTo: string | null;
  /** Days a sent notice keeps its text and HTML bodies (rating links, personal data) before they are redacted. */
  outboxRetentionDays: number;
  /** Signs the reply tokens of notices (null: a secret generated once and kept in the database). */
  replySecret: string | null;
  inSmtpHost: string;
  /** With both set, the SMTP listener requires AUTH before MAIL FROM. */
  inSmtpUser: string | null;
  inSmtpPassword: string | null;
  /** Addresses / CIDR ranges allowed to connect to the SMTP listener (empty: any). */
  inSmtpAllow: string[];
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Every variable Presidio reads, with its meaning; README lists the same. */
export const ENV_DOC: Record<string, string> = {
  PORT: 'HTTP port (default 3000)',
  HOST: 'address to listen on (default 0.0.0.0)',
  DATABASE_URL: 'postgres://… for PostgreSQL, or sqlite:path/to/file (default sqlite:data/presidio.sqlite)',
  PRESIDIO_DEMO:
    '1 seeds the demo university (accounts with the public password "presidio") into an empty database; default 0: starts empty (`npm run demo` sets 1)',
  LOG_LEVEL: 'fatal, error, warn, info (default), debug, trace or silent',
  SESSION_TTL_HOURS: 'session lifetime in hours (default 12, 1–720)',
  COOKIE_SECURE: '1 always names the session cookie __Host-presidio_session and marks it Secure; default 0: so only on HTTPS requests',
  UPLOAD_MAX_MB: 'largest accepted upload in MB (default 10, 1–100)',
  LOGIN_BACKOFF_AFTER: 'failed logins per username and client address before that pair must wait (default 5); accounts never lock',
  LOGIN_BACKOFF_SECONDS: 'the first wait, doubled at each further failure of the pair (default 30, 1–3600)',
  LOGIN_BACKOFF_MAX_MINUTES: 'the longest wait (default 15, 1–1440)',
  TRUST_PROXY:
    'reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, comma-separated IPs or CIDRs, e.g. 127.0.0.1 (default empty: none)',
  HSTS_MAX_AGE: 'seconds of Strict-Transport-Security sent on HTTPS answers (default 0: not sent; e.g. 31536000)',
  LOGIN_RATE_LIMIT: 'login attempts per client address per window (default 20)',
  LOGIN_RATE_WINDOW_SECONDS: 'the window of LOGIN_RATE_LIMIT in seconds (default 300)',
  PUBLIC_URL: 'the address users reach Presidio at, used in e-mails (default http://localhost:PORT)',
  ATTACHMENT_MAX_MB: 'largest accepted ticket / work-order attachment in MB (default 10, 1–100)',
  ATTACHMENTS_DIR: 'directory for attachment files, outside the web root (default data/attachments)',
  EMERGENCY_PHONE: 'number shown to a requester who reports a danger to people (default 112)',
  RATING_LINK_DAYS: 'days a rating link in the closing e-mail stays valid (default 30, 1–365)',
  RATING_RATE_LIMIT: 'rating-page requests per client address per window (default 30)',
  RATING_RATE_WINDOW_SECONDS: 'the window of RATING_RATE_LIMIT in seconds (default 300)',
  EMAIL_CHANGE_HOURS: "hours the link confirming a new e-mail address of one's profile stays valid (default 24, 1–168)",
  REMINDER_QUIET_HOURS: 'hours after a ticket is opened before its requester may send a reminder ("sollecito") (default 24, 0–720)',
  REOPEN_DAYS: 'days after a ticket is closed in which its requester may mark it "not solved" from the ticket page (default 15, 1–365)',
  SMTP_URL: 'outgoing mail server, smtp://user:password@host:587 or smtps://…:465; unset: notices stay in the outbox (admin › outbox)',
  MAIL_FROM: 'sender of the notices, e.g. "Presidio <presidio@ateneo.it>" (default presidio@ the PUBLIC_URL host)',
  OUTBOX_MAX_ATTEMPTS: 'sending attempts before a notice is marked failed (default 8; backoff 1, 2, 4 … minutes)',
  OUTBOX_INTERVAL_SECONDS: 'how often the outbox sender looks for due notices (default 10)',
  OUTBOX_LEASE_SECONDS:
    "how long a sender's claim on a batch of notices holds unless renewed; renewed every third of it while sending, so a killed instance's batch is sent by another within it (default 30, 2–3600)",
  OUTBOX_RETENTION_DAYS:
    'days a sent notice keeps its text (rating links, personal data) before the sender replaces it with a marker; subject, recipient and dates stay (default 30, 1–3650)',
  MAIL_IN_ADDRESS: 'the service mailbox that receives requests and replies, e.g. manutenzione@ateneo.it',
  MAIL_IN_SMTP_PORT: 'port of the built-in SMTP listener for MAIL_IN_ADDRESS (default 0: off)',
  MAIL_IN_MAX_MB: 'largest accepted incoming e-mail in MB (default 25, 1–100)',
  MAIL_IN_IMAP_URL: 'mailbox to poll, imaps://user:password@host:993/INBOX (unset: off)',
  MAIL_IN_IMAP_INTERVAL_SECONDS: 'how often the IMAP mailbox is polled (default 60)',
  MAIL_IN_IMAP_MOVE_TO: 'folder to move processed messages to (default: leave them in place, marked as read)',
  MAIL_IN_SMTP_HOST: 'address the built-in SMTP listener binds (default 127.0.0.1: only the local relay reaches it)',
  MAIL_IN_SMTP_USER: 'with MAIL_IN_SMTP_PASSWORD: the SMTP listener requires AUTH (PLAIN/LOGIN) before MAIL FROM (default: no AUTH)',
  MAIL_IN_SMTP_PASSWORD: 'the password of MAIL_IN_SMTP_USER',
  MAIL_IN_SMTP_ALLOW:
    'comma-separated addresses or CIDR ranges allowed to connect to the SMTP listener, e.g. 10.0.0.5,192.168.1.0/24 (default: any that reaches MAIL_IN_SMTP_HOST)',
  MAIL_REPLY_SECRET: 'secret (32+ characters) signing the reply tokens in notices; unset: generated once and kept in the database',
  SLA_WARN_SHARE: 'share of an SLA limit at which contractor and building managers are warned (default 0.75, 0.1–0.99)',
  SLA_WATCH_INTERVAL_SECONDS: 'how often the SLA watcher looks for clocks to warn about, breaches and penalties (default 60; 0: off)',
  PENALTY_MIN_DAILY_PER_MILLE:
    'lowest daily penalty rate allowed, per mille of the net contract amount (default 0.3, D.Lgs. 36/2023 art. 126)',
  PENALTY_MAX_DAILY_PER_MILLE: 'highest daily penalty rate allowed, per mille of the net contract amount (default 1)',
  PENALTY_CAP_PERCENT: 'total penalties cap, percent of the net contract amount (default 10)',
  PENALTY_TERM_DAYS: 'days a contractor has to counter-argue a contested penalty (default 10, 1–90)',
  IMPORT_MAX_UNPACKED_MB: 'largest size an imported XLSX may unpack to, in MB (default 50, 1–1000); larger is refused before reading',
  JOB_LEASE_SECONDS:
    "with several instances on one database: how long an instance's claim on a scheduled job's pass (SLA watcher, planned lateness, programs, rating reminders, IMAP polling) holds unless renewed; renewed every third of it (default 30, 2–3600)",
};

type Env = Record<string, string | undefined>;

/** MAIL_IN_SMTP_HOST / _USER / _PASSWORD / _ALLOW and MAIL_REPLY_SECRET (#7 item 2). */
function mailInSecurity(
  env: Env,
  problems: string[],
): Pick<MailConfig, 'replySecret' | 'inSmtpHost' | 'inSmtpUser' | 'inSmtpPassword' | 'inSmtpAllow'> {
  const inSmtpHost = env.MAIL_IN_SMTP_HOST?.trim() || '127.0.0.1';
  if (!isIP(inSmtpHost) && !/^[A-Za-z0-9.-]+$/.test(inSmtpHost)) problems.push(`MAIL_IN_SMTP_HOST="${inSmtpHost}" is not an address`);
  const inSmtpUser = env.MAIL_IN_SMTP_USER?.trim() || null;
  const inSmtpPassword = env.MAIL_IN_SMTP_PASSWORD || null;
  if (!!inSmtpUser !== !!inSmtpPassword) problems.push('MAIL_IN_SMTP_USER and MAIL_IN_SMTP_PASSWORD go together: set both or neither');
  const inSmtpAllow = (env.MAIL_IN_SMTP_ALLOW ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const a of inSmtpAllow) {
    const [ip, bits, extra] = a.split('/');
    const v = isIP(ip);
    const max = v === 6 ? 128 : 32;
    if (!v || extra !== undefined || (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= max))) {
      problems.push(`MAIL_IN_SMTP_ALLOW: "${a}" is not an IP address or CIDR range`);
    }
  }
  const replySecret = env.MAIL_REPLY_SECRET || null;
  if (replySecret !== null && replySecret.length < 32) problems.push('MAIL_REPLY_SECRET must be at least 32 characters');
  return { replySecret, inSmtpHost, inSmtpUser, inSmtpPassword, inSmtpAllow };
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];

  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (!/^\d+$/.test(raw.trim())) {
      problems.push(`${name}="${raw}" must be a whole number between ${min} and ${max}`);
      return def;
    }
    const n = Number(raw);
    if (n < min || n > max) problems.push(`${name}=${raw} must be between ${min} and ${max}`);
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}="${raw}" must be 1 or 0`);
    return def;
  };

  const dec = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return def;
    const n = Number(raw.replace(',', '.'));
    if (!/^\d+([.,]\d+)?$/.test(raw) || !Number.isFinite(n)) {
      problems.push(`${name}="${raw}" must be a number between ${min} and ${max}`);
      return def;
    }
    if (n < min || n > max) problems.push(`${name}=${raw} must be between ${min} and ${max}`);
    return n;
  };

  const port = int('PORT', 3000, 1, 65535);
  const host = env.HOST?.trim() || '0.0.0.0';

  let database: DatabaseConfig = { kind: 'sqlite', file: path.resolve(cwd, 'data/presidio.sqlite') };
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (/^postgres(ql)?:\/\//.test(url)) {
      try {
        new URL(url);
        database = { kind: 'postgres', url };
      } catch {
        problems.push('DATABASE_URL is not a valid postgres:// address');
      }
    } else if (url.startsWith('sqlite:')) {
      const file = url.slice('sqlite:'.length);
      if (!file) problems.push('DATABASE_URL=sqlite: needs a file path, e.g. sqlite:data/presidio.sqlite');
      database = { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
    } else {
      problems.push('DATABASE_URL must start with postgres://, postgresql:// or sqlite:');
    }
  }

  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!levels.includes(logLevel)) problems.push(`LOG_LEVEL="${env.LOG_LEVEL}" must be one of ${levels.join(', ')}`);

  const publicUrl = env.PUBLIC_URL?.trim() || `http://localhost:${port}`;
  try {
    new URL(publicUrl);
  } catch {
    problems.push(`PUBLIC_URL="${publicUrl}" is not a valid http(s) address`);
  }

  const optUrl = (name: string, protocols: string[]): string | null => {
    const raw = env[name]?.trim();
    if (!raw) return null;
    try {
      const u = new URL(raw);
      if (protocols.includes(u.protocol.replace(/:$/, ''))) return raw;
    } catch {
      // reported below
    }
    problems.push(`${name} must be a ${protocols.map((p) => `${p}://`).join(' or ')} address`);
    return null;
  };
  const emailLike = (name: string, raw: string | undefined): string | null => {
    const v = raw?.trim();
    if (!v) return null;
    const addr = /<([^<>\s]+)>\s*$/.exec(v)?.[1] ?? v;
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(addr)) problems.push(`${name}="${v}" is not an e-mail address`);
    return v;
  };
  const inSmtpPort = int('MAIL_IN_SMTP_PORT', 0, 0, 65535);
  const inAddress = emailLike('MAIL_IN_ADDRESS', env.MAIL_IN_ADDRESS);
  const inImapUrl = optUrl('MAIL_IN_IMAP_URL', ['imap', 'imaps']);
  if ((inSmtpPort || inImapUrl) && !inAddress)
    problems.push('MAIL_IN_ADDRESS is required when MAIL_IN_SMTP_PORT or MAIL_IN_IMAP_URL is set');
  let publicHost = 'localhost';
  try {
    publicHost = new URL(publicUrl).hostname;
  } catch {
    // reported above
  }
  const mail: MailConfig = {
    smtpUrl: optUrl('SMTP_URL', ['smtp', 'smtps']),
    from: emailLike('MAIL_FROM', env.MAIL_FROM) ?? `Presidio <presidio@${publicHost}>`,
    outboxMaxAttempts: int('OUTBOX_MAX_ATTEMPTS', 8, 1, 30),
    outboxIntervalSeconds: int('OUTBOX_INTERVAL_SECONDS', 10, 1, 3600),
    outboxLeaseSeconds: int('OUTBOX_LEASE_SECONDS', 30, 2, 3600),
    inAddress,
    inSmtpPort,
    inMaxBytes: int('MAIL_IN_MAX_MB', 25, 1, 100) * 1024 * 1024,
    inImapUrl,
    inImapIntervalSeconds: int('MAIL_IN_IMAP_INTERVAL_SECONDS', 60, 5, 86400),
    inImapMoveTo: env.MAIL_IN_IMAP_MOVE_TO?.trim() || null,
    outboxRetentionDays: int('OUTBOX_RETENTION_DAYS', 30, 1, 3650),
    ...mailInSecurity(env, problems),
  };

  const limits: LegalLimits = {
    minDailyPerMille: dec('PENALTY_MIN_DAILY_PER_MILLE', 0.3, 0, 100),
    maxDailyPerMille: dec('PENALTY_MAX_DAILY_PER_MILLE', 1, 0.001, 100),
    capPercent: dec('PENALTY_CAP_PERCENT', 10, 0.01, 100),
  };
  if (limits.minDailyPerMille > limits.maxDailyPerMille) {
    problems.push(
      `PENALTY_MIN_DAILY_PER_MILLE (${limits.minDailyPerMille}) must not exceed PENALTY_MAX_DAILY_PER_MILLE (${limits.maxDailyPerMille})`,
    );
  }

  // Addresses or CIDRs only: a hop count or "true" would believe any client's X-Forwarded-For.
  const proxyList = (name: string): string[] => {
    const items = (env[name] ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    for (const item of items) {
      const [ip, bits, extra] = item.split('/');
      const family = isIP(ip);
      const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
      if (!family || !okBits || extra !== undefined)
        problems.push(`${name}: "${item}" is not an IP address or CIDR range (e.g. 127.0.0.1 or 10.0.0.0/8)`);
    }
    return items;
  };
  for (const gone of ['LOGIN_MAX_FAILURES', 'LOGIN_LOCK_MINUTES']) {
    if (env[gone]?.trim())
      problems.push(
        `${gone} is no longer read: accounts do not lock; set LOGIN_BACKOFF_AFTER, LOGIN_BACKOFF_SECONDS, LOGIN_BACKOFF_MAX_MINUTES instead`,
      );
  }

  const config: Config = {
    port,
    host,
    database,
    // Never by default: the demo's accounts share a published password (#7 item 1).
    demo: bool('PRESIDIO_DEMO', false),
    logLevel,
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 720),
    cookieSecure: bool('COOKIE_SECURE', false),
    uploadMaxBytes: int('UPLOAD_MAX_MB', 10, 1, 100) * 1024 * 1024,
    loginBackoffAfter: int('LOGIN_BACKOFF_AFTER', 5, 1, 100),
    loginBackoffSeconds: int('LOGIN_BACKOFF_SECONDS', 30, 1, 3600),
    loginBackoffMaxSeconds: int('LOGIN_BACKOFF_MAX_MINUTES', 15, 1, 1440) * 60,
    trustProxy: proxyList('TRUST_PROXY'),
    hstsMaxAge: int('HSTS_MAX_AGE', 0, 0, 63072000),
    loginRateLimit: int('LOGIN_RATE_LIMIT', 20, 1, 10000),
    loginRateWindowSeconds: int('LOGIN_RATE_WINDOW_SECONDS', 300, 1, 86400),
    publicUrl,
    webDist: path.resolve(cwd, 'dist/web'),
    attachmentMaxBytes: int('ATTACHMENT_MAX_MB', 10, 1, 100) * 1024 * 1024,
    attachmentsDir: path.resolve(cwd, env.ATTACHMENTS_DIR?.trim() || 'data/attachments'),
    emergencyPhone: env.EMERGENCY_PHONE?.trim() || '112',
    ratingLinkDays: int('RATING_LINK_DAYS', 30, 1, 365),
    ratingRateLimit: int('RATING_RATE_LIMIT', 30, 1, 10000),
    ratingRateWindowSeconds: int('RATING_RATE_WINDOW_SECONDS', 300, 1, 86400),
    ratingReminderDays: int('RATING_REMINDER_DAYS', 3, 1, 364),
    ratingReminderIntervalSeconds: int('RATING_REMINDER_INTERVAL_SECONDS', 3600, 0, 86400),
    emailChangeHours: int('EMAIL_CHANGE_HOURS', 24, 1, 168),
    reminderQuietHours: int('REMINDER_QUIET_HOURS', 24, 0, 720),
    reopenDays: int('REOPEN_DAYS', 15, 1, 365),
    mail,
    sla: {
      warnShare: dec('SLA_WARN_SHARE', 0.75, 0.1, 0.99),
      watchIntervalSeconds: int('SLA_WATCH_INTERVAL_SECONDS', 60, 0, 86400),
    },
    penalties: { limits, termDays: int('PENALTY_TERM_DAYS', 10, 1, 90) },
    plannedLatenessIntervalSeconds: int('PLANNED_LATENESS_INTERVAL_SECONDS', 300, 0, 86400),
    importMaxUnpackedBytes: int('IMPORT_MAX_UNPACKED_MB', 50, 1, 1000) * 1024 * 1024,
    programGeneratorIntervalSeconds: int('PROGRAM_GENERATOR_INTERVAL_SECONDS', 3600, 0, 86400),
    jobLeaseSeconds: int('JOB_LEASE_SECONDS', 30, 2, 3600),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
