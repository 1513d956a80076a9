import { describe, expect, it } from 'vitest';
import { queryStems, stemIndex, stemWord, stems, STEM_INPUT_MAX, STEM_QUERY_WORDS, words } from './stem.ts';

describe('stemWord', () => {
  it.each([
    // Italian: gender and number share a stem
    ['valvola', 'valvol'],
    ['valvole', 'valvol'],
    ['valvol', 'valvol'],
    ['tubo', 'tub'],
    ['tubi', 'tub'],
    ['armadio', 'armad'],
    ['armadi', 'armad'],
    ['rimozione', 'rimozion'],
    ['rimozioni', 'rimozion'],
    ['sanitario', 'sanitar'],
    ['sanitari', 'sanitar'],
    ['bocca', 'bocc'],
    ['bocche', 'bocc'],
    ['igienico', 'igienic'],
    ['igieniche', 'igienic'],
    // English: plurals
    ['valve', 'valv'],
    ['valves', 'valv'],
    ['pipes', 'pip'],
    ['boxes', 'box'],
    ['batteries', 'batter'],
    ['battery', 'batter'],
    ['switches', 'switc'],
    ['switch', 'switc'],
    ['glass', 'glass'],
    // kept as they are: short words and codes
    ['gas', 'gas'],
    ['wc', 'wc'],
    ['1a', '1a'],
    ['dn50', 'dn50'],
  ])('%s → %s', (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});

describe('words, stems, index and query', () => {
  it('lower-cases, removes accents and splits on punctuation', () => {
    expect(words('Attività: IGIENICO-SANITARI, n.2')).toEqual(['attivita', 'igienico', 'sanitari', 'n', '2']);
  });

  it('keeps each stem once, in order', () => {
    expect(stems('valvola e valvole, valvola')).toEqual(['valvol', 'e']);
  });

  it('stores the stems between spaces so that LIKE "% stem%" is a prefix match', () => {
    expect(stemIndex('fino alle valvole di intercettazione')).toBe(' fin all valvol di intercettazion ');
    expect(stemIndex('')).toBe(' ');
  });

  it('caps the input and the query words', () => {
    expect(words('a '.repeat(STEM_INPUT_MAX)).length).toBe(STEM_INPUT_MAX / 2);
    expect(queryStems('uno due tre quattro cinque sei sette otto nove dieci')).toHaveLength(STEM_QUERY_WORDS);
  });
});
