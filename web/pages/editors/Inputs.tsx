import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { Marking } from '../../api/types.ts';
import { InstantInput } from '../../components/InstantInput.tsx';
import { languageName } from '../../components/language-name.ts';
import { useTextString } from '../../components/LocalText.tsx';
import { usePartyName } from '../../components/PartyName.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { formatPartialDate, parsePartialDate } from '../../i18n/partial-date.ts';
import { useLocale, useT } from '../../i18n/provider.tsx';
import type { RefOption } from './editors-api.ts';
import { inputId, type FieldValue, type InputKey } from './form-state.ts';
import type { FieldDesc, RefKind } from './kinds.ts';

/** What every input of a form is given besides its own field. */
export interface InputContext {
  languages: readonly string[];
  parties: readonly string[];
  options: ReadonlyMap<RefKind, RefOption[]>;
  /** The error message at an input key, if any. */
  errorAt(key: InputKey): string | undefined;
  /** Fixed fields of a record being edited are shown, not changed. */
  locked: boolean;
}

interface InputProps {
  field: FieldDesc;
  value: FieldValue | undefined;
  onChange(value: FieldValue): void;
  ctx: InputContext;
}

const fieldLabel = (name: string) => `editor.field.${name}` as MessageId;

/** One field of a form, with its label, hint and error, in the input its type calls for. */
export function FieldInput(props: InputProps) {
  switch (props.field.type) {
    case 'multilingual':
      return <MultilingualInput {...props} />;
    case 'parties':
    case 'references':
      return <ChecklistInput {...props} />;
    case 'coChairs':
      return <CoChairsInput {...props} />;
    case 'instant':
      return <InstantField {...props} />;
    default:
      return <SingleInput {...props} />;
  }
}

/** The ids an input points to with aria-describedby, and whether it is invalid. */
function described(key: InputKey, hint: boolean, error: string | undefined, groupError?: string) {
  const id = inputId(key);
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', groupError ? `${inputId(key.split('.')[0]!)}-error` : ''].filter(Boolean);
  return {
    id,
    'aria-invalid': error || groupError ? (true as const) : undefined,
    'aria-describedby': ids.length ? ids.join(' ') : undefined,
  };
}

function ErrorText({ inputKey, message }: { inputKey: InputKey; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={`${inputId(inputKey)}-error`}>
      {message}
    </p>
  );
}

function Required() {
  const t = useT();
  return <span className="field-required"> ({t('editor.required')})</span>;
}

