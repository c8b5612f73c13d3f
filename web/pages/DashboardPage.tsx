import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useMechanism } from '../components/MechanismScope.tsx';
import { DateText } from '../components/DateText.tsx';
import { LocalText } from '../components/LocalText.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { useT } from '../i18n/provider.tsx';
import { Anniversaries } from './dashboard/Anniversaries.tsx';
import { Compliance } from './dashboard/Compliance.tsx';
import { JointLog } from './dashboard/JointLog.tsx';
import { LastRound } from './dashboard/LastRound.tsx';
import { NextRound } from './dashboard/NextRound.tsx';
import { OpenCommitments } from './dashboard/OpenCommitments.tsx';
import { lastRound, nextRound } from './dashboard/summary.ts';

/** The mechanism at a glance: rounds next and last, open commitments, anniversaries, the joint log. */
export function DashboardPage() {
  const t = useT();
  const { mechanism, rounds } = useMechanism();
  // One "now" per visit: the page does not shift under the reader.
  const [now] = useState(() => new Date());
  usePageTitle(t('dashboard.title'));
  const base = `/m/${mechanism.id}`;
  return (
    <>
      <div className="page-head">
        <h1>{t('dashboard.title')}</h1>
        <p className="lead">
          <LocalText value={mechanism.name} />
          {mechanism.established && (
            <span className="muted">
              {' · '}
              <FormattedMessage id="mechanisms.established" values={{ date: <DateText date={mechanism.established} /> }} />
            </span>
          )}
        </p>
      </div>
      <div className="grid">
        <NextRound round={nextRound(rounds, now)} base={base} now={now} />
        <LastRound round={lastRound(rounds)} base={base} now={now} />
        <JointLog mechanismId={mechanism.id} />
        <OpenCommitments mechanismId={mechanism.id} parties={mechanism.parties} />
        <Compliance />
        <Anniversaries mechanismId={mechanism.id} year={now.getFullYear()} />
      </div>
    </>
  );
}
