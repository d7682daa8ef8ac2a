/** Contract: first run, sign-in, locking and re-authentication. */
import { z } from 'zod';
import { PERMISSIONS } from '../access';
import { accountName, password, roleGroup } from './accounts';
import { done, method, noInput } from './spec';

export const authMethods = {
  'auth.status': method({
    summary: 'Whether first-run setup is needed, and who is signed in (or locked) on this session.',
    input: noInput,
    output: z.object({
      setupRequired: z.boolean(),
      account: z.object({ id: z.number().int(), name: z.string(), roleGroups: z.array(roleGroup) }).nullable(),
      locked: z.boolean(),
      permissions: z.array(z.enum(PERMISSIONS)),
      idleLockMinutes: z.number().int(),
    }),
    permission: 'public',
    audit: 'authentication',
  }),
  'auth.setup': method({
    summary: 'First run: create the first account (Insider Risk Management) and sign it in.',
    input: z.object({ name: accountName, password }).strict(),
    output: done,
    permission: 'public',
    audit: 'accounts',
  }),
  'auth.signIn': method({
    summary: 'Sign in with name and password (also unlocks a locked session).',
    input: z.object({ name: z.string().max(64), password: z.string().max(1024) }).strict(),
    output: done,
    permission: 'public',
    audit: 'authentication',
  }),
  'auth.signOut': method({
    summary: 'End this session.',
    input: noInput,
    output: done,
    permission: 'signedIn',
    audit: 'authentication',
  }),
  'auth.lock': method({
    summary: 'Lock this session (idle); the page stays and the password unlocks it.',
    input: noInput,
    output: done,
    permission: 'signedIn',
    audit: 'authentication',
  }),
  'auth.reauthenticate': method({
    summary: 'Re-enter the password before a sensitive action.',
    input: z.object({ password: z.string().max(1024) }).strict(),
    output: done,
    permission: 'signedIn',
    audit: 'authentication',
  }),
};
