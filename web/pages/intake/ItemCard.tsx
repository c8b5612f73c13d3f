import type { ReactNode } from 'react';
import type { Mechanism } from '../../api/types.ts';
import { usePartyName } from '../../components/PartyName.tsx';
import { useTextString } from '../../components/LocalText.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/provider.tsx';
import { EVENT_KINDS, STATEMENT_KINDS, type EventValue, type MilestoneValue, type PersonValue, type PositionValue, type StatementValue } from './api.ts';
import { confidenceLevel, namesOf, type FieldValues, type ReviewItem } from './review.ts';
import { anchorId } from './SourceText.tsx';

/** Error messages of one item: '' for the item as a whole, else by its value's field (`party`). */
export type ItemErrors = ReadonlyMap<string, string>;

export const cardId = (key: string) => `intake-item-${key.replace(/[^A-Za-z0-9]/g, '-')}`;

interface CardProps {
  item: ReviewItem;
  label: string;
  /** Its heading's level: 3 alone, 4 in a group. */
  level: 3 | 4;
  mechanism: Mechanism;
  active: boolean;
  /** After the records are created: nothing changes any more. */
  locked: boolean;
  errors: ItemErrors | undefined;
  onActive(key: string | undefined): void;
  onChange(item: ReviewItem): void;
}

/** One extracted item: its confidence, the way to its source, its value to correct, keep or drop. */
export function ItemCard({ item, label, level: headingLevel, mechanism, active, locked, errors, onActive, onChange }: CardProps) {
  const t = useT();
  const id = cardId(item.key);
  const level = confidenceLevel(item.confidence);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const itemError = errors?.get('');
  const showSource = () => {
    // The anchor stands before the item's first marked passage (other items' anchors may stand between).
    let mark = document.getElementById(anchorId(item.key))?.nextElementSibling;
    while (mark && mark.tagName !== 'MARK') mark = mark.nextElementSibling;
    const link = mark?.querySelector('a');
    onActive(item.key);
    link?.scrollIntoView({ block: 'center' });
    link?.focus();
  };
  const set = <V,>(value: V) => onChange({ ...item, value: value as never, accepted: item.found ? item.accepted : !isEmpty(value) });
  const className = ['card', 'intake-card', `intake-confidence-${level}`, active ? 'is-active' : '', item.accepted || item.field === 'mechanism' ? '' : 'is-dropped'].filter(Boolean).join(' ');
  return (
    <div className={className} id={id} onMouseEnter={() => onActive(item.key)} onFocus={() => onActive(item.key)}>
      <Heading id={`${id}-title`} tabIndex={-1}>
        {label}
      </Heading>
      {item.found && (
        <p className="intake-card-meta">
          <span className="intake-confidence">{t('intake.confidence', { number: Math.round(item.confidence * 100), label: t(`intake.confidence.${level}`) })}</span>{' '}
          <a
            href={`#${anchorId(item.key)}`}
            onClick={(e) => {
              e.preventDefault();
              showSource();
            }}
          >
            {t('intake.showInText')}
          </a>
        </p>
      )}
      {itemError && (
        <p className="field-error" id={`${id}-error`}>
          {itemError}
        </p>
      )}
      <fieldset className="intake-value" disabled={locked} aria-labelledby={`${id}-title`}>
        <ValueEditor id={id} item={item} mechanism={mechanism} errors={errors} set={set} />
        {item.field !== 'mechanism' && (
          <div className="check">
            <input id={`${id}-keep`} type="checkbox" checked={item.accepted} onChange={(e) => onChange({ ...item, accepted: e.target.checked })} />
            <label htmlFor={`${id}-keep`}>{t('intake.keep')}</label>
          </div>
        )}
      </fieldset>
      {!item.accepted && item.found && item.field !== 'mechanism' && <p className="muted">{t('intake.dropped')}</p>}
    </div>
  );
}

function isEmpty(value: unknown): boolean {
  return value === '' || value === null || (typeof value === 'number' && Number.isNaN(value));
}

interface EditorProps {
  id: string;
  item: ReviewItem;
  mechanism: Mechanism;
  errors: ItemErrors | undefined;
  set(value: unknown): void;
}

