import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { useApiData } from '../../api/use-api-data.ts';
import { Async, LoadError } from '../../components/Async.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useT } from '../../i18n/provider.tsx';
import { roleIn } from '../editors/rights.ts';
import { DateTime } from '../profile/DateTime.tsx';
import { ACTION_STATUS, COMMENT_STATUSES, communiquesApi, MODERATION_ACTIONS, type CommentStatus, type Communique, type ModeratedComment, type ModerationAction } from './api.ts';
import { selectAllState, selectedShown, toggleAll, toggleOne } from './selection.ts';

interface Queue {
  comments: ModeratedComment[];
  nextCursor: string | null;
  communiques: Map<string, Communique>;
}

const isStatus = (s: string | null): s is CommentStatus => (COMMENT_STATUSES as readonly (string | null)[]).includes(s);

/**
 * The moderation queue: the comments the public left on the reader's party's communiqués, one
 * tab per status (`?status=`, pending first). Each comment with its email — shown here only,
 * never published — and its text as plain text. Approve, reject or mark as spam one comment or
 * every ticked one at once.
 */
export function ModerationPage() {
  const t = useT();
  const { mechanism } = useMechanism();
  const { session } = useSession();
  const [params] = useSearchParams();
  const given = params.get('status');
  const status: CommentStatus = isStatus(given) ? given : 'pending';
  usePageTitle(t('comments.title'));
  const role = roleIn(session, mechanism.id);
  const moderator = role === 'secretariat' || role === 'co-chair';
  return (
    <>
      <h1>{t('comments.title')}</h1>
      <p className="lead">{t('comments.intro')}</p>
      {moderator ? (
        <>
          <nav className="status-counts" aria-label={t('comments.tabs')}>
            <ul>
              {COMMENT_STATUSES.map((s) => (
                <li key={s}>
                  <Link to={`/m/${mechanism.id}/comments${s === 'pending' ? '' : `?status=${s}`}`} aria-current={s === status ? 'page' : undefined}>
                    <StatusBadge kind="comment" status={s} />
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <QueueTab key={status} status={status} />
        </>
      ) : (
        <p className="notice notice-info">{t('comments.notModerator')}</p>
      )}
    </>
  );
}

function QueueTab({ status }: { status: CommentStatus }) {
  const { mechanism } = useMechanism();
  // Later pages ("show more") are added to the first.
  const [more, setMore] = useState<{ comments: ModeratedComment[]; nextCursor: string | null }>();
  const loaded = useApiData(`comments:${mechanism.id}:${status}`, async (signal): Promise<Queue> => {
    const [page, communiques] = await Promise.all([communiquesApi.comments({ mechanismId: mechanism.id, status }, signal), communiquesApi.list(mechanism.id, signal)]);
    return { comments: page.items, nextCursor: page.nextCursor, communiques: new Map(communiques.map((c) => [c.id, c])) };
  });
  return (
    <Async loaded={loaded}>
      {(queue) => (
        <QueueTable
          status={status}
          comments={more ? [...queue.comments, ...more.comments] : queue.comments}
          nextCursor={more ? more.nextCursor : queue.nextCursor}
          communiques={queue.communiques}
          onMore={(page) => setMore((prev) => ({ comments: [...(prev?.comments ?? []), ...page.items], nextCursor: page.nextCursor }))}
          onModerated={() => {
            setMore(undefined);
            loaded.reload();
          }}
        />
      )}
    </Async>
  );
}

function QueueTable({
  status,
  comments,
  nextCursor,
  communiques,
  onMore,
  onModerated,
}: {
  status: CommentStatus;
  comments: ModeratedComment[];
  nextCursor: string | null;
  communiques: ReadonlyMap<string, Communique>;
  onMore(page: { items: ModeratedComment[]; nextCursor: string | null }): void;
  onModerated(): void;
}) {
  const t = useT();
  const { mechanism } = useMechanism();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string>();
  const [failure, setFailure] = useState<ApiError>();
  const shown = comments.map((c) => c.id);
  const ticked = selectedShown(selected, shown);
  const all = selectAllState(selected, shown);
  // The actions that change something here: not the one giving the tab's own status.
  const actions = MODERATION_ACTIONS.filter((a) => ACTION_STATUS[a] !== status);

  async function moderate(ids: readonly string[], action: ModerationAction) {
    if (ids.length === 0 || busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await communiquesApi.moderate(ids, action);
      setSaid(t(`comments.done.${action}`, { count: ids.length }));
      setSelected(new Set());
      onModerated();
    } catch (err) {
      setFailure(err instanceof ApiError ? err : new ApiError(0, { type: ApiError.NETWORK, detail: String(err) }));
    } finally {
      setBusy(false);
    }
  }

  async function loadMore() {
    if (!nextCursor) return;
    setBusy(true);
    try {
      onMore(await communiquesApi.comments({ mechanismId: mechanism.id, status, cursor: nextCursor }));
    } catch (err) {
      setFailure(err instanceof ApiError ? err : new ApiError(0, { type: ApiError.NETWORK, detail: String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="status-line" role="status">
        {said}
      </p>
      {failure && <LoadError error={failure} />}
      {comments.length === 0 ? (
        <p className="muted">{status === 'pending' ? t('comments.none.pending') : t('comments.none')}</p>
      ) : (
        <>
          <div className="bulk-actions" role="group" aria-label={t('comments.bulk')}>
            <span className="bulk-count" aria-live="polite">
              {t('comments.selected', { count: ticked.length })}
            </span>
            {actions.map((a) => (
              <button key={a} type="button" className={a === 'approve' ? 'button button-primary' : 'button'} disabled={busy || ticked.length === 0} onClick={() => void moderate(ticked, a)}>
                {t(`comments.bulk.${a}`)}
              </button>
            ))}
          </div>
          <div className="table-scroll">
            <table className="table comments-table">
              <caption className="visually-hidden">{t('comments.caption', { status: t(`comment.status.${status}`) })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="cell-check">
                    <input
                      type="checkbox"
                      aria-label={t('comments.selectAll')}
                      checked={all === 'all'}
                      ref={(el) => {
                        if (el) el.indeterminate = all === 'some';
                      }}
                      onChange={() => setSelected(toggleAll(selected, shown))}
                    />
                  </th>
                  <th scope="col">{t('comments.col.name')}</th>
                  <th scope="col">{t('comments.col.email')}</th>
                  <th scope="col">{t('comments.col.website')}</th>
                  <th scope="col">{t('comments.col.comment')}</th>
                  <th scope="col">{t('comments.col.communique')}</th>
                  <th scope="col">{t('comments.col.date')}</th>
                </tr>
              </thead>
              <tbody>
                {comments.map((c) => (
                  <CommentRow
                    key={c.id}
                    comment={c}
                    communique={communiques.get(c.communiqueId)}
                    checked={selected.has(c.id)}
                    onCheck={(on) => setSelected(toggleOne(selected, c.id, on))}
                    actions={actions}
                    busy={busy}
                    onAction={(a) => void moderate([c.id], a)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {nextCursor && (
            <p className="actions board-more">
              <button type="button" className="button" disabled={busy} onClick={() => void loadMore()}>
                {t('comments.more')}
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}

/** One comment: who wrote it (name, email, website), its text as plain text, where and when; its own actions. */
function CommentRow({
  comment: c,
  communique,
  checked,
  onCheck,
  actions,
  busy,
  onAction,
}: {
  comment: ModeratedComment;
  communique: Communique | undefined;
  checked: boolean;
  onCheck(on: boolean): void;
  actions: readonly ModerationAction[];
  busy: boolean;
  onAction(a: ModerationAction): void;
}) {
  const t = useT();
  const { mechanism } = useMechanism();
  return (
    <tr>
      <td className="cell-check">
        <input type="checkbox" aria-label={t('comments.select', { name: c.name })} checked={checked} onChange={(e) => onCheck(e.target.checked)} />
      </td>
      <th scope="row" className="comment-name">
        {c.name}
      </th>
      <td className="comment-email">{c.email}</td>
      {/* As text, not a link: a moderator does not visit a stranger's site from here. */}
      <td className="comment-website">{c.website ?? <span className="muted">{t('comments.noWebsite')}</span>}</td>
      <td>
        {/* A visitor's text: React writes it as text, never as markup. */}
        <p className="comment-body" lang={c.language}>
          {c.body}
        </p>
        {c.moderatedBy && c.moderatedAt && (
          <p className="hint">
            {t('comments.moderatedBy', { username: c.moderatedBy })} <DateTime at={c.moderatedAt} />
          </p>
        )}
        {/* Its own actions, under the text they judge. */}
        <div className="row-actions">
          {actions.map((a) => (
            <button key={a} type="button" className="button" disabled={busy} onClick={() => onAction(a)}>
              {t(`comments.action.${a}`)}
              <span className="visually-hidden"> {t('comments.of', { name: c.name })}</span>
            </button>
          ))}
        </div>
      </td>
      <td>
        {communique ? (
          <Link to={`/m/${mechanism.id}/communiques/${encodeURIComponent(c.communiqueId)}`}>
            <LocalText value={communique.title} />
          </Link>
        ) : (
          <span className="muted">{c.communiqueId}</span>
        )}
      </td>
      <td className="nowrap">
        <DateTime at={c.createdAt} />
      </td>
    </tr>
  );
}
