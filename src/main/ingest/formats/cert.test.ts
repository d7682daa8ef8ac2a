import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend, type TestSession } from '../../testing/backendFixture';
import { factCounts, fixture, query, runImport } from '../../testing/importFixtures';

let test: TestBackend;
let admin: TestSession;
beforeEach(async () => {
  test = openTestBackend();
  admin = await test.admin();
});
afterEach(() => test.close());

const activities = (t: TestBackend, where = '1 = 1') =>
  query<Record<string, unknown>>(
    t,
    `SELECT p.key, a.kind, a.category, a.operation, a.device, a.target, a.domain, a.recipients, a.external, a.size, a.attachments, a.detail,
       strftime('%Y-%m-%dT%H:%M:%SZ', a.time / 1000, 'unixepoch') AS time, f.name AS file, a.line
     FROM activities a JOIN persons p ON p.id = a.person_id JOIN import_files f ON f.id = a.file_id WHERE ${where} ORDER BY f.name, a.line`,
  );

describe('CERT r4 release folder', () => {
  it('imports logon, device, file, email, http, psychometric and LDAP snapshots as one job', async () => {
    const result = await runImport(admin, [fixture('cert', 'r4')]);
    expect(result).toMatchObject({
      state: 'succeeded',
      format: 'cert',
      rows: 23,
      accepted: 22,
      rejected: 1,
      persons: 3,
      personsCreated: 3,
    });
    expect(result.filesDetail.map((f) => [f.name, f.layout, f.rows])).toEqual([
      ['r4/LDAP/2010-01.csv', 'cert.ldap', 3],
      ['r4/LDAP/2010-02.csv', 'cert.ldap', 2],
      ['r4/psychometric.csv', 'cert.psychometric', 2],
      ['r4/device.csv', 'cert.device.r4', 3],
      ['r4/email.csv', 'cert.email.r4', 3],
      ['r4/file.csv', 'cert.file.r4', 2],
      ['r4/http.csv', 'cert.http.r4', 4],
      ['r4/logon.csv', 'cert.logon', 4],
    ]);
    // The truncated last line of http.csv is reported as a warning, not a failure.
    expect(result.problems).toEqual([
      {
        severity: 'warning',
        file: 'r4/http.csv',
        line: 5,
        field: 'url',
        reason: 'truncated last line (the file ends without a line break): only 4 of 6 fields',
      },
    ]);
    // Role, functional unit and team of 3 persons, and 5 psychometric scores of 2.
    expect(factCounts(test)).toMatchObject({ persons: 3, activities: 15, hrEvents: 1, attributes: 19 });

    // CERT user ids resolve to the persons the LDAP snapshots define (keyed by e-mail).
    expect(
      query(test, 'SELECT key, display_name, department, title, manager_id IS NOT NULL AS managed FROM persons ORDER BY key'),
    ).toEqual([
      {
        key: 'dean.flynn.hines@dtaa.com',
        display_name: 'Dean Flynn Hines',
        department: '2 - Sales',
        title: 'Manager',
        managed: 0,
      },
      {
        key: 'lynn.adena.pratt@dtaa.com',
        display_name: 'Lynn Adena Pratt',
        department: '2 - Sales',
        title: 'ComputerProgrammer',
        managed: 1,
      },
      {
        key: 'nathaniel.hunter.heath@dtaa.com',
        display_name: 'Nathaniel Hunter Heath',
        department: '2 - Sales',
        title: 'Salesman',
        managed: 1,
      },
    ]);
    expect(query(test, "SELECT value FROM person_identifiers WHERE kind = 'userId' ORDER BY value")).toEqual([
      { value: 'DFH0001' },
      { value: 'LRR0148' },
      { value: 'NGF0157' },
    ]);

    const logons = activities(test, "f.name = 'r4/logon.csv'");
    expect(logons.map((a) => [a.key, a.kind, a.device, a.time])).toEqual([
      ['nathaniel.hunter.heath@dtaa.com', 'logon', 'PC-6056', '2010-01-02T06:49:00Z'],
      ['lynn.adena.pratt@dtaa.com', 'logon', 'PC-4275', '2010-01-02T06:50:00Z'],
      // Not zero-padded: 1/2/2010 7:2:17.
      ['nathaniel.hunter.heath@dtaa.com', 'logoff', 'PC-6056', '2010-01-02T07:02:17Z'],
      ['lynn.adena.pratt@dtaa.com', 'logon', 'PC-6056', '2010-01-04T23:55:10Z'],
    ]);
    expect(activities(test, "f.name = 'r4/device.csv'").map((a) => [a.kind, a.category])).toEqual([
      ['usbConnect', 'Exfiltration'],
      ['usbDisconnect', 'Access'],
      ['usbConnect', 'Exfiltration'],
    ]);
    expect(activities(test, "f.name = 'r4/file.csv'").map((a) => [a.kind, a.target])).toEqual([
      ['usbCopy', '5ZJ04TU7.doc'],
      ['usbCopy', 'OW56ZPLS.pdf'],
    ]);
    // The organisation's domain is the one most senders use: dtaa.com.
    expect(
      activities(test, "f.name = 'r4/email.csv'").map((a) => [
        a.kind,
        a.category,
        a.external,
        a.domain,
        a.attachments,
        a.size,
        a.recipients,
      ]),
    ).toEqual([
      [
        'emailSend',
        'Exfiltration',
        1,
        'lockheed.com',
        0,
        25830,
        'dean.flynn.hines@dtaa.com;wade_harrison@lockheed.com;nathaniel.hunter.heath@dtaa.com',
      ],
      ['emailSend', 'Exfiltration', 1, 'bellsouth.net', 2, 29942, 'odonnell-gage@bellsouth.net'],
      ['emailSendInternal', 'Access', 0, 'dtaa.com', 0, 1200, 'dean.flynn.hines@dtaa.com'],
    ]);
    expect(activities(test, "f.name = 'r4/http.csv'").map((a) => [a.kind, a.domain, a.time])).toEqual([
      ['webVisit', 'msn.com', '2010-01-02T06:55:16Z'],
      ['webVisit', 'www.monster.com', '2010-01-02T07:00:13Z'],
      ['webVisit', 'dropbox.com', '2010-01-02T07:01:00Z'],
    ]);
    // Lynn is in the January snapshot and not in February's: she left at the end of January.
    expect(
      query(
        test,
        "SELECT p.key, h.kind, strftime('%Y-%m-%d', h.time / 1000, 'unixepoch') AS day, h.derived_from_roster, f.name AS file, h.line, h.remarks FROM hr_events h JOIN persons p ON p.id = h.person_id JOIN import_files f ON f.id = h.file_id",
      ),
    ).toEqual([
      {
        key: 'lynn.adena.pratt@dtaa.com',
        kind: 'departure',
        day: '2010-01-31',
        derived_from_roster: 1,
        file: 'r4/LDAP/2010-02.csv',
        line: 0,
        remarks:
          'derived from roster: last listed in r4/LDAP/2010-01.csv (line 2), absent from r4/LDAP/2010-02.csv and later snapshots',
      },
    ]);
    expect(
      query(
        test,
        "SELECT a.name, a.value FROM person_attributes a JOIN persons p ON p.id = a.person_id WHERE p.key = 'lynn.adena.pratt@dtaa.com' AND a.name LIKE 'psychometric.%' ORDER BY a.name",
      ),
    ).toEqual([
      { name: 'psychometric.A', value: '19' },
      { name: 'psychometric.C', value: '39' },
      { name: 'psychometric.E', value: '36' },
      { name: 'psychometric.N', value: '40' },
      { name: 'psychometric.O', value: '40' },
    ]);
    expect(test.backend.context.settings.get('organisation.domains')).toEqual(['dtaa.com']);
  });

  it('takes local CERT times with a chosen UTC offset', async () => {
    await runImport(admin, [fixture('cert', 'r4', 'logon.csv')], { utcOffsetMinutes: -300 });
    expect(activities(test).map((a) => a.time)[0]).toBe('2010-01-02T11:49:00Z');
  });
});

