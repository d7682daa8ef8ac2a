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

const activities = (t: TestBackend) =>
  query<Record<string, unknown>>(
    t,
    `SELECT p.key, a.kind, a.operation, a.target, a.domain, a.recipients, a.external, a.device, a.size, a.attachments,
       strftime('%Y-%m-%dT%H:%M:%fZ', a.time / 1000.0, 'unixepoch') AS time, a.line
     FROM activities a JOIN persons p ON p.id = a.person_id ORDER BY a.file_id, a.line`,
  );
const alerts = (t: TestBackend) =>
  query<Record<string, unknown>>(
    t,
    'SELECT p.key, e.source, e.severity, e.policy_name, e.rule_name, e.withdrawn, e.device, e.target, e.line FROM external_alerts e LEFT JOIN persons p ON p.id = e.person_id ORDER BY e.line',
  );

describe('Microsoft 365 audit log', () => {
  it('reads the audit search CSV export (AuditData JSON in a cell) and maps every operation', async () => {
    const result = await runImport(admin, [fixture('m365', 'audit_log_export.csv')]);
    expect(result).toMatchObject({
      state: 'succeeded',
      format: 'm365',
      rows: 14,
      accepted: 13,
      ignored: 1,
      rejected: 0,
      persons: 3,
    });
    expect(result.filesDetail[0]).toMatchObject({ layout: 'm365.auditCsv' });
    const rows = activities(test);
    expect(rows.map((a) => [a.key, a.kind, a.operation, a.external])).toEqual([
      ['ann.lee@contoso.com', 'sharepointDownload', 'FileDownloaded', null],
      ['ann.lee@contoso.com', 'externalShare', 'SharingInvitationCreated', 1],
      ['ann.lee@contoso.com', 'externalShare', 'AnonymousLinkCreated', 1],
      ['bob.ray@contoso.com', 'internalShare', 'CompanyLinkCreated', 0],
      ['bob.ray@contoso.com', 'labelDowngrade', 'FileSensitivityLabelChanged', null],
      ['bob.ray@contoso.com', 'emailSend', 'Send', 1],
      ['bob.ray@contoso.com', 'mailForwardRule', 'New-InboxRule', 1],
      ['carl.diaz@contoso.com', 'usbCopy', 'FileCopiedToRemovableMedia', null],
      ['carl.diaz@contoso.com', 'logon', 'UserLoggedIn', null],
      ['carl.diaz@contoso.com', 'other', 'PageViewed', null],
    ]);
    expect(rows[0]).toMatchObject({
      time: '2021-04-28T15:05:26.000Z',
      domain: 'contoso.sharepoint.com',
      target: 'https://contoso.sharepoint.com/sites/finance/Shared Documents/Budget 2022.xlsx',
    });
    expect(rows[1]).toMatchObject({ recipients: 'ann.lee.home@gmail.com', domain: 'gmail.com' });
    expect(rows[5]).toMatchObject({
      recipients: 'x@partner.org;carl.diaz@contoso.com',
      domain: 'partner.org',
      attachments: 2,
      target: 'roadmap.pdf;list.xlsx',
    });
    expect(rows[6]).toMatchObject({ recipients: 'bob.private@yahoo.com', domain: 'yahoo.com' });
    expect(rows[7]).toMatchObject({ device: 'LAPTOP-7', size: 20480 });
    // The DLP match of Budget 2022.xlsx was withdrawn by the later DlpRuleUndo; the endpoint one stands.
    expect(alerts(test)).toEqual([
      {
        key: 'ann.lee@contoso.com',
        source: 'dlp',
        severity: 'high',
        policy_name: 'Financial data',
        rule_name: 'Credit cards',
        withdrawn: 1,
        device: null,
        target: 'https://contoso.sharepoint.com/sites/finance/Shared Documents/Budget 2022.xlsx',
        line: 11,
      },
      {
        key: 'carl.diaz@contoso.com',
        source: 'dlp',
        severity: 'medium',
        policy_name: 'Customer lists',
        rule_name: 'PII',
        withdrawn: 0,
        device: 'LAPTOP-7',
        target: 'C:\\Users\\carl\\Documents\\customers.csv',
        line: 13,
      },
    ]);
    expect(test.backend.context.settings.get('organisation.domains')).toEqual(['contoso.com']);
  });

  it('reads Management Activity API JSON as an array and as one record per line; an undo in a later import withdraws an earlier match', async () => {
    const array = await runImport(admin, [fixture('m365', 'management_api_array.json')]);
    expect(array).toMatchObject({ state: 'succeeded', rows: 8, accepted: 8 });
    expect(array.filesDetail[0]).toMatchObject({ layout: 'm365.json' });
    const lines = await runImport(admin, [fixture('m365', 'management_api_lines.json')]);
    expect(lines).toMatchObject({ state: 'succeeded', rows: 6, accepted: 5, ignored: 1 });
    expect(factCounts(test)).toMatchObject({ activities: 10, alerts: 2 });
    // Each record points at the line its object starts on.
    expect(activities(test).map((a) => a.line)).toEqual([2, 16, 27, 36, 45, 59, 75, 93, 5, 6]);
    expect(alerts(test).map((a) => a.withdrawn)).toEqual([1, 0]);
  });

  it('reads the OfficeActivity log-analytics CSV: US times with [UTC] headers, names as record types, JSON cells over several lines', async () => {
    const result = await runImport(admin, [fixture('m365', 'office_activity.csv')]);
    expect(result).toMatchObject({ state: 'succeeded', rows: 4, accepted: 4 });
    expect(result.filesDetail[0]).toMatchObject({ layout: 'm365.officeActivity' });
    expect(activities(test).map((a) => [a.kind, a.time, a.external, a.recipients, a.line])).toEqual([
      ['sharepointDownload', '2021-04-28T15:05:26.000Z', null, null, 2],
      ['externalShare', '2021-04-28T11:59:59.500Z', 1, 'partner@fabrikam.com', 3],
      ['mailForwardRule', '2021-04-29T00:00:01.000Z', 1, 'bob.private@yahoo.com', 4],
      ['fileDelete', '2021-04-29T13:15:00.000Z', null, null, 8],
    ]);
  });
});
