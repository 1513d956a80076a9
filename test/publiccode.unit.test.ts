import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The catalogue's parser (italia/publiccode-parser-go) accepts only these values; keep the file valid.
const CATEGORIES = new Set([
  'facility-management',
  'help-desk',
  'property-management',
  'workflow-management',
  'service-desk',
  'real-estate-management',
]);
const SCOPES = new Set(['education', 'government', 'research', 'local-authorities']);
const STATUSES = new Set(['concept', 'development', 'beta', 'stable', 'obsolete']);

describe('publiccode.yml', () => {
  const doc = parse(fs.readFileSync('publiccode.yml', 'utf8'));
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));

  it('has the mandatory keys of version 0.4', () => {
    for (const key of [
      'publiccodeYmlVersion',
      'name',
      'url',
      'platforms',
      'categories',
      'developmentStatus',
      'softwareType',
      'description',
      'legal',
      'maintenance',
      'localisation',
    ]) {
      expect(doc, key).toHaveProperty(key);
    }
    expect(doc.publiccodeYmlVersion).toBe('0.4');
    expect(STATUSES.has(doc.developmentStatus)).toBe(true);
  });

  it('matches the package: license and version', () => {
    expect(doc.legal.license).toBe(pkg.license);
    expect(doc.softwareVersion).toBe(pkg.version);
    expect(fs.readFileSync('LICENSE', 'utf8')).toMatch(/EUROPEAN UNION PUBLIC LICENCE v\. 1\.2/);
  });

  it('uses only categories and scopes the catalogue knows', () => {
    for (const c of doc.categories) expect(CATEGORIES.has(c), c).toBe(true);
    for (const s of doc.intendedAudience.scope) expect(SCOPES.has(s), s).toBe(true);
  });

  it('describes the software in Italian and English within the length limits', () => {
    for (const lang of ['it', 'en']) {
      const d = doc.description[lang];
      expect(d.shortDescription.length, `${lang} shortDescription`).toBeLessThanOrEqual(150);
      expect(d.longDescription.length, `${lang} longDescription`).toBeGreaterThanOrEqual(150);
      expect(d.features.length).toBeGreaterThan(0);
      for (const f of d.features) expect(f.length).toBeLessThanOrEqual(100);
    }
    expect(doc.localisation.availableLanguages).toEqual(['it', 'en']);
  });
});
