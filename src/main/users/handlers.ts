/** Handlers for users.* (the Users page): everyone in a policy's scope the caller may see, and why. */
import type { AreaHandlersOf, BackendContext } from '../context/backendContext';
import { getUser, listUsers } from './userQueries';

/** Handlers for the users area. */
export function userHandlers({ db, keys, anonymized }: BackendContext): AreaHandlersOf<'users'> {
  const presentation = () => ({ anonymized: anonymized(), secret: keys.pseudonymSecret });
  return {
    'users.list': (input, call) => listUsers(db, call.principal!, presentation(), input),
    'users.get': (input, call) => {
      const user = getUser(db, call.principal!, presentation(), input.id);
      call.audit({ targets: [`person:${user.person.displayName}`] });
      return user;
    },
  };
}
