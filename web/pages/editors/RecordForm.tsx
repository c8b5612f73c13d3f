import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import type { Marking } from '../../api/types.ts';
import { languageName } from '../../components/language-name.ts';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useLocale, useT } from '../../i18n/provider.tsx';
import type { RefOption } from './editors-api.ts';
import { inputId, placeErrors, type Payload, type Values } from './form-state.ts';
import { FieldInput, MarkingInput, type InputContext } from './Inputs.tsx';
import type { FieldDesc, RefKind } from './kinds.ts';

export interface RecordFormProps {
  fields: readonly FieldDesc[];
  initial: Values;
  languages: readonly string[];
  parties: readonly string[];
  options: ReadonlyMap<RefKind, RefOption[]>;
  ownParty: string;
  /** Editing an existing record: fixed fields are locked. */
  editing: boolean;
  /** Offer the marking choice (not to someone only following a commitment up). */
  withMarking: boolean;
  /** The markings offered, when the kind narrows them; `markingNote` says why. */
  markings?: readonly Marking[] | undefined;
  markingNote?: string | undefined;
  /** Sends the values; resolves when saved, or rejects with a SubmitFailure. */
  onSubmit(values: Values): Promise<void>;
  onCancel(): void;
}

/** A refused save: the API's answer and the body it refused (field paths index into it). */
export class SubmitFailure extends Error {
  constructor(
    readonly error: ApiError,
    readonly payload: Payload,
  ) {
    super(error.message);
  }
}

/**
 * The one form of every editor: the fields its kind describes, the marking, and the API's
 * verdict. On a refusal the inputs keep what was typed; each field error is shown at its input
 * (aria-invalid, aria-describedby) and listed in a summary at the top, which takes the focus.
 */
export function RecordForm(props: RecordFormProps) {
  const t = useT();
  const { locale } = useLocale();
  const [values, setValues] = useState<Values>(props.initial);
  const [failure, setFailure] = useState<SubmitFailure | undefined>(undefined);
  const error = failure?.error;
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const placed = useMemo(
    () => (failure ? placeErrors(failure.error.errors, props.fields, failure.payload, props.languages) : undefined),
    [failure, props.fields, props.languages],
  );
  useEffect(() => {
    if (failure) summary.current?.focus();
  }, [failure]);

  const ctx: InputContext = {
    languages: props.languages,
    parties: props.parties,
    options: props.options,
    errorAt: (key) => placed?.byInput.get(key),
    locked: props.editing,
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    props.onSubmit(values).then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setFailure(err instanceof SubmitFailure ? err : new SubmitFailure(new ApiError(0, { type: ApiError.NETWORK, detail: String(err) }), {}));
      },
    );
  };

  /** "Text — French" for an input key, as the summary names it. */
  const describe = (key: string): string => {
    const [name = '', sub] = key.split('.');
    const label = t(`editor.field.${name}` as MessageId);
    return sub ? `${label} — ${props.languages.includes(sub) ? languageName(sub, locale) : sub.toUpperCase()}` : label;
  };

  return (
    <form className="record-form" onSubmit={submit} noValidate>
      {error && (
        <div className="notice notice-error error-summary" role="alert" tabIndex={-1} ref={summary}>
          <Summary error={error} placed={placed} describe={describe} />
        </div>
      )}
      {props.fields.map((f) => (
        <FieldInput key={f.name} field={f} value={values[f.name]} ctx={ctx} onChange={(v) => setValues((prev) => ({ ...prev, [f.name]: v }))} />
      ))}
      {props.withMarking && (
        <MarkingInput
          value={values.marking}
          ownParty={props.ownParty}
          error={placed?.byInput.get('marking')}
          choices={props.markings}
          note={props.markingNote}
          onChange={(m: Marking) => setValues((prev) => ({ ...prev, marking: m }))}
        />
      )}
      <div className="actions form-actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-disabled={busy}>
          {busy ? t('editor.saving') : t('editor.save')}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('editor.cancel')}
        </button>
      </div>
    </form>
  );
}

function Summary({ error, placed, describe }: { error: ApiError; placed: ReturnType<typeof placeErrors> | undefined; describe(key: string): string }) {
  const t = useT();
  const detail = error.type === ApiError.NETWORK ? t('common.networkError') : error.detail || error.title || `HTTP ${error.status}`;
  if (error.status === 403) return <p>{t('editor.error.forbidden', { detail })}</p>;
  const atInputs = [...(placed?.byInput ?? [])];
  if (atInputs.length === 0 && (placed?.unplaced.length ?? 0) === 0) return <p>{t('editor.error.other', { detail })}</p>;
  return (
    <>
      <p>
        <strong>{t('editor.error.title')}</strong> {atInputs.length > 0 && t('editor.error.fields')}
      </p>
      <ul>
        {atInputs.map(([key, message]) => (
          <li key={key}>
            <a href={`#${inputId(key)}`} onClick={(e) => focusInput(e, key)}>
              {describe(key)}
            </a>
            : {message}
          </li>
        ))}
        {placed?.unplaced.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            {e.field === '(body)' ? '' : `${e.field}: `}
            {e.message}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A link of the summary moves the focus to its input (or the first input of its group). */
function focusInput(e: React.MouseEvent, key: string): void {
  const id = inputId(key);
  const target = document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${id}-"]:is(input, select, textarea)`);
  if (!target) return;
  e.preventDefault();
  const input = target.matches('input, select, textarea') ? target : target.querySelector<HTMLElement>('input, select, textarea');
  (input ?? target).focus();
}
