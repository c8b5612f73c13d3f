import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { COMMITMENT_STATUSES } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { usePartyName } from '../../components/PartyName.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useT } from '../../i18n/provider.tsx';
import { records, type CommitmentRecord } from './api.ts';
import { filtersQuery, parseFilters, selectCommitments, type BoardFilters } from './board.ts';
import { CommitmentRow } from './CommitmentRow.tsx';

/** Rows shown at first and added by each "show more". */
const PAGE = 50;

/**
 * The commitments board: every commitment of the mechanism the reader may see, filtered by
 * status, binding party, round and "overdue", the filters kept in the URL. The API pages
 * its lists; the board follows the cursor to the end once (a mechanism has hundreds of
 * commitments, not millions) so that the counts per status are exact and filtering is
 * instant, then shows the rows 50 at a time.
 */
export function CommitmentsPage() {
  const t = useT();
  const { mechanism } = useMechanism();
  usePageTitle(t('commitments.title'));
  const loaded = useApiData(`board:${mechanism.id}`, (signal) => records.commitments(mechanism.id, signal));
  return (
    <>
      <h1>{t('commitments.title')}</h1>
      <Async loaded={loaded}>{(all) => <Board all={all} />}</Async>
    </>
  );
}

function Board({ all }: { all: CommitmentRecord[] }) {
  const t = useT();
  const intl = useIntl();
  const { mechanism, rounds } = useMechanism();
  const [query, setQuery] = useSearchParams();
  const filters = parseFilters(query);
  const queryKey = filtersQuery(filters).toString();
  // One "now" per visit: rows do not turn overdue under the reader.
  const [now] = useState(() => new Date());
  const roundNumbers = new Map(rounds.map((r) => [r.id, r.number]));
  // A few hundred rows at most: filtering on each render costs less than remembering it.
  const board = selectCommitments(all, filters, { roundNumbers, now });
  // How many rows are shown, per filter set: changing the filters starts again at one page.
  const [shown, setShown] = useState({ key: queryKey, count: PAGE });
  const limit = shown.key === queryKey ? shown.count : PAGE;

  const change = (next: Partial<BoardFilters>) => setQuery(filtersQuery({ ...filters, ...next }), { replace: true });
  const base = `/m/${mechanism.id}`;
  const statusLink = (status: BoardFilters['status']) => {
    const q = filtersQuery({ ...filters, status }).toString();
    return q ? `${base}/commitments?${q}` : `${base}/commitments`;
  };
  const visible = board.rows.slice(0, limit);

  return (
    <>
      <Filters filters={filters} clearLink={`${base}/commitments`} parties={mechanism.parties} roundNumbers={[...roundNumbers.values()].sort((a, b) => b - a)} onChange={change} />
      <nav className="status-counts" aria-label={t('commitments.counts')}>
        <ul>
          <li>
            <Link to={statusLink(undefined)} aria-current={filters.status === undefined ? 'page' : undefined}>
              {t('commitments.all')} <span className="count">{intl.formatNumber(board.total)}</span>
            </Link>
          </li>
          {COMMITMENT_STATUSES.map((s) => (
            <li key={s}>
              <Link to={statusLink(s)} aria-current={filters.status === s ? 'page' : undefined}>
                <StatusBadge kind="commitment" status={s} /> <span className="count">{intl.formatNumber(board.counts[s])}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="muted" role="status">
        {t('commitments.shown', { size: visible.length, total: board.rows.length })}
      </p>
      {board.rows.length === 0 ? (
        <p>{t('commitments.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table commitments-table">
            <caption className="visually-hidden">{t('commitments.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('commitments.col.text')}</th>
                <th scope="col">{t('commitments.col.parties')}</th>
                <th scope="col">{t('commitments.col.round')}</th>
                <th scope="col">{t('commitments.col.due')}</th>
                <th scope="col">{t('commitments.col.status')}</th>
                <th scope="col">{t('commitments.col.marking')}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((c) => (
                <CommitmentRow key={c.id} commitment={c} base={base} roundNumber={c.roundId ? roundNumbers.get(c.roundId) : undefined} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {board.rows.length > limit && (
        <p className="actions board-more">
          <button type="button" className="button" onClick={() => setShown({ key: queryKey, count: limit + PAGE })}>
            {t('commitments.more', { total: Math.min(PAGE, board.rows.length - limit) })}
          </button>
        </p>
      )}
    </>
  );
}

function Filters({
  filters,
  clearLink,
  parties,
  roundNumbers,
  onChange,
}: {
  filters: BoardFilters;
  clearLink: string;
  parties: readonly string[];
  roundNumbers: number[];
  onChange: (next: Partial<BoardFilters>) => void;
}) {
  const t = useT();
  const partyName = usePartyName();
  const id = useId();
  const active = filtersQuery(filters).toString() !== '';
  return (
    <form className="board-filters" aria-label={t('commitments.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('commitments.filter.status')}</label>
        <select id={`${id}-status`} value={filters.status ?? ''} onChange={(e) => onChange({ status: (e.target.value || undefined) as BoardFilters['status'] })}>
          <option value="">{t('commitments.filter.any')}</option>
          {COMMITMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`commitment.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-party`}>{t('commitments.filter.party')}</label>
        <select id={`${id}-party`} value={filters.party ?? ''} onChange={(e) => onChange({ party: e.target.value || undefined })}>
          <option value="">{t('commitments.filter.any')}</option>
          {parties.map((p) => (
            <option key={p} value={p}>
              {partyName(p)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-round`}>{t('commitments.filter.round')}</label>
        <select id={`${id}-round`} value={filters.round ?? ''} onChange={(e) => onChange({ round: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">{t('commitments.filter.any')}</option>
          {roundNumbers.map((n) => (
            <option key={n} value={n}>
              {t('round.title', { number: n })}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-check">
        <input id={`${id}-overdue`} type="checkbox" checked={filters.overdue} aria-describedby={`${id}-overdue-hint`} onChange={(e) => onChange({ overdue: e.target.checked })} />
        <label htmlFor={`${id}-overdue`}>{t('commitments.filter.overdue')}</label>
        <p id={`${id}-overdue-hint`} className="hint">
          {t('commitments.filter.overdueHint')}
        </p>
      </div>
      {active && (
        <p className="board-clear">
          <Link to={clearLink} replace>
            {t('commitments.filter.clear')}
          </Link>
        </p>
      )}
    </form>
  );
}
