import { createContext, useCallback, useContext, useEffect, useEffectEvent, useMemo, useState, type ReactNode } from 'react';
import { api, entente } from './entente.ts';
import type { ApiError } from './client.ts';
import { dropEarlyReads, takeArrivedRead, takeEarlyRead } from './early-reads.ts';
import { sessionRead } from './reads.ts';
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
  // The boot code's read (web/main.ts) when it already answered: no loading line on a first load.
  const [session, setSession] = useState<Session | undefined>(() => adoptToken(takeArrivedRead<Session>(sessionRead.key)?.value));
  const [error, setError] = useState<ApiError | undefined>(undefined);

  const adopt = useCallback((s: Session) => {
    adoptToken(s);
    setSession(s);
    return s;
  }, []);
  /** Another session (signed in, out, or ended): what was read early for the one before is not its own. */
  const change = useCallback(
    (s: Session) => {
      dropEarlyReads();
      return adopt(s);
    },
    [adopt],
  );

  // True when the first render had the boot code's answer.
  const known = useEffectEvent(() => session !== undefined);
  useEffect(() => {
    if (known()) return;
    const controller = new AbortController();
    (takeEarlyRead<Session>(sessionRead.key) ?? sessionRead.load(controller.signal)).then(adopt, (err: ApiError) => {
      if (!controller.signal.aborted) setError(err);
    });
    return () => controller.abort();
  }, [adopt]);

  const state = useMemo<SessionState>(
    () => ({
      session,
      error,
      signIn: async (body) => change(await entente.signIn(body)),
      signOut: async () => {
        try {
          await entente.signOut();
        } finally {
          change(SIGNED_OUT);
        }
      },
      sessionEnded: () => change(SIGNED_OUT),
    }),
    [session, error, change],
  );
  return <SessionContext value={state}>{children}</SessionContext>;
}

/** Hands the session's CSRF token to the API client (the one place changes read it from). */
function adoptToken(s: Session | undefined): Session | undefined {
  if (s) api.setCsrfToken(s.csrfToken);
  return s;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
