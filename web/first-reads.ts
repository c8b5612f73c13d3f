import { startEarlyRead } from './api/early-reads.ts';
import { overviewRead, partiesRead, sessionRead } from './api/reads.ts';
import { startDashboardReads } from './pages/dashboard/reads.ts';

/** The page a path under /workspace/ shows, as far as its reads go (the routes are in App.tsx). */
export interface FirstPage {
  /** Behind the sign-in guard: every page but the sign-in page. */
  guarded: boolean;
  /** A page of one mechanism (/m/:id/…), which loads its overview. */
  mechanismId?: string;
  /** The mechanism's dashboard (/m/:id). */
  dashboard: boolean;
}

export function firstPage(pathname: string): FirstPage {
  const parts = pathname.replace(/^\/workspace\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'sign-in') return { guarded: false, dashboard: false };
  // The editors (m/:id/edit/…) load their mechanism on their own.
  if (parts[0] !== 'm' || !parts[1] || parts[2] === 'edit') return { guarded: true, dashboard: false };
  let mechanismId: string;
  try {
    mechanismId = decodeURIComponent(parts[1]);
  } catch {
    return { guarded: true, dashboard: false }; // a malformed path: the page says it is not found
  }
  return { guarded: true, mechanismId, dashboard: parts.length === 2 };
}

/**
 * Starts the reads of the page at `pathname` (./api/early-reads.ts): who is signed in (index.html
 * preloads it), then, for a full session only, what the guarded pages load.
 */
export function startFirstPageReads(pathname: string, now: Date): Promise<void> {
  const page = firstPage(pathname);
  return startEarlyRead(sessionRead).then((session) => {
    if (!page.guarded || !session.signedIn || session.mfaRequired) return;
    startEarlyRead(partiesRead);
    if (page.mechanismId === undefined) return;
    const overview = startEarlyRead(overviewRead(page.mechanismId));
    if (page.dashboard) startDashboardReads(page.mechanismId, overview, now);
  });
}
