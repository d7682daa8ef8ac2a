/** The navbar's pages, their icons and the permissions that show them (DOMAIN.md §1). */
import {
  IconAlertTriangle,
  IconBell,
  IconBriefcase,
  IconChartBar,
  IconFileSearch,
  IconFileImport,
  IconListCheck,
  IconSettings,
  IconShieldCheck,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { Permission } from '../../../../shared/access';

/** Ids of the pages in the navbar (also their route and i18n key). */
export const PAGE_IDS = ['alerts', 'cases', 'content', 'users', 'policies', 'analytics', 'notices', 'imports', 'audit', 'settings'] as const;
/** One navbar page's id. */
export type PageId = (typeof PAGE_IDS)[number];

/** One navbar entry. */
export interface NavigationItem {
  id: PageId;
  path: `/${PageId}`;
  icon: Icon;
  /** Shown when the account holds any of these. */
  anyOf: readonly Permission[];
}

/** The navbar, in order. */
export const NAVIGATION: readonly NavigationItem[] = [
  { id: 'alerts', path: '/alerts', icon: IconAlertTriangle, anyOf: ['triageAlerts'] },
  { id: 'cases', path: '/cases', icon: IconBriefcase, anyOf: ['workCases'] },
  { id: 'content', path: '/content', icon: IconFileSearch, anyOf: ['openContent'] },
  { id: 'users', path: '/users', icon: IconUsers, anyOf: ['viewUsers'] },
  { id: 'policies', path: '/policies', icon: IconListCheck, anyOf: ['configure'] },
  { id: 'analytics', path: '/analytics', icon: IconChartBar, anyOf: ['viewAnalytics'] },
  { id: 'notices', path: '/notices', icon: IconBell, anyOf: ['manageNoticeTemplates'] },
  { id: 'imports', path: '/imports', icon: IconFileImport, anyOf: ['configure'] },
  { id: 'audit', path: '/audit', icon: IconShieldCheck, anyOf: ['viewAudit'] },
  { id: 'settings', path: '/settings', icon: IconSettings, anyOf: ['configure', 'manageAccounts'] },
];

/** The navbar entries this account may use. */
export function allowedNavigation(permissions: readonly Permission[]): NavigationItem[] {
  return NAVIGATION.filter((item) => item.anyOf.some((permission) => permissions.includes(permission)));
}
