// A light stemmer for searching price-list items in Italian and English (#9 item 15): "valvola"
// finds "valvole", "valves" finds "valve". Not a linguistic stemmer (no dictionary, no Porter
// steps): it only strips the endings that make singular/plural and masculine/feminine forms of
// the same word differ, so that both forms share a prefix, and search then matches by prefix.
//
//   1. lower case, accents removed ("attività" → "attivita"), anything but letters and digits
//      splits words;
//   2. English plurals: -ies → -y, -sses/-shes/-ches/-xes/-zes → drop -es, other -s → drop -s
//      (not -ss: "glass");
//   3. Italian -io/-ia/-ie endings → drop both letters ("armadio"/"armadi" → "armad");
//   4. one final vowel a/e/i/o/u/y dropped ("valvola"/"valvole" → "valvol", "valve" → "valv");
//   5. -ch/-gh left by step 4 → -c/-g ("bocche" → "bocc" like "bocca").
// Words of three characters or fewer, and words with digits, are kept as they are. Each step
// looks only at the end of the word, and input is capped, so the cost is linear in the text.
// The same function runs on the stored text (on import) and on the query, so both agree.

/** Text longer than this is cut before stemming (a price-list description is a few hundred characters). */
export const STEM_INPUT_MAX = 4000;
/** At most this many words of a query are matched (each one must match). */
export const STEM_QUERY_WORDS = 8;

/** Lower case, no accents, words split on anything but a letter or digit. */
export function words(text: string): string[] {
  return text
    .slice(0, STEM_INPUT_MAX)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** The stem of one word already lower-cased and without accents (see `words`). */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && /i[aeo]$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && /[aeiouy]$/.test(w)) w = w.slice(0, -1);
  if (/[cg]h$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** The distinct stems of a text, in order of first appearance. */
export function stems(text: string): string[] {
  return [...new Set(words(text).map(stemWord))];
}

/**
 * What a price-list item stores to be searched: its stems between spaces (" valvol intercett "),
 * so that `LIKE '% valvol%'` is a prefix match on any of its words.
 */
export function stemIndex(text: string): string {
  const s = stems(text);
  return s.length ? ` ${s.join(' ')} ` : ' ';
}

/** The stems a query must all match by prefix (at most STEM_QUERY_WORDS of them). */
export function queryStems(query: string): string[] {
  return stems(query).slice(0, STEM_QUERY_WORDS);
}
