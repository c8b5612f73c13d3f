import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../api/session.tsx';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { InstantText } from '../../components/InstantText.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useT } from '../../i18n/provider.tsx';
import { editorPath } from '../editors/EditorLinks.tsx';
import { mayCreate } from '../editors/rights.ts';
import { communiquesApi, type Communique, type EventRef } from './api.ts';
import { approvalsOf } from './workflow.ts';

/**
 * The communiqués of the mechanism, newest first (`?round=` keeps those of one round): each
 * with its status, version, embargo and who approved it; a way to draft a new one.
 */
export function CommuniquesPage() {
  const t = useT();
  const { mechanism } = useMechanism();
  usePageTitle(t('communiques.title'));
  const loaded = useApiData(`communiques:${mechanism.id}`, async (signal) => {
    const [items, events] = await Promise.all([communiquesApi.list(mechanism.id, signal), communiquesApi.events(mechanism.id, signal)]);
    return { items, events: new Map(events.map((e) => [e.id, e])) };
  });
  return (
    <>
      <h1>{t('communiques.title')}</h1>
      <p className="lead">{t('communiques.intro')}</p>
      <Async loaded={loaded}>{({ items, events }) => <CommuniqueList items={items} events={events} />}</Async>
    </>
  );
}

function CommuniqueList({ items, events }: { items: Communique[]; events: ReadonlyMap<string, EventRef> }) {
  const t = useT();
  const { mechanism, rounds } = useMechanism();
  const { session } = useSession();
  const [params] = useSearchParams();
  const base = `/m/${mechanism.id}`;
  const roundId = params.get('round') ?? undefined;
  const round = roundId ? rounds.find((r) => r.id === roundId) : undefined;
  const shown = roundId ? items.filter((c) => c.roundId === roundId) : items;
  return (
    <>
      {mayCreate(session, mechanism.id) && (
        <p className="editor-links">
          <Link className="button button-primary" to={editorPath(mechanism.id, 'communique', undefined, roundId ? { round: roundId } : undefined)}>
            {t('communiques.new')}
          </Link>
        </p>
      )}
      {roundId && (
        <p className="notice notice-info">
          {t('communiques.forRound', { number: round?.number ?? '?' })} <Link to={`${base}/communiques`}>{t('communiques.showAll')}</Link>
        </p>
      )}
      {shown.length === 0 ? (
        <p className="muted">{t('communiques.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table communiques-table">
            <caption className="visually-hidden">{t('communiques.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('communiques.col.title')}</th>
                <th scope="col">{t('communiques.col.of')}</th>
                <th scope="col">{t('communiques.col.status')}</th>
                <th scope="col">{t('communiques.col.version')}</th>
                <th scope="col">{t('communiques.col.embargo')}</th>
                <th scope="col">{t('communiques.col.approvedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`${base}/communiques/${encodeURIComponent(c.id)}`}>
                      <LocalText value={c.title} />
                    </Link>{' '}
                    <MarkingBadge marking={c.marking} ownerParty={c.ownerParty} />
                  </th>
                  <td>
                    <CommuniqueOf communique={c} events={events} />
                  </td>
                  <td>
                    <StatusBadge kind="communique" status={c.status} />
                  </td>
                  <td className="nowrap">{t('communique.versionN', { number: c.version })}</td>
                  <td>{c.embargo ? <InstantText at={c.embargo} /> : <span className="muted">{t('communique.noEmbargo')}</span>}</td>
                  <td>
                    <ApprovedBy communique={c} parties={mechanism.parties} />
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

/** The round (a link to it) or the event a communiqué belongs to. */
export function CommuniqueOf({ communique, events }: { communique: Communique; events: ReadonlyMap<string, EventRef> | undefined }) {
  const t = useT();
  const { mechanism, rounds } = useMechanism();
  if (communique.roundId) {
    const round = rounds.find((r) => r.id === communique.roundId);
    if (!round) return <span className="muted">{t('communique.roundNotVisible')}</span>;
    return <Link to={`/m/${mechanism.id}/rounds/${round.number}`}>{t('round.title', { number: round.number })}</Link>;
  }
  const event = communique.eventId ? events?.get(communique.eventId) : undefined;
  return event ? <LocalText value={event.title} /> : <span className="muted">{t('communique.eventNotVisible')}</span>;
}

/** Who approved it: the usernames of approvals of this text, and those of an earlier text marked so. */
function ApprovedBy({ communique, parties }: { communique: Communique; parties: readonly string[] }) {
  const t = useT();
  const given = approvalsOf(communique, parties).filter((a) => a.state !== 'none');
  if (given.length === 0) return <span className="muted">{t('communiques.notApproved')}</span>;
  return (
    <ul className="plain-list approved-by">
      {given.map((a) => (
        <li key={a.party}>{a.state === 'current' ? a.approval!.username : <span className="muted">{t('communiques.approvedEarlier', { username: a.approval!.username })}</span>}</li>
      ))}
    </ul>
  );
}
