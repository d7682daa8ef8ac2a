/**
 * What each action refreshes: the one place that says which cached answers a contract method (or
 * a backend event) makes stale. useApiMutation applies an action's after success, useBackgroundRefresh
 * (api.ts, mounted once at the app root) an event's, useRefresh one applied later by hand; components
 * never name query keys. Every query key starts with its method name (`['alerts.list', input]`), so a
 * target is either a whole contract area (`'users'`: every `users.*` query), one method
 * (`'alerts.summary'`), or `'everything'`.
 *
 * The table covers every contract method (the type checker refuses a missing or unknown one), so a
 * new method cannot be forgotten: a read is marked `QUERY`, an action lists what it changes.
 */
import type { MethodName } from '../../shared/contract';

type AreaOf<M extends string> = M extends `${infer A}.${string}` ? A : never;

/** A contract area (`alerts`, `users`, ...): the prefix of its methods' names. */
export type QueryArea = AreaOf<MethodName>;

/** What an action refreshes: every query of an area, the queries of one method, or all of them. */
export type RefreshTarget = QueryArea | MethodName | 'everything';

/** Marks a method that only reads: it is used through useApiQuery and changes nothing. */
export const QUERY = 'query';

// Shared targets: the same data changes after these groups of actions.
/** Triage changes the queue, its widgets, the detail, the users' risk and the policies' alert counts (and confirming opens a case). */
const TRIAGED = ['alerts.list', 'alerts.summary', 'alerts.get', 'users', 'policies.list', 'cases'] as const;
/** A finished scoring run changes policies, alerts and users. */
const SCORED = ['policies.list', 'policies.get', 'scoring', 'alerts.list', 'alerts.summary', 'alerts.get', 'users'] as const;
/** A policy edit changes the policy lists, the scoring status (a re-score is due or starts), the policy filter of the queue and the groups' usage. */
const POLICY_EDITED = ['policies.list', 'policies.get', 'scoring', 'alerts.summary', 'groups'] as const;
/** Who holds which role changes the account list and who alerts can be assigned to. */
const ACCOUNTS_CHANGED = ['accounts', 'alerts.assignees', 'alerts.summary'] as const;

/** After each contract method succeeds, the queries it makes stale (reads are `QUERY`). */
export const REFRESH_AFTER = {
  'app.info': QUERY,
  'auth.status': QUERY,
  'auth.setup': ['auth.status'],
  // The lock screen keeps the page mounted: everything it asked for while locked failed.
  'auth.signIn': ['everything'],
  'auth.signOut': ['auth.status'],
  'auth.lock': ['auth.status'],
  'auth.reauthenticate': [],
  'accounts.create': ACCOUNTS_CHANGED,
  'accounts.list': QUERY,
  'accounts.resetPassword': ['accounts'],
  'accounts.setLocked': ACCOUNTS_CHANGED,
  // One's own role groups may change what the app shows (auth.status carries the permissions).
  'accounts.setRoleGroups': [...ACCOUNTS_CHANGED, 'auth.status'],
  'accounts.setScopes': ['accounts'],
  // Exporting and verifying are audited: the list shows the new entry.
  'audit.exportCsv': ['audit'],
  'audit.list': QUERY,
  'audit.verify': ['audit'],
  'persons.count': QUERY,
  'persons.get': QUERY,
  'persons.list': QUERY,
  'imports.browse': QUERY,
  // The demo fills every page; DemoDataCard applies this once the demo's imports have ended.
  // The demo's data arrives with its job ('demo job ended' below); now only the job lists change.
  'imports.loadDemo': ['jobs'],
  'imports.preview': [],
  'imports.start': ['imports.list'],
  // The job's end event refreshes the import (see REFRESH_AFTER_EVENT).
  'imports.cancel': [],
  'imports.list': QUERY,
  'imports.get': QUERY,
  'imports.rejects': [],
  'imports.retry': ['imports.list'],
  'settings.list': QUERY,
  'settings.get': QUERY,
  'settings.set': ['settings', 'scoring', 'policies.list'],
  'settings.reset': ['settings', 'scoring', 'policies.list'],
  // Every person-bearing answer changes.
  'settings.setAnonymization': ['everything'],
  'settings.organisationDomains': QUERY,
  'policies.templates': QUERY,
  'policies.list': QUERY,
  'policies.get': QUERY,
  'policies.previewScope': QUERY,
  'policies.create': POLICY_EDITED,
  'policies.update': POLICY_EDITED,
  'policies.setState': POLICY_EDITED,
  'policies.copy': POLICY_EDITED,
  // Its alerts go with it.
  'policies.delete': [...SCORED, 'groups'],
  'policies.addPersons': ['policies.list', 'policies.get', 'scoring', 'users.list'],
  'policies.removePerson': ['policies.list', 'policies.get', 'scoring', 'users.list'],
  'groups.list': QUERY,
  'groups.get': QUERY,
  'groups.create': ['groups', 'policies.list', 'policies.get', 'scoring'],
  'groups.update': ['groups', 'policies.list', 'policies.get', 'scoring'],
  'groups.delete': ['groups', 'policies.list', 'policies.get', 'scoring'],
  // The run is queued as a job and answers at once; its results refresh when the job ends (below).
  'scoring.run': ['scoring', 'jobs'],
  'scoring.status': QUERY,
  'alerts.list': QUERY,
  'alerts.summary': QUERY,
  'alerts.get': QUERY,
  'alerts.activities': QUERY,
  'alerts.activityChart': QUERY,
  'alerts.dismiss': TRIAGED,
  'alerts.assign': TRIAGED,
  'alerts.confirm': TRIAGED,
  'alerts.assignees': QUERY,
  'users.list': QUERY,
  'users.get': QUERY,
  'cases.addContributor': ['cases'],
  'cases.addNote': ['cases'],
  'cases.get': QUERY,
  'cases.list': QUERY,
  'cases.notes': QUERY,
  'cases.removeContributor': ['cases'],
  'jobs.list': QUERY,
  'jobs.get': QUERY,
  // A cancelled import or scoring run ends with its job-ended event; the lists show the new state now.
  'jobs.cancel': ['jobs', 'imports', 'scoring'],
} as const satisfies Record<MethodName, typeof QUERY | readonly RefreshTarget[]>;

