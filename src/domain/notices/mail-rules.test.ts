// Mail-in text steps on pathological input (issue #7, item 3): the right result on 1 MB bodies,
// and work that grows linearly with the input. Linearity is checked by counting the characters
// each step inspects (Meter), not by a clock: timings live in bench/mail-in.ts.
import { describe, expect, it } from 'vitest';
import { buildingCodesIn, noticeKeysFromReferences, stripQuotedReply, ticketNumberFromSubject, type Meter } from './mail-rules.ts';

const MB = 1024 * 1024;
const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

// Each family builds a body of about `size` characters.
const bodies: Record<string, (size: number) => string> = {
  nestedQuotes: (size) => `Risposta nuova\n${fill('>>>>>>>>>> citato\n', size)}`,
  // Quote lines interleaved with text: the old cut re-scanned the rest of the text at every ">" line.
  quotesThenText: (size) => `Testo\n${fill('> a\n', size / 2)}ancora testo\n${fill('> b\n', size / 2)}`,
  oneHugeLine: (size) => `Prima riga\n${fill('x', size)}`,
  hugeQuoteHeaderLike: (size) => `Ciao\n${fill('a', size)} ha scritto:`,
  manyShortLines: (size) => fill('ok\n', size),
  dashes: (size) => `Sì\n${fill('-', size)}`,
  codesWithDots: (size) => `MI-B01${fill('.a', size)}`,
  alnumRun: (size) => fill('a', size),
  separatorsOnly: (size) => fill('-.', size),
};

function work(body: string): number {
  const m: Meter = { steps: 0 };
  stripQuotedReply(body, m);
  buildingCodesIn(body, ['MI-B01', 'MI-B02', 'RM-A10'], m);
  return m.steps;
}

describe('mail-in text steps on 1 MB pathological bodies', () => {
  it('nested quotes under a reply: the reply is kept, the quote cut', () => {
    expect(stripQuotedReply(bodies.nestedQuotes(MB))).toBe('Risposta nuova');
  });
  it('quote lines followed by text are not a trailing quote: only the last block is cut', () => {
    const out = stripQuotedReply(bodies.quotesThenText(MB));
    expect(out.startsWith('Testo\n> a')).toBe(true);
    expect(out.endsWith('ancora testo')).toBe(true);
  });
  it('one huge line is kept whole', () => {
    const body = bodies.oneHugeLine(MB);
    expect(stripQuotedReply(body)).toBe(body);
  });
  it('a huge line ending in "ha scritto:" is not a quote header (those are short)', () => {
    const body = bodies.hugeQuoteHeaderLike(MB);
    expect(stripQuotedReply(body)).toBe(body);
  });
  it('many short lines stay as they are', () => {
    expect(stripQuotedReply(bodies.manyShortLines(MB))).toBe(bodies.manyShortLines(MB).trim());
  });
  it('building codes: a code followed by a huge dotted tail is found, runs without codes find none', () => {
    expect(buildingCodesIn(bodies.codesWithDots(MB), ['MI-B01'])).toEqual(['MI-B01']);
    expect(buildingCodesIn(bodies.alnumRun(MB), ['MI-B01'])).toEqual([]);
    expect(buildingCodesIn(bodies.separatorsOnly(MB), ['MI-B01'])).toEqual([]);
    expect(buildingCodesIn('guasto in (mi-b01) e mi-b012, MI--B02, MI-B02.', ['MI-B01', 'MI-B02'])).toEqual(['MI-B01', 'MI-B02']);
  });
  it('a subject of 1 MB is looked at only up to 998 characters', () => {
    expect(ticketNumberFromSubject(`Re: [Presidio 2026-000123] ${fill('[ ', MB)}`)).toBe('2026-000123');
    expect(ticketNumberFromSubject(`${fill('x', 2000)} 2026-000123`)).toBeNull();
  });

  it.each(Object.keys(bodies))('%s: the work grows linearly with the size', (name) => {
    const make = bodies[name];
    const small = work(make(MB / 8));
    const big = work(make(MB));
    // Eight times the input: at most about eight times the work (quadratic would be 64 times).
    expect(big).toBeLessThanOrEqual(small * 8 * 1.1 + 1000);
    // And a few steps per character, not more.
    expect(big).toBeLessThanOrEqual(MB * 8);
  });
});

describe('noticeKeysFromReferences', () => {
  const key = 'a'.repeat(40);
  it('reads the key of a notice Message-ID, with or without its reply tag, and nothing else', () => {
    expect(noticeKeysFromReferences([`<${key}.notice.rt-${'b'.repeat(26)}@ateneo.example>`])).toEqual([key]);
    expect(noticeKeysFromReferences([` <${key.toUpperCase()}.notice@ateneo.example> `])).toEqual([key]);
    expect(
      noticeKeysFromReferences(['<ticket.0b1c2d3e-0000-4000-8000-000000000000@ateneo.example>', '<abc.notice@x>', `<${key}.other@x>`]),
    ).toEqual([]);
  });
});
