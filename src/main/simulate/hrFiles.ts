/**
 * The HR connector CSVs (Microsoft 365 HR connector layouts) with the quirks of real exports:
 * several ISO 8601 date shapes, leading spaces, quoted commas, ragged rows, a UTF-16 file, and a
 * multi-scenario `HRScenario` file written by hand for the APAC region (with dates sometimes in
 * the first free date column).
 */
import { join } from 'node:path';
import { isoDate, isoDateTime, offsetText, utcOffsetMinutes, utcToWall } from './calendar';
import { type HrRecord, type Organisation, type Person, RATINGS, hasReports, levelName, personTime, titleFor } from './organisation';
import type { WrittenFile } from './output';
import { createRandom, type Random } from './random';
import { TextFileWriter, csvLine, type TextFileOptions } from './writers';

/** Columns of the multi-scenario file: HRScenario, then the union of the scenario columns. */
export const HR_SCENARIO_COLUMNS = [
  'HRScenario', 'EmailAddress', 'ResignationDate', 'LastWorkingDate', 'EffectiveDate', 'OldLevel', 'NewLevel', 'Remarks', 'Rating',
  'UserName', 'EmployeeFirstName', 'EmployeeLastName', 'EmployeeAddLine1', 'EmployeeAddLine2', 'EmployeeCity', 'EmployeeState', 'EmployeeZipCode', 'EmployeeCountry', 'EmployeeDept', 'EmployeeType', 'EmployeeRole',
] as const;

/** A date in one of the shapes HR systems export: offset with 7 fractional digits, Z, no offset, or a plain date. */
export function hrDate(random: Random, person: Person, time: number): string {
  const zone = person.office.timeZone;
  const wall = utcToWall(zone, time);
  const fraction = random.characters(7, '0123456789');
  switch (random.weighted([['offset', 3], ['utc', 2], ['local', 2], ['date', 3]] as const)) {
    case 'offset':
      return `${isoDateTime(wall)}.${fraction}${offsetText(utcOffsetMinutes(zone, time))}`;
    case 'utc':
      return `${isoDateTime(time)}Z`;
    case 'local':
      return `${isoDateTime(wall)}.${fraction}`;
    case 'date':
      return isoDate(wall);
  }
}

function spaced(random: Random, value: string, probability: number): string {
  return value && random.chance(probability) ? ` ${value}` : value;
}

function levelText(random: Random, level: number): string {
  const name = levelName(level);
  return random.chance(0.3) ? name.replace(' - ', '- ') : name;
}

/** Drops trailing empty fields, as ragged exports do. */
function ragged(fields: string[]): string[] {
  let end = fields.length;
  while (end > 1 && fields[end - 1] === '') end--;
  return fields.slice(0, end);
}

function writeCsv(outDir: string, relative: string, header: readonly string[], rows: string[][], options: TextFileOptions): WrittenFile {
  const writer = new TextFileWriter(join(outDir, relative), options);
  writer.writeLine(header.join(','));
  for (const row of rows) writer.writeLine(csvLine(row));
  const { bytes, lines } = writer.close();
  return { path: relative, rows: lines - 1, bytes };
}

