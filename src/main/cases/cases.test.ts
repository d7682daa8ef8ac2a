/** Case contributors (DOMAIN.md §1, V-05): read the case and add notes only; notes are append-only. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend, type TestSession } from '../testing/backendFixture';
import { insertTestPersons } from '../testing/testPersons';

let test: TestBackend;
let investigator: TestSession;
let auditor: TestSession;
let caseId: number;
let auditorId: number;

beforeEach(async () => {
  test = openTestBackend();
  const admin = await test.admin();
  investigator = await test.account('ivy', ['Investigators']);
  auditor = await test.account('carl', ['Auditors']);
  auditorId = (await admin.value('accounts.list')).find((a) => a.name === 'carl')!.id;
  const { db } = test.backend.context;
  const [personId] = insertTestPersons(db, [{ key: 'x@corp.example', displayName: 'X Person', region: 'EMEA' }]);
  caseId = Number(
    db
      .prepare("INSERT INTO cases (person_id, name, status, created_at) VALUES (?, 'Case 1', 'Active', 0)")
      .run(personId).lastInsertRowid,
  );
});
afterEach(() => test.close());

describe('case contributors', () => {
  it('cannot see a case before being added, exactly as if it did not exist', async () => {
    const hidden = await auditor.call('cases.get', { id: caseId });
    const missing = await auditor.call('cases.get', { id: 999 });
    expect(hidden.ok || hidden.error.code).toBe('NOT_FOUND');
    expect(missing.ok || missing.error.code).toBe('NOT_FOUND');
    expect((await auditor.value('cases.list', {})).total).toBe(0);
  });

  it('reads the case and adds notes once added, and nothing more', async () => {
    const added = await investigator.value('cases.addContributor', { caseId, accountId: auditorId });
    expect(added.contributors.map((c) => c.name)).toEqual(['carl']);
    const seen = await auditor.value('cases.get', { id: caseId });
    expect(seen).toMatchObject({ id: caseId, contributorOnly: true, person: { pseudonymized: true } });
    expect((await auditor.value('cases.list', {})).cases.map((c) => c.id)).toEqual([caseId]);
    const note = await auditor.value('cases.addNote', { caseId, text: 'Seen the USB logs.' });
    expect(note).toMatchObject({ author: 'carl', kind: 'note' });
    // Contributors cannot change contributors (nor triage alerts or open content: no such permission).
    const change = await auditor.call('cases.addContributor', { caseId, accountId: auditorId });
    expect(change.ok || change.error.code).toBe('FORBIDDEN');
    const notes = await investigator.value('cases.notes', { caseId });
    expect(notes.map((n) => `${n.kind}:${n.author}`)).toEqual(['contributor:ivy', 'note:carl']);
  });

  it('loses access when removed, and both changes are audited', async () => {
    await investigator.value('cases.addContributor', { caseId, accountId: auditorId });
    await investigator.value('cases.removeContributor', { caseId, accountId: auditorId });
    const gone = await auditor.call('cases.get', { id: caseId });
    expect(gone.ok || gone.error.code).toBe('NOT_FOUND');
    const audited = test.backend.context.auditDb
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'cases.%Contributor' AND result = 'success' ORDER BY sequence")
      .all() as { action: string }[];
    expect(audited.map((a) => a.action)).toEqual(['cases.addContributor', 'cases.removeContributor']);
  });

  it('keeps notes append-only in the store', async () => {
    await investigator.value('cases.addNote', { caseId, text: 'first' });
    const { db } = test.backend.context;
    expect(() => db.prepare("UPDATE case_notes SET text = 'changed'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM case_notes').run()).toThrow(/append-only/);
  });
});
