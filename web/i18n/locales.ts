/** The languages of the user interface (DESIGN §1) and how the choice is kept. */
export const LOCALES = ['en', 'fr', 'zh', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', zh: '中文', ru: 'Русский' };

/**
 * The locale Intl formats with: British English writes "2 December 2025", closer to the
 * usage of the record than the American default; Chinese in simplified script.
 */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', zh: 'zh-CN', ru: 'ru-RU' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The saved choice, else the first of the browser's languages we have, else English. */
export function preferredLocale(saved: string | null, browser: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

const KEY = 'entente.locale';

export function loadLocale(): Locale {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // Storage refused (privacy settings): the browser's languages decide.
  }
  return preferredLocale(saved, navigator.languages);
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // Not kept across visits then; the choice still holds for this page.
  }
}
