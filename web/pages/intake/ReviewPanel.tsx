import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import type { Marking, Mechanism } from '../../api/types.ts';
import { usePartyName } from '../../components/PartyName.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/provider.tsx';
import { MarkingInput } from '../editors/Inputs.tsx';
import { intakeApi, type AcceptResult, type IntakeDraft } from './api.ts';
import { ItemCard, type ItemErrors } from './ItemCard.tsx';
import { acceptRequest, allItems, FIELDS, placeError, reviewOf, SINGLE_FIELDS, updateItem, type FieldName, type Review, type ReviewItem } from './review.ts';
import { SourceText } from './SourceText.tsx';

/** Errors of a refused accept, by review item key (or `marking`, `hostParty`, `mechanism`, `form`) and value field ('' for the item). */
type Placed = Map<string, ItemErrors>;

/**
 * The draft beside its text: the text with every item's source highlighted, the items as
 * cards grouped by field (edit, keep or drop each), the marking and host; "Create records"
 * sends the kept items. A refusal is shown at its items; a success links to the round.
 */
export function ReviewPanel({ mechanism, text, draft }: { mechanism: Mechanism; text: string; draft: IntakeDraft }) {
  const t = useT();
  const partyName = usePartyName();
  const { session } = useSession();
  const [review, setReview] = useState<Review>(() => reviewOf(draft));
  const [active, setActive] = useState<string | undefined>(undefined);
  const [marking, setMarking] = useState<Marking>('joint');
  const [host, setHost] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: ApiError; placed: Placed } | undefined>(undefined);
  const [result, setResult] = useState<AcceptResult | undefined>(undefined);
  const notice = useRef<HTMLDivElement>(null);

  const items = useMemo(() => allItems(review), [review]);
  const labels = useMemo(() => new Map(items.map((i) => [i.key, itemLabel(t, i)])), [items, t]);
  useEffect(() => {
    if (failure || result) notice.current?.focus();
  }, [failure, result]);

  const change = <F extends FieldName>(field: F, key: string, next: (item: ReviewItem<F>) => ReviewItem<F>) => setReview((r) => updateItem(r, field, key, next));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const { body, origin } = acceptRequest(review, {
      mechanismId: mechanism.id,
      language: draft.language,
      marking,
      hostParty: host === '' ? undefined : host === '-' ? null : host,
    });
    setBusy(true);
    setFailure(undefined);
    intakeApi.accept(body).then(
      (created) => {
        setBusy(false);
        setResult(created);
      },
      (err: unknown) => {
        setBusy(false);
        const error = err instanceof ApiError ? err : new ApiError(0, { type: ApiError.NETWORK, detail: String(err) });
        const placed: Placed = new Map();
        for (const fe of error.errors) {
          const at = placeError(fe.field, origin);
          const forItem = new Map(placed.get(at.target));
          forItem.set(at.sub ?? '', fe.message);
          placed.set(at.target, forItem);
        }
        setFailure({ error, placed });
      },
    );
  };

  const errorsOf = (target: string): ItemErrors | undefined => failure?.placed.get(target);
  const detail = failure ? (failure.error.type === ApiError.NETWORK ? t('common.networkError') : failure.error.detail || failure.error.title) : '';
  const hostError = errorsOf('hostParty')?.get('');
  const createdCount = result ? Object.values(result.created).reduce((n, ids) => n + ids.length, 0) + 1 : 0;
  const linkedCount = result ? Object.values(result.linked).reduce((n, ids) => n + ids.length, 0) : 0;

  return (
    <form className="record-form intake-review" onSubmit={submit} noValidate>
      {result && (
        <div className="notice notice-ok" role="status" tabIndex={-1} ref={notice}>
          <p>{t('intake.created', { number: result.round.number, count: createdCount, total: linkedCount })}</p>
          <p>
            <Link className="button button-primary" to={`/m/${mechanism.id}/rounds/${result.round.number}`}>
              {t('intake.openRound', { number: result.round.number })}
            </Link>
          </p>
        </div>
      )}
      {failure && (
        <div className="notice notice-error error-summary" role="alert" tabIndex={-1} ref={notice}>
          <p>{failure.error.status === 403 ? t('intake.forbidden', { detail }) : t('intake.failed', { detail })}</p>
          {failure.placed.size > 0 && <p>{t('intake.failedFields')}</p>}
        </div>
      )}
      {draft.notes.length > 0 && (
        <section className="notice notice-info" aria-labelledby="intake-notes">
          <h2 id="intake-notes">{t('intake.notes')}</h2>
          <ul>
            {draft.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="intake-columns">
        <div className="intake-source">
          <h2 id="intake-source-title">{t('intake.source')}</h2>
          <p className="hint">{t('intake.sourceHint')}</p>
          <SourceText text={text} items={items} labels={labels} active={active} onActive={setActive} />
        </div>
        <section className="intake-draft" aria-labelledby="intake-draft-title">
          <h2 id="intake-draft-title">{t('intake.draft')}</h2>
          <p className="hint">{t('intake.draftHint')}</p>
          {FIELDS.map((field) => {
            const card = (item: ReviewItem, level: 3 | 4) => (
              <ItemCard
                key={item.key}
                item={item}
                label={labels.get(item.key) ?? item.key}
                level={level}
                mechanism={mechanism}
                active={active === item.key}
                locked={result !== undefined}
                errors={errorsOf(item.key) ?? (field === 'mechanism' ? errorsOf('mechanism') : undefined)}
                onActive={setActive}
                onChange={(next) => change(field, item.key, () => next as never)}
              />
            );
            // A single field (the round, its date, place, mechanism) is its one card; a list is a group of cards.
            if (SINGLE_FIELDS.has(field)) return (review[field] as ReviewItem[]).map((item) => card(item, 3));
            return (
              <section key={field} className="intake-group" aria-labelledby={`intake-group-${field}`}>
                <h3 id={`intake-group-${field}`}>{t(`intake.group.${field}` as MessageId)}</h3>
                {review[field].length === 0 ? <p className="muted">{t('intake.nothing')}</p> : (review[field] as ReviewItem[]).map((item) => card(item, 4))}
              </section>
            );
          })}
        </section>
      </div>
      <section className="section intake-record" aria-labelledby="intake-record-title">
        <h2 id="intake-record-title">{t('intake.record')}</h2>
        <MarkingInput value={marking} onChange={setMarking} ownParty={session?.party ?? ''} error={errorsOf('marking')?.get('')} />
        <div className="field">
          <label htmlFor="intake-host">{t('intake.host')}</label>
          <select id="intake-host" value={host} aria-invalid={hostError ? true : undefined} aria-describedby={hostError ? 'intake-host-error' : undefined} onChange={(e) => setHost(e.target.value)}>
            <option value="">{t('intake.host.auto')}</option>
            <option value="-">{t('intake.host.none')}</option>
            {mechanism.parties.map((p) => (
              <option key={p} value={p}>
                {partyName(p)}
              </option>
            ))}
          </select>
          {hostError && (
            <p className="field-error" id="intake-host-error">
              {hostError}
            </p>
          )}
        </div>
        {errorsOf('form') && (
          <ul className="field-error">
            {[...errorsOf('form')!.values()].map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        )}
        {!result && (
          <div className="actions form-actions">
            <button type="submit" className="button button-primary" disabled={busy} aria-disabled={busy}>
              {busy ? t('intake.creating') : t('intake.create')}
            </button>
          </div>
        )}
      </section>
    </form>
  );
}

/** "Co-chair 2", "Round number". */
function itemLabel(t: ReturnType<typeof useT>, item: ReviewItem): string {
  const n = Number(item.key.split('.')[1] ?? 0) + 1;
  return t(`intake.item.${item.field}` as MessageId, { number: n });
}
