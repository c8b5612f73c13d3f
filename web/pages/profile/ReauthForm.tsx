import { useState, type FormEvent, type ReactNode } from 'react';
import { account } from '../../api/profile.ts';
import { useT } from '../../i18n/provider.tsx';
import { accountFailure, type Failure } from './failure.ts';
import { FailureNotice } from './FailureNotice.tsx';

/**
 * Password and code again (POST /api/v1/session/reauth), then the action that needs them:
 * signing, replacing or removing the second factor. A failure of either is shown here, and
 * the person may correct and submit again.
 */
export function ReauthForm({
  id,
  intro,
  submitLabel,
  withCode,
  action,
  onCancel,
}: {
  /** Prefix of the fields' ids (several forms may share a page). */
  id: string;
  intro: ReactNode;
  submitLabel: string;
  /** The account has a second factor: ask for its code too. */
  withCode: boolean;
  /** What the re-authentication is for; given the password (signing opens the key with it). */
  action: (password: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await account.reauthenticate({ password, ...(withCode ? { totp: code.trim() } : {}) });
      await action(password);
    } catch (err) {
      setFailure(accountFailure(err));
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="reauth" onSubmit={(e) => void submit(e)}>
      <div className="reauth-intro">{intro}</div>
      <FailureNotice failure={failure} />
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('profile.reauth.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          required
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      {withCode && (
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('profile.reauth.code')}</label>
          <input
            id={`${id}-code`}
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            aria-describedby={`${id}-code-hint`}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <p id={`${id}-code-hint`} className="hint">
            {t('signIn.codeHint')}
          </p>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('profile.working') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
            {t('profile.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