/** A method that changes something: the only kind useApiMutation runs. */
export type ActionMethod = { [M in MethodName]: (typeof REFRESH_AFTER)[M] extends typeof QUERY ? never : M }[MethodName];

/** What a backend event makes stale (jobs end in the background; the session can end from main). */
export const REFRESH_AFTER_EVENT = {
  /** main locked or ended the session. */
  'session.changed': ['auth.status'],
  /** A scoring job (started by "Score now" or by a policy change) ended. */
  'scoring job ended': SCORED,
  /** An import ended: what it added shows up on the Users, Policies and Alerts pages. */
  'import job ended': ['imports.list', 'imports.get', 'policies.list', 'policies.templates', 'persons'],
  /** The demo ended (its imports, policies and scoring run): every page has new data. */
  'demo job ended': ['everything'],
} as const satisfies Record<string, readonly RefreshTarget[]>;

/** A backend event with declared refreshes. */
export type RefreshEvent = keyof typeof REFRESH_AFTER_EVENT;

/** The event a job's end is, by its `job.progress` kind (other kinds refresh nothing by themselves). */
const JOB_END_EVENTS: Readonly<Record<string, RefreshEvent>> = {
  scoring: 'scoring job ended',
  import: 'import job ended',
  demo: 'demo job ended',
};

/** The declared event of a `job.progress` report: a job of a known kind that is no longer running. */
export function jobEndEvent(job: { kind: string; state: string }): RefreshEvent | null {
  return job.state === 'running' ? null : (JOB_END_EVENTS[job.kind] ?? null);
}

/** What a finished action or an event refreshes. */
export function refreshTargetsOf(cause: ActionMethod | RefreshEvent): readonly RefreshTarget[] {
  return cause in REFRESH_AFTER_EVENT
    ? REFRESH_AFTER_EVENT[cause as RefreshEvent]
    : (REFRESH_AFTER[cause as ActionMethod] as readonly RefreshTarget[]);
}

/** True when a query with this key is refreshed by one of these targets. */
export function isRefreshedBy(queryKey: readonly unknown[], targets: readonly RefreshTarget[]): boolean {
  const name = queryKey[0];
  if (typeof name !== 'string') return false;
  return targets.some((target) => target === 'everything' || target === name || name.startsWith(`${target}.`));
}
