import { useState } from 'react';
import { account, type Enrolment as EnrolmentData } from '../../api/profile.ts';
import type { Session } from '../../api/types.ts';
import { useT } from '../../i18n/provider.tsx';
import { Enrolment } from './Enrolment.tsx';
import { ReauthForm } from './ReauthForm.tsx';

type Step = { kind: 'view' } | { kind: 'enrol'; started?: EnrolmentData } | { kind: 'reauth-replace' } | { kind: 'reauth-remove' };

/** Co-chairs and administrators must keep a second factor (the API refuses its removal). */
export function mustKeepSecondFactor(session: Session): boolean {
  return session.admin === true || (session.roles ?? []).some((r) => r.role === 'co-chair');
}

/**
 * The second factor: set it up, replace it (a new phone) or remove it. Replacing and
 * removing one that is on need the password and a code again; the old one keeps working
 * until the new one is confirmed.
 */
export function SecondFactorSection({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const t = useT();
  const [step, setStep] = useState<Step>({ kind: 'view' });
  const [message, setMessage] = useState<string>();
  const on = session.secondFactor === true;
  const view = () => setStep({ kind: 'view' });

  function done(text: string) {
    setMessage(text);
    view();
    onChanged();
  }

  return (
    <section className="section" aria-labelledby="second-factor">
      <h2 id="second-factor">{t('profile.secondFactor.title')}</h2>
      <p className="status-line" role="status">
        {message}
      </p>
      {step.kind === 'view' && (
        <>
          <p>
            {on ? (
              <span className="status status-factor-on">{t('profile.secondFactor.on')}</span>
            ) : (
              <span className="status status-factor-off">{t('profile.secondFactor.off')}</span>
            )}{' '}
            {on ? t('profile.secondFactor.onBody') : t('profile.secondFactor.offBody')}
          </p>
          <div className="actions">
            {on ? (
              <>
                <button type="button" className="button" onClick={() => setStep({ kind: 'reauth-replace' })}>
                  {t('profile.secondFactor.replace')}
                </button>
                {!mustKeepSecondFactor(session) && (
                  <button type="button" className="button" onClick={() => setStep({ kind: 'reauth-remove' })}>
                    {t('profile.secondFactor.remove')}
                  </button>
                )}
              </>
            ) : (
              <button type="button" className="button button-primary" onClick={() => setStep({ kind: 'enrol' })}>
                {t('profile.secondFactor.setUp')}
              </button>
            )}
          </div>
          {on && mustKeepSecondFactor(session) && <p className="hint">{t('profile.secondFactor.mustKeep')}</p>}
        </>
      )}
      {step.kind === 'enrol' && (
        <Enrolment started={step.started} onDone={() => done(t('profile.secondFactor.enrolled'))} onCancel={view} />
      )}
      {step.kind === 'reauth-replace' && (
        <ReauthForm
          id="replace"
          intro={<p>{t('profile.secondFactor.replaceIntro')}</p>}
          submitLabel={t('profile.continue')}
          withCode
          action={async () => setStep({ kind: 'enrol', started: await account.startEnrolment() })}
          onCancel={view}
        />
      )}
      {step.kind === 'reauth-remove' && (
        <ReauthForm
          id="remove"
          intro={<p>{t('profile.secondFactor.removeIntro')}</p>}
          submitLabel={t('profile.secondFactor.remove')}
          withCode
          action={async () => {
            await account.removeSecondFactor();
            done(t('profile.secondFactor.removed'));
          }}
          onCancel={view}
        />
      )}
    </section>
  );
}
