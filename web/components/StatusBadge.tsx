import type { MessageId } from '../i18n/catalogs.ts';
import { useT } from '../i18n/provider.tsx';

/** A status word in a quiet pill, coloured by its kind (its text says it; the colour only helps). */
export function StatusBadge({ kind, status }: { kind: 'round' | 'commitment' | 'agreement' | 'communique' | 'comment'; status: string }) {
  const t = useT();
  return <span className={`status status-${kind}-${status}`}>{t(`${kind}.status.${status}` as MessageId)}</span>;
}
