import { useIntl } from 'react-intl';
import { INSTANT_FORMAT } from '../i18n/instant.ts';

/** An instant (ISO 8601) as date, time and time zone, in the reader's language and time zone. */
export function InstantText({ at }: { at: string }) {
  const intl = useIntl();
  return <time dateTime={at}>{intl.formatDate(at, INSTANT_FORMAT)}</time>;
}
