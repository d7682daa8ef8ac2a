/** The app's routes: one per navbar page, each behind its permission, plus home, welcome and not-found. */
import type { ReactNode } from 'react';
import { Route, Routes, useParams } from 'react-router';
import { holdsAny, useSession } from './features/auth/session';
import { AppLayout } from './features/shell/AppLayout';
import { NAVIGATION, type PageId } from './features/shell/navigation';
import { AlertsPage } from './pages/AlertsPage/AlertsPage';
import { AuditPage } from './pages/AuditPage/AuditPage';
import { ImportsPage } from './pages/ImportsPage/ImportsPage';
import { PlaceholderPage } from './pages/PlaceholderPage/PlaceholderPage';
import { POLICY_TABS, PoliciesPage } from './pages/PoliciesPage/PoliciesPage';
import { SETTINGS_TABS, SettingsPage } from './pages/SettingsPage/SettingsPage';
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

const tabOf = (tabs: readonly { id: string }[]) => (segment: string) => tabs.some((tab) => tab.id === segment);

/** The second path segment each page understands (a tab); any other address under it is "not found". */
const SUBPATHS: Record<PageId, (segment: string) => boolean> = {
  alerts: (segment) => segment === 'test',
  cases: () => false,
  content: () => false,
  users: () => false,
  policies: tabOf(POLICY_TABS),
  analytics: () => false,
  notices: () => false,
  imports: () => false,
  audit: () => false,
  settings: tabOf(SETTINGS_TABS),
};

/**
 * A navbar page: "not found" for an address the page does not have, "not allowed" for accounts
 * holding none of its permissions, else the page.
 */
function PageRoute({ id }: { id: PageId }) {
  const session = useSession();
  const { tab } = useParams();
  const item = NAVIGATION.find((entry) => entry.id === id)!;
  if (tab !== undefined && !SUBPATHS[id](tab)) return <NotFoundPage />;
  return holdsAny(session.permissions, item.anyOf) ? PAGES[id]() : <NotAllowedPage />;
}

/** Every route of the signed-in app. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomeRedirect />} />
        <Route path="welcome" element={<WelcomePage />} />
        {NAVIGATION.map((item) => (
          <Route key={item.id} path={`${item.id}/:tab?`} element={<PageRoute id={item.id} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
