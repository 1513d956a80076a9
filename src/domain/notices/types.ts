// Notice templates are data: one language pack per language (templates.it.ts, templates.en.ts),
// each a table keyed by notice kind, with variants by the action that caused the notice and by
// the audience that receives it. render.ts turns a pack and the facts into subject, text and HTML.
import type { Audience, NoticeKind, Priority } from '../workflow/types.ts';

export type NoticeLang = 'it' | 'en';

/**
 * One paragraph of a message. A string is text with placeholders:
 *   {name}           the fact or action field `name`, as text
 *   {name:datetime}  an ISO instant in Europe/Rome, month in words: "9 dicembre 2026 alle 10:30"
 *   {name:date}      a YYYY-MM-DD date, month in words: "9 dicembre 2026"
 *   {name:month}     a YYYY-MM month in words ("marzo 2026")
 *   {name:duration}  milliseconds in words: "2 ore e 5 min", "2 hours 5 min"
 * Dates, months, money and durations all go through src/shared/format.ts, in the pack's language.
 *   {name:priority}  a priority code, in words
 *   {name:money}     integer cents as euro in the language (src/shared/format.ts): "2.700,00 €"
 * A paragraph whose placeholders have no value (missing, null, empty) is left out entirely, so
 * optional fields (a note) need no conditionals. A link paragraph shows `label`, the URL, then
 * `after`; without a URL the whole paragraph is left out.
 */
export type Block = string | { link: string; label: string; after?: string };

export interface Template {
  subject: string;
  body: readonly Block[];
}

/**
 * Per kind: the default template, and overrides looked up in this order:
 * `${action}@${audience}`, `${action}`, `@${audience}`, then the default.
 */
export interface KindTemplates {
  default: Template;
  variants?: Readonly<Record<string, Partial<Template>>>;
}

export interface LanguagePack {
  lang: NoticeLang;
  greeting: string; // uses {recipientName}
  greetingNoName: string;
  /** The fact lines under the body (ticket, building, work order), each left out when empty. */
  facts: readonly Block[];
  /** Closing paragraphs: what this message is and how to answer it. */
  footer: readonly Block[];
  /** Footer line for messages about a ticket: replying threads back into it. */
  replyHint: string;
  /** In in-app notifications, in place of the rating link: the link is a credential and stays in the e-mail only. */
  ratingInApp: string;
  priorities: Readonly<Record<Priority, string>>;
  kinds: Readonly<Record<NoticeKind, KindTemplates>>;
}

/** What a message says, resolved by the server before rendering. */
export interface NoticeFacts {
  kind: NoticeKind;
  action: string;
  audience: Audience;
  recipientName: string | null;
  ticketNumber: string | null;
  ticketSubject: string | null;
  ticketDescription: string | null;
  building: string | null;
  space: string | null;
  workOrderNumber: string | null;
  priority: Priority | null;
  /** Where the recipient opens the object in Presidio; null for people without an account. */
  url: string | null;
  ratingUrl: string | null;
  ratingDays: number;
  /** The action's fields (reason, findings, scheduledAt, expectedOn, note, …). */
  data: Readonly<Record<string, unknown>>;
}

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
  /** In-app notification: the subject without the [Presidio …] tag, and the body paragraphs. */
  title: string;
  summary: string;
}
