import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from './client.ts';
import { takeArrivedRead, takeEarlyRead, type Read } from './early-reads.ts';
import { useSession } from './session.tsx';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

interface State<T> {
  key: string;
  attempt: number;
  data?: T;
  error?: ApiError;
}

/**
 * Loads what `load` fetches whenever `key` changes (cancelling the request it replaces). A
 * 401 means the session ended: the session is dropped, and the guard sends the reader to
 * sign in again. On a first load, the read the boot code started for `key` stands in for
 * `load` (./early-reads.ts); one already answered is there from the first render.
 */
export function useApiData<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const { sessionEnded } = useSession();
  const [state, setState] = useState<State<T>>(() => {
    const arrived = takeArrivedRead<T>(key);
    return arrived ? { key, attempt: 0, data: arrived.value } : { key, attempt: 0 };
  });
  const [attempt, setAttempt] = useState(0);
  const run = useEffectEvent((signal: AbortSignal) => takeEarlyRead<T>(key) ?? load(signal));
  const ended = useEffectEvent(() => sessionEnded());
  // True only on mount with an early answer: any later run of the effect is for a new key or attempt.
  const answered = useEffectEvent(() => state.key === key && state.attempt === attempt && state.data !== undefined);

  useEffect(() => {
    if (answered()) return;
    const controller = new AbortController();
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, attempt, data });
      },
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

/** `useApiData` of a named read (one shared with the boot code, web/main.ts). */
export function useRead<T>(read: Read<T>): Loaded<T> {
  return useApiData(read.key, read.load);
}
