/**
 * An in-memory fake of the IrmApi for component tests. It is built from the contract like the
 * real preload (buildIrmApi), validates inputs and outputs with the contract's zod schemas, and
 * enforces sessions, permissions, re-authentication and the zero-administrator guard the way the
 * backend does, so a component that works against it speaks the real protocol. Methods it does not
 * implement answer UNKNOWN_METHOD-like INTERNAL errors, so a test notices an unexpected call.
 */
import { ADMIN_ROLE_GROUPS, holdsPermission, permissionsOf, type RoleGroup } from '../../../shared/access';
import {
  buildIrmApi,
  contract,
  type AuditEntryView,
  type EventName,
  type EventPayload,
  type IrmApi,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Scope,
} from '../../../shared/contract';
import { ApiFailure, type ApiResult, type ErrorCode } from '../../../shared/errors';
import { createFakeWorld, type FakeWorld, type FakeWorldSeed } from './fakeWorld';

/** Codes of calls refused before they ran (the router records them as denied). */
const DENIAL_CODES: readonly ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'SETUP_REQUIRED', 'REAUTH_REQUIRED'];

/** The password every seeded fake account uses unless the seed says otherwise. */
export const FAKE_PASSWORD = 'correct horse battery';

/** One account held by the fake. */
export interface FakeAccount {
  id: number;
  name: string;
  password: string;
  roleGroups: RoleGroup[];
  scopes: Scope[];
  locked: boolean;
  createdAt: number;
  lastSignInAt: number | null;
  failedAttempts: number;
}

/** How to start the fake. */
export interface FakeBackendOptions {
  /** Accounts to create (first run when empty). */
  accounts?: { name: string; roleGroups: RoleGroup[]; password?: string; scopes?: Scope[]; locked?: boolean }[];
  /** Name of the account signed in on this session. */
  signedInAs?: string;
  /** Starts the session locked. */
  locked?: boolean;
  /** Whether sensitive actions are allowed without asking for the password again. */
  reauthenticated?: boolean;
  /** Audit entries present before the test starts (oldest first). */
  auditEntries?: Omit<AuditEntryView, 'sequence'>[];
  idleLockMinutes?: number;
  appInfo?: Partial<MethodOutput<'app.info'>>;
  /** Extra methods not (yet) in the contract, e.g. `imports.loadDemo`, as `area.verb` → handler. */
  extraMethods?: Record<string, (input: unknown) => unknown>;
  /** A fixed clock (ms). */
  now?: () => number;
  /** Imports, settings, policies, alerts and Users-page data (test/fakeWorld.ts). */
  world?: FakeWorldSeed;
}

/** The fake and handles for assertions. */
export interface FakeBackend {
  api: IrmApi;
  /** Every call in order, with its result code ('ok' or the error code). */
  calls: { method: string; input: unknown; outcome: 'ok' | ErrorCode }[];
  accounts: FakeAccount[];
  audit: AuditEntryView[];
  session: { accountId: number | null; locked: boolean; reauthenticated: boolean };
  /** Calls of one method. */
  callsOf(method: string): { method: string; input: unknown; outcome: 'ok' | ErrorCode }[];
  /** Pushes an event to the renderer's listeners. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** The data behind imports, settings, policies, alerts and users. */
  world: FakeWorld;
}

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M>;
type Handlers = { [M in MethodName]?: Handler<M> };

