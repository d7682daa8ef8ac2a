/** Handlers for auth.* and accounts.*. */
import { permissionsOf } from '../../shared/access';
import { ApiFailure } from '../../shared/errors';
import type { Handlers } from '../api/router';
import type { BackendContext } from '../backend';
import {
  countAccounts,
  createAccount,
  findAccount,
  requireAccount,
  resetAccountPassword,
  setAccountLocked,
  setAccountRoleGroups,
  setAccountScopes,
  summarizeAccount,
} from './accounts';
import type { Principal } from './sessions';

type AccessMethods = `auth.${string}` | `accounts.${string}`;

/** Handlers for first run, sign-in and account management. */
export function accessHandlers({ db, sessions, settings, clock }: BackendContext): Pick<Handlers<Principal>, Extract<keyof Handlers<Principal>, AccessMethods>> {
  const summary = (accountId: number) => summarizeAccount(db, requireAccount(db, accountId));
  return {
    'auth.status': (_input, context) => {
      const { principal, locked } = sessions.status(context.origin.sessionId);
      return {
        setupRequired: countAccounts(db) === 0,
        account: principal ? { id: principal.accountId, name: principal.name, roleGroups: principal.roleGroups } : null,
        locked,
        permissions: principal && !locked ? permissionsOf(principal.roleGroups) : [],
        idleLockMinutes: settings.get('session.idleLockMinutes'),
      };
    },
    'auth.setup': (input, context) => {
      const account = db.transaction(() => {
        if (countAccounts(db) > 0) throw new ApiFailure('CONFLICT', 'This workstation is already set up; sign in instead.');
        return createAccount(db, { ...input, roleGroups: ['InsiderRiskManagement'], scopes: [] }, clock());
      })();
      context.audit({ targets: [`account:${account.name}`], after: { roleGroups: ['InsiderRiskManagement'] } });
      if (context.origin.sessionId) context.principal = sessions.signIn(context.origin.sessionId, input.name, input.password);
      return { done: true as const };
    },
    'auth.signIn': (input, context) => {
      context.audit({ targets: [`account:${input.name}`] });
      context.principal = sessions.signIn(context.origin.sessionId, input.name, input.password);
      return { done: true as const };
    },
    'auth.signOut': (_input, context) => {
      sessions.end(context.origin.sessionId);
      return { done: true as const };
    },
    'auth.lock': (_input, context) => {
      sessions.lock(context.origin.sessionId);
      return { done: true as const };
    },
    'auth.reauthenticate': (input, context) => {
      sessions.reauthenticate(context.principal!, input.password);
      return { done: true as const };
    },

    'accounts.create': (input, context) => {
      const row = createAccount(db, input, clock());
      const created = summarizeAccount(db, row);
      context.audit({ targets: [`account:${row.name}`], after: { roleGroups: created.roleGroups, scopes: created.scopes } });
      return created;
    },
    'accounts.list': () =>
      (db.prepare('SELECT id FROM accounts ORDER BY name').all() as { id: number }[]).map((row) => summary(row.id)),
    'accounts.resetPassword': (input, context) => {
      const row = resetAccountPassword(db, input.accountId, input.password);
      context.audit({ targets: [`account:${row.name}`] });
      return summary(row.id);
    },
    'accounts.setLocked': (input, context) => {
      const before = summary(input.accountId);
      context.audit({ targets: [`account:${before.name}`], before: { locked: before.locked }, reason: input.reason ?? null });
      if (input.locked && input.accountId === context.principal!.accountId) {
        throw new ApiFailure('CONFLICT', 'You cannot lock your own account; ask another administrator.');
      }
      setAccountLocked(db, input.accountId, input.locked);
      if (input.locked) sessions.endSessionsOf(input.accountId);
      context.audit({ after: { locked: input.locked } });
      return summary(input.accountId);
    },
    'accounts.setRoleGroups': (input, context) => {
      const before = summary(input.accountId);
      context.audit({ targets: [`account:${before.name}`], before: { roleGroups: before.roleGroups } });
      setAccountRoleGroups(db, input.accountId, input.roleGroups);
      const after = summary(input.accountId);
      context.audit({ after: { roleGroups: after.roleGroups } });
      return after;
    },
    'accounts.setScopes': (input, context) => {
      const before = summary(input.accountId);
      context.audit({ targets: [`account:${before.name}`], before: { scopes: before.scopes } });
      setAccountScopes(db, input.accountId, input.scopes);
      const after = summary(input.accountId);
      context.audit({ after: { scopes: after.scopes } });
      return after;
    },
  };
}

export { findAccount };
