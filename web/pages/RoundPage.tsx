import { Link, useParams } from 'react-router';
import { entente } from '../api/entente.ts';
import type { Person, RoundView } from '../api/types.ts';
import { useApiData } from '../api/use-api-data.ts';
import { Async } from '../components/Async.tsx';
import { DateRange } from '../components/DateText.tsx';
import { LocalText } from '../components/LocalText.tsx';
import { MarkingBadge } from '../components/MarkingBadge.tsx';
import { useMechanism } from '../components/MechanismScope.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { PartyName } from '../components/PartyName.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { RoundEditorLinks } from './editors/EditorLinks.tsx';
import { useT } from '../i18n/provider.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RoundCommuniques } from './communiques/RoundCommuniques.tsx';
import { ConcludePanel } from './round/ConcludePanel.tsx';
import { RoundRecords } from './round/RoundRecords.tsx';
import { Statements } from './round/Statements.tsx';
import { RecordInLog } from '../ledger/RecordInLog.tsx';

/** A round with its co-chairs, agenda, statements, commitments, consensus items and agreements. */
export function RoundPage() {
  const t = useT();
  const { mechanism } = useMechanism();
  const number = Number(useParams().number);
  const valid = Number.isInteger(number) && number >= 1;
  const loaded = useApiData(`round:${mechanism.id}:${number}`, (signal) => loadRound(mechanism.id, number, signal));
  usePageTitle(t('round.title', { number }));
  if (!valid || loaded.error?.status === 404 || loaded.error?.status === 400) return <NotFoundPage />;
  return (
    <Async loaded={loaded}>
      {({ view, people }) => (
        <>
          <RoundContent view={view} people={people} base={`/m/${mechanism.id}`} />
          <ConcludePanel round={view.round} onSigned={loaded.reload} />
        </>
      )}
    </Async>
  );
}

/** The round's view, and the people who spoke at it that are not its co-chairs. */
async function loadRound(mechanismId: string, number: number, signal: AbortSignal): Promise<{ view: RoundView; people: Map<string, Person> }> {
  const view = await entente.round(mechanismId, number, signal);
  const people = new Map<string, Person>();
  for (const c of view.coChairs) if (c.person) people.set(c.person.id, c.person);
  const missing = [...new Set(view.statements.map((s) => s.speakerId).filter((id): id is string => id !== null && !people.has(id)))];
  const found = await Promise.all(missing.map((id) => entente.person(id, signal).catch(() => undefined)));
  for (const p of found) if (p) people.set(p.id, p);
  return { view, people };
}

function RoundContent({ view, people, base }: { view: RoundView; people: Map<string, Person>; base: string }) {
  const t = useT();
  const { round } = view;
  return (
    <article className="round">
      <p className="breadcrumb">
        <Link to={`${base}/rounds`}>{t('round.allRounds')}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t('round.title', { number: round.number })} <StatusBadge kind="round" status={round.status} />{' '}
          <MarkingBadge marking={round.marking} ownerParty={round.ownerParty} />
        </h1>
        <dl className="facts facts-inline">
          <div>
            <dt>{t('rounds.date')}</dt>
            <dd>
              <DateRange start={round.startDate} end={round.endDate} />
            </dd>
          </div>
          {Object.keys(round.place).length > 0 && (
            <div>
              <dt>{t('rounds.place')}</dt>
              <dd>
                <LocalText value={round.place} />
              </dd>
            </div>
          )}
          {round.hostParty && (
            <div>
              <dt>{t('rounds.host')}</dt>
              <dd>
                <PartyName code={round.hostParty} />
              </dd>
            </div>
          )}
        </dl>
        <RecordInLog record={round} mechanismId={round.mechanismId} />
        <RoundEditorLinks round={round} agendaLength={view.agenda.length} />
      </div>

      <section className="section" aria-labelledby="co-chairs">
        <h2 id="co-chairs">{t('round.coChairs')}</h2>
        <ul className="co-chairs">
          {view.coChairs.map((c) => (
            <li key={c.party} className="co-chair">
              <span className="co-chair-name">{c.person ? <LocalText value={c.person.name} /> : <span className="muted">{t('round.coChair.notVisible')}</span>}</span>
              {c.title && (
                <span className="co-chair-title">
                  <LocalText value={c.title} />
                </span>
              )}
              <span className="co-chair-party">
                <PartyName code={c.party} />
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="agenda">
        <h2 id="agenda">{t('round.agenda')}</h2>
        {view.agenda.length === 0 ? (
          <p className="muted">{t('common.none')}</p>
        ) : (
          <ol className="agenda">
            {view.agenda.map((a) => (
              <li key={a.id}>
                <LocalText value={a.title} /> <MarkingBadge marking={a.marking} ownerParty={a.ownerParty} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <Statements statements={view.statements} people={people} />
      <RoundRecords view={view} />
      <RoundCommuniques round={round} />
    </article>
  );
}
