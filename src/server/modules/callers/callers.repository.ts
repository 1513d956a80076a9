// SQL of the call center's caller lookup: the active users whose name, e-mail or phone hold every
// word typed. Users are a registry (thousands, not millions), so a scan with LIKE is the plan;
// the same predicate lets the ticket search find the tickets of a requester by who they are.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';

/** LIKE's own wildcards typed by the user are matched literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** The phone's digits (what the user types may have spaces, +, dashes or dots in other places). */
const phoneDigits = (col: string) =>
  sql`replace(replace(replace(replace(replace(replace(coalesce(${sql.ref(col)}, ''), ' ', ''), '+', ''), '-', ''), '.', ''), '/', ''), '(', '')`;

/**
 * Every word must occur in the user's name, e-mail or phone (case-insensitive); a word of digits
 * (3 or more) also matches the phone's digits typed together ("0255507712").
 */
export function userWordsWhere(alias: string, words: readonly string[]): Expression<SqlBool> {
  const parts = words.map((w) => {
    const like = `%${likeEscape(w.toLowerCase())}%`;
    const digits = w.replace(/\D/g, '');
    const byText = sql<SqlBool>`(lower(${sql.ref(`${alias}.display_name`)}) like ${like} escape '\\' or lower(coalesce(${sql.ref(`${alias}.email`)}, '')) like ${like} escape '\\'`;
    return digits.length >= 3 && digits.length === w.length
      ? sql<SqlBool>`${byText} or ${phoneDigits(`${alias}.phone`)} like ${`%${digits}%`})`
      : sql<SqlBool>`${byText})`;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** The words of a lookup: split on spaces and punctuation, except a phone number's own separators. */
export function lookupWords(q: string): string[] {
  const text = q.trim().toLowerCase();
  // "+39 02 5550 7712", "02-5550-7712": one phone number, matched by its digits.
  if (/^[+\d][\d\s./()-]{4,}$/.test(text)) return [text.replace(/\D/g, '').replace(/^(00)?39(?=\d{6})/, '')];
  return text
    .split(/[\s,;]+/u)
    .filter(Boolean)
    .slice(0, 6);
}

export function findCallers(db: Db, words: readonly string[], limit: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .leftJoin('contractors as c', 'c.id', 'u.contractor_id')
    .select(['u.id', 'u.display_name', 'u.email', 'u.phone', 'u.language', 'd.name as department_name', 'c.name as contractor_name'])
    .where('u.active', '=', 1)
    .where(userWordsWhere('u', words))
    .orderBy('u.display_name')
    .orderBy('u.id')
    .limit(limit)
    .execute();
}
