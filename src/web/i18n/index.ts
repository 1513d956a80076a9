// i18next set up once. Before login the choice is kept in localStorage; until one is made, the
// browser's languages decide (Italian, else English, else Italian); after login the user's
// `language` (GET /api/me) decides.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/it';
import 'dayjs/locale/en-gb';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import type it from './it.json';
import type { Language } from '../api/types';
import { browserLanguage } from './browser-language';

dayjs.extend(customParseFormat);

const STORAGE_KEY = 'presidio.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'it' || value === 'en';
}

function storedLanguage(): Language {
  const browser = () => browserLanguage(typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]));
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : browser();
  } catch {
    return browser();
  }
}

/** The BCP 47 locale used for dates and numbers of each UI language. */
export { localeOf } from '../../shared/format';

/** dayjs locale name of each UI language. */
export function dayjsLocaleOf(language: string): string {
  return language === 'en' ? 'en-gb' : 'it';
}

function onLanguageChanged(language: string): void {
  document.documentElement.lang = language;
  dayjs.locale(dayjsLocaleOf(language));
}

i18n.on('languageChanged', onLanguageChanged);

type Catalogue = typeof it;

// One catalogue per chunk, fetched when its language is first used: a visitor downloads one language,
// not both (#12). The type makes the build fail when en.json lacks a key of it.json.
const catalogues: Record<Language, () => Promise<Catalogue>> = {
  it: () => import('./it.json').then((m) => m.default),
  en: () => import('./en.json').then((m) => m.default),
};

/** Loads a language's messages once; later calls find them in i18next. */
async function loadLanguage(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', await catalogues[language]());
}

const initialLanguage = storedLanguage();

void i18n.use(initReactI18next).init({
  resources: {},
  lng: initialLanguage,
  fallbackLng: 'it',
  supportedLngs: ['it', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  // Bundles are added by loadLanguage, not fetched by i18next.
  partialBundledLanguages: true,
});

/** Resolves when the first language's messages are in: main.tsx renders after it. */
// English has every key of Italian (the type above), so the Italian fallback is not fetched with it.
export const i18nReady: Promise<void> = loadLanguage(initialLanguage);

/** Switches the UI language now and remembers it for the next visit to the login page. */
export function applyLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (i18n.language !== language) void loadLanguage(language).then(() => i18n.changeLanguage(language));
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'it';
}

export default i18n;
