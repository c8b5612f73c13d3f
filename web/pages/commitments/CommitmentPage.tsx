import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { DateText } from '../../components/DateText.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { usePartyName } from '../../components/PartyName.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useT } from '../../i18n/provider.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { records, type CommitmentTrail } from './api.ts';
import { Assessments } from './Assessments.tsx';
import { isOverdue } from './board.ts';
import { EvidenceList } from './EvidenceList.tsx';
import { SourceTrail } from './SourceTrail.tsx';

/** A commitment: what it binds and when, where it comes from, the evidence of progress, and how each party is assessed. */
export function CommitmentPage() {
  const t = useT();
  const id = useParams().id ?? '';
  const loaded = useApiData(`trail:${id}`, (signal) => records.trail(id, signal));
  usePageTitle(t('commitmentPage.title'));
  if (loaded.error?.status === 404 || loaded.error?.status === 400) return <NotFoundPage />;
  return <Async loaded={loaded}>{(trail) => <CommitmentContent trail={trail} />}</Async>;
}

function CommitmentContent({ trail }: { trail: CommitmentTrail }) {
  const t = useT();
  const intl = useIntl();
  const partyName = usePartyName();
  const { mechanism } = useMechanism();
  const [now] = useState(() => new Date());
  const c = trail.commitment;
  const base = `/m/${mechanism.id}`;
  return (
    <article className="commitment">
      <p className="breadcrumb">
        <Link to={`${base}/commitments`}>{t('commitmentPage.back')}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t('commitmentPage.title')} <StatusBadge kind="commitment" status={c.status} /> <MarkingBadge marking={c.marking} ownerParty={c.ownerParty} />
        </h1>
        <p className="commitment-lead">
          <LocalText value={c.text} />
        </p>
        <dl className="facts facts-inline">
          <div>
            <dt>{t('commitmentPage.binds')}</dt>
            <dd>{intl.formatList(c.parties.map(partyName), { type: 'conjunction' })}</dd>
          </div>
          {trail.round && (
            <div>
              <dt>{t('commitmentPage.madeAt')}</dt>
              <dd>
                <Link to={`${base}/rounds/${trail.round.number}`}>
                  <FormattedMessage id="round.title" values={{ number: trail.round.number }} />
                </Link>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('commitmentPage.dueDate')}</dt>
            <dd>
              <DateText date={c.due} />
              {isOverdue(c, now) && (
                <>
                  {' '}
                  <span className="badge badge-overdue">{t('commitments.overdue')}</span>
                </>
              )}
            </dd>
          </div>
        </dl>
      </div>
      <SourceTrail trail={trail} base={base} />
      <EvidenceList evidence={trail.evidence} />
      <Assessments trail={trail} base={base} />
    </article>
  );
}
