import type { Text } from '../api/types.ts';
import { pickText } from '../i18n/record-text.ts';
import { useLocale, useT } from '../i18n/provider.tsx';
import { languageName } from './language-name.ts';
import { useRecordContext } from './record-context.tsx';

/**
 * A multilingual record text in the reader's language; when the record lacks it, the text in
 * another language with a visible mark naming that language (records are never machine
 * translated: what the parties wrote is what is shown).
 */
export function LocalText({ value }: { value: Text | null | undefined }) {
  const { locale } = useLocale();
  const { languages } = useRecordContext();
  const t = useT();
  const picked = pickText(value, locale, languages);
  if (!picked) return <span className="text-missing">{t('text.missing')}</span>;
  if (!picked.fallback) return <span lang={picked.lang}>{picked.text}</span>;
  const hint = t('text.shownIn', { language: languageName(picked.lang, locale), wanted: languageName(locale, locale) });
  return (
    <>
      <span lang={picked.lang}>{picked.text}</span>{' '}
      <span className="lang-mark" title={hint}>
        <span aria-hidden="true">{picked.lang.toUpperCase()}</span>
        <span className="visually-hidden">({hint})</span>
      </span>
    </>
  );
}

/** The plain string of a record text in the reader's language (for titles and attributes). */
export function useTextString(): (value: Text | null | undefined, otherwise?: string) => string {
  const { locale } = useLocale();
  const { languages } = useRecordContext();
  return (value, otherwise = '') => pickText(value, locale, languages)?.text ?? otherwise;
}
