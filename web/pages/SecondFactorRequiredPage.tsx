import { useSession } from '../api/session.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { useT } from '../i18n/provider.tsx';
import { Frame } from './Frame.tsx';

/** A co-chair or admin without a second factor: their session reaches only enrolment (src/access/mfa-gate.ts). */
export function SecondFactorRequiredPage() {
  const t = useT();
  const { signOut } = useSession();
  usePageTitle(t('mfa.title'));
  return (
    <Frame>
      <div className="card">
        <h1>{t('mfa.title')}</h1>
        <p>{t('mfa.body')}</p>
        <button type="button" className="button" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </div>
    </Frame>
  );
}
