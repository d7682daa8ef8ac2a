/**
 * Priority user groups (who may view their members) and pilot groups: named sets of persons that
 * policies scope to. Deleting a group pauses ("idles") the policies that used it.
 */
import type { Database } from '../store/database';
import type { RoleGroup } from '../../shared/access';
import type { PersonView } from '../../shared/contract';
import { ApiFailure } from '../../shared/errors';
import { personVisibility } from '../access/visibility';
import type { Principal } from '../access/sessions';
import { presentPersonsById, type Presentation } from '../privacy/people';
import { resolvePersons } from '../policies/policyRepository';

/** A group as the API shows it. */
export interface GroupView {
  id: number;
  name: string;
  kind: 'priority' | 'pilot';
  members: number;
  viewers: { accounts: { id: number; name: string }[]; roleGroups: RoleGroup[] };
  usedBy: { id: number; name: string }[];
}

/** Policies (not deleted) that use a group in their scope or as their priority groups. */
export function policiesUsingGroup(db: Database, groupId: number): { id: number; name: string }[] {
  return db
    .prepare(
      `SELECT id, name FROM policies WHERE deleted_at IS NULL AND (
         id IN (SELECT policy_id FROM policy_scope_rules WHERE group_id = @groupId) OR
         id IN (SELECT policy_id FROM policy_priority_groups WHERE group_id = @groupId))
       ORDER BY name, id`,
    )
    .all({ groupId }) as { id: number; name: string }[];
}

function viewGroup(db: Database, principal: Principal, row: { id: number; name: string; kind: 'priority' | 'pilot' }): GroupView {
  const visibility = personVisibility(principal);
  const members = (
    db
      .prepare(
        `SELECT count(*) AS n FROM person_group_members gm JOIN persons p ON p.id = gm.person_id WHERE gm.group_id = @groupId AND ${visibility.sql}`,
      )
      .get({ ...visibility.params, groupId: row.id }) as { n: number }
  ).n;
  const viewers = db
    .prepare(
      'SELECT v.account_id AS accountId, a.name, v.role_group AS roleGroup FROM person_group_viewers v LEFT JOIN accounts a ON a.id = v.account_id WHERE v.group_id = @groupId',
    )
    .all({ groupId: row.id }) as { accountId: number | null; name: string | null; roleGroup: RoleGroup | null }[];
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    members,
    viewers: {
      accounts: viewers.filter((v) => v.accountId !== null).map((v) => ({ id: v.accountId!, name: v.name ?? '' })),
      roleGroups: viewers.filter((v) => v.roleGroup !== null).map((v) => v.roleGroup!),
    },
    usedBy: policiesUsingGroup(db, row.id),
  };
}

function requireGroup(db: Database, id: number): { id: number; name: string; kind: 'priority' | 'pilot' } {
  const row = db.prepare('SELECT id, name, kind FROM person_groups WHERE id = @id').get({ id }) as
    { id: number; name: string; kind: 'priority' | 'pilot' } | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `No person group with id ${id}.`);
  return row;
}

/** Every group (optionally of one kind), by name. */
export function listGroups(db: Database, principal: Principal, kind?: 'priority' | 'pilot'): GroupView[] {
  const rows = db
    .prepare('SELECT id, name, kind FROM person_groups WHERE kind = coalesce(@kind, kind) ORDER BY name, id')
    .all({ kind: kind ?? null }) as {
    id: number;
    name: string;
    kind: 'priority' | 'pilot';
  }[];
  return rows.map((row) => viewGroup(db, principal, row));
}

/** One group with the members the caller may see. */
export function getGroup(
  db: Database,
  principal: Principal,
  presentation: Presentation,
  id: number,
): GroupView & { persons: PersonView[] } {
  const row = requireGroup(db, id);
  const ids = db
    .prepare('SELECT person_id FROM person_group_members WHERE group_id = @groupId ORDER BY person_id')
    .pluck()
    .all({ groupId: id }) as number[];
  return { ...viewGroup(db, principal, row), persons: presentPersonsById(db, principal, presentation, ids) };
}

function writeViewers(db: Database, groupId: number, accountIds: number[], roleGroups: RoleGroup[]): void {
  for (const accountId of accountIds) {
    if (!db.prepare('SELECT 1 FROM accounts WHERE id = @accountId').get({ accountId }))
      throw new ApiFailure('NOT_FOUND', `No account with id ${accountId}.`);
  }
  db.prepare('DELETE FROM person_group_viewers WHERE group_id = @groupId').run({ groupId });
  const insert = db.prepare(
    'INSERT INTO person_group_viewers (group_id, account_id, role_group) VALUES (@groupId, @accountId, @roleGroup)',
  );
  for (const accountId of new Set(accountIds)) insert.run({ groupId, accountId, roleGroup: null });
  for (const roleGroup of new Set(roleGroups)) insert.run({ groupId, accountId: null, roleGroup });
}

