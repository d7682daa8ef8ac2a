/**
 * Worlds the component tests need, built through the backend's own methods (as a user or an import
 * would make them), never written around the backend.
 */
import { TEST_PASSWORD, type TestOrganisation, type Workbench } from './workbench';

/** One seeded audit entry, as the Audit page should show it. */
export interface SeededAuditEntry {
  sequence: number;
  time: number;
  actor: string;
  category: string;
  action: string;
  targets: string[];
  result: 'success' | 'denied';
  reason: string | null;
}

/**
 * Writes `count` audit entries by making real calls, one second apart, in a repeating pattern:
 * an analyst searching persons, the administrator locking or unlocking "investigator" with a
 * numbered reason ("ticket 013"), the analyst refused the audit log (denied), the auditor verifying
 * it. Needs the standard accounts. Returns the entries in order.
 */
export async function seedAuditTrail(workbench: Workbench, count: number): Promise<SeededAuditEntry[]> {
  const admin = await workbench.admin();
  const signedIn = async (name: string) => {
    const session = workbench.session();
    await session.value('auth.signIn', { name, password: TEST_PASSWORD });
    return session;
  };
  const analyst = await signedIn('analyst');
  const auditor = await signedIn('auditor');
  const accounts = await admin.value('accounts.list');
  const investigator = accounts.find((account) => account.name === 'investigator')!.id;
  const before = await auditor.value('audit.list', { limit: 1 });
  // The entries so far plus the one of that audit.list call.
  let sequence = before.total + 1;
  const seeded: SeededAuditEntry[] = [];
  const make = async (entry: Omit<SeededAuditEntry, 'sequence' | 'time'>, call: () => Promise<unknown>) => {
    workbench.clock.advance(1_000);
    await call();
    sequence += 1;
    seeded.push({ ...entry, sequence, time: workbench.clock.now() });
  };
  for (let index = 0; index < count; index++) {
    const reason = `ticket ${String(index).padStart(3, '0')}`;
    switch (index % 4) {
      case 0:
        await make({ actor: 'analyst', category: 'users', action: 'persons.list', targets: [], result: 'success', reason: null }, () =>
          analyst.value('persons.list', { text: `person ${index}` }),
        );
        break;
      case 1:
        await make({ actor: 'admin', category: 'accounts', action: 'accounts.setLocked', targets: ['account:investigator'], result: 'success', reason }, () =>
          admin.value('accounts.setLocked', { accountId: investigator, locked: index % 8 === 1, reason }),
        );
        break;
      case 2:
        await make({ actor: 'analyst', category: 'audit', action: 'audit.list', targets: [], result: 'denied', reason: null }, () => analyst.call('audit.list', {}));
        break;
      default:
        await make({ actor: 'auditor', category: 'audit', action: 'audit.verify', targets: [], result: 'success', reason: null }, () => auditor.value('audit.verify', {}));
    }
  }
  return seeded;
}

/** The day the test organisation's data ends; the clock of worlds built on it (openWorkbench `now`). */
export const ORGANISATION_NOW = Date.UTC(2025, 11, 30, 9, 0, 0);

/** The organisation world: persons, the three policies that catch its insiders, and who they are. */
export interface OrganisationWorld {
  organisation: TestOrganisation;
  policies: { departing: number; leaks: number; security: number };
}

/**
 * The backend tests' small organisation (a departing thief, a leaker with a DLP alert, a snooper
 * with an endpoint alert, nine colleagues) under three policies made through policies.create, each
 * catching one insider, and scored through scoring.run. `byHand` colleagues (indexes) are added to
 * the departing-users policy by hand ("HR tip", 14 days), so they are in scope below the threshold.
 * Open the workbench with `now: ORGANISATION_NOW`.
 */
export async function buildOrganisationWorld(workbench: Workbench, options: { byHand?: number[] } = {}): Promise<OrganisationWorld> {
  const admin = await workbench.admin();
  const organisation = workbench.buildOrganisation();
  const create = async (template: 'data-theft-departing-users' | 'data-leaks' | 'security-policy-violations', name: string) =>
    (await admin.value('policies.create', { template, name, scope: { everyone: true, personIds: [], pilotGroupId: null } })).id;
  const policies = {
    departing: await create('data-theft-departing-users', 'Departing users'),
    leaks: await create('data-leaks', 'Data leaks'),
    security: await create('security-policy-violations', 'Security violations'),
  };
  const byHand = (options.byHand ?? []).map((index) => organisation.colleagues[index]!);
  if (byHand.length) await admin.value('policies.addPersons', { policyId: policies.departing, personIds: byHand, days: 14, reason: 'HR tip' });
  await admin.value('scoring.run', { full: true });
  return { organisation, policies };
}

/**
 * `count` new persons, each with a month of ordinary activity, a resignation and a burst of USB
 * copies, in Sales, under a departing-users policy ("Scope leak departing users"), scored: one
 * Medium alert each (the backend tests' seedAlertsFor), and one more from any other departing-users
 * policy in the world. Returns the persons' alert ids (of that policy) in person order.
 */
export async function seedDepartingAlerts(workbench: Workbench, count: number): Promise<number[]> {
  const existing = (await (await workbench.admin()).value('persons.list', { limit: 1 })).total;
  const persons = workbench.insertPersons(
    Array.from({ length: count }, (_, index) => ({ key: `leaver${existing + index}@corp.example`, displayName: `Leaver ${existing + index}`, department: 'Sales' })),
  );
  const alerts = await workbench.seedAlertsFor(persons);
  return persons.map((person) => alerts.get(person)!);
}
