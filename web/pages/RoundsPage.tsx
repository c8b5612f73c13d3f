import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { DateRange } from '../components/DateText.tsx';
import { LocalText } from '../components/LocalText.tsx';
import { MarkingBadge } from '../components/MarkingBadge.tsx';
import { useMechanism } from '../components/MechanismScope.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { PartyName } from '../components/PartyName.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useT } from '../i18n/provider.tsx';
import { NewRoundLink } from './editors/EditorLinks.tsx';

/** Every round of the mechanism the reader may see, latest first. */
export function RoundsPage() {
  const t = useT();
  const { mechanism, rounds } = useMechanism();
  usePageTitle(t('rounds.title'));
  const latestFirst = [...rounds].sort((a, b) => b.number - a.number);
  return (
    <>
      <h1>{t('rounds.title')}</h1>
      <NewRoundLink mechanismId={mechanism.id} />
      {latestFirst.length === 0 ? (
        <p className="muted">{t('rounds.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('rounds.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rounds.number')}</th>
                <th scope="col">{t('rounds.date')}</th>
                <th scope="col">{t('rounds.place')}</th>
                <th scope="col">{t('rounds.host')}</th>
                <th scope="col">{t('rounds.status')}</th>
              </tr>
            </thead>
            <tbody>
              {latestFirst.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/m/${mechanism.id}/rounds/${r.number}`}>
                      <FormattedMessage id="round.title" values={{ number: r.number }} />
                    </Link>{' '}
                    <MarkingBadge marking={r.marking} ownerParty={r.ownerParty} />
                  </th>
                  <td>
                    <DateRange start={r.startDate} end={r.endDate} />
                  </td>
                  <td>{Object.keys(r.place).length > 0 && <LocalText value={r.place} />}</td>
                  <td>{r.hostParty && <PartyName code={r.hostParty} />}</td>
                  <td>
                    <StatusBadge kind="round" status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
