import type { Person, Statement } from '../../api/types.ts';
import { LocalText } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { PartyName } from '../../components/PartyName.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/provider.tsx';
import { groupBySpeaker, type Speaker } from './statements.ts';

/** The round's statements by speaker; each with its kind, and as a quote or a summary. */
export function Statements({ statements, people }: { statements: Statement[]; people: Map<string, Person> }) {
  const t = useT();
  return (
    <section className="section" aria-labelledby="statements">
      <h2 id="statements">{t('round.statements')}</h2>
      {statements.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        groupBySpeaker(statements).map((group) => (
          <div key={group.key} className="speaker">
            <h3>
              <SpeakerName speaker={group.speaker} people={people} />
            </h3>
            {group.statements.map((s) => (
              <div key={s.id} className="statement">
                <p className="statement-meta">
                  <span className="kind">{t(`statement.kind.${s.kind}` as MessageId)}</span>
                  <span className="muted"> · {t(`statement.form.${s.form}` as MessageId)}</span> <MarkingBadge marking={s.marking} ownerParty={s.ownerParty} />
                </p>
                {s.form === 'quote' ? (
                  <blockquote className="statement-text">
                    <LocalText value={s.text} />
                  </blockquote>
                ) : (
                  <p className="statement-text">
                    <LocalText value={s.text} />
                  </p>
                )}
              </div>
            ))}
          </div>
        ))
      )}
    </section>
  );
}

function SpeakerName({ speaker, people }: { speaker: Speaker; people: Map<string, Person> }) {
  const t = useT();
  if (speaker.kind === 'joint') return <>{t('statement.bothParties')}</>;
  if (speaker.kind === 'party') return <PartyName code={speaker.party} />;
  const person = people.get(speaker.personId);
  if (!person) return <span className="muted">{t('statement.speakerNotVisible')}</span>;
  return (
    <>
      <LocalText value={person.name} />
      <span className="speaker-party">
        {' · '}
        <PartyName code={person.party} />
      </span>
    </>
  );
}
