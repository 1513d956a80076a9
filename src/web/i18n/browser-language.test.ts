import { describe, expect, it } from 'vitest';
import { browserLanguage } from './browser-language';

describe('browserLanguage: the login page follows the browser until a language is chosen', () => {
  it.each([
    [['it-IT', 'en-US'], 'it'],
    [['it'], 'it'],
    [['en-GB'], 'en'],
    [['en-US', 'it-IT'], 'it'],
    [['de-DE', 'en-GB', 'it-IT'], 'it'],
    [['de-DE', 'en-US'], 'en'],
    [['fr-FR', 'it-CH'], 'it'],
    [['de-DE', 'fr-FR'], 'it'],
    [['EN_gb'], 'en'],
    [[], 'it'],
  ] as const)('%j → %s', (languages, expected) => expect(browserLanguage(languages)).toBe(expected));

  it('no list at all: Italian', () => expect(browserLanguage(undefined)).toBe('it'));
});
