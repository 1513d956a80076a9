// Rules for e-mail coming in: which ticket a reply belongs to, which building a new request names,
// and whether a message was written by a machine. Pure functions over strings.

const TAGGED = /\[\s*Presidio\s+(?:ODL\s+)?(\d{4}-\d{6,7})(?:\/\d+)?\s*\]/i;
const BARE = /(?<![\d-])(\d{4}-\d{6,7})(?![\d-])/g;

/**
 * The ticket number a subject carries: the tagged form "[Presidio 2026-000123]" (also the work
 * order form "[Presidio ODL 2026-000123/1]") wins; otherwise a bare "2026-000123" when the
 * subject holds exactly one distinct such number (two different ones are ambiguous: null).
 */
export function ticketNumberFromSubject(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // A subject line is at most 998 characters (RFC 5322): a longer one is not looked at past that.
  const subject = raw.slice(0, 998);
  const tagged = TAGGED.exec(subject);
  if (tagged) return tagged[1];
  const found = new Set([...subject.matchAll(BARE)].map((m) => m[1]));
  return found.size === 1 ? [...found][0] : null;
}

/**
 * Counts the characters a text step inspects, so tests can check that the work grows linearly with
 * the input (a wall-clock limit would be flaky on a shared machine).
 */
export interface Meter {
  steps: number;
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSep = (c: number) => c === 45 || c === 95 || c === 46; // - _ .

/**
 * The building codes (from `known`, compared case-insensitively) that the text names as whole
 * tokens, each once, in order of appearance. "MI-B01" matches "mi-b01" and "(MI-B01)", not "MI-B012".
 * A token is alphanumeric runs joined by single "-", "_" or "." (at least two runs). One pass over
 * the text; only prefixes no longer than the longest code are looked up, so the work is linear.
 */
export function buildingCodesIn(text: string, known: Iterable<string>, meter?: Meter): string[] {
  const byUpper = new Map<string, string>();
  let maxLen = 0;
  for (const k of known) {
    byUpper.set(k.toUpperCase(), k);
    maxLen = Math.max(maxLen, k.length);
  }
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isAlnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    // A token: runs of alphanumerics joined by single separators; `dots` holds where each "." is.
    const start = i;
    let runs = 0;
    let end = i;
    const dots: number[] = [];
    for (;;) {
      while (i < n && isAlnum(text.charCodeAt(i))) i++;
      runs++;
      end = i;
      if (i + 1 < n && isSep(text.charCodeAt(i)) && isAlnum(text.charCodeAt(i + 1))) {
        if (text.charCodeAt(i) === 46 && i - start <= maxLen) dots.push(i);
        i++;
        continue;
      }
      break;
    }
    if (meter) meter.steps += end - start + 1;
    if (runs < 2) continue;
    // "MI-B01.P1.03" (building, floor, room) names MI-B01 too: try the whole token, then each prefix before a dot.
    const cands = [end, ...dots.reverse()];
    for (const stop of cands) {
      if (stop - start > maxLen) continue;
      if (meter) meter.steps += stop - start;
      const code = byUpper.get(text.slice(start, stop).toUpperCase());
      if (code) {
        if (!out.includes(code)) out.push(code);
        break;
      }
    }
  }
  return out;
}

/**
 * True for messages a machine sent on its own (RFC 3834 Auto-Submitted other than "no",
 * out-of-office replies, bounces, list traffic): they are held, never turned into comments or
 * tickets, so two autoresponders cannot loop through Presidio.
 */
export function isAutomatic(headers: { autoSubmitted?: string | null; precedence?: string | null; from?: string | null }): boolean {
  const auto = headers.autoSubmitted?.trim().toLowerCase();
  if (auto && auto !== 'no') return true;
  const prec = headers.precedence?.trim().toLowerCase();
  if (prec && ['bulk', 'junk', 'list', 'auto_reply'].includes(prec)) return true;
  const from = headers.from?.trim().toLowerCase() ?? '';
  return /^(mailer-daemon|postmaster)@/.test(from);
}

// Quote introductions are short lines: the patterns are anchored, their quantifiers bounded, and
// only lines up to QUOTE_HEADER_MAX characters are tried, so each line costs O(its length).
const QUOTE_HEADER_MAX = 1000;
const QUOTE_HEADERS = [
  /^On .{1,200} wrote:\s*$/,
  /^Il giorno .{1,200} ha scritto:\s*$/,
  /^In data .{1,200} ha scritto:\s*$/,
  /^.{1,200} ha scritto:\s*$/,
  /^-{2,}\s*(Original Message|Messaggio originale)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above "From: …"
];
// A forwarded/quoted header block "From: …" / "Da: …" (any length: only its start is looked at).
const FROM_LINE = /^(From|Da):\s./;

/**
 * The new text of a reply, without the quoted message under it: cut at the first line that
 * introduces a quote ("On … wrote:", "Il giorno … ha scritto:", "-----Original Message-----",
 * Outlook's "From:" block) or at the first "> " line after which only "> " and blank lines
 * follow. Falls back to the whole text when the cut would leave nothing. Linear: one backward pass
 * marks where the trailing quote starts, one forward pass finds the cut.
 */
export function stripQuotedReply(text: string, meter?: Meter): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (meter) meter.steps += text.length;
  // quoteFrom: the first line of the trailing block made only of "> " and blank lines.
  let quoteFrom = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i].trim();
    if (meter) meter.steps += lines[i].length + 1;
    if (l === '' || l.startsWith('>')) quoteFrom = i;
    else break;
  }
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (meter) meter.steps += lines[i].length + 1;
    if (l.startsWith('>') && i >= quoteFrom) {
      end = i;
      break;
    }
    // Every quote introduction ends in ":" or starts with "--" / "__": other lines skip the patterns.
    const candidate = l.length <= QUOTE_HEADER_MAX && (l.endsWith(':') || l.startsWith('--') || l.startsWith('__'));
    if (FROM_LINE.test(l) || (candidate && QUOTE_HEADERS.some((re) => re.test(l)))) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).join('\n').trim();
  return kept || text.trim();
}

/** The ticket id of a Presidio thread reference "<ticket.{uuid}@domain>" among In-Reply-To/References. */
export function ticketIdFromReferences(refs: readonly string[]): string | null {
  for (const r of refs) {
    const m = /^<?ticket\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[^>]+>?$/i.exec(r.trim());
    if (m) return m[1].toLowerCase();
  }
  return null;
}

/**
 * The keys of Presidio notice Message-IDs "<{40 hex}.notice[.rt-…]@domain>" among
 * In-Reply-To/References: a reply that dropped References and the subject tag still names the
 * notice it answers in In-Reply-To. Bounded: the first 100 references.
 */
export function noticeKeysFromReferences(refs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of refs.slice(0, 100)) {
    const m = /^<?([0-9a-f]{40})\.notice(?:\.rt-[a-z2-7]+)?@[^>]+>?$/i.exec(r.trim().slice(0, 998));
    if (m) out.add(m[1].toLowerCase());
  }
  return [...out];
}