/** Writes the HR connector files under hr/ and returns what was written. */
export function writeHrFiles(organisation: Organisation, outDir: string): WrittenFile[] {
  const random = createRandom(`${organisation.seed}|hr-files`);
  const people = organisation.people;
  const records = organisation.hr.slice().sort((a, b) => a.time - b.time || a.person - b.person);
  const regional = (record: HrRecord) => people[record.person]!.office.region === 'APAC';
  const email = (person: Person) => spaced(random, person.email, 0.02);
  const resignations: string[][] = [];
  const levelChanges: string[][] = [];
  const reviews: string[][] = [];
  const plans: string[][] = [];
  const combined: { time: number; fields: string[] }[] = [];
  const lastWorkingTime = (person: Person, day: number) => personTime(organisation, person, day, random.integer(960 * 60, 1080 * 60) / 60);

  for (const record of records) {
    const person = people[record.person]!;
    if (regional(record)) {
      const row: Record<string, string> = { EmailAddress: email(person) };
      let dateColumn = 'EffectiveDate';
      // Hand-written rows sometimes put the date in the first date column of the sheet.
      if (record.kind !== 'resignation' && random.chance(0.08)) dateColumn = 'ResignationDate';
      switch (record.kind) {
        case 'resignation':
          row.HRScenario = 'Resignation';
          row.ResignationDate = hrDate(random, person, record.time);
          row.LastWorkingDate = hrDate(random, person, lastWorkingTime(person, record.lastWorkingDay));
          break;
        case 'jobLevelChange':
          row.HRScenario = 'Job level change';
          row[dateColumn] = hrDate(random, person, record.time);
          row.OldLevel = levelText(random, record.oldLevel);
          row.NewLevel = levelText(random, record.newLevel);
          row.Remarks = spaced(random, record.remarks, 0.2);
          break;
        case 'performanceReview':
          row.HRScenario = 'Performance review';
          row[dateColumn] = hrDate(random, person, record.time);
          row.Remarks = spaced(random, record.remarks, 0.2);
          row.Rating = RATINGS[record.rating]!;
          break;
        case 'improvementPlan':
          row.HRScenario = 'Performance improvement plan';
          row[dateColumn] = hrDate(random, person, record.time);
          row.Remarks = spaced(random, record.remarks, 0.2);
          row.Rating = RATINGS[record.rating]!;
          break;
      }
      combined.push({ time: record.time, fields: ragged(HR_SCENARIO_COLUMNS.map((column) => row[column] ?? '')) });
      continue;
    }
    switch (record.kind) {
      case 'resignation':
        resignations.push([email(person), hrDate(random, person, record.time), hrDate(random, person, lastWorkingTime(person, record.lastWorkingDay))]);
        break;
      case 'jobLevelChange':
        levelChanges.push(ragged([email(person), hrDate(random, person, record.time), levelText(random, record.oldLevel), levelText(random, record.newLevel), random.chance(0.3) ? '' : spaced(random, record.remarks, 0.2)]));
        break;
      case 'performanceReview': {
        // Some sources leave the rating out of unremarkable reviews (a ragged row).
        const rating = record.rating === 3 && random.chance(0.05) ? '' : spaced(random, RATINGS[record.rating]!, 0.1);
        reviews.push(ragged([email(person), hrDate(random, person, record.time), spaced(random, record.remarks, 0.2), rating]));
        break;
      }
      case 'improvementPlan':
        plans.push([email(person), hrDate(random, person, record.time), spaced(random, record.remarks, 0.2), RATINGS[record.rating]!]);
        break;
    }
  }

  // Employee profiles of the APAC people, first in the hand-kept file.
  const profiles: string[][] = [];
  for (const person of people) {
    if (person.office.region !== 'APAC' || !employedDuringPeriod(organisation, person)) continue;
    const office = person.office;
    const row: Record<string, string> = {
      HRScenario: 'Employee profile',
      EmailAddress: person.email,
      UserName: person.userId,
      EmployeeFirstName: person.firstName,
      EmployeeLastName: person.lastName,
      EmployeeAddLine1: office.street,
      EmployeeAddLine2: random.chance(0.6) ? `Level ${random.integer(3, 40)}` : '',
      EmployeeCity: office.city,
      EmployeeState: office.state,
      EmployeeZipCode: office.postcode,
      EmployeeCountry: office.country,
      EmployeeDept: person.profile.department,
      EmployeeType: random.weighted([['Full time', 9], ['Contractor', 1], ['Part time', 1]]),
      EmployeeRole: titleFor(person, person.level, hasReports(organisation, person)),
    };
    profiles.push(ragged(HR_SCENARIO_COLUMNS.map((column) => row[column] ?? '')));
  }

  return [
    writeCsv(outDir, 'hr/resignations.csv', ['EmailAddress', 'ResignationDate', 'LastWorkingDate'], resignations, { lineEnding: '\r\n' }),
    writeCsv(outDir, 'hr/job-level-changes.csv', ['EmailAddress', 'EffectiveDate', 'OldLevel', 'NewLevel', 'Remarks'], levelChanges, { bom: true }),
    writeCsv(outDir, 'hr/performance-reviews.csv', ['EmailAddress', 'EffectiveDate', 'Remarks', 'Rating'], reviews, { lineEnding: '\r\n' }),
    writeCsv(outDir, 'hr/improvement-plans.csv', ['EmailAddress', 'EffectiveDate', 'ImprovementRemarks', 'PerformanceRating'], plans, { bom: true, encoding: 'utf16le', lineEnding: '\r\n' }),
    writeCsv(outDir, 'hr/hr-scenarios-apac.csv', HR_SCENARIO_COLUMNS, [...profiles, ...combined.map((entry) => entry.fields)], { bom: true, lineEnding: '\r\n' }),
  ];
}

/** True when the person worked at least one day of the period. */
export function employedDuringPeriod(organisation: Organisation, person: Person): boolean {
  return person.hireDay < organisation.days && (person.lastDay === null || person.lastDay >= 0);
}
