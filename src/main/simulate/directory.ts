/**
 * Directory rosters: CERT-layout monthly LDAP snapshots (leavers drop out of later months, new
 * hires appear, titles follow level changes), a plain roster with region, country, language,
 * manager and title, and the CERT psychometric file.
 */
import { join } from 'node:path';
import { DAY, isoMonth } from './calendar';
import { employedDuringPeriod } from './hrFiles';
import { type Organisation, type Person, levelOn, roleFor, titleFor } from './organisation';
import type { WrittenFile } from './output';
import { createRandom } from './random';
import { TextFileWriter, csvLine, type TextFileOptions } from './writers';

/** Columns of a CERT r5/r6 LDAP snapshot. */
export const LDAP_COLUMNS = ['employee_name', 'user_id', 'email', 'role', 'business_unit', 'functional_unit', 'department', 'team', 'supervisor', 'projects'] as const;
/** Columns of the plain roster. */
export const ROSTER_COLUMNS = [...LDAP_COLUMNS, 'region', 'country', 'language', 'manager', 'title'] as const;

function ldapRow(organisation: Organisation, person: Person, day: number, reports: boolean): string[] {
  const level = levelOn(organisation, person, day);
  const manager = person.managerIndex === null ? null : organisation.people[person.managerIndex]!;
  return [person.displayName, person.userId, person.email, roleFor(person, level, reports), person.profile.businessUnit, person.profile.functionalUnit, person.profile.department, person.team, manager?.displayName ?? '', person.projects.join(';')];
}

function writeRows(path: string, header: readonly string[], rows: string[][], options: TextFileOptions = {}): { rows: number; bytes: number } {
  const writer = new TextFileWriter(path, options);
  writer.writeLine(header.join(','));
  for (const row of rows) writer.writeLine(csvLine(row));
  const { bytes, lines } = writer.close();
  return { rows: lines - 1, bytes };
}

/** The months (`YYYY-MM`) the period touches, with their first and last day index inside it. */
export function periodMonths(organisation: Organisation): { month: string; first: number; last: number }[] {
  const months: { month: string; first: number; last: number }[] = [];
  for (let day = 0; day < organisation.days; day++) {
    const month = isoMonth(organisation.start + day * DAY);
    const current = months[months.length - 1];
    if (current?.month === month) current.last = day;
    else months.push({ month, first: day, last: day });
  }
  return months;
}

/** Writes cert/LDAP/YYYY-MM.csv snapshots, roster.csv and cert/psychometric.csv. */
export function writeDirectory(organisation: Organisation, outDir: string): WrittenFile[] {
  const written: WrittenFile[] = [];
  const reports = new Set(organisation.people.filter((person) => person.managerIndex !== null).map((person) => person.managerIndex!));
  for (const { month, first, last } of periodMonths(organisation)) {
    const present = organisation.people.filter((person) => person.hireDay <= last && (person.lastDay === null || person.lastDay >= first));
    const relative = `cert/LDAP/${month}.csv`;
    const result = writeRows(join(outDir, relative), LDAP_COLUMNS, present.map((person) => ldapRow(organisation, person, last, reports.has(person.index))));
    written.push({ path: relative, ...result });
  }
  const everyone = organisation.people.filter((person) => employedDuringPeriod(organisation, person));
  const rosterRows = everyone.map((person) => {
    const day = Math.min(organisation.days - 1, person.lastDay ?? organisation.days - 1);
    const manager = person.managerIndex === null ? null : organisation.people[person.managerIndex]!;
    const level = levelOn(organisation, person, day);
    return [...ldapRow(organisation, person, day, reports.has(person.index)), person.office.region, person.office.country, person.language, manager?.email ?? '', titleFor(person, level, reports.has(person.index))];
  });
  // The HR system's export: Excel-style UTF-8 with a byte-order mark and Windows line ends.
  written.push({ path: 'roster.csv', ...writeRows(join(outDir, 'roster.csv'), ROSTER_COLUMNS, rosterRows, { bom: true, lineEnding: '\r\n' }) });
  const random = createRandom(`${organisation.seed}|psychometric`);
  const scores = everyone.map((person) => [person.displayName, person.userId, ...Array.from({ length: 5 }, () => String(Math.round(Math.min(50, Math.max(10, random.normal(30, 8))))))]);
  written.push({ path: 'cert/psychometric.csv', ...writeRows(join(outDir, 'cert', 'psychometric.csv'), ['employee_name', 'user_id', 'O', 'C', 'E', 'A', 'N'], scores) });
  return written;
}
