/** Contract: priority user groups (with who may view their members) and pilot groups (DOMAIN.md §5). */
import { z } from 'zod';
import { ROLE_GROUPS } from '../access';
import { personView } from './persons';
import { personRefs } from './policies';
import { method } from './spec';

const id = z.number().int().positive();

/** A priority user group or pilot group. */
export const groupView = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['priority', 'pilot']),
  /** Members this account may see. */
  members: z.number().int(),
  viewers: z.object({
    accounts: z.array(z.object({ id: z.number().int(), name: z.string() })),
    roleGroups: z.array(z.enum(ROLE_GROUPS)),
  }),
  usedBy: z.array(z.object({ id: z.number().int(), name: z.string() })),
});

export const groupMethods = {
  'groups.list': method({
    summary: 'Priority user groups and pilot groups, with member counts, viewers and the policies using them.',
    input: z.object({ kind: z.enum(['priority', 'pilot']).optional() }).strict(),
    output: z.array(groupView),
    permission: 'configure',
    audit: 'policies',
  }),
  'groups.get': method({
    summary: 'One group with the members this account may see.',
    input: z.object({ id }).strict(),
    output: groupView.extend({ persons: z.array(personView) }),
    permission: 'configure',
    audit: 'policies',
  }),
  'groups.create': method({
    summary: 'Create a priority user group (with who may view its members) or a pilot group.',
    input: z
      .object({
        name: z.string().trim().min(1).max(200),
        kind: z.enum(['priority', 'pilot']),
        ...personRefs,
        viewerAccountIds: z.array(id).max(200).default([]),
        viewerRoleGroups: z.array(z.enum(ROLE_GROUPS)).max(6).default([]),
      })
      .strict(),
    output: groupView,
    permission: 'configure',
    audit: 'policies',
  }),
  'groups.update': method({
    summary: 'Add or remove members of a group, or change who may view a priority group (the name is fixed).',
    input: z
      .object({
        id,
        add: z.object(personRefs).strict().optional(),
        remove: z
          .object({ personIds: z.array(id).max(10_000) })
          .strict()
          .optional(),
        viewerAccountIds: z.array(id).max(200).optional(),
        viewerRoleGroups: z.array(z.enum(ROLE_GROUPS)).max(6).optional(),
      })
      .strict(),
    output: groupView,
    permission: 'configure',
    audit: 'policies',
  }),
  'groups.delete': method({
    summary: 'Delete a group; policies that use it are paused.',
    input: z.object({ id }).strict(),
    output: z.object({ pausedPolicies: z.array(z.number().int()) }),
    permission: 'configure',
    audit: 'policies',
  }),
};
