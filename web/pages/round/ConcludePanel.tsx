import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { entente } from '../../api/entente.ts';
import { account } from '../../api/profile.ts';
import { useSession } from '../../api/session.tsx';
import type { Outcome, Round } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { LoadError, Loading } from '../../components/Async.tsx';
import { usePartyName } from '../../components/PartyName.tsx';
import { useT } from '../../i18n/provider.tsx';
import { DateTime } from '../profile/DateTime.tsx';
import { ReauthForm } from '../profile/ReauthForm.tsx';
import { signingOf } from './signing.ts';

/**
 * The round's outcome and its co-signing: the hash the co-chairs sign, who has signed, and
 * for a co-chair whose party has not, the signing itself (password and code again, then the
 * signature). `onSigned` lets the page read the round again (its status may be concluded).
 */
export function ConcludePanel({ round, onSigned }: { round: Round; onSigned: () => void }) {
  const t = useT();
  const { session } = useSession();
  const loaded = useApiData(`outcome:${round.mechanismId}:${round.number}`, (signal) => entente.outcome(round.mechanismId, round.number, signal));
  // The answer of our own signature replaces the loaded state at once.
  const [signedState, setSignedState] = useState<Outcome>();
  const outcome = signedState ?? loaded.data;

  // An internal or planned round may have no shared outcome (409) or none visible (403/404): no panel.
  if (loaded.error && loaded.error.status >= 400 && loaded.error.status < 500) return null;
  return (
    <section className="section outcome" aria-labelledby="outcome">
      <h2 id="outcome">{t('conclude.title')}</h2>
      {outcome ? (
        <OutcomeState
          outcome={outcome}
          coChair={session?.roles?.some((r) => r.mechanismId === round.mechanismId && r.role === 'co-chair') ?? false}
          party={session?.party}
          onSigned={(o) => {
            setSignedState(o);
            onSigned();
          }}
        />
      ) : loaded.error ? (
        <LoadError error={loaded.error} retry={loaded.reload} />
      ) : (
        <Loading />
      )}
    </section>
  );
}

function OutcomeState({ outcome, coChair, party, onSigned }: { outcome: Outcome; coChair: boolean; party: string | undefined; onSigned: (o: Outcome) => void }) {
  const t = useT();
  const partyName = usePartyName();
  const [signing, setSigning] = useState(false);
  const [message, setMessage] = useState<string>();
  const { signed, waitingFor, stale, canSign } = signingOf(outcome, { party, coChair });

  async function sign(password: string) {
    try {
      const after = await account.conclude(outcome.mechanismId, outcome.round, password);
      setSigning(false);
      setMessage(after.concluded ? t('conclude.doneConcluded') : t('conclude.doneSigned'));
      onSigned(after);
    } catch (err) {
      // The round changed under the reader (another signature, a concluded round): show it as it is now.
      if (err instanceof ApiError && err.status === 409) onSigned(await entente.outcome(outcome.mechanismId, outcome.round).catch(() => outcome));
      throw err;
    }
  }

  return (
    <>
      <p className="status-line" role="status">
        {message}
      </p>
      <p className="outcome-state">
        {outcome.concluded ? (
          <>
            <span className="status status-round-concluded">{t('round.status.concluded')}</span> {t('conclude.concluded')}
          </>
        ) : (
          <>
            <span className="status status-round-held">{t('conclude.awaiting')}</span>{' '}
            {t('conclude.waitingFor', { parties: waitingFor.map(partyName).join(', ') })}
          </>
        )}
      </p>
      <dl className="facts">
        <dt>{t('conclude.hash')}</dt>
        <dd>
          <code className="hash outcome-hash">{outcome.outcomeHash}</code>
        </dd>
      </dl>
      <h3>{t('conclude.signatures')}</h3>
      <ul className="plain-list signatures">
        {outcome.parties.map((p) => {
          const s = outcome.cosignatures.find((c) => c.party === p && c.current && c.valid);
          return (
            <li key={p} className={s ? 'signature signature-done' : 'signature'}>
              <strong>{partyName(p)}</strong>{' '}
              {s ? (
                <>
                  {t('conclude.signedBy', { username: s.username })} <DateTime at={s.at} />
                </>
              ) : (
                <span className="muted">{t('conclude.notSigned')}</span>
              )}
            </li>
          );
        })}
      </ul>
      {stale.length > 0 && !outcome.concluded && (
        <p className="notice notice-warn">{t('conclude.stale', { parties: stale.map((s) => partyName(s.party)).join(', ') })}</p>
      )}
      {canSign &&
        (signing ? (
          <ReauthForm
            id="sign"
            intro={
              <>
                <h3>{t('conclude.signTitle')}</h3>
                <p>{t('conclude.signIntro', { number: outcome.round })}</p>
              </>
            }
            submitLabel={t('conclude.signSubmit')}
            withCode
            action={sign}
            onCancel={() => setSigning(false)}
          />
        ) : (
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => setSigning(true)}>
              {t('conclude.sign')}
            </button>
            <span className="hint">{t('conclude.signHint')}</span>
          </div>
        ))}
      {!canSign && !outcome.concluded && coChair && party && signed.includes(party) && <p className="hint">{t('conclude.youSigned')}</p>}
    </>
  );
}
