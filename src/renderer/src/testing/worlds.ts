/**
 * Worlds the component tests need, built through the backend's own methods (as a user or an import
 * would make them), never written around the backend.
 */
import { TEST_PASSWORD, type Workbench } from './workbench';

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
