import { useIntl } from 'react-intl';

/** An instant (ISO 8601) as date and time in the reader's language. */
export function DateTime({ at }: { at: string }) {
  const intl = useIntl();
  return <time dateTime={at}>{intl.formatDate(at, { dateStyle: 'medium', timeStyle: 'short' })}</time>;
}
