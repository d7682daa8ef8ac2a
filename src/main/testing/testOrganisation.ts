/**
 * Test helper: a small hand-built organisation with three insiders and ordinary colleagues, written
 * straight into the store (the way an importer would), for the golden explanation files, the
 * determinism and the incremental-equals-full tests.
 *
 * - thief: resigns; in the weeks before, copies files to USB and uploads to personal cloud storage.
 * - leaker: a DLP alert; downloads files from SharePoint and mails them (attachments) to a rival
 *   and a personal webmail address.
 * - snooper: an endpoint security alert; logs on at night to a colleague's PC; member of a priority group.
 */
import type { Database } from '../store/database';
import { insertTestPersons } from './testPersons';
import { DAY, HOUR, ordinaryDay, signalWriter, type TestActivity } from './testSignals';

/** The first day of the organisation's data (UTC days since the epoch): Monday 2025-10-06. */
export const FIRST_DAY = Date.UTC(2025, 9, 6) / DAY;
/** Days of data. */
export const DAYS = 84;

/** Person ids of the organisation. */
export interface TestOrganisation {
  thief: number;
  leaker: number;
  snooper: number;
  colleagues: number[];
  /** The day the insiders act (thief's last day before resignation, etc.). */
  actDay: number;
}

const isWeekend = (day: number) => [0, 6].includes((day + 4) % 7);

/** Inserts persons and their signals up to (and including) `untilDay`; returns their ids. */
export function buildTestOrganisation(
  db: Database,
  options: { untilDay?: number; fromDay?: number; persons?: TestOrganisation } = {},
): TestOrganisation {
  const persons =
    options.persons ??
    (() => {
      const ids = insertTestPersons(db, [
        { key: 'tom.thief@corp.example', displayName: 'Tom Thief', department: 'Engineering', region: 'EMEA', title: 'Engineer' },
        { key: 'lea.leaker@corp.example', displayName: 'Lea Leaker', department: 'Finance', region: 'EMEA', title: 'Analyst' },
        {
          key: 'sam.snooper@corp.example',
          displayName: 'Sam Snooper',
          department: 'Engineering',
          region: 'EMEA',
          title: 'Engineer',
        },
        ...Array.from({ length: 9 }, (_, i) => ({
          key: `colleague${i}@corp.example`,
          displayName: `Colleague ${i}`,
          department: i % 2 === 0 ? 'Engineering' : 'Finance',
          region: 'EMEA',
          title: i === 0 ? 'Director of Engineering' : 'Engineer',
        })),
      ]);
      const [thief, leaker, snooper, ...colleagues] = ids as [number, number, number, ...number[]];
      return { thief, leaker, snooper, colleagues, actDay: FIRST_DAY + 70 };
    })();
  const from = options.fromDay ?? FIRST_DAY;
  const until = options.untilDay ?? FIRST_DAY + DAYS - 1;
  const writer = signalWriter(db, `organisation-${from}-${until}.csv`);
  const all = [persons.thief, persons.leaker, persons.snooper, ...persons.colleagues];
  const pcOf = (person: number) => `PC-${1000 + all.indexOf(person)}`;
  const rows: TestActivity[] = [];
  const at = (day: number, hour: number, minute = 0) => day * DAY + hour * HOUR + minute * 60_000;
  for (let day = from; day <= until; day++) {
    if (isWeekend(day)) continue;
    all.forEach((person, index) => {
      rows.push(...ordinaryDay(person, day, pcOf(person), { startHour: 8 + (index % 2) }));
      // Everyone downloads a few files and sometimes mails a partner: normal work stays below thresholds.
      rows.push({
        person,
        time: at(day, 11),
        kind: 'sharepointDownload',
        target: `https://corp.sharepoint.com/sites/team/report-${day % 5}.docx`,
      });
      if ((day + index) % 4 === 0)
        rows.push({
          person,
          time: at(day, 14),
          kind: 'emailSend',
          recipients: 'buyer@partner.example',
          attachments: 1,
          target: 'offer.pdf',
        });
    });
    const act = persons.actDay;
    if (day >= act - 3 && day <= act) {
      // thief: USB copies and cloud uploads in the days before leaving.
      for (let i = 0; i < 24; i++)
        rows.push({
          person: persons.thief,
          time: at(day, 16, i),
          kind: 'usbCopy',
          device: pcOf(persons.thief),
          target: `E:\\design-${day}-${i}.dwg`,
        });
      for (let i = 0; i < 4; i++)
        rows.push({
          person: persons.thief,
          time: at(day, 17, i),
          kind: 'cloudUpload',
          domain: 'www.dropbox.com',
          target: `https://www.dropbox.com/upload/design-${day}-${i}.dwg`,
        });
    }
    if (day === act) {
      // leaker: download, then mail out the same files.
      for (let i = 0; i < 5; i++) {
        const name = `ledger-q${i}.xlsx`;
        rows.push({
          person: persons.leaker,
          time: at(day, 9, i),
          kind: 'sharepointDownload',
          target: `https://corp.sharepoint.com/sites/finance/${name}`,
        });
        rows.push({
          person: persons.leaker,
          time: at(day, 10, i),
          kind: 'emailSend',
          recipients: 'lea.private@gmail.com;contact@rival.example',
          attachments: 1,
          target: name,
        });
      }
      for (let i = 0; i < 6; i++)
        rows.push({
          person: persons.leaker,
          time: at(day, 11, i),
          kind: 'emailSend',
          recipients: 'contact@rival.example',
          attachments: 2,
          target: `budget-${i}.pdf`,
        });
      // snooper: logs on at night to colleague 0's PC, and to their own PC at unusual hours.
      rows.push({ person: persons.snooper, time: at(day, 2), kind: 'logon', device: pcOf(persons.colleagues[0]!) });
      rows.push({ person: persons.snooper, time: at(day, 3), kind: 'logon', device: pcOf(persons.snooper) });
      rows.push({
        person: persons.snooper,
        time: at(day, 2, 30),
        kind: 'webDownload',
        domain: 'www.spyrix.com',
        target: 'https://www.spyrix.com/download/skm.exe',
      });
    }
  }
  writer.activities(rows);
  const inRange = (day: number) => day >= from && day <= until;
  if (inRange(persons.actDay + 1))
    writer.hrEvent({
      person: persons.thief,
      kind: 'resignation',
      time: (persons.actDay + 1) * DAY,
      lastWorkingTime: (persons.actDay + 14) * DAY,
    });
  if (inRange(persons.actDay)) {
    writer.externalAlert({
      person: persons.leaker,
      time: persons.actDay * DAY + 10 * HOUR,
      source: 'dlp',
      severity: 'high',
      title: 'Financial data to external recipients',
    });
    writer.externalAlert({
      person: persons.snooper,
      time: persons.actDay * DAY + 3 * HOUR,
      source: 'security',
      severity: 'medium',
      title: 'Keylogger installed',
      category: 'UnwantedSoftware',
    });
  }
  return persons;
}
