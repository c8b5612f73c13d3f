import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useSession } from '../api/session.tsx';
import { usePageTitle } from '../components/page-title.ts';
import type { MessageId } from '../i18n/catalogs.ts';
import { useT } from '../i18n/provider.tsx';
import { Frame } from './Frame.tsx';
import { safeNext, signInFailure, TOTP_REQUIRED } from './sign-in-errors.ts';

/** Username and password; then, when the account has a second factor, its code. */
export function SignInPage() {
  const t = useT();
  const { session, signIn } = useSession();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [failure, setFailure] = useState<{ id: MessageId; detail?: string }>();
  const [busy, setBusy] = useState(false);
  usePageTitle(t('signIn.title'));

  if (session?.signedIn) return <Navigate to={safeNext(params.get('next'))} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await signIn({ username, password, ...(step === 'code' ? { totp: code.trim() } : {}) });
    } catch (err) {
      if (err instanceof ApiError && err.type === TOTP_REQUIRED) {
        setStep('code');
      } else {
        setFailure(signInFailure(err));
        setCode('');
      }
    } finally {
      setBusy(false);
    }
  }

  function restart() {
    setStep('password');
    setPassword('');
    setCode('');
    setFailure(undefined);
  }

  return (
    <Frame>
      <div className="card sign-in">
        <h1>{t('signIn.title')}</h1>
        <p className="lead">{t('signIn.intro')}</p>
        {failure && (
          <div className="notice notice-error" role="alert">
            {t(failure.id, { detail: failure.detail })}
          </div>
        )}
        <form onSubmit={(e) => void submit(e)}>
          {step === 'password' ? (
            <>
              <div className="field">
                <label htmlFor="username">{t('signIn.username')}</label>
                <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor="password">{t('signIn.password')}</label>
                <input
                  id="password"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              </div>
              <button type="submit" className="button button-primary" disabled={busy}>
                {busy ? t('signIn.working') : t('signIn.submit')}
              </button>
            </>
          ) : (
            <>
              <p>{t('signIn.codePrompt', { username })}</p>
              <div className="field">
                <label htmlFor="code">{t('signIn.code')}</label>
                <input
                  id="code"
                  name="code"
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  required
                  autoFocus
                  aria-describedby="code-hint"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
                <p id="code-hint" className="hint">
                  {t('signIn.codeHint')}
                </p>
              </div>
              <div className="actions">
                <button type="submit" className="button button-primary" disabled={busy}>
                  {busy ? t('signIn.working') : t('signIn.verify')}
                </button>
                <button type="button" className="button button-quiet" onClick={restart}>
                  {t('signIn.restart')}
                </button>
              </div>
            </>
          )}
        </form>
      </div>
    </Frame>
  );
}