function SingleInput({ field, value, onChange, ctx }: InputProps) {
  const t = useT();
  const intl = useIntl();
  const key = field.name;
  const error = ctx.errorAt(key);
  const locked = ctx.locked && field.immutable === true;
  const hint = field.type === 'date' ? t('editor.dateHint') : locked ? t('editor.immutable') : undefined;
  const a = described(key, hint !== undefined, error);
  const v = typeof value === 'string' ? value : '';
  const parsed = field.type === 'date' && v ? parsePartialDate(v) : undefined;
  let input: ReactNode;
  if (field.type === 'select' || field.type === 'party' || field.type === 'reference') {
    input = (
      <select {...a} value={v} disabled={locked} required={field.required} onChange={(e) => onChange(e.target.value)}>
        <Choices field={field} ctx={ctx} />
      </select>
    );
  } else {
    const numeric = field.type === 'number' || field.type === 'date';
    input = (
      <input
        {...a}
        type={field.type === 'string' && field.inputType === 'url' ? 'url' : 'text'}
        inputMode={numeric ? 'numeric' : undefined}
        placeholder={field.type === 'date' ? 'YYYY-MM-DD' : undefined}
        value={v}
        readOnly={locked}
        required={field.required}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={`field field-${field.type}`}>
      <label htmlFor={a.id}>
        {t(fieldLabel(field.name))}
        {field.required && <Required />}
      </label>
      {input}
      {hint && (
        <p className="hint" id={`${a.id}-hint`}>
          {hint}
          {parsed && <span className="date-preview"> {t('editor.datePreview', { date: formatPartialDate(v, intl.locale) })}</span>}
        </p>
      )}
      <ErrorText inputKey={key} message={error} />
    </div>
  );
}

/** An instant, typed in the reader's time zone (the payload converts it to UTC). */
function InstantField({ field, value, onChange, ctx }: InputProps) {
  const t = useT();
  return (
    <InstantInput
      id={inputId(field.name)}
      label={
        <>
          {t(fieldLabel(field.name))}
          {field.required && <Required />}
        </>
      }
      value={typeof value === 'string' ? value : ''}
      onChange={onChange}
      error={ctx.errorAt(field.name)}
      required={field.required}
    />
  );
}

/** The options of a select: fixed values, the mechanism's parties, or the records of a kind. */
function Choices({ field, ctx }: { field: FieldDesc; ctx: InputContext }) {
  const t = useT();
  const partyName = usePartyName();
  const label = useOptionLabel();
  const empty = field.required ? t('editor.choose') : t('editor.none');
  const showEmpty = field.type !== 'select' || field.required;
  if (field.type === 'select') {
    return (
      <>
        {showEmpty && <option value="">{empty}</option>}
        {field.options.map((o) => (
          <option key={o} value={o}>
            {t(`${field.labels}.${o}` as MessageId)}
          </option>
        ))}
      </>
    );
  }
  if (field.type === 'party') {
    return (
      <>
        <option value="">{empty}</option>
        {ctx.parties.map((p) => (
          <option key={p} value={p}>
            {partyName(p)}
          </option>
        ))}
      </>
    );
  }
  if (field.type !== 'reference') return null;
  return (
    <>
      <option value="">{empty}</option>
      {(ctx.options.get(field.refKind) ?? []).map((o) => (
        <option key={o.id} value={o.id}>
          {label(field.refKind, o)}
        </option>
      ))}
    </>
  );
}

/** How a record is named in a picker: "Round 20", a person with their party, a text cut short. */
export function useOptionLabel(): (kind: RefKind, o: RefOption) => string {
  const t = useT();
  const text = useTextString();
  const partyName = usePartyName();
  const intl = useIntl();
  return (kind, o) => {
    if (kind === 'round') return t('round.title', { number: o.number ?? 0 });
    const name = shorten(text(o.text, t('editor.untitled')));
    if (kind === 'person' && o.party) return t('editor.personOption', { label: name, party: partyName(o.party) });
    if (kind === 'event' && o.date) return `${name} (${formatPartialDate(o.date, intl.locale)})`;
    return name;
  };
}

function shorten(s: string): string {
  return s.length > 90 ? `${s.slice(0, 88)}…` : s;
}

/** A multilingual text: one input per language, side by side, in one group. */
function MultilingualInput({ field, value, onChange, ctx }: InputProps) {
  const t = useT();
  const { locale } = useLocale();
  const texts = (value as Record<string, string> | undefined) ?? {};
  const groupError = ctx.errorAt(field.name);
  const label = t(fieldLabel(field.name));
  const groupId = inputId(field.name);
  const multiline = field.type === 'multilingual' && field.multiline === true;
  const columns = field.type === 'multilingual' && field.columns === true;
  const rows = (field.type === 'multilingual' && field.rows) || 4;
  return (
    <fieldset className="field-group" aria-describedby={`${groupId}-hint${groupError ? ` ${groupId}-error` : ''}`}>
      <legend>
        {label}
        {field.required && <Required />}
      </legend>
      <p className="hint" id={`${groupId}-hint`}>
        {field.required ? t('editor.textHint.required') : t('editor.textHint')}
      </p>
      <ErrorText inputKey={field.name} message={groupError} />
      <div className={`languages${columns ? ' languages-columns' : multiline ? ' languages-multiline' : ''}`}>
        {ctx.languages.map((lang) => {
          const key = `${field.name}.${lang}`;
          const error = ctx.errorAt(key);
          const a = described(key, false, error, groupError);
          const set = (s: string) => onChange({ ...texts, [lang]: s });
          return (
            <div key={lang} className="language">
              <label htmlFor={a.id}>
                <span className="visually-hidden">{label} — </span>
                {languageName(lang, locale)} <span className="muted">({lang})</span>
              </label>
              {multiline ? (
                <textarea {...a} lang={lang} rows={rows} value={texts[lang] ?? ''} onChange={(e) => set(e.target.value)} />
              ) : (
                <input {...a} lang={lang} type="text" value={texts[lang] ?? ''} onChange={(e) => set(e.target.value)} />
              )}
              <ErrorText inputKey={key} message={error} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Several parties, or several records of a kind, as checkboxes. */
function ChecklistInput({ field, value, onChange, ctx }: InputProps) {
  const t = useT();
  const partyName = usePartyName();
  const optionLabel = useOptionLabel();
  const chosen = (value as string[] | undefined) ?? [];
  const error = ctx.errorAt(field.name);
  const groupId = inputId(field.name);
  const items =
    field.type === 'references' ? (ctx.options.get(field.refKind) ?? []).map((o) => ({ id: o.id, label: optionLabel(field.refKind, o) })) : ctx.parties.map((p) => ({ id: p, label: partyName(p) }));
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return (
    <fieldset className="field-group" id={groupId} aria-describedby={error ? `${groupId}-error` : undefined}>
      <legend>
        {t(fieldLabel(field.name))}
        {field.required && <Required />}
      </legend>
      <ErrorText inputKey={field.name} message={error} />
      {items.length === 0 ? (
        <p className="hint">{t('editor.noneToChoose')}</p>
      ) : (
        <ul className="checklist">
          {items.map((item) => (
            <li key={item.id}>
              <label>
                <input type="checkbox" checked={chosen.includes(item.id)} aria-invalid={error ? true : undefined} onChange={(e) => toggle(item.id, e.target.checked)} /> {item.label}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** One co-chair per party of the mechanism, each chosen among that party's people. */
function CoChairsInput({ field, value, onChange, ctx }: InputProps) {
  const t = useT();
  const partyName = usePartyName();
  const optionLabel = useOptionLabel();
  const chairs = (value as Record<string, string> | undefined) ?? {};
  const groupError = ctx.errorAt(field.name);
  const people = ctx.options.get('person') ?? [];
  return (
    <fieldset className="field-group" aria-describedby={groupError ? `${inputId(field.name)}-error` : undefined}>
      <legend>{t(fieldLabel(field.name))}</legend>
      <ErrorText inputKey={field.name} message={groupError} />
      <div className="languages">
        {ctx.parties.map((party) => {
          const key = `${field.name}.${party}`;
          const error = ctx.errorAt(key);
          const a = described(key, false, error, groupError);
          return (
            <div key={party} className="field">
              <label htmlFor={a.id}>{t('editor.coChairFor', { party: partyName(party) })}</label>
              <select {...a} value={chairs[party] ?? ''} onChange={(e) => onChange({ ...chairs, [party]: e.target.value })}>
                <option value="">{t('editor.none')}</option>
                {people
                  .filter((p) => p.party === party)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {optionLabel('person', { ...p, party: undefined })}
                    </option>
                  ))}
              </select>
              <ErrorText inputKey={key} message={error} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

const MARKINGS: readonly Marking[] = ['public', 'joint', 'internal'];

/**
 * Who may read the record, each choice explained in plain words. `choices` narrows them (a
 * communiqué is never made public by hand); `note` says why, under the legend.
 */
export function MarkingInput({
  value,
  onChange,
  ownParty,
  error,
  choices = MARKINGS,
  note,
}: {
  value: Marking;
  onChange(m: Marking): void;
  ownParty: string;
  error: string | undefined;
  choices?: readonly Marking[];
  note?: string | undefined;
}) {
  const t = useT();
  const partyName = usePartyName();
  const groupId = inputId('marking');
  const describedBy = [note ? `${groupId}-note` : '', error ? `${groupId}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset className="field-group marking-choice" aria-describedby={describedBy || undefined}>
      <legend>{t('editor.field.marking')}</legend>
      {note && (
        <p className="hint" id={`${groupId}-note`}>
          {note}
        </p>
      )}
      <ErrorText inputKey="marking" message={error} />
      {choices.map((m) => (
        <div key={m} className="marking-option">
          <input
            type="radio"
            id={`${groupId}-${m}`}
            name="marking"
            value={m}
            checked={value === m}
            aria-describedby={`${groupId}-${m}-hint`}
            aria-invalid={error ? true : undefined}
            onChange={() => onChange(m)}
          />
          <label htmlFor={`${groupId}-${m}`}>{t(`editor.marking.${m}` as MessageId)}</label>
          <p className="hint" id={`${groupId}-${m}-hint`}>
            {t(`editor.marking.${m}.hint` as MessageId, { party: partyName(ownParty) })}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
