import type { Locale } from './locales.ts';

/**
 * The messages of one area of the workspace (profile, commitments, the log, editors, …), in one
 * file per area: English is the reference, and the type makes every other language carry
 * exactly its keys. catalogs.ts merges the areas into one catalog per language.
 */
export type AreaMessages<Keys extends string> = Record<Locale, Record<Keys, string>>;

/** Declares an area: `area({ en: {...} as const, fr: {...}, zh: {...}, ru: {...} })`. */
export function area<const E extends Record<string, string>>(messages: { en: E } & Record<Exclude<Locale, 'en'>, Record<keyof E, string>>): AreaMessages<Extract<keyof E, string>> {
  return messages as AreaMessages<Extract<keyof E, string>>;
}
