/**
 * Page objects for the e2e specs: each takes the Page, exposes the locators the specs check (by
 * role, label or test id) and user-level actions. They wait only for readiness; every assertion
 * stays in the specs. The fixtures in ../fixtures.ts hand them to tests:
 *
 *   test('dismiss', async ({ auth, alerts }) => { await auth.signIn('admin'); await alerts.open(); ... });
 */
export { AlertDetail, AlertsPage, DismissModal } from './alerts';
export { AuditPage } from './audit';
export { AuthScreens } from './auth';
export { ImportFailure, ImportPreview, ImportRun, ImportsPage } from './imports';
export { GroupCreateForm, GroupDetail, ManualAdditions, PoliciesPage, PolicyWizard } from './policies';
export { CreateAccountForm, SettingsPage } from './settings';
export { AboutDialog, AppShell, NavbarPage, PAGE_IDS, type AuthState, type ColorScheme, type PageId } from './shell';
export { UsersPage } from './users';
export { WelcomePage } from './welcome';
