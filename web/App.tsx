import { BrowserRouter, Route, Routes } from 'react-router';
import { SessionProvider } from './api/session.tsx';
import { MechanismScope } from './components/MechanismScope.tsx';
import { RequireSession } from './components/RequireSession.tsx';
import { Shell } from './components/Shell.tsx';
import { LocaleProvider } from './i18n/provider.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { CommitmentPage } from './pages/commitments/CommitmentPage.tsx';
import { CommitmentsPage } from './pages/commitments/CommitmentsPage.tsx';
import { PositionsPage } from './pages/positions/PositionsPage.tsx';
import { EditorRoutes } from './pages/editors/EditorRoutes.tsx';
import { MechanismsPage } from './pages/MechanismsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { RoundPage } from './pages/RoundPage.tsx';
import { RoundsPage } from './pages/RoundsPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { LogPage } from './pages/LogPage.tsx';
import { TimelinePage } from './pages/TimelinePage.tsx';

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
                    <ProfilePage />
                  </Shell>
                }
              />
              {/* The editors (their own scope: going back after a save reloads the mechanism's pages). */}
              <Route path="m/:mechanismId/edit/*" element={<EditorRoutes />} />
              <Route path="m/:mechanismId" element={<MechanismScope />}>
                <Route index element={<DashboardPage />} />
                <Route path="rounds" element={<RoundsPage />} />
                <Route path="rounds/:number" element={<RoundPage />} />
                <Route path="timeline" element={<TimelinePage />} />
                <Route path="log" element={<LogPage />} />
                <Route path="commitments" element={<CommitmentsPage />} />
                <Route path="commitments/:id" element={<CommitmentPage />} />
                <Route path="positions" element={<PositionsPage />} />
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
