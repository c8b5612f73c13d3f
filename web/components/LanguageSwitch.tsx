import { useId } from 'react';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locales.ts';
import { useLocale, useT } from '../i18n/provider.tsx';

/** The UI language: each named in itself; the choice is kept for the next visit. */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={locale} onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
