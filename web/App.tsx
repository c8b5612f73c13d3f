import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { SessionProvider } from './api/session.tsx';
import { MechanismScope } from './components/MechanismScope.tsx';
import { RequireSession } from './components/RequireSession.tsx';
import { Loading } from './components/Async.tsx';
import { Shell } from './components/Shell.tsx';
import { LocaleProvider } from './i18n/provider.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { MechanismsPage } from './pages/MechanismsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';

/**
 * Pages beyond the first one a person sees (sign-in, the mechanisms, the dashboard) load when
 * first visited: the first page then parses a third less JavaScript (bench: workspace).
 */
const CommitmentPage = lazy(() => import('./pages/commitments/CommitmentPage.tsx').then((m) => ({ default: m.CommitmentPage })));
const CommitmentsPage = lazy(() => import('./pages/commitments/CommitmentsPage.tsx').then((m) => ({ default: m.CommitmentsPage })));
const PositionsPage = lazy(() => import('./pages/positions/PositionsPage.tsx').then((m) => ({ default: m.PositionsPage })));
const EditorRoutes = lazy(() => import('./pages/editors/EditorRoutes.tsx').then((m) => ({ default: m.EditorRoutes })));
const ProfilePage = lazy(() => import('./pages/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const RoundPage = lazy(() => import('./pages/RoundPage.tsx').then((m) => ({ default: m.RoundPage })));
const RoundsPage = lazy(() => import('./pages/RoundsPage.tsx').then((m) => ({ default: m.RoundsPage })));
const LogPage = lazy(() => import('./pages/LogPage.tsx').then((m) => ({ default: m.LogPage })));
const CommuniquesPage = lazy(() => import('./pages/communiques/CommuniquesPage.tsx').then((m) => ({ default: m.CommuniquesPage })));
const CommuniquePage = lazy(() => import('./pages/communiques/CommuniquePage.tsx').then((m) => ({ default: m.CommuniquePage })));
const ModerationPage = lazy(() => import('./pages/communiques/ModerationPage.tsx').then((m) => ({ default: m.ModerationPage })));
const TimelinePage = lazy(() => import('./pages/TimelinePage.tsx').then((m) => ({ default: m.TimelinePage })));
const IntakeRoute = lazy(() => import('./pages/intake/IntakePage.tsx').then((m) => ({ default: m.IntakeRoute })));

/** A lazily loaded page, with the loading line while its code arrives. */
function Later({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** The workspace lives under /workspace/ (the site root is the public site's). */
export const BASENAME = '/workspace';

export function App() {
  return (
    <LocaleProvider>
      <SessionProvider>
        <BrowserRouter basename={BASENAME}>
          <Routes>
            <Route path="sign-in" element={<SignInPage />} />
            <Route element={<RequireSession />}>
              <Route
                index
                element={
                  <Shell>
                    <MechanismsPage />
                  </Shell>
                }
              />
              <Route
                path="profile"
                element={
                  <Shell>
                    <Later><ProfilePage /></Later>
                  </Shell>
                }
              />
              {/* The editors (their own scope: going back after a save reloads the mechanism's pages). */}
              <Route path="m/:mechanismId/edit/*" element={<Later><EditorRoutes /></Later>} />
              {/* The intake, also outside the mechanism pages' scope: the round it records shows there at once. */}
              <Route path="m/:mechanismId/intake" element={<Later><IntakeRoute /></Later>} />
              <Route path="m/:mechanismId" element={<MechanismScope />}>
                <Route index element={<DashboardPage />} />
                <Route path="rounds" element={<Later><RoundsPage /></Later>} />
                <Route path="rounds/:number" element={<Later><RoundPage /></Later>} />
                <Route path="timeline" element={<Later><TimelinePage /></Later>} />
                <Route path="log" element={<Later><LogPage /></Later>} />
                <Route path="commitments" element={<Later><CommitmentsPage /></Later>} />
                <Route path="commitments/:id" element={<Later><CommitmentPage /></Later>} />
                <Route path="positions" element={<Later><PositionsPage /></Later>} />
                <Route path="communiques" element={<Later><CommuniquesPage /></Later>} />
                <Route path="communiques/:id" element={<Later><CommuniquePage /></Later>} />
                <Route path="comments" element={<Later><ModerationPage /></Later>} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
              <Route
                path="*"
                element={
                  <Shell>
                    <NotFoundPage />
                  </Shell>
                }
              />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </LocaleProvider>
  );
}