/** Creates the fake backend. */
export function createFakeBackend(options: FakeBackendOptions = {}): FakeBackend {
  const now = options.now ?? (() => Date.UTC(2026, 0, 5, 9, 30, 0));
  const accounts: FakeAccount[] = [];
  const audit: AuditEntryView[] = [];
  const calls: FakeBackend['calls'] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const session = { accountId: null as number | null, locked: Boolean(options.locked), reauthenticated: options.reauthenticated ?? true };

  const addAccount = (seed: NonNullable<FakeBackendOptions['accounts']>[number]): FakeAccount => {
    const account: FakeAccount = {
      id: accounts.length + 1,
      name: seed.name,
      password: seed.password ?? FAKE_PASSWORD,
      roleGroups: [...seed.roleGroups],
      scopes: seed.scopes ?? [],
      locked: seed.locked ?? false,
      createdAt: now(),
      lastSignInAt: null,
      failedAttempts: 0,
    };
    accounts.push(account);
    return account;
  };
  for (const seed of options.accounts ?? []) addAccount(seed);
  if (options.signedInAs) session.accountId = accounts.find((account) => account.name === options.signedInAs)?.id ?? null;
  for (const entry of options.auditEntries ?? []) audit.push({ ...entry, sequence: audit.length + 1 });

  const current = () => accounts.find((account) => account.id === session.accountId) ?? null;
  const summary = (account: FakeAccount): MethodOutput<'accounts.list'>[number] => ({
    id: account.id,
    name: account.name,
    roleGroups: account.roleGroups,
    scopes: account.scopes,
    locked: account.locked,
    createdAt: account.createdAt,
    lastSignInAt: account.lastSignInAt,
  });
  const requireAccount = (id: number) => {
    const account = accounts.find((candidate) => candidate.id === id);
    if (!account) throw new ApiFailure('NOT_FOUND', `No account ${id}.`);
    return account;
  };
  const activeAdmins = (except?: FakeAccount, roleGroups?: RoleGroup[]) =>
    accounts.filter((account) => {
      const groups = account === except && roleGroups ? roleGroups : account.roleGroups;
      const locked = account === except && !roleGroups ? true : account.locked;
      return !locked && groups.some((group) => ADMIN_ROLE_GROUPS.includes(group));
    }).length;
  const zeroAdminMessage =
    'At least one active account must stay in Insider Risk Management or Admins, so the workbench is never left without an administrator.';
  const signIn = (name: string, password: string) => {
    const account = accounts.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!account) throw new ApiFailure('UNAUTHENTICATED', 'Wrong account name or password.');
    if (account.locked) throw new ApiFailure('ACCOUNT_LOCKED', 'This account is locked. Ask an administrator to unlock it.');
    if (account.failedAttempts >= 3) throw new ApiFailure('ACCOUNT_LOCKED', 'Wait 4 s before the next attempt.');
    if (account.password !== password) {
      account.failedAttempts += 1;
      throw new ApiFailure('UNAUTHENTICATED', 'Wrong account name or password.');
    }
    account.failedAttempts = 0;
    account.lastSignInAt = now();
    session.accountId = account.id;
    session.locked = false;
    session.reauthenticated = true;
  };

  const { world, handlers: worldHandlers } = createFakeWorld(options.world ?? {}, { now, accountName: () => current()?.name ?? null, accountId: () => current()?.id ?? null, accounts: () => accounts });

  const handlers: Handlers = {
    ...worldHandlers,
    'app.info': () => ({ appVersion: '0.1.0', schemaVersion: 10, dataDir: '/home/investigator/.config/irm', anonymization: world.anonymization.enabled, ...options.appInfo }),
    'auth.status': () => {
      const account = current();
      return {
        setupRequired: accounts.length === 0,
        account: account ? { id: account.id, name: account.name, roleGroups: account.roleGroups } : null,
        locked: Boolean(account) && session.locked,
        permissions: account && !session.locked ? permissionsOf(account.roleGroups) : [],
        idleLockMinutes: options.idleLockMinutes ?? 15,
      };
    },
    'auth.setup': (input) => {
      if (accounts.length > 0) throw new ApiFailure('CONFLICT', 'This workstation is already set up; sign in instead.');
      addAccount({ name: input.name, password: input.password, roleGroups: ['InsiderRiskManagement'] });
      signIn(input.name, input.password);
      return { done: true };
    },
    'auth.signIn': (input) => (signIn(input.name, input.password), { done: true }),
    'auth.signOut': () => ((session.accountId = null), (session.locked = false), { done: true }),
    'auth.lock': () => ((session.locked = true), { done: true }),
    'auth.reauthenticate': (input) => {
      if (current()!.password !== input.password) throw new ApiFailure('UNAUTHENTICATED', 'Wrong password.');
      session.reauthenticated = true;
      return { done: true };
    },
    'accounts.list': () => [...accounts].sort((a, b) => a.name.localeCompare(b.name)).map(summary),
    'accounts.create': (input) => {
      if (accounts.some((account) => account.name.toLowerCase() === input.name.toLowerCase())) {
        throw new ApiFailure('CONFLICT', `An account named ${input.name} already exists.`);
      }
      return summary(addAccount({ name: input.name, password: input.password, roleGroups: input.roleGroups, scopes: input.scopes }));
    },
    'accounts.resetPassword': (input) => {
      const account = requireAccount(input.accountId);
      account.password = input.password;
      account.failedAttempts = 0;
      return summary(account);
    },
    'accounts.setLocked': (input) => {
      const account = requireAccount(input.accountId);
      if (input.locked && account.id === session.accountId) throw new ApiFailure('CONFLICT', 'You cannot lock your own account; ask another administrator.');
      if (input.locked && activeAdmins(account) === 0) throw new ApiFailure('CONFLICT', zeroAdminMessage);
      account.locked = input.locked;
      return summary(account);
    },
    'accounts.setRoleGroups': (input) => {
      const account = requireAccount(input.accountId);
      if (activeAdmins(account, input.roleGroups) === 0) throw new ApiFailure('CONFLICT', zeroAdminMessage);
      account.roleGroups = input.roleGroups;
      return summary(account);
    },
    'accounts.setScopes': (input) => {
      const account = requireAccount(input.accountId);
      account.scopes = input.scopes;
      return summary(account);
    },
    'audit.list': (input) => {
      const matching = filterAudit(audit, input).reverse();
      return { entries: matching.slice(input.offset ?? 0, (input.offset ?? 0) + (input.limit ?? 100)), total: matching.length };
    },
    'audit.exportCsv': (input) => {
      const rows = filterAudit(audit, input);
      const header = 'Activity performed by,Activity,Added,Alert volume,Amount,Asset ID,Category,Date,Description,User,Sequence,Result';
      const lines = rows.map((entry) =>
        [entry.actor, entry.action, '', '', '', '', entry.category, new Date(entry.time).toISOString(), '', '', entry.sequence, entry.result].join(','),
      );
      return { fileName: 'irm-audit-log-2026-01-05T09-30-00-000Z.csv', csv: `${[header, ...lines].join('\r\n')}\r\n`, rows: rows.length };
    },
    'audit.verify': () => ({ intact: true, size: audit.length, firstBadSequence: null, message: `All ${audit.length} entries verified.` }),
    'persons.count': () => ({ count: 0 }),
    'persons.get': () => {
      throw new ApiFailure('NOT_FOUND', 'No such person.');
    },
  };

  const authorize = (method: MethodName): void => {
    const spec = contract[method];
    if (spec.permission === 'public') return;
    if (accounts.length === 0) throw new ApiFailure('SETUP_REQUIRED', 'Create the first account before anything else.');
    const account = current();
    if (!account || session.locked) {
      throw new ApiFailure('UNAUTHENTICATED', session.locked ? 'The session is locked; sign in again to continue.' : 'Sign in first.');
    }
    if (!holdsPermission(account.roleGroups, spec.permission)) {
      throw new ApiFailure('FORBIDDEN', `Your role groups (${account.roleGroups.join(', ')}) do not allow this: ${spec.summary}`);
    }
    if (spec.reauth && !session.reauthenticated) throw new ApiFailure('REAUTH_REQUIRED', 'Enter your password again to confirm this sensitive action.');
  };

  const record = (method: string, result: AuditEntryView['result']) => {
    const account = current();
    const category = Object.prototype.hasOwnProperty.call(contract, method) ? contract[method as MethodName].audit : 'system';
    audit.push({
      sequence: audit.length + 1,
      time: now(),
      actor: account?.name ?? 'anonymous',
      roleGroups: account?.roleGroups ?? [],
      category,
      action: method,
      targets: [],
      before: null,
      after: null,
      result,
      reason: null,
    });
  };

  const invoke = async (method: MethodName, input: unknown): Promise<ApiResult<unknown>> => {
    const outcome = (code: 'ok' | ErrorCode) => calls.push({ method, input, outcome: code });
    try {
      // Same order as the router: session and permission first, then the input.
      authorize(method);
      const parsed = contract[method].input.safeParse(input);
      if (!parsed.success) throw new ApiFailure('INVALID_INPUT', parsed.error.issues.map((issue) => issue.message).join('; '));
      const handler = handlers[method] as ((input: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`The fake API does not implement ${method}; add it to test/fakeApi.ts.`);
      const value = contract[method].output.parse(handler(parsed.data));
      record(method, 'success');
      outcome('ok');
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiFailure) {
        record(method, DENIAL_CODES.includes(error.code) ? 'denied' : 'failure');
        outcome(error.code);
        return { ok: false, error: { code: error.code, message: error.message } };
      }
      outcome('INTERNAL');
      return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
    }
  };

  const api = buildIrmApi(invoke, (name, listener) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  });

  for (const [name, handler] of Object.entries(options.extraMethods ?? {})) {
    const [area, verb] = name.split('.') as [string, string];
    const target = api as unknown as Record<string, Record<string, unknown>>;
    target[area] ??= {};
    target[area][verb] = async (input: unknown) => {
      calls.push({ method: name, input, outcome: 'ok' });
      return { ok: true, value: await handler(input) };
    };
  }

  return {
    api,
    calls,
    accounts,
    audit,
    session,
    world,
    callsOf: (method) => calls.filter((call) => call.method === method),
    emit: (name, payload) => listeners.get(name)?.forEach((listener) => listener(payload)),
  };
}

