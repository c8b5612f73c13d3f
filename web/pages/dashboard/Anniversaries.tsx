import { FormattedMessage, useIntl } from 'react-intl';
import type { Anniversaries as AnniversaryList } from '../../api/types.ts';
import { useRead } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { DateText } from '../../components/DateText.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { useT } from '../../i18n/provider.tsx';
import { Card } from './Card.tsx';
import { anniversariesRead } from './reads.ts';

/** The anniversaries of the mechanism's milestones this year and next (src/record/milestones/anniversaries.ts). */
export function Anniversaries({ mechanismId, year }: { mechanismId: string; year: number }) {
  const t = useT();
  const both = useRead(anniversariesRead(mechanismId, year));
  return (
    <Card title={t('dashboard.anniversaries')}>
      <Async loaded={both}>
        {([thisYear, nextYear]) => (
          <>
            <Year title={t('dashboard.anniversaries.thisYear', { year: String(year) })} list={thisYear} />
            <Year title={t('dashboard.anniversaries.nextYear', { year: String(year + 1) })} list={nextYear} />
          </>
        )}
      </Async>
    </Card>
  );
}

function Year({ title, list }: { title: string; list: AnniversaryList }) {
  const t = useT();
  const intl = useIntl();
  return (
    <>
      <h3>{title}</h3>
      {list.anniversaries.length === 0 ? (
        <p className="muted">{t('dashboard.anniversaries.none')}</p>
      ) : (
        <ul className="plain-list anniversaries">
          {list.anniversaries.map(({ milestone, years }) => (
            <li key={milestone.id}>
              <span className="anniversary-years">{intl.formatMessage({ id: 'dashboard.anniversary.years' }, { years })}</span>{' '}
              <LocalText value={milestone.title} /> <MarkingBadge marking={milestone.marking} ownerParty={milestone.ownerParty} />{' '}
              <span className="muted">
                <FormattedMessage id="dashboard.anniversary.since" values={{ date: <DateText date={milestone.date} /> }} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
