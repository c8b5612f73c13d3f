import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, entente } from './entente.ts';
import type { ApiError } from './client.ts';
import type { Session } from './types.ts';

interface SessionState {
  /** Undefined while the first GET /api/v1/session is under way. */
  session: Session | undefined;
  /** Set when that first request failed (the server is unreachable). */
  error: ApiError | undefined;
  signIn(body: { username: string; password: string; totp?: string }): Promise<Session>;
  signOut(): Promise<void>;
  /** The API answered 401: the session expired or was revoked elsewhere. */
  sessionEnded(): void;
}

const SessionContext = createContext<SessionState | null>(null);

const SIGNED_OUT: Session = { signedIn: false };

/** Who is signed in, and the session's CSRF token handed to the API client. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  const adopt = useCallback((s: Session) => {
    api.setCsrfToken(s.csrfToken);
    setSession(s);
    return s;
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    entente.session(controller.signal).then(adopt, (err: ApiError) => {
      if (!controller.signal.aborted) setError(err);
    });
    return () => controller.abort();
  }, [adopt]);

  const state = useMemo<SessionState>(
    () => ({
      session,
      error,
      signIn: async (body) => adopt(await entente.signIn(body)),
      signOut: async () => {
        try {
          await entente.signOut();
        } finally {
          adopt(SIGNED_OUT);
        }
      },
      sessionEnded: () => adopt(SIGNED_OUT),
    }),
    [session, error, adopt],
  );
  return <SessionContext value={state}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
