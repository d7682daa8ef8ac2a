/** Accounts: create, read, lock, role groups, scopes; the zero-administrator guard lives here. */
import type { Database } from '../store/database';
import { ADMIN_ROLE_GROUPS, type RoleGroup } from '../../shared/access';
import type { AccountSummary, Scope, ScopeAttribute } from '../../shared/contract';
import { ApiFailure } from '../../shared/errors';
import { hashPassword } from './passwords';

/** An account row with what sign-in needs. */
export interface AccountRow {
  id: number;
  name: string;
  password_hash: string;
  password_salt: string;
  locked: number;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
  last_sign_in_at: number | null;
}

/** Number of accounts (zero means first-run setup is needed). */
export function countAccounts(db: Database): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM accounts').get()!.n;
}

/** Finds an account by name (case-insensitive). */
export function findAccountByName(db: Database, name: string): AccountRow | undefined {
  return db.prepare<[{ name: string }], AccountRow>('SELECT * FROM accounts WHERE name = @name').get({ name });
}

/** Finds an account by id. */
export function findAccount(db: Database, id: number): AccountRow | undefined {
  return db.prepare<[{ id: number }], AccountRow>('SELECT * FROM accounts WHERE id = @id').get({ id });
}

/** The role groups of an account. */
export function roleGroupsOf(db: Database, accountId: number): RoleGroup[] {
  return db
    .prepare<[{ accountId: number }], { role_group: RoleGroup }>(
      'SELECT role_group FROM account_role_groups WHERE account_id = @accountId ORDER BY role_group',
    )
    .all({ accountId })
    .map((row) => row.role_group);
}

/** The scopes of an account, grouped by attribute. */
export function scopesOf(db: Database, accountId: number): Scope[] {
  const rows = db
    .prepare<[{ accountId: number }], { attribute: ScopeAttribute; value: string }>(
      'SELECT attribute, value FROM account_scopes WHERE account_id = @accountId ORDER BY attribute, value',
    )
    .all({ accountId });
  const byAttribute = new Map<ScopeAttribute, string[]>();
  for (const row of rows) byAttribute.set(row.attribute, [...(byAttribute.get(row.attribute) ?? []), row.value]);
  return [...byAttribute].map(([attribute, values]) => ({ attribute, values }));
}

/** An account as the API shows it. */
export function summarizeAccount(db: Database, row: AccountRow): AccountSummary {
  return {
    id: row.id,
    name: row.name,
    roleGroups: roleGroupsOf(db, row.id),
    scopes: scopesOf(db, row.id),
    locked: row.locked === 1,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

/** Creates an account in one transaction. */
export function createAccount(
  db: Database,
  input: { name: string; password: string; roleGroups: RoleGroup[]; scopes: Scope[] },
  now: number,
): AccountRow {
  if (findAccountByName(db, input.name)) throw new ApiFailure('CONFLICT', `An account named "${input.name}" already exists.`);
  const { hash, salt } = hashPassword(input.password);
  return db.transaction(() => {
    const id = Number(
      db
        .prepare('INSERT INTO accounts (name, password_hash, password_salt, created_at) VALUES (@name, @hash, @salt, @now)')
        .run({ name: input.name, hash, salt, now }).lastInsertRowid,
    );
    replaceRoleGroups(db, id, input.roleGroups);
    replaceScopes(db, id, input.scopes);
    return findAccount(db, id)!;
  })();
}

function replaceRoleGroups(db: Database, accountId: number, roleGroups: RoleGroup[]): void {
  db.prepare('DELETE FROM account_role_groups WHERE account_id = @accountId').run({ accountId });
  const insert = db.prepare('INSERT INTO account_role_groups (account_id, role_group) VALUES (@accountId, @roleGroup)');
  for (const roleGroup of new Set(roleGroups)) insert.run({ accountId, roleGroup });
}

function replaceScopes(db: Database, accountId: number, scopes: Scope[]): void {
  db.prepare('DELETE FROM account_scopes WHERE account_id = @accountId').run({ accountId });
  const insert = db.prepare('INSERT OR IGNORE INTO account_scopes (account_id, attribute, value) VALUES (@accountId, @attribute, @value)');
  for (const scope of scopes) for (const value of scope.values) insert.run({ accountId, attribute: scope.attribute, value });
}

/** Refuses a change that would leave no active account in Insider Risk Management or Admins. */
function guardLastAdministrator(db: Database, accountId: number, after: { locked: boolean; roleGroups: RoleGroup[] }): void {
  if (!after.locked && after.roleGroups.some((group) => ADMIN_ROLE_GROUPS.includes(group))) return;
  const others = db
    .prepare<[{ accountId: number }], { n: number }>(
      `SELECT count(DISTINCT a.id) AS n FROM accounts a JOIN account_role_groups g ON g.account_id = a.id
       WHERE a.locked = 0 AND a.id <> @accountId AND g.role_group IN ('InsiderRiskManagement', 'Admins')`,
    )
    .get({ accountId })!.n;
  if (others === 0) {
    throw new ApiFailure(
      'CONFLICT',
      'Refused: this is the last active account in Insider Risk Management or Admins. ' +
        'Give another active account one of those role groups first, so someone can still manage the workbench.',
    );
  }
}

/** Locks or unlocks an account. */
export function setAccountLocked(db: Database, accountId: number, locked: boolean): AccountRow {
  return db.transaction(() => {
    const row = requireAccount(db, accountId);
    if (locked) guardLastAdministrator(db, accountId, { locked: true, roleGroups: roleGroupsOf(db, accountId) });
    db.prepare('UPDATE accounts SET locked = @locked, failed_attempts = 0, locked_until = NULL WHERE id = @id').run({
      locked: locked ? 1 : 0,
      id: row.id,
    });
    return requireAccount(db, accountId);
  })();
}

/** Replaces the role groups of an account. */
export function setAccountRoleGroups(db: Database, accountId: number, roleGroups: RoleGroup[]): AccountRow {
  return db.transaction(() => {
    const row = requireAccount(db, accountId);
    guardLastAdministrator(db, accountId, { locked: row.locked === 1, roleGroups });
    replaceRoleGroups(db, accountId, roleGroups);
    return row;
  })();
}

/** Replaces the scopes of an account. */
export function setAccountScopes(db: Database, accountId: number, scopes: Scope[]): AccountRow {
  return db.transaction(() => {
    const row = requireAccount(db, accountId);
    replaceScopes(db, accountId, scopes);
    return row;
  })();
}

/** Sets a new password and clears failed sign-ins. */
export function resetAccountPassword(db: Database, accountId: number, password: string): AccountRow {
  const row = requireAccount(db, accountId);
  const { hash, salt } = hashPassword(password);
  db.prepare(
    'UPDATE accounts SET password_hash = @hash, password_salt = @salt, failed_attempts = 0, locked_until = NULL WHERE id = @id',
  ).run({ hash, salt, id: row.id });
  return requireAccount(db, accountId);
}

/** The account or NOT_FOUND. */
export function requireAccount(db: Database, accountId: number): AccountRow {
  const row = findAccount(db, accountId);
  if (!row) throw new ApiFailure('NOT_FOUND', `No account with id ${accountId}.`);
  return row;
}