describe('CERT r6 layouts', () => {
  it('stops on an unknown http activity by default', async () => {
    const result = await runImport(admin, [fixture('cert', 'r6')]);
    expect(result.state).toBe('failed');
    expect(result.error).toBe(
      'r6/http.csv, line 5, field activity: unknown activity "WWW Browse" (expected www visit, www download, www upload)',
    );
    expect(factCounts(test)).toMatchObject({ persons: 0, activities: 0 });
  });

  it('maps file activity flags, r6 e-mail attachments and web uploads/downloads', async () => {
    const result = await runImport(admin, [fixture('cert', 'r6')], { onError: 'skip' });
    expect(result).toMatchObject({ state: 'succeeded', rows: 17, accepted: 16, rejected: 1, persons: 1 });
    expect(activities(test, "f.name = 'r6/file.csv'").map((a) => [a.kind, a.operation, a.target, a.detail])).toEqual([
      ['usbCopy', 'File Copy', 'R:\\dir1\\secret.docx', null],
      ['fileOpen', 'File Open', 'C:\\Users\\acm\\notes.txt', null],
      ['usbCopy', 'File Write', 'R:\\dir1\\old.zip', null],
      ['fileDelete', 'File Delete', 'C:\\Users\\acm\\temp.doc', null],
      ['fileCopy', 'File Copy', 'C:\\Users\\acm\\copy.doc', '{"fromRemovableMedia":true}'],
    ]);
    expect(activities(test, "f.name = 'r6/device.csv'").map((a) => [a.kind, a.target])).toEqual([
      ['usbConnect', 'R:\\;R:\\dir1;R:\\dir1\\secret.docx'],
      ['usbDisconnect', null],
    ]);
    expect(
      activities(test, "f.name = 'r6/email.csv'").map((a) => [a.kind, a.external, a.attachments, a.target, a.domain]),
    ).toEqual([
      ['emailSend', 1, 2, 'C:\\Users\\acm\\secret.docx;C:\\Users\\acm\\plan.pdf', 'gmail.com'],
      ['emailReceive', 0, null, null, 'dtaa.com'],
      ['emailView', 0, null, null, 'dtaa.com'],
    ]);
    expect(activities(test, "f.name = 'r6/http.csv'").map((a) => [a.kind, a.category, a.domain])).toEqual([
      ['webUpload', 'Exfiltration', 'wikileaks.org'],
      ['webDownload', 'Infiltration', 'keylogger.org'],
      ['webVisit', 'Access', 'www.careerbuilder.com'],
    ]);
    expect(query(test, 'SELECT key FROM persons')).toEqual([{ key: 'abel.cole.moss@dtaa.com' }]);
  });
});
