import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from './client.ts';
import { useSession } from './session.tsx';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Loads what `load` fetches whenever `key` changes (cancelling the request it replaces). A
 * 401 means the session ended: the session is dropped, and the guard sends the reader to
 * sign in again.
 */
export function useApiData<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const { sessionEnded } = useSession();
  const [state, setState] = useState<{ key: string; attempt: number; data?: T; error?: ApiError }>({ key, attempt: 0 });
  const [attempt, setAttempt] = useState(0);
  const run = useEffectEvent((signal: AbortSignal) => load(signal));
  const ended = useEffectEvent(() => sessionEnded());

  useEffect(() => {
    const controller = new AbortController();
    run(controller.signal).then(
      (data) => setState({ key, attempt, data }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, { type: ApiError.NETWORK, detail: String(err) });
        if (error.status === 401) ended();
        setState({ key, attempt, error });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const current = state.key === key ? state : undefined;
  return {
    data: current?.data,
    error: current?.error,
    loading: current === undefined || (current.data === undefined && current.error === undefined) || current.attempt !== attempt,
    reload: () => setAttempt((n) => n + 1),
  };
}
