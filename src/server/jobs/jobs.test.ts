import { describe, expect, it } from 'vitest';
import { redactSecret, redactUrl, startWorker } from './worker.ts';
import { backoffMinutes, isPermanent, mailDomain, messageIdFor } from './outbox-sender.ts';
import { parseImapUrl } from '../modules/mail-in/imap-poller.ts';

describe('job helpers', () => {
  it('redacts passwords in URLs and texts', () => {
    expect(redactUrl('smtp://user:s3cr%40t@mail.example:587')).toBe('smtp://user:***@mail.example:587');
    expect(redactUrl('smtp://mail.example:25')).toBe('smtp://mail.example:25');
    expect(redactSecret('auth failed for s3cr@t and s3cr%40t', 's3cr@t')).toBe('auth failed for *** and ***');
  });

  it('backoff doubles from one minute, capped at a day', () => {
    expect([1, 2, 3, 4, 5].map(backoffMinutes)).toEqual([1, 2, 4, 8, 16]);
    expect(backoffMinutes(30)).toBe(1440);
  });

  it('only a 5xx on the envelope or content is permanent', () => {
    expect(isPermanent({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanent({ code: 'EMESSAGE', responseCode: 552 })).toBe(true);
    expect(isPermanent({ code: 'EENVELOPE', responseCode: 451 })).toBe(false);
    expect(isPermanent({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    expect(isPermanent({ code: 'ECONNECTION' })).toBe(false);
  });

  it('Message-IDs are stable per idempotency key, under the sender domain', () => {
    expect(mailDomain('Presidio <presidio@Ateneo.IT>')).toBe('ateneo.it');
    expect(mailDomain('presidio@ateneo.it')).toBe('ateneo.it');
    const a = messageIdFor('e1:ticket_opened:a@b', 'ateneo.it');
    expect(a).toBe(messageIdFor('e1:ticket_opened:a@b', 'ateneo.it'));
    expect(a).not.toBe(messageIdFor('e1:ticket_opened:c@b', 'ateneo.it'));
    expect(a).toMatch(/^<[0-9a-f]{40}\.notice@ateneo\.it>$/);
  });

  it('parses IMAP URLs', () => {
    expect(parseImapUrl('imaps://box%40ateneo.it:p%2Fw@imap.ateneo.it/Posta%20in%20arrivo')).toEqual({
      host: 'imap.ateneo.it',
      port: 993,
      secure: true,
      user: 'box@ateneo.it',
      pass: 'p/w',
      mailbox: 'Posta in arrivo',
      rejectUnauthorized: true,
    });
    expect(parseImapUrl('imap://u:p@127.0.0.1:1143').mailbox).toBe('INBOX');
    expect(parseImapUrl('imap://u:p@127.0.0.1').port).toBe(143);
  });

  it('a worker runs, waits between runs, survives a failing run and stops cleanly', async () => {
    let runs = 0;
    const errors: unknown[] = [];
    const w = startWorker(
      't',
      5,
      async () => {
        runs++;
        if (runs === 2) throw new Error('boom');
      },
      { info() {}, warn() {}, error: (o) => errors.push(o) },
    );
    await new Promise((r) => setTimeout(r, 60));
    await w.stop();
    const after = runs;
    expect(after).toBeGreaterThanOrEqual(3);
    expect(errors).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(after);
  });
});
