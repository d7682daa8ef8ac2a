/**
 * The renderer tests' one door into src/main: a real backend (createBackend on a temp data folder,
 * opened through the backend tests' own fixture) and the shared fixture builders that write a
 * world the way an importer would. Component tests reach the backend only through the contract
 * (testing/transport.ts); worlds are built through its methods or these builders. Every import of
 * src/main by renderer tests is in this file, so a move of backend files is fixed here alone.
 */
import { join } from 'node:path';
import { APP_VERSION, type Backend } from '../../../main/backend';
import { SCHEMA_VERSION } from '../../../main/store/migrations';
import { TEST_PASSWORD, createTestClock, openTestBackend, type TestClock, type TestSession } from '../../../main/testing/backendFixture';
import { runImport } from '../../../main/testing/importFixtures';
import { insertTestPersons, type TestPerson } from '../../../main/testing/testPersons';
import { buildTestOrganisation, type TestOrganisation } from '../../../main/testing/testOrganisation';
import { seedAlertsFor } from '../../../main/testing/testScenario';
import type { RoleGroup } from '../../../shared/access';
import type { MethodInput, MethodOutput, Scope } from '../../../shared/contract';
import { connectTransport, type TestTransport } from './transport';

export { APP_VERSION, SCHEMA_VERSION, TEST_PASSWORD, type TestOrganisation, type TestPerson, type TestSession };

/** The backend's sample files (src/main/ingest/fixtures), real files on disk that imports read. */
export const INGEST_FIXTURES: string = join(__dirname, '..', '..', '..', 'main', 'ingest', 'fixtures');

/** An account to create; "admin" is the first administrator, made through auth.setup (create it first). */
export interface SeedAccount {
  name: string;
  roleGroups: RoleGroup[];
  scopes?: Scope[];
  /** Locked by the administrator after creation. */
  locked?: boolean;
}

/** Accounts most tests need: one per role group (ids 1 to 4 in this order), all with TEST_PASSWORD. */
export const STANDARD_ACCOUNTS: readonly SeedAccount[] = [
  { name: 'admin', roleGroups: ['InsiderRiskManagement'] },
  { name: 'analyst', roleGroups: ['Analysts'] },
  { name: 'auditor', roleGroups: ['Auditors'] },
  { name: 'investigator', roleGroups: ['Investigators'] },
];

/** A real backend on a temp data folder, with handles to build worlds and connect app windows. */
export interface Workbench {
  backend: Backend;
  dataDir: string;
  clock: TestClock;
  /** The first administrator's session ("admin", set up on first use), for building worlds. */
  admin(): Promise<TestSession>;
  /** A new session of the backend (signed out). */
  session(): TestSession;
  /** Creates accounts through the API (the administrator first, through auth.setup). */
  createAccounts(accounts: readonly SeedAccount[]): Promise<void>;
  /** Connects a new app window (one backend session), signed in as `signInAs` when given. */
  connect(options?: { signInAs?: string; password?: string }): Promise<TestTransport>;
  /** Inserts persons straight into the store (the backend tests' builder); returns their ids. */
  insertPersons(persons: TestPerson[]): number[];
  /** Imports files as the administrator through imports.start, as the Imports page would, and waits for the import to end. */
  importFiles(paths: string[], options?: Omit<MethodInput<'imports.start'>, 'paths'>): Promise<MethodOutput<'imports.get'>>;
  /** Writes the backend tests' small organisation (thief, leaker, snooper, colleagues) into the store. */
  buildOrganisation(): TestOrganisation;
  /** Gives these persons a month of activity, a resignation and a USB burst, a departing-users policy, and scores. */
  seedAlertsFor(personIds: number[], options?: Parameters<typeof seedAlertsFor>[2]): Promise<Map<number, number>>;
  /** Ends every window's session and removes the data folder. */
  close(): void;
}

/** Opens a workbench on a fresh temp folder, with a clock that only tests move (2026-01-05 09:00 UTC). */
export async function openWorkbench(options: { accounts?: readonly SeedAccount[]; now?: number } = {}): Promise<Workbench> {
  const test = openTestBackend({ clock: createTestClock(options.now) });
  const transports: TestTransport[] = [];
  const workbench: Workbench = {
    backend: test.backend,
    dataDir: test.dataDir,
    clock: test.clock,
    admin: () => test.admin(),
    session: () => test.session(),
    async createAccounts(accounts) {
      for (const account of accounts) {
        if (account.name === 'admin') {
          if (account.roleGroups.join() !== 'InsiderRiskManagement' || account.scopes?.length || account.locked)
            throw new Error('"admin" is the first administrator, made by auth.setup: Insider Risk Management, no scope, not locked.');
          await test.admin();
          continue;
        }
        const admin = await test.admin();
        const created = await admin.value('accounts.create', { name: account.name, password: TEST_PASSWORD, roleGroups: account.roleGroups, scopes: account.scopes ?? [] });
        if (account.locked) await admin.value('accounts.setLocked', { accountId: created.id, locked: true, reason: 'Seeded as locked' });
      }
    },
    async connect(connectOptions = {}) {
      const transport = connectTransport(test.backend);
      transports.push(transport);
      if (connectOptions.signInAs) await transport.signIn(connectOptions.signInAs, connectOptions.password ?? TEST_PASSWORD);
      return transport;
    },
    insertPersons: (persons) => insertTestPersons(test.backend.context.db, persons),
    importFiles: async (paths, importOptions) => runImport(await test.admin(), paths, importOptions),
    buildOrganisation: () => buildTestOrganisation(test.backend.context.db),
    seedAlertsFor: (personIds, seedOptions) => seedAlertsFor(test, personIds, seedOptions),
    close() {
      for (const transport of transports) transport.close();
      test.close();
    },
  };
  if (options.accounts) await workbench.createAccounts(options.accounts);
  return workbench;
}
