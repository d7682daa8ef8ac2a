/** Handlers for auth.*: first run, sign-in, sign-out, lock and re-authentication. */
import { permissionsOf } from '../../shared/access';
import { ApiFailure } from '../../shared/errors';
import { countAccounts, createAccount } from '../access/accounts';
import type { AreaHandlersOf, BackendContext } from '../context/backendContext';

/** Handlers for the auth area. */
export function authHandlers({ db, sessions, settings, clock }: BackendContext): AreaHandlersOf<'auth'> {
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
  };
}
