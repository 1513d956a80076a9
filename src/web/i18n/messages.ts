// Message keys checked at compile time against it.json (the reference catalogue), without
// augmenting i18next's global types (the server may use i18next with its own catalogue).
import { useTranslation } from 'react-i18next';
import type { TOptions } from 'i18next';
import type it from './it.json';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

type StripPlural<K extends string> = K extends `${infer Base}_${'one' | 'other' | 'zero' | 'many'}` ? Base : K;

export type MessageKey = StripPlural<Leaves<typeof it>>;

export type Translate = (key: MessageKey, options?: TOptions) => string;

/** `t` restricted to the keys of the catalogue. */
export function useT(): Translate {
  const { t } = useTranslation();
  return t as unknown as Translate;
}
