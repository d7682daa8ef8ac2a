import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, expect, test } from 'vitest';
import { parseIsoDate } from './calendar';
import { LDAP_COLUMNS, periodMonths, writeDirectory } from './directory';
import { buildOrganisation } from './organisation';

let folder = '';
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function snapshot(month: string): string[][] {
  return parse(readFileSync(join(folder, 'cert', 'LDAP', `${month}.csv`), 'utf8')) as string[][];
}

test('monthly snapshots drop a leaver after their last month and add a new hire from their first', () => {
  folder = mkdtempSync(join(tmpdir(), 'irm-directory-'));
  const organisation = buildOrganisation('directory', parseIsoDate('2025-01-20'), 60, 40);
  const leaver = organisation.people.find((person) => person.managerIndex !== null && !organisation.people.some((other) => other.managerIndex === person.index))!;
  const hire = organisation.people.find((person) => person !== leaver && person.managerIndex !== null && !organisation.people.some((other) => other.managerIndex === person.index))!;
  leaver.lastDay = 15; // 2025-02-04
  hire.hireDay = 45; // 2025-03-06
  expect(periodMonths(organisation).map((month) => month.month)).toEqual(['2025-01', '2025-02', '2025-03']);
  writeDirectory(organisation, folder);
  const [january, february, march] = ['2025-01', '2025-02', '2025-03'].map(snapshot);
  for (const rows of [january!, february!, march!]) expect(rows[0]).toEqual([...LDAP_COLUMNS]);
  const has = (rows: string[][], userId: string) => rows.some((row) => row[1] === userId);
  expect([has(january!, leaver.userId), has(february!, leaver.userId), has(march!, leaver.userId)]).toEqual([true, true, false]);
  expect([has(january!, hire.userId), has(february!, hire.userId), has(march!, hire.userId)]).toEqual([false, false, true]);
  const manager = organisation.people[leaver.managerIndex!]!;
  expect(january!.find((row) => row[1] === leaver.userId)![8]).toBe(manager.displayName);
});
