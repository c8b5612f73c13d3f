import { INTL_LOCALE, type Locale } from '../i18n/locales.ts';

/** A language's name in the reader's language ("anglais", "英语"), or its tag when Intl has none. */
export function languageName(tag: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([INTL_LOCALE[locale]], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
