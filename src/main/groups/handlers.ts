/**
 * Handlers for groups.*: priority user groups (with who may view their members) and pilot groups.
 * Every change is audited and marks the policies for a re-score (scoring/scoringService.ts).
 */
import type { AreaHandlersOf, BackendContext } from '../context/backendContext';
import { rescoreAfterChange } from '../scoring/scoringService';
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from './groupRepository';

/** Handlers for the groups area. */
export function groupHandlers(context: BackendContext): AreaHandlersOf<'groups'> {
  const { db, clock, keys, anonymized } = context;
  const presentation = () => ({ anonymized: anonymized(), secret: keys.pseudonymSecret });
  const changed = rescoreAfterChange.bind(null, context);
  return {
    'groups.list': (input, call) => listGroups(db, call.principal!, input.kind),
    'groups.get': (input, call) => getGroup(db, call.principal!, presentation(), input.id),
    'groups.create': (input, call) => {
      call.audit({
        targets: [`group:${input.name}`],
        after: { kind: input.kind, viewers: { accounts: input.viewerAccountIds, roleGroups: input.viewerRoleGroups } },
      });
      const id = createGroup(db, call.principal!, input);
      const group = getGroup(db, call.principal!, presentation(), id);
      call.audit({ after: { kind: input.kind, members: group.members, viewers: group.viewers } });
      changed(call, { kind: 'groupCreated', name: input.name });
      const { persons: _persons, ...summary } = group;
      return summary;
    },
    'groups.update': (input, call) => {
      const before = getGroup(db, call.principal!, presentation(), input.id);
      call.audit({ targets: [`group:${before.name}`], before: { members: before.members, viewers: before.viewers } });
      const result = updateGroup(db, call.principal!, input);
      const after = getGroup(db, call.principal!, presentation(), input.id);
      call.audit({ after: { members: after.members, added: result.added, removed: result.removed, viewers: after.viewers } });
      changed(call, { kind: 'groupChanged', name: before.name });
      const { persons: _persons, ...summary } = after;
      return summary;
    },
    'groups.delete': (input, call) => {
      const before = getGroup(db, call.principal!, presentation(), input.id);
      call.audit({ targets: [`group:${before.name}`], before: { kind: before.kind, members: before.members } });
      const pausedPolicies = deleteGroup(db, input.id, clock());
      call.audit({ after: { pausedPolicies } });
      changed(call, { kind: 'groupDeleted', name: before.name });
      return { pausedPolicies };
    },
  };
}