/** The inputs of an item's value, by its field. */
function ValueEditor({ id, item, mechanism, errors, set }: EditorProps) {
  const t = useT();
  const text = useTextString();
  const f = (sub: string) => ({ id: `${id}-${sub}`, error: errors?.get(sub) });
  switch (item.field) {
    case 'mechanism': {
      const v = item.value as FieldValues['mechanism'];
      const message = v.id === mechanism.id ? t('intake.mechanism.this') : v.id ? t('intake.mechanism.other', { name: v.name }) : t('intake.mechanism.new', { name: v.name });
      return (
        <p className={v.id === mechanism.id ? '' : 'notice notice-warn'}>
          <strong>{text(mechanism.name)}</strong> — {message}
        </p>
      );
    }
    case 'round':
      return <Input {...f('value')} label={t('intake.value.number')} value={Number.isNaN(item.value) ? '' : String(item.value)} numeric onChange={(s) => set(s.trim() === '' ? Number.NaN : Number(s))} />;
    case 'date':
      return <Input {...f('value')} label={t('intake.value.date')} value={String(item.value)} onChange={set} />;
    case 'place':
      return <Input {...f('value')} label={t('intake.value.city')} value={String(item.value)} onChange={set} />;
    case 'parties': {
      const v = item.value as FieldValues['parties'];
      return (
        <>
          <p>{v.name}</p>
          <PartySelect {...f('code')} label={t('intake.value.party')} parties={mechanism.parties} value={v.code ?? null} onChange={(code) => set({ ...v, code: code ?? undefined })} />
        </>
      );
    }
    case 'coChairs':
      return <PersonEditor {...{ id, errors }} value={item.value as PersonValue} parties={mechanism.parties} set={set} />;
    case 'statements':
      return <StatementEditor {...{ id, errors }} value={item.value as StatementValue} parties={mechanism.parties} set={set} />;
    case 'commitments': {
      const v = item.value as FieldValues['commitments'];
      return (
        <>
          <Input {...f('text')} label={t('intake.value.text')} value={v.text} multiline onChange={(s) => set({ ...v, text: s })} />
          <PartyChecks {...f('parties')} label={t('intake.value.parties')} parties={mechanism.parties} value={v.parties} onChange={(parties) => set({ ...v, parties })} />
        </>
      );
    }
    case 'consensus': {
      const v = item.value as FieldValues['consensus'];
      return (
        <>
          <Input {...f('text')} label={t('intake.value.text')} value={v.text} multiline onChange={(s) => set({ ...v, text: s })} />
          <Input {...f('leaders')} label={t('intake.value.leaders')} value={v.leaders.join(', ')} onChange={(s) => set({ ...v, leaders: namesOf(s) })} />
        </>
      );
    }
    case 'positions':
      return <PositionEditor {...{ id, errors }} value={item.value as PositionValue} parties={mechanism.parties} set={set} />;
    case 'milestones':
      return <MilestoneEditor {...{ id, errors }} value={item.value as MilestoneValue} set={set} />;
    case 'events':
      return <EventEditor {...{ id, errors }} value={item.value as EventValue} set={set} />;
  }
}

interface Sub<V> {
  id: string;
  errors: ItemErrors | undefined;
  value: V;
  set(value: V): void;
}

function PersonEditor({ id, errors, value: v, parties, set }: Sub<PersonValue> & { parties: readonly string[] }) {
  const t = useT();
  // A changed name no longer names the person it was matched to.
  const rename = (name: string) => {
    const { personId: _drop, ...rest } = v;
    void _drop;
    set({ ...rest, name });
  };
  return (
    <>
      <Input id={`${id}-name`} error={errors?.get('name') ?? errors?.get('personId')} label={t('intake.value.name')} value={v.name} onChange={rename} />
      <p className="hint">{v.personId ? t('intake.person.known') : t('intake.person.new')}</p>
      <Input id={`${id}-title`} error={errors?.get('title')} label={t('intake.value.title')} value={v.title ?? ''} onChange={(s) => set({ ...v, title: s === '' ? null : s })} />
      <PartySelect id={`${id}-party`} error={errors?.get('party')} label={t('intake.value.party')} parties={parties} value={v.party} onChange={(party) => set({ ...v, party })} />
    </>
  );
}

function StatementEditor({ id, errors, value: v, parties, set }: Sub<StatementValue> & { parties: readonly string[] }) {
  const t = useT();
  const rename = (speaker: string) => {
    const { personId: _drop, ...rest } = v;
    void _drop;
    set({ ...rest, speaker: speaker === '' ? null : speaker });
  };
  return (
    <>
      <Input id={`${id}-speaker`} error={errors?.get('speaker') ?? errors?.get('personId')} label={t('intake.value.speaker')} value={v.speaker ?? ''} onChange={rename} />
      <PartySelect id={`${id}-party`} error={errors?.get('party')} label={t('intake.value.party')} parties={parties} value={v.party} onChange={(party) => set({ ...v, party })} />
      <Select
        id={`${id}-kind`}
        error={errors?.get('kind')}
        label={t('intake.value.kind')}
        value={v.kind}
        options={STATEMENT_KINDS.map((k) => [k, t(`statement.kind.${k}` as MessageId)])}
        onChange={(kind) => set({ ...v, kind: kind as StatementValue['kind'] })}
      />
      <Select
        id={`${id}-form`}
        error={errors?.get('form')}
        label={t('intake.value.form')}
        value={v.form}
        options={(['gist', 'quote'] as const).map((k) => [k, t(`statement.form.${k}`)])}
        onChange={(form) => set({ ...v, form: form as StatementValue['form'] })}
      />
      <Input id={`${id}-text`} error={errors?.get('text')} label={t('intake.value.text')} value={v.text} multiline onChange={(text) => set({ ...v, text })} />
    </>
  );
}