function filterAudit(entries: AuditEntryView[], filter: MethodInput<'audit.list'>): AuditEntryView[] {
  const text = filter.text?.toLowerCase();
  return entries.filter(
    (entry) =>
      (!filter.category || entry.category === filter.category) &&
      (!filter.actor || entry.actor.toLowerCase() === filter.actor.toLowerCase()) &&
      (filter.from === undefined || entry.time >= filter.from) &&
      (filter.to === undefined || entry.time <= filter.to) &&
      (!text || `${entry.action} ${entry.actor} ${entry.targets.join(' ')} ${entry.reason ?? ''}`.toLowerCase().includes(text)),
  );
}

/** Builds `count` plausible audit entries, one minute apart, oldest first. */
export function sampleAuditEntries(count: number, start = Date.UTC(2026, 0, 5, 8, 0, 0)): Omit<AuditEntryView, 'sequence'>[] {
  const actions = [
    { action: 'auth.signIn', category: 'authentication' },
    { action: 'accounts.create', category: 'accounts' },
    { action: 'audit.list', category: 'audit' },
    { action: 'persons.list', category: 'users' },
  ] as const;
  return Array.from({ length: count }, (_, index) => {
    const { action, category } = actions[index % actions.length]!;
    return {
      time: start + index * 60_000,
      actor: index % 5 === 4 ? 'analyst' : 'admin',
      roleGroups: index % 5 === 4 ? ['Analysts'] : ['InsiderRiskManagement'],
      category,
      action,
      targets: [`account:user${index}`],
      before: null,
      after: null,
      result: index % 7 === 6 ? 'denied' : 'success',
      reason: null,
    };
  });
}
