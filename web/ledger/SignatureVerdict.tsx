import type { MessageId } from '../i18n/catalogs.ts';
import { useT } from '../i18n/provider.tsx';
import type { CheckpointState } from './verification.ts';

/** The checkpoint's signature as this browser found it: verified, not verified, or none yet. */
export function SignatureVerdict({ state }: { state: CheckpointState }) {
  const t = useT();
  if (state.status === 'none') return <span className="muted">{t('ledger.signature.none')}</span>;
  if (state.status === 'verified') {
    return (
      <span className="ledger-seal ledger-seal-ok" title={t('ledger.signature.verifiedHint', { key: state.verifierKey })}>
        <span aria-hidden="true">✓ </span>
        {t('ledger.signature.verified')}
      </span>
    );
  }
  return (
    <span className="ledger-seal ledger-seal-bad">
      <span aria-hidden="true">✗ </span>
      {t('ledger.signature.notVerified')} <span className="ledger-check-hint">{t(`ledger.signature.problem.${state.problem}` as MessageId)}</span>
    </span>
  );
}
