import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import type { Loaded } from '../api/use-api-data.ts';
import { useT } from '../i18n/provider.tsx';

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function LoadError({ error, retry }: { error: ApiError; retry?: () => void }) {
  const t = useT();
  const detail = error.type === ApiError.NETWORK ? t('common.networkError') : error.detail || error.title || `HTTP ${error.status}`;
  return (
    <div className="notice notice-error" role="alert">
      <p>{t('common.error', { detail })}</p>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** Renders `children(data)` once loaded, with a loading line and an error with retry before that. */
export function Async<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.data !== undefined) return <>{children(loaded.data)}</>;
  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  return <Loading />;
}
