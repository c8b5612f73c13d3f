import { Link } from 'react-router';
import { useSession } from '../../api/session.tsx';
import { useT } from '../../i18n/provider.tsx';
import { mayCreate } from '../editors/rights.ts';

/** "Record a round from a communiqué", on the rounds list, for those who may create rounds. */
export function IntakeLink({ mechanismId }: { mechanismId: string }) {
  const t = useT();
  const { session } = useSession();
  if (!mayCreate(session, mechanismId)) return null;
  return (
    <p className="editor-links">
      <Link className="button" to={`/m/${mechanismId}/intake`}>
        {t('intake.link')}
      </Link>
    </p>
  );
}
