import { useState, type FormEvent } from 'react';
import { account } from '../../api/profile.ts';
import { useT } from '../../i18n/provider.tsx';
import { accountFailure, fieldFailure, type Failure } from './failure.ts';
import { FailureNotice } from './FailureNotice.tsx';

/** Changing the password: the API checks the current one and the new one's strength; other sessions end. */
export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [errors, setErrors] = useState<{ current?: string; next?: string; repeat?: string }>({});
  const [message, setMessage] = useState<string>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(undefined);
    setMessage(undefined);
    if (next !== repeat) {
      setErrors({ repeat: t('profile.password.mismatch') });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await account.changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage(t('profile.password.changed'));
      onChanged();
    } catch (err) {
      const currentError = fieldFailure(err, 'currentPassword');
      const nextError = fieldFailure(err, 'newPassword');
      if (currentError || nextError) {
        setErrors({
          ...(currentError ? { current: t('profile.password.currentWrong') } : {}),
          ...(nextError ? { next: t('profile.password.weak', { detail: nextError }) } : {}),
        });
      } else setFailure(accountFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="password">
      <h2 id="password">{t('profile.password.title')}</h2>
      <p className="status-line" role="status">
        {message}
      </p>
      <FailureNotice failure={failure} />
      <form className="form-narrow" onSubmit={(e) => void submit(e)} noValidate>
        <PasswordField id="password-current" label={t('profile.password.current')} autoComplete="current-password" value={current} onChange={setCurrent} error={errors.current} />
        <PasswordField
          id="password-new"
          label={t('profile.password.new')}
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          error={errors.next}
          hint={t('profile.password.hint')}
        />
        <PasswordField id="password-repeat" label={t('profile.password.repeat')} autoComplete="new-password" value={repeat} onChange={setRepeat} error={errors.repeat} />
        <button type="submit" className="button button-primary" disabled={busy || !current || !next || !repeat}>
          {busy ? t('profile.working') : t('profile.password.submit')}
        </button>
      </form>
    </section>
  );
}

function PasswordField(props: { id: string; label: string; autoComplete: string; value: string; onChange: (v: string) => void; error?: string | undefined; hint?: string }) {
  const { id, error, hint } = props;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="password"
        autoComplete={props.autoComplete}
        required
        value={props.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
