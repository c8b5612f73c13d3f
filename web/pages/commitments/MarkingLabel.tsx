import type { Marking } from '../../api/types.ts';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { useT } from '../../i18n/provider.tsx';

/** A marking in a table column: internal as the shared badge, public and joint as quiet words. */
export function MarkingLabel({ marking, ownerParty }: { marking: Marking; ownerParty: string }) {
  const t = useT();
  if (marking === 'internal') return <MarkingBadge marking={marking} ownerParty={ownerParty} />;
  return <span className="muted">{t(marking === 'public' ? 'commitments.marking.public' : 'commitments.marking.joint')}</span>;
}
