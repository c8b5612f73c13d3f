import { FormattedMessage } from 'react-intl';
import { Link, Navigate } from 'react-router';
import { entente } from '../api/entente.ts';
import { useApiData } from '../api/use-api-data.ts';
import { Async } from '../components/Async.tsx';
import { DateText } from '../components/DateText.tsx';
import { LocalText } from '../components/LocalText.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { useT } from '../i18n/provider.tsx';

/** The start: the mechanisms the reader sees; with only one, straight to its dashboard. */
export function MechanismsPage() {
  const t = useT();
  const mechanisms = useApiData('mechanisms', (signal) => entente.mechanisms(signal));
  usePageTitle(t('mechanisms.title'));
  if (mechanisms.data?.length === 1) return <Navigate to={`/m/${mechanisms.data[0]!.id}`} replace />;
  return (
    <>
      <h1>{t('mechanisms.title')}</h1>
      <Async loaded={mechanisms}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('mechanisms.none')}</p>
          ) : (
            <ul className="plain-list">
              {list.map((m) => (
                <li key={m.id}>
                  <Link to={`/m/${m.id}`}>
                    <LocalText value={m.name} />
                  </Link>
                  {m.established && (
                    <span className="muted">
                      {' · '}
                      <FormattedMessage id="mechanisms.established" values={{ date: <DateText date={m.established} /> }} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </>
  );
}
