/** Handlers for accounts.*: accounts, their role groups and scopes (DOMAIN.md §1). */
import { ApiFailure } from '../../shared/errors';
import {
  createAccount,
  requireAccount,
  resetAccountPassword,
  setAccountLocked,
  setAccountRoleGroups,
  setAccountScopes,
  summarizeAccount,
} from '../access/accounts';
import type { AreaHandlersOf, BackendContext } from '../context/backendContext';

/** Handlers for the accounts area. */
export function accountHandlers({ db, sessions, clock }: BackendContext): AreaHandlersOf<'accounts'> {
  const summary = (accountId: number) => summarizeAccount(db, requireAccount(db, accountId));
  return {
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
