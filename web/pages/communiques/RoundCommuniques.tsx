import { Link } from 'react-router';
import { useSession } from '../../api/session.tsx';
import type { Round } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { LocalText } from '../../components/LocalText.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useT } from '../../i18n/provider.tsx';
import { editorPath } from '../editors/EditorLinks.tsx';
import { mayCreate } from '../editors/rights.ts';
import { communiquesApi } from './api.ts';

/** A round's communiqués on its page: each with its status and version, and a way to draft one. */
export function RoundCommuniques({ round }: { round: Round }) {
  const t = useT();
  const { session } = useSession();
  const m = round.mechanismId;
  const loaded = useApiData(`round-communiques:${round.id}`, (signal) => communiquesApi.forRound(m, round.id, signal));
  const items = loaded.data ?? [];
  // A part of the round's page, not its own: a failed read leaves the section out.
  if (loaded.error) return null;
  return (
    <section className="section" aria-labelledby="round-communiques">
      <div className="section-head">
        <h2 id="round-communiques">{t('communiques.roundSection')}</h2>
        {mayCreate(session, m) && (
          <Link className="button" to={editorPath(m, 'communique', undefined, { round: round.id })}>
            {t('communiques.draftForRound')}
          </Link>
        )}
      </div>
      {loaded.data === undefined ? null : items.length === 0 ? (
        <p className="muted">{t('communiques.roundNone')}</p>
      ) : (
        <ul className="plain-list">
          {items.map((c) => (
            <li key={c.id}>
              <Link to={`/m/${m}/communiques/${encodeURIComponent(c.id)}`}>
                <LocalText value={c.title} />
              </Link>{' '}
              <StatusBadge kind="communique" status={c.status} /> <span className="muted">{t('communique.versionN', { number: c.version })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
