/** Contract: the monitored persons, as this account may see them (scopes and priority groups apply). */
import { z } from 'zod';
import { method, noInput, paging } from './spec';

/** A person as it leaves the backend: pseudonymized while anonymization is on. */
export const personView = z.object({
  id: z.number().int(),
  displayName: z.string(),
  pseudonymized: z.boolean(),
  email: z.string().nullable(),
  department: z.string().nullable(),
  businessUnit: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  title: z.string().nullable(),
  manager: z.string().nullable(),
});
export type PersonView = z.infer<typeof personView>;

export const personMethods = {
  'persons.count': method({
    summary: 'How many persons this account may see.',
    input: noInput,
    output: z.object({ count: z.number().int() }),
    permission: 'viewUsers',
    audit: 'users',
  }),
  'persons.get': method({
    summary: 'One person by id, if this account may see them.',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: personView,
    permission: 'viewUsers',
    audit: 'users',
  }),
  'persons.list': method({
    summary: 'Persons this account may see, optionally filtered by text.',
    input: z.object({ text: z.string().max(200).optional(), ...paging }).strict(),
    output: z.object({ persons: z.array(personView), total: z.number().int() }),
    permission: 'viewUsers',
    audit: 'users',
  }),
};
