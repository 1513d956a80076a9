// Rules for e-mail coming in: which ticket a reply belongs to, which building a new request names,
// and whether a message was written by a machine. Pure functions over strings.

const TAGGED = /\[\s*Presidio\s+(?:ODL\s+)?(\d{4}-\d{6,7})(?:\/\d+)?\s*\]/i;
const BARE = /(?<![\d-])(\d{4}-\d{6,7})(?![\d-])/g;

/**
 * The ticket number a subject carries: the tagged form "[Presidio 2026-000123]" (also the work
 * order form "[Presidio ODL 2026-000123/1]") wins; otherwise a bare "2026-000123" when the
 * subject holds exactly one distinct such number (two different ones are ambiguous: null).
 */
export function ticketNumberFromSubject(subject: string | null | undefined): string | null {
  if (!subject) return null;
  const tagged = TAGGED.exec(subject);
  if (tagged) return tagged[1];
  const found = new Set([...subject.matchAll(BARE)].map((m) => m[1]));
  return found.size === 1 ? [...found][0] : null;
}

const CODE_TOKEN = /[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+/g;

/**
 * The building codes (from `known`, compared case-insensitively) that the text names as whole
 * tokens, each once, in order of appearance. "MI-B01" matches "mi-b01" and "(MI-B01)", not "MI-B012".
 */
export function buildingCodesIn(text: string, known: Iterable<string>): string[] {
  const byUpper = new Map<string, string>();
  for (const k of known) byUpper.set(k.toUpperCase(), k);
  const out: string[] = [];
  for (const m of text.matchAll(CODE_TOKEN)) {
    // "MI-B01.P1.03" (building, floor, room) names MI-B01 too: try each prefix before a dot.
    const parts = m[0].split('.');
    const cands = parts.map((_, i) => parts.slice(0, i + 1).join('.')).reverse();
    for (const cand of cands) {
      const code = byUpper.get(cand.toUpperCase());
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

const QUOTE_HEADERS = [
  /^On .{1,200} wrote:\s*$/,
  /^Il giorno .{1,200} ha scritto:\s*$/,
  /^In data .{1,200} ha scritto:\s*$/,
  /^.{1,200} ha scritto:\s*$/,
  /^-{2,}\s*(Original Message|Messaggio originale)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above "From: …"
  /^(From|Da):\s.+$/, // a forwarded/quoted header block
];

/**
 * The new text of a reply, without the quoted message under it: cut at the first line that
 * introduces a quote ("On … wrote:", "Il giorno … ha scritto:", "-----Original Message-----",
 * Outlook's "From:" block) and drop trailing "> " lines. Falls back to the whole text when the
 * cut would leave nothing.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (QUOTE_HEADERS.some((re) => re.test(l)) || (l.startsWith('>') && lines.slice(i).every((x) => x.trim() === '' || x.trim().startsWith('>')))) {
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
