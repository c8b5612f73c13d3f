import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { instantOfInput, INSTANT_FORMAT, localTimeZone } from '../i18n/instant.ts';
import { useT } from '../i18n/provider.tsx';

/**
 * A date and time typed in the reader's time zone (`<input type="datetime-local">`, whose
 * value has no zone): the hint names the zone, and a preview reads the value back in the
 * reader's language, so that nobody schedules an embargo eight hours off. The value stays the
 * input's; callers convert it with instantOfInput (web/i18n/instant.ts).
 */
export function InstantInput({
  id,
  label,
  value,
  onChange,
  error,
  required,
  extraHint,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  required?: boolean;
  /** Said after the zone and the preview (a warning about a time that has passed). */
  extraHint?: string | undefined;
}) {
  const t = useT();
  const intl = useIntl();
  const timeZone = localTimeZone();
  const instant = value ? instantOfInput(value, timeZone) : undefined;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field field-instant">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="datetime-local"
        value={value}
        // Minutes unless the stored instant has seconds: an input with seconds needs step 1 to be valid.
        step={value.length > 16 ? 1 : 60}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('editor.instantHint', { zone: timeZone })}
        {instant && <span className="date-preview"> {t('editor.instantPreview', { date: intl.formatDate(instant, INSTANT_FORMAT) })}</span>}
        {extraHint && <strong className="instant-warning"> {extraHint}</strong>}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
