import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend, type TestSession } from '../../testing/backendFixture';
import { factCounts, fixture, query, runImport } from '../../testing/importFixtures';
import { snapshotMonth } from './directory';

let test: TestBackend;
let admin: TestSession;
beforeEach(async () => {
  test = openTestBackend();
  admin = await test.admin();
});
afterEach(() => test.close());

describe('directory rosters', () => {
  it('creates persons with identifiers, attributes, and managers by display name or e-mail', async () => {
    const result = await runImport(admin, [fixture('directory', 'roster.csv')]);
    expect(result).toMatchObject({ state: 'succeeded', format: 'directory', rows: 4, accepted: 4, personsCreated: 4 });
    expect(
      query(
        test,
        `SELECT p.key, p.display_name, p.department, p.business_unit, p.region, p.country, p.language, p.title, m.key AS manager, p.line
                        FROM persons p LEFT JOIN persons m ON m.id = p.manager_id ORDER BY p.key`,
      ),
    ).toEqual([
      {
        key: 'rosa.stone@fabrikam.com',
        display_name: 'Rosa Stone',
        department: 'IT',
        business_unit: '1',
        region: 'EMEA',
        country: 'Germany',
        language: 'de',
        title: 'Head of IT',
        manager: null,
        line: 2,
      },
      // Supervisor given by display name.
      {
        key: 'sam.tate@fabrikam.com',
        display_name: 'Sam Tate',
        department: 'IT',
        business_unit: '1',
        region: 'EMEA',
        country: 'Germany',
        language: 'de',
        title: 'Engineer',
        manager: 'rosa.stone@fabrikam.com',
        line: 3,
      },
      // Quoted name with a comma; e-mail lower-cased as the key; manager given by e-mail.
      {
        key: 'uma.vance@fabrikam.com',
        display_name: 'Uma Vance, Jr.',
        department: 'Sales',
        business_unit: '2',
        region: 'AMER',
        country: 'United States',
        language: 'en',
        title: 'Account Executive',
        manager: 'rosa.stone@fabrikam.com',
        line: 4,
      },
      {
        key: 'vic.wolfe@fabrikam.com',
        display_name: 'Vic Wolfe',
        department: 'Sales',
        business_unit: '2',
        region: 'AMER',
        country: 'Canada',
        language: 'fr',
        title: 'Contractor',
        manager: 'sam.tate@fabrikam.com',
        line: 5,
      },
    ]);
    expect(
      query(
        test,
        "SELECT kind, value FROM person_identifiers WHERE person_id = (SELECT id FROM persons WHERE key = 'uma.vance@fabrikam.com') ORDER BY kind",
      ),
    ).toEqual([
      { kind: 'displayName', value: 'Uma Vance, Jr.' },
      { kind: 'email', value: 'uma.vance@fabrikam.com' },
      { kind: 'userId', value: 'UVA0003' },
    ]);
    expect(
      query(
        test,
        "SELECT name, value FROM person_attributes a JOIN persons p ON p.id = a.person_id WHERE p.key = 'uma.vance@fabrikam.com' ORDER BY name",
      ),
    ).toEqual([
      { name: 'functional_unit', value: 'Sales' },
      { name: 'role', value: 'Salesman' },
      { name: 'team', value: 'Key accounts, North' },
    ]);
    expect(test.backend.context.settings.get('organisation.domains')).toEqual(['fabrikam.com']);
  });

  it('derives departures from monthly snapshots, marked "derived from roster", with the snapshot that showed them', async () => {
    const result = await runImport(admin, [fixture('directory', 'snapshots')]);
    expect(result).toMatchObject({ state: 'succeeded', rows: 11, persons: 5, personsCreated: 5 });
    expect(
      query(
        test,
        "SELECT p.key, strftime('%Y-%m-%d', h.time / 1000, 'unixepoch') AS day, h.derived_from_roster AS derived, f.name AS file, h.line FROM hr_events h JOIN persons p ON p.id = h.person_id JOIN import_files f ON f.id = h.file_id ORDER BY h.time",
      ),
    ).toEqual([
      { key: 'vic.wolfe@fabrikam.com', day: '2021-01-31', derived: 1, file: 'snapshots/2021-02.csv', line: 0 },
      { key: 'uma.vance@fabrikam.com', day: '2021-02-28', derived: 1, file: 'snapshots/2021-03.csv', line: 0 },
    ]);
    // Attributes come from the latest snapshot a person is in.
    expect(
      query(
        test,
        "SELECT p.title, m.display_name AS manager FROM persons p JOIN persons m ON m.id = p.manager_id WHERE p.key = 'wes.xu@fabrikam.com'",
      ),
    ).toEqual([{ title: 'Engineer', manager: 'Sam Tate' }]);
    expect(query(test, "SELECT title FROM persons WHERE key = 'sam.tate@fabrikam.com'")).toEqual([{ title: 'Lead Engineer' }]);
  });

  it('derives departures across imports: a later snapshot is compared with the stored ones, without duplicates', async () => {
    const departures = () =>
      query(
        test,
        "SELECT h.id, p.key, strftime('%Y-%m-%d', h.time / 1000, 'unixepoch') AS day, h.derived_from_roster AS derived, f.name AS file, h.line, h.remarks FROM hr_events h JOIN persons p ON p.id = h.person_id JOIN import_files f ON f.id = h.file_id WHERE h.kind = 'departure' ORDER BY h.time",
      );
    await runImport(admin, [fixture('directory', 'snapshots', '2021-01.csv')]);
    expect(departures()).toEqual([]);
    const february = await runImport(admin, [fixture('directory', 'snapshots', '2021-02.csv')]);
    expect(february.state).toBe('succeeded');
    const afterFebruary = departures();
    expect(afterFebruary).toEqual([
      {
        id: expect.any(Number),
        key: 'vic.wolfe@fabrikam.com',
        day: '2021-01-31',
        derived: 1,
        file: '2021-02.csv',
        line: 0,
        remarks: 'derived from roster: last listed in 2021-01.csv (line 5), absent from 2021-02.csv and later snapshots',
      },
    ]);
    await runImport(admin, [fixture('directory', 'snapshots', '2021-03.csv')]);
    const afterMarch = departures();
    expect(afterMarch.map(({ key, day, file }) => ({ key, day, file }))).toEqual([
      { key: 'vic.wolfe@fabrikam.com', day: '2021-01-31', file: '2021-02.csv' },
      { key: 'uma.vance@fabrikam.com', day: '2021-02-28', file: '2021-03.csv' },
    ]);
    // Vic's departure is the same row (alerts may point at it).
    expect(afterMarch[0]!.id).toBe(afterFebruary[0]!.id);
    // Re-importing a snapshot on purpose replaces its rows and derives the same departures once.
    expect((await runImport(admin, [fixture('directory', 'snapshots', '2021-03.csv')], { reimport: true })).state).toBe(
      'succeeded',
    );
    expect(departures().map(({ key, day, file }) => ({ key, day, file }))).toEqual(
      afterMarch.map(({ key, day, file }) => ({ key, day, file })),
    );
    // The same months in one job give the same events as in three.
    const single = openTestBackend();
    try {
      const singleAdmin = await single.admin();
      await runImport(singleAdmin, [fixture('directory', 'snapshots')]);
      expect(
        query(
          single,
          'SELECT p.key, h.time, h.line, h.remarks FROM hr_events h JOIN persons p ON p.id = h.person_id ORDER BY h.time',
        ),
      ).toEqual(
        query(
          test,
          'SELECT p.key, h.time, h.line, h.remarks FROM hr_events h JOIN persons p ON p.id = h.person_id ORDER BY h.time',
        ).map((row) => ({ ...row, remarks: (row.remarks as string).replace(/(20\d\d-\d\d\.csv)/g, 'snapshots/$1') })),
      );
    } finally {
      single.close();
    }
  });

  it('removes or moves a derived departure that a snapshot imported later contradicts', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'irm-snapshots-'));
    try {
      const header = 'employee_name,user_id,email,role,business_unit,functional_unit,department,team,supervisor';
      const rosa = 'Rosa Stone,RST0001,rosa.stone@fabrikam.com,ITAdmin,1,Operations,IT,Infrastructure,';
      // The team differs per month: a file with the same content is a duplicate and would be skipped.
      const vic = (team: string) => `Vic Wolfe,VWO0004,vic.wolfe@fabrikam.com,Contractor,2,Sales,Sales,${team},Rosa Stone`;
      const write = (month: string, ...rows: string[]) => {
        mkdirSync(join(folder, month), { recursive: true });
        const path = join(folder, month, `${month}.csv`);
        writeFileSync(path, `${[header, ...rows].join('\n')}\n`);
        return path;
      };
      const departures = () =>
        query(
          test,
          "SELECT h.id, p.key, strftime('%Y-%m-%d', h.time / 1000, 'unixepoch') AS day, f.name AS file FROM hr_events h JOIN persons p ON p.id = h.person_id JOIN import_files f ON f.id = h.file_id WHERE h.kind = 'departure' ORDER BY h.time",
        );
      await runImport(admin, [write('2021-01', rosa, vic('Key accounts'))]);
      await runImport(admin, [write('2021-03', rosa)]);
      const gone = departures();
      expect(gone).toEqual([{ id: expect.any(Number), key: 'vic.wolfe@fabrikam.com', day: '2021-01-31', file: '2021-03.csv' }]);
      // February, imported later, still lists Vic: the departure moves to the end of February (same row).
      const february = await runImport(admin, [write('2021-02', rosa, vic('North'))]);
      expect(february.state).toBe('succeeded');
      expect(departures()).toEqual([{ id: gone[0]!.id, key: 'vic.wolfe@fabrikam.com', day: '2021-02-28', file: '2021-03.csv' }]);
      // April lists Vic again: he did not leave, and the derived departure goes away.
      await runImport(admin, [write('2021-04', rosa, vic('South'))]);
      expect(departures()).toEqual([]);
      expect(factCounts(test).hrEvents).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a later roster adds identifiers to persons first seen by user id, keeping their key', async () => {
    await runImport(admin, [fixture('cert', 'r4', 'logon.csv')]);
    expect(query(test, 'SELECT key FROM persons ORDER BY key')).toEqual([{ key: 'lrr0148' }, { key: 'ngf0157' }]);
    const result = await runImport(admin, [fixture('cert', 'r4', 'LDAP', '2010-01.csv')]);
    expect(result).toMatchObject({ state: 'succeeded', personsCreated: 1 });
    expect(query(test, 'SELECT key, email, display_name FROM persons ORDER BY id')).toEqual([
      { key: 'ngf0157', email: 'nathaniel.hunter.heath@dtaa.com', display_name: 'Nathaniel Hunter Heath' },
      { key: 'lrr0148', email: 'lynn.adena.pratt@dtaa.com', display_name: 'Lynn Adena Pratt' },
      { key: 'dean.flynn.hines@dtaa.com', email: 'dean.flynn.hines@dtaa.com', display_name: 'Dean Flynn Hines' },
    ]);
    expect(factCounts(test).persons).toBe(3);
  });

  it('reads snapshot months from file names', () => {
    expect(snapshotMonth('LDAP/2010-01.csv')).toBe('2010-01');
    expect(snapshotMonth('r4.2\\LDAP\\2011-12.csv')).toBe('2011-12');
    expect(snapshotMonth('roster.csv')).toBeNull();
    expect(snapshotMonth('2010-13.csv')).toBeNull();
  });
});
