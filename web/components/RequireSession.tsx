import { useMemo, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { partiesRead } from '../api/reads.ts';
import { useSession } from '../api/session.tsx';
import { useRead } from '../api/use-api-data.ts';
import { SecondFactorRequiredPage } from '../pages/SecondFactorRequiredPage.tsx';
import { LoadError, Loading } from './Async.tsx';
import { RecordContextValue, useRecordContext } from './record-context.tsx';

/**
 * The guard of every workspace page: signed out, to the sign-in page (and back here after);
 * a session held to second-factor enrolment, to the page that says so. Party records (names
 * in every language) are loaded once for all pages below.
 */
export function RequireSession() {
  const { session, error } = useSession();
  const location = useLocation();
  if (error) {
    return (
      <main className="main main-bare">
        <LoadError error={error} retry={() => window.location.reload()} />
      </main>
    );
  }
  if (!session) {
    return (
      <main className="main main-bare">
        <Loading />
      </main>
    );
  }
  if (!session.signedIn) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (session.mfaRequired) return <SecondFactorRequiredPage />;
  return (
    <Directory>
      <Outlet />
    </Directory>
  );
}

function Directory({ children }: { children: ReactNode }) {
  const parent = useRecordContext();
  // The parties are a small public directory; without it names fall back to party codes.
  const parties = useRead(partiesRead);
  const value = useMemo(() => ({ ...parent, parties: new Map((parties.data ?? []).map((p) => [p.code, p])) }), [parent, parties.data]);
  return <RecordContextValue value={value}>{children}</RecordContextValue>;
}
