import { useState, type FormEvent } from 'react';
import { account, type Enrolment as EnrolmentData } from '../../api/profile.ts';
import { useT } from '../../i18n/provider.tsx';
import { accountFailure, fieldFailure, type Failure } from './failure.ts';
import { FailureNotice } from './FailureNotice.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

/** The secret in groups of four, as authenticator apps show typed keys. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Setting up a second factor: the QR code and the key for the authenticator app, a first
 * code to confirm, then the ten recovery codes, shown this once. `started` is an enrolment
 * already begun (a replacement, after re-authentication); without it a button begins one.
 */
export function Enrolment({
  started,
  onDone,
  onCancel,
  level = 3,
}: {
  started?: EnrolmentData | undefined;
  onDone: () => void;
  onCancel?: () => void;
  /** The level of the recovery codes' heading, below the page's or section's. */
  level?: 2 | 3;
}) {
  const t = useT();
  const [enrolment, setEnrolment] = useState<EnrolmentData | undefined>(started);
  const [codes, setCodes] = useState<string[]>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [codeError, setCodeError] = useState<string>();

  async function begin() {
    setBusy(true);
    setFailure(undefined);
    try {
      setEnrolment(await account.startEnrolment());
    } catch (err) {
      setFailure(accountFailure(err));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setCodeError(undefined);
    try {
      setCodes((await account.confirmEnrolment(code.trim())).recoveryCodes);
    } catch (err) {
      const field = fieldFailure(err, 'code');
      if (field) setCodeError(t('profile.enrol.codeWrong'));
      else setFailure(accountFailure(err));
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} level={level} />;

  if (!enrolment) {
    return (
      <div className="enrolment">
        <FailureNotice failure={failure} />
        <div className="actions">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void begin()}>
            {busy ? t('profile.working') : t('profile.enrol.start')}
          </button>
          {onCancel && (
            <button type="button" className="button button-quiet" onClick={onCancel}>
              {t('profile.cancel')}
            </button>
          )}
        </div>
      </div>
    );
  }

  return (
    <div className="enrolment">
      <ol className="enrolment-steps">
        <li>
          <p>{t('profile.enrol.scan')}</p>
          <div className="enrolment-key">
            <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} alt={t('profile.enrol.qrAlt')} width={180} height={180} />
            <dl className="facts">
              <dt>{t('profile.enrol.key')}</dt>
              <dd>
                <code className="secret">{groupSecret(enrolment.secret)}</code>
              </dd>
            </dl>
          </div>
          <p className="hint">{t('profile.enrol.keyHint')}</p>
        </li>
        <li>
          <form onSubmit={(e) => void confirm(e)}>
            <FailureNotice failure={failure} />
            <div className="field field-code">
              <label htmlFor="enrol-code">{t('profile.enrol.code')}</label>
              <input
                id="enrol-code"
                autoComplete="one-time-code"
                inputMode="numeric"
                required
                aria-invalid={codeError ? true : undefined}
                aria-describedby={codeError ? 'enrol-code-error' : 'enrol-code-hint'}
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
              {codeError ? (
                <p id="enrol-code-error" className="field-error" role="alert">
                  {codeError}
                </p>
              ) : (
                <p id="enrol-code-hint" className="hint">
                  {t('profile.enrol.codeHint')}
                </p>
              )}
            </div>
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {busy ? t('profile.working') : t('profile.enrol.confirm')}
              </button>
              {onCancel && (
                <button type="button" className="button button-quiet" onClick={onCancel}>
                  {t('profile.cancel')}
                </button>
              )}
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