/** Creates a group; a priority group needs at least one viewer (account or role group). */
export function createGroup(
  db: Database,
  principal: Principal,
  input: {
    name: string;
    kind: 'priority' | 'pilot';
    personIds: number[];
    personKeys: string[];
    viewerAccountIds: number[];
    viewerRoleGroups: RoleGroup[];
  },
): number {
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM person_groups WHERE name = @name').get({ name: input.name }))
      throw new ApiFailure('CONFLICT', `A group named "${input.name}" already exists.`);
    if (input.kind === 'priority' && input.viewerAccountIds.length + input.viewerRoleGroups.length === 0) {
      throw new ApiFailure(
        'INVALID_INPUT',
        'A priority user group needs at least one account or role group that may view its members.',
      );
    }
    if (input.kind === 'pilot' && input.viewerAccountIds.length + input.viewerRoleGroups.length > 0) {
      throw new ApiFailure('INVALID_INPUT', 'Pilot groups do not restrict who may view their members; leave the viewers empty.');
    }
    const members = resolvePersons(db, principal, input);
    if (members.unknownKeys.length > 0)
      throw new ApiFailure('NOT_FOUND', `No person with key ${members.unknownKeys.slice(0, 5).join(', ')}.`);
    const id = Number(
      db.prepare('INSERT INTO person_groups (name, kind) VALUES (@name, @kind)').run({ name: input.name, kind: input.kind })
        .lastInsertRowid,
    );
    const insert = db.prepare('INSERT OR IGNORE INTO person_group_members (group_id, person_id) VALUES (@groupId, @personId)');
    for (const personId of members.ids) insert.run({ groupId: id, personId });
    writeViewers(db, id, input.viewerAccountIds, input.viewerRoleGroups);
    return id;
  })();
}

/** Adds or removes members, or changes a priority group's viewers. */
export function updateGroup(
  db: Database,
  principal: Principal,
  input: {
    id: number;
    add?: { personIds: number[]; personKeys: string[] };
    remove?: { personIds: number[] };
    viewerAccountIds?: number[];
    viewerRoleGroups?: RoleGroup[];
  },
): { added: number; removed: number } {
  return db.transaction(() => {
    const group = requireGroup(db, input.id);
    let added = 0;
    let removed = 0;
    if (input.add) {
      const members = resolvePersons(db, principal, input.add);
      if (members.unknownKeys.length > 0)
        throw new ApiFailure('NOT_FOUND', `No person with key ${members.unknownKeys.slice(0, 5).join(', ')}.`);
      const insert = db.prepare('INSERT OR IGNORE INTO person_group_members (group_id, person_id) VALUES (@groupId, @personId)');
      for (const personId of members.ids) added += insert.run({ groupId: group.id, personId }).changes;
    }
    if (input.remove) {
      const visible = resolvePersons(db, principal, { personIds: input.remove.personIds, personKeys: [] });
      const remove = db.prepare('DELETE FROM person_group_members WHERE group_id = @groupId AND person_id = @personId');
      for (const personId of visible.ids) removed += remove.run({ groupId: group.id, personId }).changes;
    }
    if (input.viewerAccountIds !== undefined || input.viewerRoleGroups !== undefined) {
      if (group.kind !== 'priority') throw new ApiFailure('INVALID_INPUT', 'Only priority user groups have viewers.');
      const current = viewGroup(db, principal, group).viewers;
      const accounts = input.viewerAccountIds ?? current.accounts.map((a) => a.id);
      const roleGroups = input.viewerRoleGroups ?? current.roleGroups;
      if (accounts.length + roleGroups.length === 0)
        throw new ApiFailure('INVALID_INPUT', 'A priority user group needs at least one viewer.');
      writeViewers(db, group.id, accounts, roleGroups);
    }
    return { added, removed };
  })();
}

/** Deletes a group; the policies that used it are paused and lose the reference. Returns their ids. */
export function deleteGroup(db: Database, id: number, now: number): number[] {
  return db.transaction(() => {
    requireGroup(db, id);
    const policies = policiesUsingGroup(db, id).map((p) => p.id);
    const pause = db.prepare("UPDATE policies SET state = 'paused', updated_at = @now WHERE id = @policyId");
    for (const policyId of policies) pause.run({ now, policyId });
    db.prepare('DELETE FROM policy_scope_rules WHERE group_id = @groupId').run({ groupId: id });
    db.prepare('DELETE FROM policy_priority_groups WHERE group_id = @groupId').run({ groupId: id });
    db.prepare('DELETE FROM person_group_members WHERE group_id = @groupId').run({ groupId: id });
    db.prepare('DELETE FROM person_group_viewers WHERE group_id = @groupId').run({ groupId: id });
    db.prepare('DELETE FROM person_groups WHERE id = @id').run({ id });
    return policies;
  })();
}
