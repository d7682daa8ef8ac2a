/** Handlers for persons.*: what this account may see, pseudonymized while anonymization is on. */
import type { Handlers } from '../api/router';
import type { Principal } from '../access/sessions';
import type { BackendContext } from '../context/backendContext';
import { countPersons, getPerson, listPersons } from './personsRepository';

/** Handlers for the persons directory. */
export function personHandlers({ db, keys, anonymized }: BackendContext): Pick<Handlers<Principal>, `persons.${'count' | 'get' | 'list'}`> {
  const presentation = () => ({ anonymized: anonymized(), secret: keys.pseudonymSecret });
  return {
    'persons.count': (_input, context) => ({ count: countPersons(db, context.principal!) }),
    'persons.get': (input, context) => {
      const person = getPerson(db, context.principal!, presentation(), input.id);
      context.audit({ targets: [`person:${person.displayName}`] });
      return person;
    },
    'persons.list': (input, context) => listPersons(db, context.principal!, presentation(), input),
  };
}
