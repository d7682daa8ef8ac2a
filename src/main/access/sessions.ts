/**
 * Sessions live in the main process only: one per Electron window, per harness cookie, per CLI run.
 * This module signs in (with back-off and a temporary lock after repeated failures), locks idle
 * sessions, and answers the router's authorization question for every call.
 */
import { holdsPermission, type Permission, type RoleGroup } from '../../shared/access';
import type { MethodName, Scope } from '../../shared/contract';
import { contract } from '../../shared/contract';
import { ApiFailure } from '../../shared/errors';
import type { Authorization, CallOrigin } from '../api/router';
import type { Database } from '../store/database';
import type { SettingsStore } from '../settings/settingsStore';
import { countAccounts, findAccount, findAccountByName, roleGroupsOf, scopesOf, type AccountRow } from './accounts';
import { UNMATCHABLE_HASH, verifyPassword } from './passwords';

/** Failed sign-ins before the temporary lock. */
export const MAX_FAILED_SIGN_INS = 5;
/** How long the temporary lock lasts. */
export const TEMPORARY_LOCK_MS = 15 * 60_000;
/** A re-authentication is good for this long. */
export const REAUTH_VALID_MS = 5 * 60_000;
/** Back-off before the next attempt after n failures (1 s, 2 s, 4 s, 8 s). */
export function backoffMs(failures: number): number {
  return failures >= MAX_FAILED_SIGN_INS ? TEMPORARY_LOCK_MS : 1000 * 2 ** Math.max(0, failures - 1);
}

/** Who is calling, as handlers see it. */
export interface Principal {
  accountId: number;
  name: string;
  roleGroups: RoleGroup[];
  scopes: Scope[];
  sessionId: string | null;
}

interface SessionState {
  accountId: number;
  lastActivity: number;
  locked: boolean;
  reauthAt: number;
}

/** The session manager. */
export interface Sessions {
  authorize(origin: CallOrigin, permission: Permission, options: { reauth: boolean; method: MethodName }): Authorization<Principal>;
  signIn(sessionId: string | null, name: string, password: string): Principal;
  reauthenticate(principal: Principal, password: string): void;
  lock(sessionId: string | null): void;
  end(sessionId: string | null): void;
  /** The session's state for auth.status. */
  status(sessionId: string | null): { principal: Principal | null; locked: boolean };
  /** Ends every session of an account (locked by an admin). */
  endSessionsOf(accountId: number): void;
}

