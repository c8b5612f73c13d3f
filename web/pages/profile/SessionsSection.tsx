import { useState } from 'react';
import { account } from '../../api/profile.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { useT } from '../../i18n/provider.tsx';
import { DateTime } from './DateTime.tsx';
import { accountFailure, type Failure } from './failure.ts';
import { FailureNotice } from './FailureNotice.tsx';

/** The user's sessions (browsers signed in), and signing out the others. */
export function SessionsSection() {
  const t = useT();
  const loaded = useApiData('me:sessions', (signal) => account.sessions(signal));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [message, setMessage] = useState<string>();

  async function end(ids: string[]) {
    setBusy(true);
    setFailure(undefined);
    setMessage(undefined);
    try {
      for (const id of ids) await account.endSession(id);
      setMessage(t('profile.sessions.ended', { number: ids.length }));
    } catch (err) {
      setFailure(accountFailure(err));
    } finally {
      setBusy(false);
      loaded.reload();
    }
  }

  return (
    <section className="section" aria-labelledby="sessions">
      <h2 id="sessions">{t('profile.sessions.title')}</h2>
      <p className="status-line" role="status">
        {message}
      </p>
      <FailureNotice failure={failure} />
      <Async loaded={loaded}>
        {(sessions) => {
          const others = sessions.filter((s) => !s.current).map((s) => s.id);
          return (
            <>
              <div className="table-scroll">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('profile.sessions.started')}</th>
                      <th scope="col">{t('profile.sessions.lastSeen')}</th>
                      <th scope="col">{t('profile.sessions.expires')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('profile.sessions.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {sessions.map((s) => (
                      <tr key={s.id}>
                        <td>
                          <DateTime at={s.createdAt} />
                        </td>
                        <td>
                          <DateTime at={s.lastSeenAt} />
                        </td>
                        <td>
                          <DateTime at={s.expiresAt} />
                        </td>
                        <td className="cell-action">
                          {s.current ? (
                            <span className="badge">{t('profile.sessions.current')}</span>
                          ) : (
                            <button type="button" className="button button-quiet" disabled={busy} onClick={() => void end([s.id])}>
                              {t('profile.sessions.end')}
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {others.length > 0 && (
                <div className="actions section-actions">
                  <button type="button" className="button" disabled={busy} onClick={() => void end(others)}>
                    {t('profile.sessions.endOthers')}
                  </button>
                </div>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}
