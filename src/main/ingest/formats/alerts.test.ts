import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend, type TestSession } from '../../testing/backendFixture';
import { fixture, query, runImport } from '../../testing/importFixtures';

let test: TestBackend;
let admin: TestSession;
beforeEach(async () => {
  test = openTestBackend();
  admin = await test.admin();
});
afterEach(() => test.close());

const alerts = (t: TestBackend) =>
  query<Record<string, unknown>>(
    t,
    `SELECT p.key, e.account, e.source, e.service_source, e.external_id, e.title, e.category, e.severity, e.status, e.device,
       strftime('%Y-%m-%dT%H:%M:%fZ', e.time / 1000.0, 'unixepoch') AS time, e.line
     FROM external_alerts e LEFT JOIN persons p ON p.id = e.person_id ORDER BY e.file_id, e.id`,
  );

describe('security alerts', () => {
  it('reads Graph alerts as { value: [...] }, an array and a single object', async () => {
    const result = await runImport(admin, [
      fixture('alerts', 'graph_alerts_value.json'),
      fixture('alerts', 'graph_alerts_array.json'),
      fixture('alerts', 'graph_alert_single.json'),
    ]);
    expect(result).toMatchObject({ state: 'succeeded', format: 'alerts', rows: 4, accepted: 4 });
    expect(alerts(test)).toEqual([
      // graph_alert_single.json, graph_alerts_array.json, graph_alerts_value.json (reading order is by name).
      {
        key: 'fred.hill@contoso.com',
        account: 'fred.hill@contoso.com',
        source: 'security',
        service_source: 'microsoftDefenderForEndpoint',
        external_id: 'da6',
        title: 'Defender tampering',
        category: 'DefenseEvasion',
        severity: 'medium',
        status: 'new',
        device: 'ws-9',
        time: '2021-05-01T10:00:00.000Z',
        line: 1,
      },
      {
        key: 'erin.gold@contoso.com',
        account: 'erin.gold@contoso.com',
        source: 'security',
        service_source: 'microsoftDefenderForEndpoint',
        external_id: 'da4',
        title: 'Keylogger',
        category: 'Malware',
        severity: 'high',
        status: 'new',
        device: null,
        time: '2021-05-01T10:00:00.000Z',
        line: 1,
      },
      // No user evidence: kept without a person.
      {
        key: null,
        account: null,
        source: 'security',
        service_source: 'microsoftDefenderForEndpoint',
        external_id: 'da5',
        title: 'Credential dump',
        category: 'CredentialAccess',
        severity: 'informational',
        status: 'new',
        device: null,
        time: '2021-05-01T10:00:00.000Z',
        line: 1,
      },
      {
        key: 'carl.diaz@contoso.com',
        account: 'carl.diaz@contoso.com',
        source: 'security',
        service_source: 'microsoftDefenderForEndpoint',
        external_id: 'da1',
        title: 'Suspicious process injection',
        category: 'DefenseEvasion',
        severity: 'high',
        status: 'new',
        device: 'laptop-7.contoso.com',
        time: '2021-05-01T10:00:00.000Z',
        line: 1,
      },
      // An account name without a UPN becomes a user id.
      {
        key: 'bray',
        account: 'CONTOSO\\bray',
        source: 'security',
        service_source: 'microsoftDefenderForEndpoint',
        external_id: 'da2',
        title: 'PUA detected: password cracker',
        category: 'UnwantedSoftware',
        severity: 'medium',
        status: 'new',
        device: 'desk-2.contoso.com',
        time: '2021-05-02T08:15:30.123Z',
        line: 1,
      },
      // serviceSource dataLossPrevention is a DLP alert.
      {
        key: 'ann.lee@contoso.com',
        account: 'ann.lee@contoso.com',
        source: 'dlp',
        service_source: 'dataLossPrevention',
        external_id: 'da3',
        title: 'Sensitive file sent',
        category: 'Exfiltration',
        severity: 'low',
        status: 'inProgress',
        device: null,
        time: '2021-05-01T10:00:00.000Z',
        line: 1,
      },
    ]);
    expect(result.rows).toBe(4);
  });

  it('reads the simple alert CSV; a display name resolves only to a known person', async () => {
    await runImport(admin, [fixture('hr', 'multi_scenario.csv')]);
    const result = await runImport(admin, [fixture('alerts', 'alerts.csv')]);
    expect(result).toMatchObject({ state: 'succeeded', rows: 3, accepted: 3 });
    const rows = alerts(test);
    expect(rows.map((a) => [a.key, a.account, a.severity, a.title, a.time])).toEqual([
      [
        'carl.diaz@contoso.com',
        'carl.diaz@contoso.com',
        'medium',
        'Unwanted software: "miner", blocked',
        '2021-05-03T09:00:00.000Z',
      ],
      ['gsmith', 'CONTOSO\\gsmith', 'high', 'Hack tool', '2021-05-04T14:30:00.000Z'],
      // "Dana Fox" is not a display name any roster or profile gave: no person.
      [null, 'Dana Fox', 'low', 'Policy violation', '2021-05-05T00:00:00.000Z'],
    ]);
  });
});
