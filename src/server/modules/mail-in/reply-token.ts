// Reply tokens (#7 item 2): the proof that an e-mail reply comes from the person a notice was sent
// to. Every notice about a ticket carries a token bound to (recipient, ticket): HMAC-SHA256 under a
// server secret, 128 bits in base32 (26 characters, fits a plus-address's local part). It travels in
// the Reply-To ("manutenzione+<token>@ateneo.it") and in the notice's Message-ID, so a reply carries
// it back in To or in In-Reply-To/References. The token names nobody: intake recomputes it for the
// users whose address is the reply's From and for the ticket the reply names, and compares.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/create-db.ts';
import type { MailConfig } from '../../config.ts';
import { storedSecret } from './mail-in.repository.ts';

const SECRET_NAME = 'reply_token';
const TOKEN_RE = /^[a-z2-7]{26}$/;
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** Who a token was issued to: a user, or (a phone ticket's caller without an account) an address. */
export type TokenHolder = { userId: string } | { address: string };

const holderKey = (h: TokenHolder) => ('userId' in h ? `user:${h.userId}` : `address:${h.address.trim().toLowerCase()}`);

export function replyToken(secret: Buffer, holder: TokenHolder, ticketId: string): string {
  const mac = createHmac('sha256', secret)
    .update(`presidio-reply-v1\n${holderKey(holder)}\n${ticketId.toLowerCase()}`)
    .digest();
  return base32(mac.subarray(0, 16));
}

/** True when one of `tokens` is the token of this holder and ticket (constant-time comparison). */
export function tokenMatches(secret: Buffer, holder: TokenHolder, ticketId: string, tokens: Iterable<string>): boolean {
  const want = Buffer.from(replyToken(secret, holder, ticketId));
  let ok = false;
  for (const t of tokens) {
    const got = Buffer.from(t);
    if (got.length === want.length && timingSafeEqual(got, want)) ok = true;
  }
  return ok;
}

/** The bare address of a configured mailbox ("Manutenzione <m@x>" → "m@x"), lower case. */
export function bareAddress(a: string): string {
  return (/<([^<>\s]+)>\s*$/.exec(a)?.[1] ?? a).trim().toLowerCase();
}

/** "manutenzione@ateneo.it" + token → "manutenzione+token@ateneo.it". */
export function replyAddress(mailbox: string, token: string): string {
  const [local, domain] = bareAddress(mailbox).split('@');
  return `${local}+${token}@${domain}`;
}

/** The mailbox without a plus tag when `address` is the service mailbox (tagged or not), else null. */
export function tagOf(address: string, mailbox: string): { tag: string | null } | null {
  const a = address.trim().toLowerCase();
  const [local, domain] = bareAddress(mailbox).split('@');
  const at = a.lastIndexOf('@');
  if (at < 0 || a.slice(at + 1) !== domain) return null;
  const l = a.slice(0, at);
  if (l === local) return { tag: null };
  if (l.startsWith(`${local}+`)) return { tag: l.slice(local.length + 1) };
  return null;
}

/** The Message-ID part that carries a token: "<….rt-<token>@domain>". */
export const messageIdTag = (token: string) => `rt-${token}`;

/**
 * The tokens a reply carries: plus-tags of the service mailbox among its recipients (To, Cc, the
 * SMTP envelope) and "rt-<token>" parts of the ids in In-Reply-To/References. Bounded: only the
 * first 100 of each are looked at.
 */
export function tokensIn(recipients: readonly string[], references: readonly string[], mailbox: string): string[] {
  const out = new Set<string>();
  for (const r of recipients.slice(0, 100)) {
    const t = tagOf(r, mailbox)?.tag;
    if (t && TOKEN_RE.test(t)) out.add(t);
  }
  for (const ref of references.slice(0, 100)) {
    const m = /\.rt-([a-z2-7]{26})@/.exec(ref.slice(0, 998).toLowerCase());
    if (m) out.add(m[1]);
  }
  return [...out];
}

const cache = new WeakMap<object, Promise<Buffer>>();

/**
 * The secret tokens are signed with: MAIL_REPLY_SECRET, or one generated on first use and kept in
 * the database (the first instance to store it wins; the others read it), so all instances agree.
 */
export function replySecret(db: Db, mail: Pick<MailConfig, 'replySecret'>): Promise<Buffer> {
  if (mail.replySecret) return Promise.resolve(Buffer.from(mail.replySecret, 'utf8'));
  let p = cache.get(db);
  if (!p) {
    p = (async () => {
      const value = await storedSecret(db, SECRET_NAME, randomBytes(32).toString('base64'));
      return Buffer.from(value, 'base64');
    })();
    p.catch(() => cache.delete(db));
    cache.set(db, p);
  }
  return p;
}
