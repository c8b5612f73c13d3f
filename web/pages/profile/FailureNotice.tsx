import { useT } from '../../i18n/provider.tsx';
import type { Failure } from './failure.ts';

/** A refused change, said plainly where the person acted. */
export function FailureNotice({ failure }: { failure: Failure | undefined }) {
  const t = useT();
  if (!failure) return null;
  return (
    <div className="notice notice-error" role="alert">
      {t(failure.id, { detail: failure.detail })}
    </div>
  );
}
