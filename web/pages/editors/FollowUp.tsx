import { Link } from 'react-router';
import type { Text } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { DateText } from '../../components/DateText.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { usePartyName } from '../../components/PartyName.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/provider.tsx';
import { editorsApi, type StoredRecord } from './editors-api.ts';
import { useEditorMechanism } from './EditorRoutes.tsx';

interface Evidence extends StoredRecord {
  date: string;
  note: Text;
  url: string | null;
}

interface Assessment extends StoredRecord {
  party: string;
  assessor: 'self' | 'partner' | 'agreed';
  score: -1 | 0 | 1;
  reason: Text;
}

/** A commitment's evidence and assessments, below its editor, with the ways to add to them. */
export function FollowUp({ commitment }: { commitment: StoredRecord }) {
  const t = useT();
  const mechanism = useEditorMechanism();
  const loaded = useApiData(`follow-up:${commitment.id}`, async (signal) => {
    const query = { mechanismId: mechanism.id, commitmentId: commitment.id };
    const [evidence, assessments] = await Promise.all([
      editorsApi.list<Evidence>('/evidence', query, signal),
      editorsApi.list<Assessment>('/assessments', query, signal),
    ]);
    return { evidence, assessments };
  });
  const add = (kind: 'evidence' | 'assessment') => `/m/${mechanism.id}/edit/${kind}/new?parent=${encodeURIComponent(commitment.id)}`;
  return (
    <Async loaded={loaded}>
      {({ evidence, assessments }) => (
        <>
          <section className="section" aria-labelledby="evidence">
            <div className="section-head">
              <h2 id="evidence">{t('editor.evidence')}</h2>
              <Link className="button" to={add('evidence')}>
                {t('editor.addEvidence')}
              </Link>
            </div>
            {evidence.length === 0 ? (
              <p className="muted">{t('common.none')}</p>
            ) : (
              <ul className="records">
                {evidence.map((e) => (
                  <li key={e.id}>
                    <p>
                      <LocalText value={e.note} />
                    </p>
                    <p className="record-meta">
                      <DateText date={e.date} /> <MarkingBadge marking={e.marking} ownerParty={e.ownerParty} />
                      {e.url && (
                        <>
                          {' · '}
                          <a href={e.url} rel="noreferrer noopener" target="_blank">
                            {e.url}
                          </a>
                        </>
                      )}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="section" aria-labelledby="assessments">
            <div className="section-head">
              <h2 id="assessments">{t('editor.assessments')}</h2>
              <Link className="button" to={add('assessment')}>
                {t('editor.addAssessment')}
              </Link>
            </div>
            {assessments.length === 0 ? (
              <p className="muted">{t('common.none')}</p>
            ) : (
              <ul className="records">
                {assessments.map((a) => (
                  <AssessmentItem key={a.id} a={a} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Async>
  );
}

function AssessmentItem({ a }: { a: Assessment }) {
  const t = useT();
  const partyName = usePartyName();
  return (
    <li>
      <p>
        <strong>{t(`editor.assessor.${a.assessor}` as MessageId)}</strong> · {partyName(a.party)} · {t(`editor.score.${a.score}` as MessageId)}{' '}
        <MarkingBadge marking={a.marking} ownerParty={a.ownerParty} />
      </p>
      {Object.keys(a.reason).length > 0 && (
        <p className="record-meta">
          <LocalText value={a.reason} />
        </p>
      )}
    </li>
  );
}
