import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import type { Mechanism } from '../../api/types.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { FreshMechanism } from '../../components/FreshMechanism.tsx';
import { useT } from '../../i18n/provider.tsx';
import { mayCreate } from '../editors/rights.ts';
import { intakeApi, type ExtractRequest, type IntakeDraft, type IntakeLanguage } from './api.ts';
import { ReviewPanel } from './ReviewPanel.tsx';

/**
 * The intake (/m/:mechanismId/intake): a communiqué's text → a draft of its round, reviewed
 * beside the text → the round's records. Outside the mechanism pages' scope, as the editors
 * are: the round page it links to afterwards loads the mechanism afresh, with the new round.
 */
export function IntakeRoute() {
  return <FreshMechanism readKey="intake-overview">{(mechanism) => <IntakePage mechanism={mechanism} />}</FreshMechanism>;
}

interface Extracted {
  text: string;
  draft: IntakeDraft;
}

function IntakePage({ mechanism }: { mechanism: Mechanism }) {
  const t = useT();
  const { session } = useSession();
  usePageTitle(t('intake.title'));
  const [extracted, setExtracted] = useState<Extracted | undefined>(undefined);
  const [request, setRequest] = useState<ExtractRequest>({ text: '' });
  return (
    <article className="intake">
      <h1>{t('intake.title')}</h1>
      <p className="lead">{t('intake.intro')}</p>
      {!mayCreate(session, mechanism.id) ? (
        <div className="notice notice-error" role="alert">
          <p>{t('intake.notAllowed')}</p>
          <p>
            <Link to={`/m/${mechanism.id}`}>{t('nav.dashboard')}</Link>
          </p>
        </div>
      ) : extracted ? (
        <>
          <p className="editor-links">
            <button type="button" className="button" onClick={() => setExtracted(undefined)}>
              {t('intake.startAgain')}
            </button>
          </p>
          <ReviewPanel mechanism={mechanism} text={extracted.text} draft={extracted.draft} />
        </>
      ) : (
        <TextForm request={request} onChange={setRequest} onExtracted={setExtracted} />
      )}
    </article>
  );
}

/** The text (pasted or from a file), its language and publication date; Extract asks the API for the draft. */
function TextForm({ request, onChange, onExtracted }: { request: ExtractRequest; onChange(r: ExtractRequest): void; onExtracted(e: Extracted): void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [fileError, setFileError] = useState(false);

  const readFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    file.text().then(
      (text) => {
        setFileError(text.includes('\u0000'));
        if (!text.includes('\u0000')) onChange({ ...request, text });
      },
      () => setFileError(true),
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const text = request.text;
    intakeApi.extract(request).then(
      (draft) => {
        setBusy(false);
        onExtracted({ text, draft });
      },
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof ApiError ? err : new ApiError(0, { type: ApiError.NETWORK, detail: String(err) }));
      },
    );
  };

  const errorAt = (field: string) => error?.errors.find((x) => x.field === field)?.message;
  const detail = error ? (error.type === ApiError.NETWORK ? t('common.networkError') : error.detail || error.title) : '';
  const textError = errorAt('text');
  const publishedError = errorAt('published');
  const languageError = errorAt('language');
  return (
    <form className="record-form intake-form" onSubmit={submit} noValidate>
      {error && (
        <div className="notice notice-error" role="alert">
          <p>{t('intake.extractError', { detail })}</p>
        </div>
      )}
      <div className="field">
        <label htmlFor="intake-text">{t('intake.text')}</label>
        <p className="hint" id="intake-text-hint">
          {t('intake.textHint')}
        </p>
        <textarea
          id="intake-text"
          rows={14}
          value={request.text}
          aria-describedby={`intake-text-hint${textError ? ' intake-text-error' : ''}`}
          aria-invalid={textError ? true : undefined}
          onChange={(e) => onChange({ ...request, text: e.target.value })}
        />
        {textError && (
          <p className="field-error" id="intake-text-error">
            {textError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="intake-file">{t('intake.file')}</label>
        <input id="intake-file" type="file" accept=".txt,text/plain" aria-describedby={fileError ? 'intake-file-error' : undefined} onChange={readFile} />
        {fileError && (
          <p className="field-error" id="intake-file-error">
            {t('intake.fileError')}
          </p>
        )}
      </div>
      <div className="intake-options">
        <div className="field">
          <label htmlFor="intake-language">{t('intake.language')}</label>
          <select
            id="intake-language"
            value={request.language ?? ''}
            aria-invalid={languageError ? true : undefined}
            onChange={(e) => {
              const { language: _drop, ...rest } = request;
              void _drop;
              onChange(e.target.value ? { ...rest, language: e.target.value as IntakeLanguage } : rest);
            }}
          >
            <option value="">{t('intake.language.auto')}</option>
            <option value="fr">{t('intake.language.fr')}</option>
            <option value="en">{t('intake.language.en')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="intake-published">{t('intake.published')}</label>
          <input
            id="intake-published"
            type="date"
            value={request.published ?? ''}
            aria-describedby={`intake-published-hint${publishedError ? ' intake-published-error' : ''}`}
            aria-invalid={publishedError ? true : undefined}
            onChange={(e) => {
              const { published: _drop, ...rest } = request;
              void _drop;
              onChange(e.target.value ? { ...rest, published: e.target.value } : rest);
            }}
          />
          <p className="hint" id="intake-published-hint">
            {t('intake.publishedHint')}
          </p>
          {publishedError && (
            <p className="field-error" id="intake-published-error">
              {publishedError}
            </p>
          )}
        </div>
      </div>
      <div className="actions form-actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-disabled={busy}>
          {busy ? t('intake.extracting') : t('intake.extract')}
        </button>
      </div>
    </form>
  );
}
