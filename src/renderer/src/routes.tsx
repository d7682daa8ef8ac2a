/** The app's routes: one per navbar page, each behind its permission, plus home, welcome and not-found. */
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { holdsAny, useSession } from './features/auth/session';
import { AppLayout } from './features/shell/AppLayout';
import { NAVIGATION, type PageId } from './features/shell/navigation';
import { AlertsPage } from './pages/AlertsPage/AlertsPage';
import { AuditPage } from './pages/AuditPage/AuditPage';
import { ImportsPage } from './pages/ImportsPage/ImportsPage';
import { PlaceholderPage } from './pages/PlaceholderPage/PlaceholderPage';
import { PoliciesPage } from './pages/PoliciesPage/PoliciesPage';
import { SettingsPage } from './pages/SettingsPage/SettingsPage';
import { HomeRedirect, NotAllowedPage, NotFoundPage } from './pages/StatusPages/StatusPages';
import { UsersPage } from './pages/UsersPage/UsersPage';
import { WelcomePage } from './pages/WelcomePage/WelcomePage';

/** The page component of each navbar entry. */
const PAGES: Record<PageId, () => ReactNode> = {
  alerts: () => <AlertsPage />,
  cases: () => <PlaceholderPage id="cases" />,
  content: () => <PlaceholderPage id="content" />,
  users: () => <UsersPage />,
  policies: () => <PoliciesPage />,
  analytics: () => <PlaceholderPage id="analytics" />,
  notices: () => <PlaceholderPage id="notices" />,
  imports: () => <ImportsPage />,
  audit: () => <AuditPage />,
  settings: () => <SettingsPage />,
};

/** Shows the page only to accounts holding one of its permissions; others get the "not allowed" state. */
function RequirePermission({ id, children }: { id: PageId; children: ReactNode }) {
  const session = useSession();
  const item = NAVIGATION.find((entry) => entry.id === id)!;
  return holdsAny(session.permissions, item.anyOf) ? children : <NotAllowedPage />;
}

/** Every route of the signed-in app. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomeRedirect />} />
        <Route path="welcome" element={<WelcomePage />} />
        {NAVIGATION.map((item) => (
          <Route key={item.id} path={`${item.id}/:tab?`} element={<RequirePermission id={item.id}>{PAGES[item.id]()}</RequirePermission>} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
