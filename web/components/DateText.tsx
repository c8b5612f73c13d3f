import { useIntl } from 'react-intl';
import type { PartialDate } from '../api/types.ts';
import { formatPartialDate, formatPartialDateRange } from '../i18n/partial-date.ts';
import { useT } from '../i18n/provider.tsx';

/** A partial date at its own precision, in the reader's language. */
export function DateText({ date }: { date: PartialDate | null | undefined }) {
  const intl = useIntl();
  const t = useT();
  if (!date) return <span className="muted">{t('common.dateNotSet')}</span>;
  return <time dateTime={date}>{formatPartialDate(date, intl.locale)}</time>;
}

/** From a start to an end date (a round over several days). */
export function DateRange({ start, end }: { start: PartialDate | null; end: PartialDate | null }) {
  const intl = useIntl();
  const t = useT();
  const text = formatPartialDateRange(start, end, intl.locale);
  if (!text) return <span className="muted">{t('common.dateNotSet')}</span>;
  return <time dateTime={start ?? end ?? undefined}>{text}</time>;
}
