/** Contract: accounts, role groups and scopes (Settings → Accounts & roles). */
import { z } from 'zod';
import { ROLE_GROUPS } from '../access';
import { method, noInput } from './spec';

/** Account names: short, printable, no control characters. */
export const accountName = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'letters, digits and . _ @ - only');
/** Passwords: at least 12 characters. */
export const password = z.string().min(12, 'at least 12 characters').max(1024);
export const roleGroup = z.enum(ROLE_GROUPS);
/** Person attributes an account can be scoped to. */
export const SCOPE_ATTRIBUTES = ['region', 'country', 'businessUnit', 'department'] as const;
export type ScopeAttribute = (typeof SCOPE_ATTRIBUTES)[number];
export const scope = z.object({
  attribute: z.enum(SCOPE_ATTRIBUTES),
  values: z.array(z.string().trim().min(1).max(200)).min(1).max(200),
});
export type Scope = z.infer<typeof scope>;

export const accountSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  roleGroups: z.array(roleGroup),
  scopes: z.array(scope),
  locked: z.boolean(),
  createdAt: z.number().int(),
  lastSignInAt: z.number().int().nullable(),
});
export type AccountSummary = z.infer<typeof accountSummary>;

const accountId = z.number().int().positive();

export const accountMethods = {
  'accounts.create': method({
    summary: 'Create an account with role groups and scopes.',
    input: z
      .object({ name: accountName, password, roleGroups: z.array(roleGroup).min(1), scopes: z.array(scope).default([]) })
      .strict(),
    output: accountSummary,
    permission: 'manageAccounts',
    audit: 'accounts',
  }),
  'accounts.list': method({
    summary: 'All accounts (accounts are never deleted, only locked).',
    input: noInput,
    output: z.array(accountSummary),
    permission: 'manageAccounts',
    audit: 'accounts',
  }),
  'accounts.resetPassword': method({
    summary: 'Set a new password for an account and clear its failed sign-ins.',
    input: z.object({ accountId, password }).strict(),
    output: accountSummary,
    permission: 'manageAccounts',
    audit: 'accounts',
    reauth: true,
  }),
  'accounts.setLocked': method({
    summary: 'Lock or unlock an account (the zero-administrator guard applies).',
    input: z.object({ accountId, locked: z.boolean(), reason: z.string().max(500).optional() }).strict(),
    output: accountSummary,
    permission: 'manageAccounts',
    audit: 'accounts',
  }),
  'accounts.setRoleGroups': method({
    summary: 'Replace the role groups of an account (the zero-administrator guard applies).',
    input: z.object({ accountId, roleGroups: z.array(roleGroup).min(1) }).strict(),
    output: accountSummary,
    permission: 'manageAccounts',
    audit: 'accounts',
    reauth: true,
  }),
  'accounts.setScopes': method({
    summary: 'Restrict an account to values of person attributes; an empty list means unrestricted.',
    input: z.object({ accountId, scopes: z.array(scope) }).strict(),
    output: accountSummary,
    permission: 'manageAccounts',
    audit: 'accounts',
  }),
};
