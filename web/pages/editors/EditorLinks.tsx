import { Link } from 'react-router';
import { useSession } from '../../api/session.tsx';
import type { Round } from '../../api/types.ts';
import { useT } from '../../i18n/provider.tsx';
import type { EditorKind } from './kinds.ts';
import { mayCreate, mayEdit, mayFollowUp } from './rights.ts';

/**
 * The ways into the editors that other pages show (only to those whose role allows the
 * change: the API refuses the rest anyway). Each links to /m/:mechanismId/edit/….
 */

export const editorPath = (mechanismId: string, kind: EditorKind, id?: string, query?: Record<string, string | number>) =>
  `/m/${mechanismId}/edit/${kind}/${id ? encodeURIComponent(id) : 'new'}${query ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}` : ''}`;

/** "New round" and "Record a round from a communiqué" (the intake), on the rounds list. */
export function NewRoundLink({ mechanismId }: { mechanismId: string }) {
  const t = useT();
  const { session } = useSession();
  if (!mayCreate(session, mechanismId)) return null;
  return (
    <p className="editor-links">
      <Link className="button button-primary" to={editorPath(mechanismId, 'round')}>
        {t('editor.newRound')}
      </Link>
      <Link className="button" to={`/m/${mechanismId}/intake`}>
        {t('intake.link')}
      </Link>
    </p>
  );
}

/** "Edit round", "Add agenda item", "Add statement", "Add commitment", on a round's page. */
export function RoundEditorLinks({ round, agendaLength }: { round: Round; agendaLength: number }) {
  const t = useT();
  const { session } = useSession();
  const m = round.mechanismId;
  if (!mayCreate(session, m)) return null;
  return (
    <div className="editor-links" role="group" aria-label={t('editor.roundActions')}>
      {mayEdit(session, m, round) && (
        <Link className="button" to={editorPath(m, 'round', round.id)}>
          {t('editor.editRound')}
        </Link>
      )}
      <Link className="button" to={editorPath(m, 'agendaItem', undefined, { round: round.id, position: agendaLength + 1 })}>
        {t('editor.addAgendaItem')}
      </Link>
      <Link className="button" to={editorPath(m, 'statement', undefined, { round: round.id })}>
        {t('editor.addStatement')}
      </Link>
      <Link className="button" to={editorPath(m, 'commitment', undefined, { round: round.id })}>
        {t('editor.addCommitment')}
      </Link>
    </div>
  );
}

/** "Edit commitment" (or following it up, for a delegate of a bound party), beside a commitment. */
export function EditCommitmentLink({ commitment }: { commitment: { id: string; mechanismId: string; ownerParty: string; parties: string[] } }) {
  const t = useT();
  const { session } = useSession();
  const m = commitment.mechanismId;
  const edit = mayEdit(session, m, commitment);
  if (!edit && !mayFollowUp(session, m, commitment)) return null;
  return (
    <Link className="edit-link" to={editorPath(m, 'commitment', commitment.id)}>
      {edit ? t('editor.editCommitment') : t('editor.followUpCommitment')}
    </Link>
  );
}

/** "New event" and "New milestone", on the timeline. */
export function TimelineEditorLinks({ mechanismId }: { mechanismId: string }) {
  const t = useT();
  const { session } = useSession();
  if (!mayCreate(session, mechanismId)) return null;
  return (
    <div className="editor-links" role="group" aria-label={t('editor.timelineActions')}>
      <Link className="button" to={editorPath(mechanismId, 'event')}>
        {t('editor.newEvent')}
      </Link>
      <Link className="button" to={editorPath(mechanismId, 'milestone')}>
        {t('editor.newMilestone')}
      </Link>
    </div>
  );
}

/** "New position", on the positions matrix. */
export function NewPositionLink({ mechanismId }: { mechanismId: string }) {
  const t = useT();
  const { session } = useSession();
  if (!mayCreate(session, mechanismId)) return null;
  return (
    <p className="editor-links">
      <Link className="button" to={editorPath(mechanismId, 'position')}>
        {t('editor.newPosition')}
      </Link>
    </p>
  );
}
