/** The signed-in session as the UI sees it: who, which permissions, whether it is locked. */
import { createContext, useContext } from 'react';
import type { Permission, RoleGroup } from '../../../../shared/access';

/** The account and permissions the shell works with. */
export interface Session {
  account: { id: number; name: string; roleGroups: RoleGroup[] };
  /** What the account may use; the backend enforces the same on every call. */
  permissions: readonly Permission[];
  locked: boolean;
  idleLockMinutes: number;
  /** Ends the session and returns to the sign-in screen. */
  signOut(): Promise<void>;
  /** Locks the session now (the page stays underneath). */
  lock(): Promise<void>;
}

/** Provided by AuthGate while an account is signed in (locked or not). */
export const SessionContext = createContext<Session | null>(null);

/** The current session (only inside the auth gate's signed-in branch). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside AuthGate');
  return session;
}

/** True when the account holds at least one of the permissions (an empty list means anyone signed in). */
export function holdsAny(permissions: readonly Permission[], required: readonly Permission[]): boolean {
  return required.length === 0 || required.some((permission) => permissions.includes(permission));
}
