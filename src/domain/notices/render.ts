// Renders a notice from its language pack and facts: subject, plain text and HTML. Pure: the
// server resolves recipients and facts; this only writes. Every interpolated value is escaped in
// the HTML part; the text part carries the same words.
import { formatter } from '../../shared/format.ts';
import { PRIORITIES, type Priority } from '../workflow/types.ts';
import { EN } from './templates.en.ts';
import { IT } from './templates.it.ts';
import type { Block, LanguagePack, NoticeFacts, NoticeLang, RenderedNotice, Template } from './types.ts';

export const LANGUAGE_PACKS: Readonly<Record<NoticeLang, LanguagePack>> = { it: IT, en: EN };

/** The product name in the subject tag: "[Presidio 2026-000123] …". */
export const SUBJECT_TAG = 'Presidio';
/** Rating links last this long (the notice says so). */
export const RATING_LINK_DAYS = 30;

export const noticeLang = (raw: string | null | undefined): NoticeLang => (raw === 'en' ? 'en' : 'it');

/** "[Presidio 2026-000123] " for a ticket, "[Presidio ODL 2026-000123/1] " for a work order without one. */
export function subjectTag(ticketNumber: string | null, workOrderNumber: string | null): string {
  if (ticketNumber) return `[${SUBJECT_TAG} ${ticketNumber}] `;
  if (workOrderNumber) return `[${SUBJECT_TAG} ODL ${workOrderNumber}] `;
  return `[${SUBJECT_TAG}] `;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The template for this kind, action and audience (types.ts gives the lookup order). */
export function pickTemplate(pack: LanguagePack, kind: NoticeFacts['kind'], action: string, audience: NoticeFacts['audience']): Template {
  const k = pack.kinds[kind];
  const v = k.variants ?? {};
  const over = v[`${action}@${audience}`] ?? v[action] ?? v[`@${audience}`] ?? {};
  return { subject: over.subject ?? k.default.subject, body: over.body ?? k.default.body };
}

// Facts win over the action's fields for these names; for the rest the action's field comes first.
const RESERVED = new Set(['ticketNumber', 'workOrderNumber', 'url', 'ratingUrl', 'ratingDays', 'recipientName', 'building', 'space']);

function rawValue(f: NoticeFacts, name: string): unknown {
  const facts: Record<string, unknown> = {
    ticketNumber: f.ticketNumber,
    workOrderNumber: f.workOrderNumber,
    url: f.url,
    ratingUrl: f.ratingUrl,
    ratingDays: f.ratingDays,
    recipientName: f.recipientName,
    building: f.building,
    space: f.space,
    subject: f.ticketSubject ?? (f.workOrderNumber ? `ODL ${f.workOrderNumber}` : null),
    description: f.ticketDescription,
    priority: f.priority,
  };
  if (RESERVED.has(name)) return facts[name];
  const d = f.data[name];
  return d !== undefined && d !== null && d !== '' ? d : facts[name];
}

function format(pack: LanguagePack, value: unknown, type: string | undefined): string | null {
  if (value === undefined || value === null) return null;
  // Dates, months, money and durations in the recipient's language, through the one helper the
  // UI, PDFs and exports use (src/shared/format.ts); a value that is not what the type expects
  // (text written by an older release) is shown as it is.
  const f = formatter(pack.lang);
  if (type === 'datetime' || type === 'date') {
    const s = String(value);
    return type === 'date' ? f.dateLong(s) : f.dateTimeLong(s);
  }
  if (type === 'month') return f.month(String(value));
  if (type === 'money') return typeof value === 'number' ? f.money(value) : String(value);
  if (type === 'duration') {
    // Milliseconds: "2 ore e 5 min", "2 hours 5 min".
    return typeof value === 'number' ? f.duration(value) : String(value);
  }
  if (type === 'priority') {
    return (PRIORITIES as readonly string[]).includes(String(value)) ? pack.priorities[value as Priority] : String(value);
  }
  if (typeof value === 'object') return null; // lines, arrays: never dumped into a message
  const s = String(value).trim();
  return s === '' ? null : s;
}

const PLACEHOLDER = /\{(\w+)(?::(\w+))?\}/g;

/** The paragraph with its values filled in, as [text, html], or null when a value is missing. */
function fill(pack: LanguagePack, f: NoticeFacts, template: string): [string, string] | null {
  let missing = false;
  const parts: Array<{ lit: string } | { val: string }> = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push({ lit: template.slice(last, m.index) });
    const v = format(pack, rawValue(f, m[1]), m[2]);
    if (v === null) missing = true;
    parts.push({ val: v ?? '' });
    last = m.index! + m[0].length;
  }
  parts.push({ lit: template.slice(last) });
  if (missing) return null;
  const text = parts.map((p) => ('lit' in p ? p.lit : p.val)).join('');
  const html = parts
    .map((p) => escapeHtml('lit' in p ? p.lit : p.val))
    .join('')
    .replace(/\r?\n/g, '<br>');
  return [text, html];
}

function blocks(pack: LanguagePack, f: NoticeFacts, list: readonly Block[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const b of list) {
    if (typeof b === 'string') {
      const p = fill(pack, f, b);
      if (p) out.push(p);
      continue;
    }
    const url = rawValue(f, b.link);
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) continue;
    const label = fill(pack, f, b.label);
    if (!label) continue;
    const after = b.after ? fill(pack, f, b.after) : null;
    const href = escapeHtml(url);
    out.push([
      `${label[0]}\n${url}${after ? `\n${after[0]}` : ''}`,
      `${label[1]}<br><a href="${href}">${href}</a>${after ? `<br>${after[1]}` : ''}`,
    ]);
  }
  return out;
}

/** Capitalises the first letter (bodies start in lower case after the greeting's comma). */
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function renderNotice(lang: NoticeLang, f: NoticeFacts): RenderedNotice {
  const pack = LANGUAGE_PACKS[lang];
  const t = pickTemplate(pack, f.kind, f.action, f.audience);
  const title =
    fill(pack, f, t.subject)?.[0] ?? fill(pack, { ...f, ticketSubject: f.ticketNumber ?? f.workOrderNumber ?? '' }, t.subject)?.[0] ?? '';
  const subject = `${subjectTag(f.ticketNumber, f.workOrderNumber)}${title}`.replace(/[\r\n]+/g, ' ');

  const greeting = f.recipientName ? fill(pack, f, pack.greeting) : null;
  const head: [string, string] = greeting ?? [pack.greetingNoName, escapeHtml(pack.greetingNoName)];
  const body = blocks(pack, f, t.body);
  const facts = blocks(pack, f, pack.facts);
  const footer = blocks(pack, f, [...pack.footer, ...(f.ticketNumber ? [pack.replyHint] : [])]);

  const text =
    [head[0], ...body.map((p) => p[0]), facts.map((p) => p[0]).join('\n'), '-- ', footer.map((p) => p[0]).join('\n')]
      .filter((s) => s !== '')
      .join('\n\n') + '\n';

  const html = [
    '<!doctype html>',
    `<html lang="${pack.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:\'Titillium Web\',Arial,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:640px">',
    `<p>${head[1]}</p>`,
    ...body.map((p) => `<p>${p[1]}</p>`),
    facts.length ? `<p style="border-left:4px solid #0066CC;padding-left:12px">${facts.map((p) => p[1]).join('<br>')}</p>` : '',
    `<p style="color:#5c6f82;font-size:13px">${footer.map((p) => p[1]).join('<br>')}</p>`,
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');

  const summaryText = body.map((p) => p[0]).join('\n');
  return { subject, text, html, title, summary: upperFirst(summaryText) };
}