function PositionEditor({ id, errors, value: v, parties, set }: Sub<PositionValue> & { parties: readonly string[] }) {
  const t = useT();
  return (
    <>
      <Input id={`${id}-issue`} error={errors?.get('issue')} label={t('intake.value.issue')} value={v.issue} onChange={(issue) => set({ ...v, issue })} />
      <PartySelect id={`${id}-holder`} error={errors?.get('holder')} label={t('intake.value.holder')} parties={parties} value={v.holder} onChange={(holder) => set({ ...v, holder })} />
      <PartySelect
        id={`${id}-supporter`}
        error={errors?.get('supporter')}
        label={t('intake.value.supporter')}
        parties={parties}
        value={v.supporter}
        none={t('intake.supporter.none')}
        onChange={(supporter) => set({ ...v, supporter })}
      />
      <Input id={`${id}-text`} error={errors?.get('text')} label={t('intake.value.wording')} value={v.text} multiline onChange={(text) => set({ ...v, text })} />
    </>
  );
}

function MilestoneEditor({ id, errors, value: v, set }: Sub<MilestoneValue>) {
  const t = useT();
  return (
    <>
      <Input id={`${id}-event`} error={errors?.get('event')} label={t('intake.value.event')} value={v.event} onChange={(event) => set({ ...v, event })} />
      <Input id={`${id}-year`} error={errors?.get('year')} label={t('intake.value.year')} value={Number.isNaN(v.year) ? '' : String(v.year)} numeric onChange={(s) => set({ ...v, year: s.trim() === '' ? Number.NaN : Number(s) })} />
      {v.anniversary !== null && <p className="hint">{t('intake.value.anniversary', { years: v.anniversary })}</p>}
    </>
  );
}

function EventEditor({ id, errors, value: v, set }: Sub<EventValue>) {
  const t = useT();
  return (
    <>
      <Select
        id={`${id}-kind`}
        error={errors?.get('kind')}
        label={t('intake.value.kind')}
        value={v.kind}
        options={EVENT_KINDS.map((k) => [k, t(`editor.eventKind.${k}` as MessageId)])}
        onChange={(kind) => set({ ...v, kind: kind as EventValue['kind'] })}
      />
      <Input id={`${id}-title`} error={errors?.get('title')} label={t('intake.value.eventTitle')} value={v.title} onChange={(title) => set({ ...v, title })} />
      <Input id={`${id}-date`} error={errors?.get('date')} label={t('intake.value.date')} value={v.date ?? ''} onChange={(s) => set({ ...v, date: s === '' ? null : s })} />
      <Input id={`${id}-place`} error={errors?.get('place')} label={t('intake.value.city')} value={v.place ?? ''} onChange={(s) => set({ ...v, place: s === '' ? null : s })} />
      <Input id={`${id}-participants`} error={errors?.get('participants')} label={t('intake.value.participants')} value={v.participants.join(', ')} onChange={(s) => set({ ...v, participants: namesOf(s) })} />
    </>
  );
}

// ——— inputs ———

function Field({ id, label, error, children }: { id: string; label: string; error: string | undefined; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

const invalid = (id: string, error: string | undefined) => ({ 'aria-invalid': error ? (true as const) : undefined, 'aria-describedby': error ? `${id}-error` : undefined });

function Input({ id, label, error, value, onChange, multiline, numeric }: { id: string; label: string; error: string | undefined; value: string; onChange(value: string): void; multiline?: boolean; numeric?: boolean }) {
  return (
    <Field id={id} label={label} error={error}>
      {multiline ? (
        <textarea id={id} rows={3} value={value} {...invalid(id, error)} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={id} type="text" inputMode={numeric ? 'numeric' : undefined} value={value} {...invalid(id, error)} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

function Select({ id, label, error, value, options, onChange }: { id: string; label: string; error: string | undefined; value: string; options: Array<[string, string]>; onChange(value: string): void }) {
  return (
    <Field id={id} label={label} error={error}>
      <select id={id} value={value} {...invalid(id, error)} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </Field>
  );
}

function PartySelect({ id, label, error, parties, value, none, onChange }: { id: string; label: string; error: string | undefined; parties: readonly string[]; value: string | null; none?: string; onChange(code: string | null): void }) {
  const t = useT();
  const partyName = usePartyName();
  // A code the text gave that is not a party of the mechanism stays choosable, so that the API can say so.
  const codes = value && !parties.includes(value) ? [...parties, value] : parties;
  return (
    <Select
      id={id}
      label={label}
      error={error}
      value={value ?? ''}
      options={[['', none ?? t('intake.party.unsaid')], ...codes.map((c): [string, string] => [c, partyName(c)])]}
      onChange={(v) => onChange(v === '' ? null : v)}
    />
  );
}

function PartyChecks({ id, label, error, parties, value, onChange }: { id: string; label: string; error: string | undefined; parties: readonly string[]; value: string[]; onChange(value: string[]): void }) {
  const partyName = usePartyName();
  return (
    <fieldset className="field-group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      <div className="checklist">
        {parties.map((p) => (
          <label key={p}>
            <input type="checkbox" checked={value.includes(p)} onChange={(e) => onChange(e.target.checked ? [...value, p] : value.filter((x) => x !== p))} /> {partyName(p)}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
