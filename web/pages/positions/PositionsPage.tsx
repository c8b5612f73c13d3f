import { Fragment, useMemo } from 'react';
import { Link } from 'react-router';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { DateText } from '../../components/DateText.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { usePartyName } from '../../components/PartyName.tsx';
import { useT } from '../../i18n/provider.tsx';
import { records, type EventRecord, type PositionsMatrixData } from '../commitments/api.ts';
import { NewPositionLink } from '../editors/EditorLinks.tsx';
import { buildMatrix, type Entry, type Source } from './matrix.ts';

/** The positions matrix: issues × parties × rounds, each cell the wording a party used and, by its row, where. */
export function PositionsPage() {
  const t = useT();
  const { mechanism } = useMechanism();
  usePageTitle(t('positions.title'));
  const loaded = useApiData(`positions:${mechanism.id}`, async (signal) => {
    const [matrix, events] = await Promise.all([records.positionsMatrix(mechanism.id, signal), records.events(mechanism.id, signal)]);
    return { matrix, events };
  });
  return (
    <>
      <div className="page-head">
        <h1>{t('positions.title')}</h1>
        <p className="lead">{t('positions.intro')}</p>
        <NewPositionLink mechanismId={mechanism.id} />
      </div>
      <Async loaded={loaded}>{({ matrix, events }) => <MatrixTable data={matrix} events={events} />}</Async>
    </>
  );
}

function MatrixTable({ data, events }: { data: PositionsMatrixData; events: EventRecord[] }) {
  const t = useT();
  const partyName = usePartyName();
  const matrix = useMemo(() => buildMatrix(data), [data]);
  const eventById = useMemo(() => new Map(events.map((e) => [e.id, e])), [events]);
  if (matrix.issues.length === 0) return <p className="muted">{t('positions.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="table positions-matrix">
        <caption className="visually-hidden">{t('positions.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('positions.issue')}</th>
            <th scope="col">{t('positions.source')}</th>
            {matrix.parties.map((p) => (
              <th scope="col" key={p}>
                {partyName(p)}
              </th>
            ))}
          </tr>
        </thead>
        {matrix.issues.map((group) => (
          <tbody key={group.key}>
            {group.rows.map((row, i) => (
              <tr key={i}>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={group.rows.length} className="issue">
                    <LocalText value={group.issue} />
                  </th>
                )}
                <th scope="row" className="source">
                  <SourceName source={row.source} event={row.source.kind === 'event' ? eventById.get(row.source.eventId) : undefined} />
                </th>
                {matrix.parties.map((p) => (
                  <td key={p}>
                    {(row.cells[p] ?? []).length === 0 ? (
                      <span className="muted" title={t('positions.nothing')}>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">{t('positions.nothing')}</span>
                      </span>
                    ) : (
                      (row.cells[p] ?? []).map((entry) => (
                        <Fragment key={entry.kind === 'stance' ? entry.position.id : entry.supportId}>
                          <EntryText entry={entry} />
                        </Fragment>
                      ))
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function SourceName({ source, event }: { source: Source; event: EventRecord | undefined }) {
  const t = useT();
  const { mechanism } = useMechanism();
  switch (source.kind) {
    case 'stance':
      return <>{t('positions.stance')}</>;
    case 'round':
      return <Link to={`/m/${mechanism.id}/rounds/${source.number}`}>{t('round.title', { number: source.number })}</Link>;
    case 'hidden-round':
      return <span className="muted">{t('positions.hiddenRound')}</span>;
    case 'event':
      return event ? (
        <>
          <LocalText value={event.title} />{' '}
          <span className="record-meta">
            <DateText date={event.date} />
          </span>
        </>
      ) : (
        <span className="muted">{t('positions.unknownEvent')}</span>
      );
  }
}

function EntryText({ entry }: { entry: Entry }) {
  const t = useT();
  const partyName = usePartyName();
  if (entry.kind === 'stance') {
    const { position } = entry;
    return (
      <p className="matrix-entry">
        {Object.keys(position.stance).length > 0 ? <LocalText value={position.stance} /> : <span className="muted">{t('positions.holds')}</span>}{' '}
        <MarkingBadge marking={position.marking} ownerParty={position.ownerParty} />
      </p>
    );
  }
  return (
    <p className="matrix-entry">
      <LocalText value={entry.wording} /> <span className="record-meta">{t('positions.backs', { party: partyName(entry.position.holderParty) })}</span>
    </p>
  );
}