/** Creates the session manager. */
export function createSessions(
  db: Database,
  settings: SettingsStore,
  clock: () => number,
  onChange: (sessionId: string, state: 'locked' | 'signedOut') => void,
): Sessions {
  const sessions = new Map<string, SessionState>();

  const principalOf = (sessionId: string, state: SessionState): Principal | null => {
    const row = findAccount(db, state.accountId);
    if (!row || row.locked === 1) return null;
    return { accountId: row.id, name: row.name, roleGroups: roleGroupsOf(db, row.id), scopes: scopesOf(db, row.id), sessionId };
  };

  /** Applies the idle lock and returns the live session (or null). */
  const live = (sessionId: string | null): SessionState | null => {
    if (!sessionId) return null;
    const state = sessions.get(sessionId);
    if (!state) return null;
    const idleMs = settings.get('session.idleLockMinutes') * 60_000;
    if (!state.locked && clock() - state.lastActivity > idleMs) {
      state.locked = true;
      onChange(sessionId, 'locked');
    }
    return state;
  };

  const deny = (principal: Principal | null, code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'SETUP_REQUIRED' | 'REAUTH_REQUIRED', message: string) =>
    ({ allowed: false, principal, code, message }) as const;

  const recordFailure = (row: AccountRow): void => {
    const failures = row.failed_attempts + 1;
    db.prepare('UPDATE accounts SET failed_attempts = @failures, locked_until = @lockedUntil WHERE id = @id').run({
      failures,
      lockedUntil: clock() + backoffMs(failures),
      id: row.id,
    });
  };

  return {
    authorize(origin, permission, { reauth, method }) {
      const state = live(origin.sessionId);
      const principal = state && !state.locked ? principalOf(origin.sessionId!, state) : null;
      if (permission === 'public') {
        // A live session's auth.status doubles as the renderer's keep-alive while the user is active.
        if (principal) state!.lastActivity = clock();
        return { allowed: true, principal };
      }
      if (countAccounts(db) === 0) return deny(null, 'SETUP_REQUIRED', 'Create the first account before anything else.');
      if (!principal) {
        return deny(null, 'UNAUTHENTICATED', state?.locked ? 'The session is locked; sign in again to continue.' : 'Sign in first.');
      }
      if (!holdsPermission(principal.roleGroups, permission)) {
        return deny(principal, 'FORBIDDEN', `Your role groups (${principal.roleGroups.join(', ')}) do not allow this: ${contract[method].summary}`);
      }
      if (reauth && clock() - state!.reauthAt > REAUTH_VALID_MS) {
        return deny(principal, 'REAUTH_REQUIRED', 'Enter your password again to confirm this sensitive action.');
      }
      state!.lastActivity = clock();
      return { allowed: true, principal };
    },

    signIn(sessionId, name, password) {
      if (!sessionId) throw new ApiFailure('UNAUTHENTICATED', 'This transport has no session to sign in to.');
      const row = findAccountByName(db, name);
      if (!row) {
        verifyPassword(password, UNMATCHABLE_HASH.hash, UNMATCHABLE_HASH.salt); // same cost as a real check: no name probing by timing
        throw new ApiFailure('UNAUTHENTICATED', 'Wrong account name or password.');
      }
      if (row.locked === 1) throw new ApiFailure('ACCOUNT_LOCKED', 'This account is locked. Ask an administrator to unlock it.');
      const now = clock();
      if (row.locked_until !== null && now < row.locked_until) {
        const seconds = Math.ceil((row.locked_until - now) / 1000);
        throw new ApiFailure(
          'ACCOUNT_LOCKED',
          row.failed_attempts >= MAX_FAILED_SIGN_INS
            ? `Too many failed sign-ins: this account is locked for ${Math.ceil(seconds / 60)} more minute(s).`
            : `Wait ${seconds} s before the next attempt.`,
        );
      }
      if (!verifyPassword(password, row.password_hash, row.password_salt)) {
        recordFailure(row);
        throw new ApiFailure('UNAUTHENTICATED', 'Wrong account name or password.');
      }
      db.prepare('UPDATE accounts SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = @now WHERE id = @id').run({ now, id: row.id });
      const state = { accountId: row.id, lastActivity: now, locked: false, reauthAt: now };
      sessions.set(sessionId, state);
      return principalOf(sessionId, state)!;
    },

    reauthenticate(principal, password) {
      const row = findAccount(db, principal.accountId)!;
      const state = principal.sessionId ? sessions.get(principal.sessionId) : undefined;
      if (!state || !verifyPassword(password, row.password_hash, row.password_salt)) {
        throw new ApiFailure('UNAUTHENTICATED', 'Wrong password.');
      }
      state.reauthAt = clock();
    },

    lock(sessionId) {
      const state = sessionId ? sessions.get(sessionId) : undefined;
      if (state) state.locked = true;
    },

    end(sessionId) {
      if (sessionId) sessions.delete(sessionId);
    },

    status(sessionId) {
      const state = live(sessionId);
      if (!state) return { principal: null, locked: false };
      if (state.locked) return { principal: principalOf(sessionId!, state), locked: true };
      return { principal: principalOf(sessionId!, state), locked: false };
    },

    endSessionsOf(accountId) {
      for (const [id, state] of sessions) {
        if (state.accountId === accountId) {
          sessions.delete(id);
          onChange(id, 'signedOut');
        }
      }
    },
  };
}
