import { useState } from 'react';
import { entente } from '../api/entente.ts';
import { useApiData } from '../api/use-api-data.ts';
import { Async } from '../components/Async.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { usePartyName } from '../components/PartyName.tsx';
import { useT } from '../i18n/provider.tsx';
import { PasswordSection } from './profile/PasswordSection.tsx';
import { SecondFactorSection } from './profile/SecondFactorSection.tsx';
import { SessionsSection } from './profile/SessionsSection.tsx';
import { TokensSection } from './profile/TokensSection.tsx';

/** The signed-in user's account: sessions, password, second factor, API tokens. */
export function ProfilePage() {
  const t = useT();
  const partyName = usePartyName();
  // Read afresh here (not the session held since sign-in): the second factor changes on this page.
  const session = useApiData('profile:session', (signal) => entente.session(signal));
  // Changing the password ends the other sessions: the list is read again.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  usePageTitle(t('profile.title'));
  return (
    <article className="profile">
      <div className="page-head">
        <h1>{t('profile.title')}</h1>
        {session.data && (
          <dl className="facts facts-inline">
            <div>
              <dt>{t('signIn.username')}</dt>
              <dd>{session.data.username}</dd>
            </div>
            <div>
              <dt>{t('profile.party')}</dt>
              <dd>{partyName(session.data.party ?? '')}</dd>
            </div>
          </dl>
        )}
      </div>
      <Async loaded={session}>
        {(s) => (
          <div className="profile-grid">
            <SecondFactorSection session={s} onChanged={session.reload} />
            <TokensSection />
            <SessionsSection key={sessionsVersion} />
            <PasswordSection onChanged={() => setSessionsVersion((n) => n + 1)} />
          </div>
        )}
      </Async>
    </article>
  );
}
