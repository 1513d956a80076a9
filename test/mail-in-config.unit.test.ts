// Configuration of the mail-in listener's exposure and of the reply-token secret (#7 item 2), and
// the reply-token helpers.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/server/config.ts';
import { replyAddress, replyToken, tagOf, tokenMatches, tokensIn } from '../src/server/modules/mail-in/reply-token.ts';
import { allowList } from '../src/server/modules/mail-in/smtp-listener.ts';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

describe('mail-in configuration', () => {
  it('defaults: the listener binds 127.0.0.1, no AUTH, no allow-list, the secret from the database', () => {
    const m = loadConfig({}).mail;
    expect(m).toMatchObject({ inSmtpHost: '127.0.0.1', inSmtpUser: null, inSmtpPassword: null, inSmtpAllow: [], replySecret: null });
  });
  it('reads host, credentials, allow-list and secret', () => {
    const m = loadConfig({
      MAIL_IN_SMTP_HOST: '0.0.0.0',
      MAIL_IN_SMTP_USER: 'relay',
      MAIL_IN_SMTP_PASSWORD: 'pw',
      MAIL_IN_SMTP_ALLOW: '10.0.0.5, 192.168.1.0/24,::1',
      MAIL_REPLY_SECRET: 'x'.repeat(32),
    }).mail;
    expect(m).toMatchObject({
      inSmtpHost: '0.0.0.0',
      inSmtpUser: 'relay',
      inSmtpPassword: 'pw',
      inSmtpAllow: ['10.0.0.5', '192.168.1.0/24', '::1'],
      replySecret: 'x'.repeat(32),
    });
  });
  it('refuses a bad allow-list entry, a lone user or password, a short secret', () => {
    expect(problems({ MAIL_IN_SMTP_ALLOW: '10.0.0.0/33' })).toEqual([expect.stringContaining('MAIL_IN_SMTP_ALLOW')]);
    expect(problems({ MAIL_IN_SMTP_ALLOW: 'example.org' })).toEqual([expect.stringContaining('MAIL_IN_SMTP_ALLOW')]);
    expect(problems({ MAIL_IN_SMTP_USER: 'relay' })).toEqual([expect.stringContaining('MAIL_IN_SMTP_PASSWORD')]);
    expect(problems({ MAIL_REPLY_SECRET: 'short' })).toEqual([expect.stringContaining('MAIL_REPLY_SECRET')]);
  });
  it('the allow-list matches addresses, ranges and IPv4 clients seen as ::ffff:a.b.c.d', () => {
    const list = allowList(['192.168.1.0/24', '::1'])!;
    expect(list.check('192.168.1.77', 'ipv4')).toBe(true);
    expect(list.check('192.168.2.1', 'ipv4')).toBe(false);
    expect(list.check('::1', 'ipv6')).toBe(true);
    expect(allowList([])).toBeNull();
  });
});

describe('reply tokens', () => {
  const secret = Buffer.from('s'.repeat(32));
  const t = replyToken(secret, { userId: 'u1' }, 'T1');
  it('are 26 base32 characters, bound to the holder and the ticket', () => {
    expect(t).toMatch(/^[a-z2-7]{26}$/);
    expect(replyToken(secret, { userId: 'u1' }, 't1')).toBe(t);
    expect(replyToken(secret, { userId: 'u2' }, 'T1')).not.toBe(t);
    expect(replyToken(secret, { userId: 'u1' }, 'T2')).not.toBe(t);
    expect(replyToken(Buffer.from('o'.repeat(32)), { userId: 'u1' }, 'T1')).not.toBe(t);
    expect(replyToken(secret, { address: 'A@x.example' }, 'T1')).toBe(replyToken(secret, { address: 'a@x.example' }, 'T1'));
    expect(tokenMatches(secret, { userId: 'u1' }, 'T1', ['nope', t])).toBe(true);
    expect(tokenMatches(secret, { userId: 'u2' }, 'T1', [t])).toBe(false);
  });
  it('are found in plus-addresses of the mailbox and in Message-ID references, nowhere else', () => {
    const mailbox = 'Manutenzione <manutenzione@ateneo.example>';
    expect(replyAddress(mailbox, t)).toBe(`manutenzione+${t}@ateneo.example`);
    expect(tagOf(`MANUTENZIONE+${t}@ateneo.example`, mailbox)).toEqual({ tag: t });
    expect(tagOf('manutenzione@ateneo.example', mailbox)).toEqual({ tag: null });
    expect(tagOf(`manutenzione+${t}@altro.example`, mailbox)).toBeNull();
    expect(tokensIn([`manutenzione+${t}@ateneo.example`, `altro+${t}@ateneo.example`], [], mailbox)).toEqual([t]);
    expect(tokensIn([], [`<abc.notice.rt-${t}@ateneo.example>`, '<x@y>'], mailbox)).toEqual([t]);
    expect(tokensIn(['manutenzione+short@ateneo.example'], [], mailbox)).toEqual([]);
  });
});
