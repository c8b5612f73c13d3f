import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import type { Session } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import type { MessageId } from '../../i18n/catalogs.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { useT } from '../../i18n/provider.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { editorsApi, loadOptions, type RefOption, type StoredRecord } from './editors-api.ts';
import { useEditorMechanism } from './EditorRoutes.tsx';
import { FollowUp } from './FollowUp.tsx';
import { changes, initialValues, toPayload, type Values } from './form-state.ts';
import { KINDS, type EditorKind, type FieldDesc, type RefKind } from './kinds.ts';
import { RecordForm, SubmitFailure } from './RecordForm.tsx';
import { mayCreate, mayEdit, mayFollowUp, roleIn } from './rights.ts';

interface Loaded {
  record: StoredRecord | undefined;
  options: Map<RefKind, RefOption[]>;
}

/** The editor of one record kind: a new record (`id` undefined) or an existing one. */
export function EditorPage({ kind, id }: { kind: EditorKind; id: string | undefined }) {
  const t = useT();
  const mechanism = useEditorMechanism();
  const desc = KINDS[kind];
  const refKinds = desc.fields.flatMap((f) => (f.type === 'reference' || f.type === 'references' ? [f.refKind] : f.type === 'coChairs' ? ['person' as const] : []));
  const loaded = useApiData(`editor:${kind}:${id ?? 'new'}`, async (signal): Promise<Loaded> => {
    const [record, options] = await Promise.all([id ? editorsApi.record(kind, id, signal) : undefined, loadOptions(refKinds, mechanism.id, signal)]);
    return { record, options };
  });
  const title = t(`editor.${id ? 'edit' : 'new'}.${kind}` as MessageId);
  usePageTitle(title);
  if (loaded.error?.status === 404 || loaded.error?.status === 400) return <NotFoundPage />;
  return (
    <article className={`editor editor-${kind}`}>
      <h1>{title}</h1>
      <Async loaded={loaded}>{(data) => <EditorBody kind={kind} data={data} />}</Async>
    </article>
  );
}

function EditorBody({ kind, data }: { kind: EditorKind; data: Loaded }) {
  const t = useT();
  const mechanism = useEditorMechanism();
  const { session } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const desc = KINDS[kind];
  const { record } = data;

  const access = accessTo(kind, record, session, mechanism.id);
  if (access === 'none') {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('editor.notAllowed')}</p>
        <p>
          <Link to={`/m/${mechanism.id}`}>{t('nav.dashboard')}</Link>
        </p>
      </div>
    );
  }
  if (record && desc.editable && !desc.editable(record)) {
    // Changed through its own page's workflow (a communiqué past its draft).
    return (
      <div className="notice notice-warn" role="alert">
        <p>{t(`editor.locked.${kind}` as MessageId)}</p>
        {desc.page && (
          <p>
            <Link to={`/m/${mechanism.id}/${desc.page}/${encodeURIComponent(record.id)}`}>{t('editor.lockedBack')}</Link>
          </p>
        )}
      </div>
    );
  }
  const fields: readonly FieldDesc[] = access === 'followUp' ? desc.fields.filter((f) => f.followUp) : desc.fields;
  // The mechanism's own languages first, then the rest of the UI's.
  const languages = [...mechanism.languages, ...LOCALES.filter((l) => !mechanism.languages.includes(l))];
  const initial = initialValues(fields, record, prefillOf(params, kind, session), record?.marking ?? 'joint');

  const goBack = () => {
    const back = params.get('back');
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (back && back.startsWith('/') && !back.startsWith('//')) void navigate(back);
    else if (idx > 0) void navigate(-1);
    else void navigate(`/m/${mechanism.id}`);
  };

  const save = async (values: Values) => {
    const mode = record ? 'update' : 'create';
    const payload = toPayload(fields, values, mode, mechanism.parties);
    try {
      if (record) {
        const before = toPayload(fields, initialValues(fields, record, {}, record.marking), 'update', mechanism.parties);
        const changed = changes(payload, before);
        if (Object.keys(changed).length > 0) await editorsApi.update(kind, record.id, changed);
      } else {
        const created = await editorsApi.create(kind, { mechanismId: mechanism.id, ...payload });
        // A kind with a page of its own: the new record is shown there.
        if (desc.page) {
          void navigate(`/m/${mechanism.id}/${desc.page}/${encodeURIComponent(created.id)}`, { replace: true });
          return;
        }
      }
    } catch (err) {
      if (err instanceof ApiError) throw new SubmitFailure(err, payload);
      throw err;
    }
    goBack();
  };

  return (
    <>
      <RecordForm
        fields={fields}
        initial={initial}
        languages={languages}
        parties={mechanism.parties}
        options={data.options}
        ownParty={session?.party ?? ''}
        editing={record !== undefined}
        withMarking={access === 'full'}
        markings={desc.markings}
        markingNote={desc.markings ? t(`editor.markingNote.${kind}` as MessageId) : undefined}
        onSubmit={save}
        onCancel={goBack}
      />
      {kind === 'commitment' && record && (access === 'full' || access === 'followUp') && <FollowUp commitment={record} />}
    </>
  );
}

/**
 * What the reader may do here, as far as the workspace can tell (the API decides): a
 * secretariat everything with its party's records; a delegate follows up commitments
 * binding its party (status here, evidence and self-assessments below).
 */
function accessTo(kind: EditorKind, record: StoredRecord | undefined, session: Session | undefined, mechanismId: string): 'full' | 'followUp' | 'none' {
  if (record) {
    if (mayEdit(session, mechanismId, record)) return 'full';
    if (kind === 'commitment' && mayFollowUp(session, mechanismId, { parties: (record.parties as string[] | undefined) ?? [] })) return 'followUp';
    return 'none';
  }
  if (mayCreate(session, mechanismId)) return 'full';
  const role = roleIn(session, mechanismId);
  // Delegates record evidence and self-assessments of commitments binding their party.
  return (kind === 'evidence' || kind === 'assessment') && role !== undefined && role !== 'observer' ? 'full' : 'none';
}

/** `?round=` and `?parent=` fill the record this one hangs from; any field's name fills that field. */
function prefillOf(params: URLSearchParams, kind: EditorKind, session: Session | undefined): Record<string, string> {
  const desc = KINDS[kind];
  const prefill: Record<string, string> = {};
  for (const f of desc.fields) {
    const v = params.get(f.name);
    if (v !== null) prefill[f.name] = v;
  }
  const round = params.get('round');
  if (round !== null && desc.fields.some((f) => f.name === 'roundId')) prefill.roundId ??= round;
  const parent = params.get('parent');
  if (parent !== null && desc.parent) prefill[desc.parent] ??= parent;
  // An assessment is most often the own party's self-assessment.
  if (kind === 'assessment' && session?.party) {
    prefill.party ??= session.party;
    prefill.assessor ??= 'self';
  }
  return prefill;
}
