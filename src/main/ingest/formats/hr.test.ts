import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend, type TestSession } from '../../testing/backendFixture';
import { factCounts, fixture, query, runImport } from '../../testing/importFixtures';
import { isDemotion, isPoorRating, levelNumber } from './hr';

let test: TestBackend;
let admin: TestSession;

interface HrRow {
  key: string;
  kind: string;
  time: string;
  last: string | null;
  old_level: string | null;
  new_level: string | null;
  demotion: number | null;
  rating: string | null;
  poor_rating: number | null;
  remarks: string | null;
  detail: string | null;
  line: number;
}
const hrRows = (t: TestBackend) =>
  query<HrRow>(
    t,
    `SELECT p.key, h.kind, strftime('%Y-%m-%dT%H:%M:%fZ', h.time / 1000.0, 'unixepoch') AS time,
       strftime('%Y-%m-%dT%H:%M:%fZ', h.last_working_time / 1000.0, 'unixepoch') AS last,
       h.old_level, h.new_level, h.demotion, h.rating, h.poor_rating, h.remarks, h.detail, h.line
     FROM hr_events h JOIN persons p ON p.id = h.person_id ORDER BY h.file_id, h.line`,
  );

describe('HR connector files', () => {
  beforeEach(async () => {
    test = openTestBackend();
    admin = await test.admin();
  });
  afterEach(() => test.close());

  it("reads Microsoft's published samples with their mixed ISO-8601 forms, ragged row and leading space", async () => {
    const result = await runImport(admin, [
      fixture('hr', 'microsoft', 'hr_resignation_sample.csv'),
      fixture('hr', 'microsoft', 'hr_job_level_change_sample.csv'),
      fixture('hr', 'microsoft', 'hr_performance_review_sample.csv'),
    ]);
    expect(result).toMatchObject({
      state: 'succeeded',
      format: 'hr',
      rows: 6,
      accepted: 6,
      rejected: 0,
      persons: 3,
      personsCreated: 3,
    });
    expect(result.filesDetail.map((file) => [file.name, file.layout, file.rows])).toEqual([
      ['hr_job_level_change_sample.csv', 'hr.jobLevelChange', 2],
      ['hr_performance_review_sample.csv', 'hr.performanceReview', 2],
      ['hr_resignation_sample.csv', 'hr.resignation', 2],
    ]);
    expect(hrRows(test)).toEqual([
      expect.objectContaining({
        key: 'sarad@contoso.com',
        kind: 'jobLevelChange',
        time: '2019-04-23T09:48:02.467Z',
        old_level: 'Level 61 - Sr. Manager',
        new_level: 'Level 60- Manager',
        demotion: 1,
      }),
      expect.objectContaining({ key: 'pillar@contoso.com', kind: 'jobLevelChange', demotion: 1 }),
      expect.objectContaining({
        key: 'sarad@contoso.com',
        kind: 'performanceReview',
        rating: '2-Below expectation',
        poor_rating: 1,
        remarks: 'Met expectations but bad attitude',
      }),
      // The ragged row: no Rating column at all; the remark's leading space is trimmed.
      expect.objectContaining({
        key: 'pillar@contoso.com',
        kind: 'performanceReview',
        rating: null,
        poor_rating: null,
        remarks: 'Multiple conflicts with the team',
        line: 3,
      }),
      expect.objectContaining({
        key: 'sarad@contoso.com',
        kind: 'resignation',
        time: '2019-04-23T09:48:02.467Z',
        last: '2019-04-29T09:48:02.467Z',
      }),
      // `Z` and a time without offset (taken as UTC).
      expect.objectContaining({
        key: 'pilarp@contoso.com',
        kind: 'resignation',
        time: '2019-04-24T09:15:49.000Z',
        last: '2019-04-29T15:18:02.711Z',
      }),
    ]);
    for (const file of result.filesDetail) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a multi-scenario file: own date column or the first date filled, profiles, quoted multi-line remarks, extra columns', async () => {
    const result = await runImport(admin, [fixture('hr', 'multi_scenario.csv')]);
    expect(result).toMatchObject({ state: 'succeeded', rows: 9, accepted: 9, rejected: 0 });
    const events = hrRows(test);
    expect(events.map((e) => [e.key, e.kind, e.time.slice(0, 10)])).toEqual([
      ['ann.lee@contoso.com', 'resignation', '2021-03-01'],
      ['bob.ray@contoso.com', 'resignation', '2021-04-02'],
      ['carl.diaz@contoso.com', 'jobLevelChange', '2021-02-15'],
      ['dana.fox@contoso.com', 'jobLevelChange', '2021-02-16'],
      ['erin.gold@contoso.com', 'performanceReview', '2021-01-20'],
      ['fred.hill@contoso.com', 'performanceReview', '2021-01-21'],
      ['erin.gold@contoso.com', 'improvementPlan', '2021-02-01'],
    ]);
    expect(events[2]).toMatchObject({ demotion: 1, time: '2021-02-15T09:00:00.123Z' });
    expect(events[3]).toMatchObject({ demotion: 0 });
    expect(events[4]).toMatchObject({
      poor_rating: 1,
      remarks: 'Missed targets, twice; "needs" support\nacross two quarters',
      line: 8,
    });
    expect(events[5]).toMatchObject({ poor_rating: 0, line: 10 });
    expect(events[6]).toMatchObject({ rating: '1/5', poor_rating: 1, remarks: 'Weekly check-ins' });
    const ann = query(test, "SELECT display_name, department, file_id, line FROM persons WHERE key = 'ann.lee@contoso.com'")[0];
    expect(ann).toMatchObject({ display_name: 'Ann Lee', department: 'Finance', line: 2 });
    expect(
      query(
        test,
        'SELECT a.name, a.value FROM person_attributes a JOIN persons p ON p.id = a.person_id WHERE p.key = ?',
        'bob.ray@contoso.com',
      ),
    ).toEqual([{ name: 'CostCenter', value: 'CC-200' }]);
  });

  it('tells an improvement plan written as "Remarks, Rating" by its file name, reads UTF-16 LE and UTF-8 BOM files', async () => {
    const result = await runImport(admin, [
      fixture('hr', 'improvement_plan_remarks_rating.csv'),
      fixture('hr', 'performance_review_utf16le.csv'),
      fixture('hr', 'resignation_utf8_bom.csv'),
    ]);
    expect(result).toMatchObject({ state: 'succeeded', rows: 5, accepted: 5 });
    const events = hrRows(test);
    expect(events.filter((e) => e.kind === 'improvementPlan').map((e) => [e.key, e.poor_rating])).toEqual([
      ['gus.ivy@contoso.com', 1],
      ['hal.jay@contoso.com', null],
    ]);
    expect(events.filter((e) => e.kind === 'performanceReview').map((e) => [e.key, e.remarks, e.poor_rating, e.time])).toEqual([
      ['kai.moe@contoso.com', 'Détails: équipe ravie', 0, '2021-06-01T06:30:00.000Z'],
      ['lia.ng@contoso.com', 'Unsatisfactory, see notes', 1, '2021-06-02T00:00:00.000Z'],
    ]);
    expect(result.filesDetail.find((f) => f.name === 'resignation_utf8_bom.csv')).toMatchObject({
      layout: 'hr.resignation',
      rows: 1,
    });
  });

  it('reads employee profiles into persons with identifiers and attributes', async () => {
    const result = await runImport(admin, [fixture('hr', 'employee_profile.csv')]);
    expect(result).toMatchObject({ state: 'succeeded', rows: 2, personsCreated: 2 });
    expect(query(test, 'SELECT key, display_name, department, title, country FROM persons ORDER BY key')).toEqual([
      { key: 'ivy.kim@contoso.com', display_name: 'Ivy Kim', department: 'Legal', title: 'Counsel', country: 'United States' },
      {
        key: 'jon.lam@contoso.com',
        display_name: 'Jon Lam',
        department: 'Sales',
        title: 'Account Manager',
        country: 'United Kingdom',
      },
    ]);
    expect(
      query(test, "SELECT kind, value FROM person_identifiers WHERE kind IN ('samAccountName', 'upn') ORDER BY kind"),
    ).toEqual([
      { kind: 'samAccountName', value: 'ikim' },
      { kind: 'upn', value: 'jon.lam@contoso.com' },
    ]);
    expect(query(test, "SELECT value FROM person_attributes WHERE name = 'EmployeeAddressLine1' ORDER BY value")).toEqual([
      { value: '1 Main St, Suite 5' },
      { value: '2 High St' },
    ]);
    expect(factCounts(test).hrEvents).toBe(0);
  });

  it('stops at the first bad row by default, naming file, line, field and reason, and keeps nothing', async () => {
    const result = await runImport(admin, [fixture('hr', 'bad_rows.csv')]);
    expect(result.state).toBe('failed');
    expect(result.error).toBe('bad_rows.csv, line 3, field EmailAddress: not an e-mail address: "not-an-address"');
    expect(result.problems[0]).toMatchObject({ severity: 'error', file: 'bad_rows.csv', line: 3, field: 'EmailAddress' });
    expect(factCounts(test)).toMatchObject({ persons: 0, hrEvents: 0 });
    expect(result.filesDetail[0]).toMatchObject({ status: 'notImported' });
  });

  it('reports a file cut in the middle of a UTF-8 character as a truncated last line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'irm-hr-'));
    try {
      const bytes = Buffer.from(
        'EmailAddress,ResignationDate,LastWorkingDate\nmia.oak@contoso.com,2021-07-01,2021-07-30\nzoë@contoso.com',
      );
      writeFileSync(join(folder, 'cut.csv'), bytes.subarray(0, bytes.length - 13));
      const result = await runImport(admin, [join(folder, 'cut.csv')]);
      expect(result).toMatchObject({ state: 'succeeded', rows: 2, accepted: 1, rejected: 1 });
      expect(result.problems.map((p) => [p.severity, p.line, p.reason])).toEqual([
        ['warning', 3, 'truncated last line: the file ends in the middle of a UTF-8 character (truncated)'],
        ['warning', 3, 'truncated last line (the file ends without a line break): not an e-mail address: "zo"'],
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('skips bad rows into a rejects file and reports a truncated last line', async () => {
    const result = await runImport(admin, [fixture('hr', 'bad_rows.csv')], { onError: 'skip' });
    expect(result).toMatchObject({ state: 'succeeded', rows: 5, accepted: 2, rejected: 3, hasRejects: true });
    expect(result.problems.map((p) => [p.severity, p.line, p.field, p.reason])).toEqual([
      ['error', 3, 'EmailAddress', 'not an e-mail address: "not-an-address"'],
      ['error', 4, 'ResignationDate', 'not a date: "2021-13-45" (expected ISO 8601, e.g. 2019-04-23 or 2019-04-23T15:18:02Z)'],
      [
        'warning',
        6,
        'ResignationDate',
        'truncated last line (the file ends without a line break): not a date: "2021-08-0" (expected ISO 8601, e.g. 2019-04-23 or 2019-04-23T15:18:02Z)',
      ],
    ]);
    const rejects = await admin.value('imports.rejects', { id: result.id });
    expect(rejects.rows).toBe(3);
    expect(rejects.csv.split('\n')[0]).toBe('file,line,field,reason,raw');
    expect(rejects.csv).toContain(
      'bad_rows.csv,3,EmailAddress,"not an e-mail address: ""not-an-address""","not-an-address,2021-08-02,2021-08-31"',
    );
    expect(hrRows(test).map((e) => e.key)).toEqual(['noa.pym@contoso.com', 'ping.ro@contoso.com']);
  });
});

describe('HR interpretation rules', () => {
  it('finds level numbers and demotions', () => {
    expect(levelNumber('Level 61 - Sr. Manager')).toBe(61);
    expect(levelNumber('L5')).toBe(5);
    expect(levelNumber('Grade 7')).toBe(7);
    expect(levelNumber('Manager')).toBeNull();
    expect(isDemotion('Level 62 - Director', 'Level 60- Sr. Manager', null)).toBe(true);
    expect(isDemotion('Level 60', 'Level 61', null)).toBe(false);
    expect(isDemotion('Director', 'Manager', null)).toBe(true);
    expect(isDemotion('Manager', 'Senior Manager', null)).toBe(false);
    expect(isDemotion('Analyst', 'Engineer', null)).toBeNull();
    expect(isDemotion('Analyst', 'Engineer', 'Demoted after review')).toBe(true);
  });

  it('recognises poor ratings', () => {
    expect(isPoorRating('2-Below expectation')).toBe(true);
    expect(isPoorRating('Needs improvement')).toBe(true);
    expect(isPoorRating('4 - Exceeds expectations')).toBe(false);
    expect(isPoorRating('Meets expectations')).toBe(false);
    expect(isPoorRating('1')).toBe(true);
    expect(isPoorRating('3')).toBe(false);
    expect(isPoorRating('2/10')).toBe(true);
    expect(isPoorRating('B+')).toBeNull();
    expect(isPoorRating(null)).toBeNull();
  });
});
