import type { Marking } from '../api/types.ts';
import { useT } from '../i18n/provider.tsx';
import { usePartyName } from './PartyName.tsx';

/** Internal records carry a clear badge naming the only party that sees them; shared ones none. */
export function MarkingBadge({ marking, ownerParty }: { marking: Marking; ownerParty: string }) {
  const t = useT();
  const partyName = usePartyName();
  if (marking !== 'internal') return null;
  const hint = t('marking.internal.hint', { party: partyName(ownerParty) });
  return (
    <span className="badge badge-internal" title={hint}>
      {t('marking.internal')}
      <span className="visually-hidden"> — {hint}</span>
    </span>
  );
}
