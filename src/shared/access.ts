/** Role groups and the permission matrix of DOMAIN.md §1, declared once for the whole app. */

/** The six role groups an account can belong to. */
export const ROLE_GROUPS = [
  'InsiderRiskManagement',
  'Admins',
  'Analysts',
  'Investigators',
  'Auditors',
  'Approvers',
] as const;
export type RoleGroup = (typeof ROLE_GROUPS)[number];

/** Permissions that contract methods require. `public` needs no session, `signedIn` any account. */
export const PERMISSIONS = [
  'public',
  'signedIn',
  'configure',
  'manageAccounts',
  'viewAnalytics',
  'triageAlerts',
  'workCases',
  'openContent',
  'manageNoticeTemplates',
  'viewUsers',
  'viewAudit',
  'approveReveals',
  'exportBundles',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Which role groups hold each permission (DOMAIN.md §1). */
export const PERMISSION_MATRIX: Record<Exclude<Permission, 'public' | 'signedIn'>, readonly RoleGroup[]> = {
  configure: ['InsiderRiskManagement', 'Admins'],
  manageAccounts: ['InsiderRiskManagement', 'Admins'],
  viewAnalytics: ['InsiderRiskManagement', 'Admins', 'Analysts'],
  triageAlerts: ['InsiderRiskManagement', 'Analysts', 'Investigators'],
  workCases: ['InsiderRiskManagement', 'Analysts', 'Investigators'],
  openContent: ['InsiderRiskManagement', 'Investigators'],
  manageNoticeTemplates: ['InsiderRiskManagement', 'Analysts', 'Investigators'],
  viewUsers: ['InsiderRiskManagement', 'Admins', 'Analysts', 'Investigators'],
  viewAudit: ['InsiderRiskManagement', 'Auditors'],
  approveReveals: ['InsiderRiskManagement', 'Approvers'],
  exportBundles: ['InsiderRiskManagement', 'Analysts', 'Investigators'],
};

/** Role groups that count for the zero-administrator guard. */
export const ADMIN_ROLE_GROUPS: readonly RoleGroup[] = ['InsiderRiskManagement', 'Admins'];

/** True when an account with these role groups holds the permission. */
export function holdsPermission(roleGroups: readonly RoleGroup[], permission: Permission): boolean {
  if (permission === 'public') return true;
  if (permission === 'signedIn') return roleGroups.length > 0;
  return PERMISSION_MATRIX[permission].some((group) => roleGroups.includes(group));
}

/** Every permission an account with these role groups holds (for the UI to hide what it may not use). */
export function permissionsOf(roleGroups: readonly RoleGroup[]): Permission[] {
  return PERMISSIONS.filter((permission) => holdsPermission(roleGroups, permission));
}
