import { useSession } from '../api/session.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { useT } from '../i18n/provider.tsx';
import { Frame } from './Frame.tsx';
import { Enrolment } from './profile/Enrolment.tsx';

/**
 * A co-chair or admin without a second factor: their session reaches only enrolment
 * (src/access/mfa-gate.ts), so this page leads them through it. Once it is confirmed and the
 * recovery codes kept, the page is loaded again: the session, no longer held, reaches the
 * workspace at the address asked for.
 */
export function SecondFactorRequiredPage() {
  const t = useT();
  const { session, signOut } = useSession();
  usePageTitle(t('mfa.title'));
  return (
    <Frame>
      <div className="card second-factor-required">
        <h1>{t('mfa.title')}</h1>
        <p>{t('profile.mfaRequired.body', { username: session?.username ?? '' })}</p>
        <Enrolment level={2} onDone={() => window.location.reload()} />
        <p className="second-factor-sign-out">
          <button type="button" className="button button-quiet" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </p>
      </div>
    </Frame>
  );
}
