import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { DateRange, DateText } from '../../components/DateText.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { useT } from '../../i18n/provider.tsx';
import type { CommitmentTrail } from './api.ts';

/**
 * Where the commitment comes from, step by step: the leaders' consensus item (and the event
 * where it was reached), the round that made the commitment (or the agreement article), the
 * commitment itself, then its evidence. A step the record names but the reader may not see
 * says so rather than vanish.
 */
export function SourceTrail({ trail, base }: { trail: CommitmentTrail; base: string }) {
  const t = useT();
  const { rounds } = useMechanism();
  const c = trail.commitment;
  const missing = (named: string | null) => <span className="muted">{t(named ? 'commitmentPage.trail.notVisible' : 'commitmentPage.trail.notRecorded')}</span>;
  const consensus = trail.consensusItem;
  // The rounds implementing the consensus item, from the rounds the reader may see.
  const implementing = consensus ? rounds.filter((r) => r.consensusItemIds.includes(consensus.id)).sort((a, b) => a.number - b.number) : [];
  return (
    <section className="section" aria-labelledby="trail">
      <h2 id="trail">{t('commitmentPage.trail')}</h2>
      <ol className="trail">
        <Step label={t('commitmentPage.trail.consensus')}>
          {consensus ? (
            <>
              <p>
                <LocalText value={consensus.text} /> <MarkingBadge marking={consensus.marking} ownerParty={consensus.ownerParty} />
              </p>
              {trail.sourceEvent && (
                <p className="record-meta">
                  <EventName title={trail.sourceEvent.title} /> · <DateText date={trail.sourceEvent.date} />
                </p>
              )}
              {implementing.length > 0 && (
                <p className="record-meta">
                  {t('commitmentPage.trail.implementedAt')}{' '}
                  {implementing.map((r, i) => (
                    <span key={r.id}>
                      {i > 0 && ', '}
                      <Link to={`${base}/rounds/${r.number}`}>
                        <FormattedMessage id="round.title" values={{ number: r.number }} />
                      </Link>
                    </span>
                  ))}
                </p>
              )}
            </>
          ) : (
            missing(c.consensusItemId)
          )}
        </Step>
        <Step label={t('commitmentPage.trail.round')}>
          {trail.round ? (
            <p>
              <Link to={`${base}/rounds/${trail.round.number}`}>
                <FormattedMessage id="round.title" values={{ number: trail.round.number }} />
              </Link>{' '}
              <span className="record-meta">
                <DateRange start={trail.round.startDate} end={trail.round.endDate} />
                {Object.keys(trail.round.place).length > 0 && (
                  <>
                    {' · '}
                    <LocalText value={trail.round.place} />
                  </>
                )}
              </span>
            </p>
          ) : (
            missing(c.roundId)
          )}
        </Step>
        {(c.agreementId || c.article) && (
          <Step label={t('commitmentPage.trail.agreement')}>
            {trail.agreement ? (
              <p>
                {trail.agreement.titleDisclosed ? <LocalText value={trail.agreement.title} /> : <em>{t('agreement.untitled')}</em>}
                {c.article && <> · {t('commitmentPage.article', { number: c.article })}</>}
              </p>
            ) : (
              missing(c.agreementId)
            )}
          </Step>
        )}
        <Step label={t('commitmentPage.trail.commitment')} current>
          <p>
            <LocalText value={c.text} />
          </p>
        </Step>
        <Step label={t('commitmentPage.trail.evidence')}>
          <p>
            {trail.evidence.length > 0 ? (
              <a href="#evidence">{t('commitmentPage.trail.evidenceCount', { total: trail.evidence.length })}</a>
            ) : (
              <span className="muted">{t('commitmentPage.trail.evidenceCount', { total: 0 })}</span>
            )}
          </p>
        </Step>
      </ol>
    </section>
  );
}

function Step({ label, current, children }: { label: string; current?: boolean; children: ReactNode }) {
  return (
    <li className={current ? 'trail-step trail-current' : 'trail-step'} aria-current={current ? 'step' : undefined}>
      <span className="trail-label">{label}</span>
      <div className="trail-body">{children}</div>
    </li>
  );
}

function EventName({ title }: { title: Record<string, string> }) {
  const t = useT();
  return (
    <>
      {t('commitmentPage.trail.reachedAt')} <LocalText value={title} />
    </>
  );
}
