import { FormattedMessage, useIntl } from 'react-intl';
import type { RoundView } from '../../api/types.ts';
import { DateText } from '../../components/DateText.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { usePartyName } from '../../components/PartyName.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/provider.tsx';
import { EditCommitmentLink } from '../editors/EditorLinks.tsx';

/** What the round produced: commitments made, consensus implemented, agreements concluded. */
export function RoundRecords({ view }: { view: RoundView }) {
  const t = useT();
  const intl = useIntl();
  const partyName = usePartyName();
  const parties = (codes: string[]) => intl.formatList(codes.map(partyName), { type: 'conjunction' });
  return (
    <>
      <section className="section" aria-labelledby="commitments">
        <h2 id="commitments">{t('round.commitments')}</h2>
        {view.commitments.length === 0 ? (
          <p className="muted">{t('common.none')}</p>
        ) : (
          <ul className="records">
            {view.commitments.map((c) => (
              <li key={c.id}>
                <p>
                  <LocalText value={c.text} />
                </p>
                <p className="record-meta">
                  <StatusBadge kind="commitment" status={c.status} /> <MarkingBadge marking={c.marking} ownerParty={c.ownerParty} />{' '}
                  <span>{t('commitment.binds', { parties: parties(c.parties) })}</span>
                  {c.due && (
                    <span>
                      {' · '}
                      <FormattedMessage id="commitment.due" values={{ date: <DateText date={c.due} /> }} />
                    </span>
                  )}
                  {' '}
                  <EditCommitmentLink commitment={c} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="consensus">
        <h2 id="consensus">{t('round.consensus')}</h2>
        {view.consensusItems.length === 0 ? (
          <p className="muted">{t('common.none')}</p>
        ) : (
          <ul className="records">
            {view.consensusItems.map((c) => (
              <li key={c.id}>
                <LocalText value={c.text} /> <MarkingBadge marking={c.marking} ownerParty={c.ownerParty} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="agreements">
        <h2 id="agreements">{t('round.agreements')}</h2>
        {view.agreements.length === 0 ? (
          <p className="muted">{t('common.none')}</p>
        ) : (
          <ul className="records">
            {view.agreements.map((a) => (
              <li key={a.id}>
                <p>{a.titleDisclosed ? <LocalText value={a.title} /> : <em>{t('agreement.untitled')}</em>}</p>
                <p className="record-meta">
                  <span>{t(`agreement.kind.${a.kind}` as MessageId)}</span> <StatusBadge kind="agreement" status={a.status} />{' '}
                  <MarkingBadge marking={a.marking} ownerParty={a.ownerParty} /> <span>{parties(a.parties)}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
