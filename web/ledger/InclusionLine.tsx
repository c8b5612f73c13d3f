import { useApiData } from '../api/use-api-data.ts';
import { LoadError } from '../components/Async.tsx';
import type { MessageId } from '../i18n/catalogs.ts';
import { useT } from '../i18n/provider.tsx';
import { loadInclusion, type CheckpointState } from './verification.ts';

/**
 * "In the log at index N — verified": the entry's inclusion proof checked in this browser
 * against the latest signed checkpoint (whose signature is checked too). With `recordId`, the
 * entry must be about that record.
 */
export function InclusionLine({ log, index, recordId, entry, checkpoint }: { log: string; index: number; recordId?: string; entry?: string; checkpoint?: CheckpointState }) {
  const t = useT();
  const cpKey = checkpoint?.status === 'verified' ? checkpoint.checkpoint.rootBase64 : (checkpoint?.status ?? 'load');
  const state = useApiData(`inclusion:${log}:${index}:${recordId ?? ''}:${cpKey}`, (signal) =>
    loadInclusion(log, index, signal, { ...(entry === undefined ? {} : { entry }), ...(recordId === undefined ? {} : { recordId }), ...(checkpoint ? { checkpoint } : {}) }),
  );
  if (state.error) return <LoadError error={state.error} retry={state.reload} />;
  const s = state.data;
  if (!s) {
    return (
      <p className="ledger-check ledger-check-pending" role="status">
        {t('ledger.inclusion.checking', { index })}
      </p>
    );
  }
  if (s.status === 'verified') {
    return (
      <p className="ledger-check ledger-check-ok" role="status">
        <span aria-hidden="true">✓ </span>
        {t('ledger.inclusion.verified', { index: s.index })}
        <span className="ledger-check-hint"> {t('ledger.inclusion.verifiedHint', { size: s.size })}</span>
      </p>
    );
  }
  if (s.status === 'pending') {
    return (
      <p className="ledger-check ledger-check-pending" role="status">
        {t('ledger.inclusion.pending', { index: s.index })}
      </p>
    );
  }
  return (
    <p className="ledger-check ledger-check-bad" role="status">
      <span aria-hidden="true">✗ </span>
      {t('ledger.inclusion.notVerified', { index: s.index })}
      <span className="ledger-check-hint"> {t(`ledger.inclusion.reason.${s.reason}` as MessageId)}</span>
    </p>
  );
}
