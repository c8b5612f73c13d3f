import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import type { Text } from '../../api/types.ts';
import { InstantInput } from '../../components/InstantInput.tsx';
import { languageName } from '../../components/language-name.ts';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { hasPassed, inputOfInstant, instantOfInput, localTimeZone } from '../../i18n/instant.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { useLocale, useT } from '../../i18n/provider.tsx';
import { accountFailure, type Failure } from '../profile/failure.ts';
import { FailureNotice } from '../profile/FailureNotice.tsx';
import { communiquesApi, type Communique } from './api.ts';
import type { StepNotice, Steps } from './workflow.ts';

type Changed = (after: Communique, message: string) => void;

/** The owner party's steps after approval: move or clear the embargo, reopen as a draft, correct once published. */
export function WorkflowPanel({ communique: c, steps, onChanged }: { communique: Communique; steps: Steps; onChanged: Changed }) {
  const t = useT();
  return (
    <section className="section workflow" aria-labelledby="workflow">
      <h2 id="workflow">{t('communique.workflow.title')}</h2>
      {steps.schedule && <ScheduleForm key={`${c.id}:${c.embargo ?? ''}`} communique={c} onChanged={onChanged} />}
      {steps.reopen && <Reopen communique={c} onChanged={onChanged} />}
      {steps.correct && <Correct communique={c} />}
    </section>
  );
}

/** Set, move or clear the embargo of an approved communiqué; a time that has passed publishes it at once. */
function ScheduleForm({ communique: c, onChanged }: { communique: Communique; onChanged: Changed }) {
  const t = useT();
  const timeZone = localTimeZone();
  const [value, setValue] = useState(() => (c.embargo ? inputOfInstant(c.embargo, timeZone) : ''));
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<Failure>();
  const [busy, setBusy] = useState(false);
  const instant = value ? instantOfInput(value, timeZone) : undefined;

  async function send(embargo: string | null) {
    setBusy(true);
    setError(undefined);
    setFailure(undefined);
    try {
      const after = await communiquesApi.schedule(c.id, embargo);
      onChanged(after, after.status === 'published' ? t('communique.workflow.publishedNow') : embargo ? t('communique.workflow.scheduled') : t('communique.workflow.cleared'));
    } catch (err) {
      const atField = err instanceof ApiError && (err.status === 400 || err.status === 422) ? err.fieldError('embargo') : undefined;
      if (atField) setError(atField);
      else setFailure(accountFailure(err));
    } finally {
      setBusy(false);
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!instant) {
      setError(t('communique.workflow.schedule.required'));
      return;
    }
    void send(instant);
  };

  return (
    <form className="schedule-form" onSubmit={submit} noValidate aria-labelledby="schedule-title">
      <h3 id="schedule-title">{t('communique.workflow.schedule.title')}</h3>
      <FailureNotice failure={failure} />
      <InstantInput
        id="schedule-embargo"
        label={t('communique.workflow.schedule.field')}
        value={value}
        onChange={(v) => {
          setValue(v);
          setError(undefined);
        }}
        error={error}
        required
        extraHint={instant && hasPassed(instant) ? t('communique.workflow.schedule.past') : undefined}
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {c.status === 'scheduled' ? t('communique.workflow.schedule.move') : t('communique.workflow.schedule.set')}
        </button>
        {c.status === 'scheduled' && (
          <button type="button" className="button" disabled={busy} onClick={() => void send(null)}>
            {t('communique.workflow.schedule.clear')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Back to a draft, after a confirmation: the approvals lapse. */
function Reopen({ communique: c, onChanged }: { communique: Communique; onChanged: Changed }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [busy, setBusy] = useState(false);

  async function reopen() {
    setBusy(true);
    setFailure(undefined);
    try {
      const after = await communiquesApi.reopen(c.id);
      setConfirming(false);
      onChanged(after, t('communique.workflow.reopened'));
    } catch (err) {
      setFailure(accountFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="workflow-step">
      <h3>{t('communique.workflow.reopen.title')}</h3>
      <p className="hint" id="reopen-hint">
        {t('communique.workflow.reopen.hint')}
      </p>
      <FailureNotice failure={failure} />
      <div className="actions">
        {confirming ? (
          <>
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void reopen()} aria-describedby="reopen-hint">
              {t('communique.workflow.reopen.confirm')}
            </button>
            <button type="button" className="button button-quiet" disabled={busy} onClick={() => setConfirming(false)}>
              {t('editor.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)} aria-describedby="reopen-hint">
            {t('communique.workflow.reopen')}
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * A correction of a published communiqué: the note saying what it changes, per language; the
 * new version (a draft with this text) opens next, to be edited, approved and published.
 */
function Correct({ communique: c }: { communique: Communique }) {
  const t = useT();
  const { locale } = useLocale();
  const { mechanism } = useMechanism();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<Text>({});
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<Failure>();
  const [busy, setBusy] = useState(false);
  const languages = [...new Set([...mechanism.languages, ...LOCALES])];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const correctionNote = Object.fromEntries(Object.entries(note).filter(([, s]) => s.trim() !== ''));
    if (Object.keys(correctionNote).length === 0) {
      setError(t('communique.workflow.correct.noteRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    setFailure(undefined);
    try {
      const v2 = await communiquesApi.correct(c.id, { correctionNote });
      const state: StepNotice = { notice: t('communique.workflow.correct.started', { number: v2.version }) };
      void navigate(`/m/${mechanism.id}/communiques/${encodeURIComponent(v2.id)}`, { state });
    } catch (err) {
      const atField = err instanceof ApiError && (err.status === 400 || err.status === 422) ? err.fieldError('correctionNote') : undefined;
      if (atField) setError(atField);
      else setFailure(accountFailure(err));
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <div className="workflow-step">
        <h3>{t('communique.workflow.correct.title')}</h3>
        <p className="hint">{t('communique.workflow.correct.intro')}</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => setOpen(true)}>
            {t('communique.workflow.correct')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <form className="workflow-step record-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('communique.workflow.correct.title')}</h3>
      <p className="hint">{t('communique.workflow.correct.intro')}</p>
      <FailureNotice failure={failure} />
      <fieldset className="field-group" aria-describedby={`correction-hint${error ? ' correction-error' : ''}`}>
        <legend>{t('communique.workflow.correct.note')}</legend>
        <p className="hint" id="correction-hint">
          {t('communique.workflow.correct.noteHint')}
        </p>
        {error && (
          <p className="field-error" id="correction-error">
            {error}
          </p>
        )}
        <div className="languages languages-multiline">
          {languages.map((lang) => (
            <div key={lang} className="language">
              <label htmlFor={`correction-${lang}`}>
                <span className="visually-hidden">{t('communique.workflow.correct.note')} — </span>
                {languageName(lang, locale)} <span className="muted">({lang})</span>
              </label>
              <textarea
                id={`correction-${lang}`}
                lang={lang}
                rows={3}
                value={note[lang] ?? ''}
                aria-invalid={error ? true : undefined}
                onChange={(e) => setNote((prev) => ({ ...prev, [lang]: e.target.value }))}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('communique.workflow.correct.submit')}
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => setOpen(false)}>
          {t('editor.cancel')}
        </button>
      </div>
    </form>
  );
}
