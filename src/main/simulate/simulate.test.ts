import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SCENARIOS, simulateOrganisation, type AnswerKey, type SimulationSummary } from './index';
import { CERT_HEADERS } from './output';
import { HR_SCENARIO_COLUMNS } from './hrFiles';
import { LDAP_COLUMNS, ROSTER_COLUMNS } from './directory';
import { PERSONAL_MAIL_DOMAINS, HACKING_SITES } from './catalog';

const DAY = 86_400_000;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

function fingerprint(folder: string): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(folder)) hash.update(`${file}\0`).update(readFileSync(join(folder, file))).update('\0');
  return hash.digest('hex');
}

function decode(buffer: Buffer): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  return buffer.toString('utf8');
}

const parsed = new Map<string, string[][]>();

/** Parses a CSV (any of the encodings the simulator writes), once per path. */
function readCsv(path: string): string[][] {
  let rows = parsed.get(path);
  if (!rows) {
    rows = parse(decode(readFileSync(path)), { relax_column_count: true }) as string[][];
    parsed.set(path, rows);
  }
  return rows;
}

/** CERT `MM/DD/YYYY HH:MM:SS` (UTC) to milliseconds. */
function certTime(text: string): number {
  const match = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`bad CERT date ${text}`);
  return Date.UTC(Number(match[3]), Number(match[1]) - 1, Number(match[2]), Number(match[4]), Number(match[5]), Number(match[6]));
}

function dateMs(text: string): number {
  return Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
}

describe('simulateOrganisation', () => {
  let root: string;
  let out: string;
  let summary: SimulationSummary;
  let key: AnswerKey;
  const people = 55;
  const days = 28;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'irm-simulate-'));
    out = join(root, 'org');
    summary = await simulateOrganisation({ outDir: out, people, days, seed: 'format-test', start: '2025-03-17' });
    key = JSON.parse(readFileSync(join(out, 'answer-key.json'), 'utf8')) as AnswerKey;
  }, 120_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('same seed gives byte-identical output; another seed differs', async () => {
    const options = { people: 30, days: 12, start: '2025-01-06' };
    await simulateOrganisation({ ...options, outDir: join(root, 'one'), seed: 7 });
    await simulateOrganisation({ ...options, outDir: join(root, 'two'), seed: 7 });
    await simulateOrganisation({ ...options, outDir: join(root, 'three'), seed: 8 });
    expect(filesUnder(join(root, 'one'))).toEqual(filesUnder(join(root, 'two')));
    expect(fingerprint(join(root, 'one'))).toBe(fingerprint(join(root, 'two')));
    expect(fingerprint(join(root, 'one'))).not.toBe(fingerprint(join(root, 'three')));
  }, 60_000);

  test('the summary lists every file with its size and row count', () => {
    const onDisk = filesUnder(out);
    expect(summary.files.map((file) => file.path).sort()).toEqual(onDisk);
    for (const file of summary.files) expect(file.bytes).toBe(statSync(join(out, file.path)).size);
    expect(summary.people).toBe(people);
    expect(summary.start).toBe('2025-03-17');
    expect(summary.end).toBe('2025-04-13');
    expect(onDisk.some((file) => file.endsWith('.partial'))).toBe(false);
  });

  test('CERT files have the r6 headers, full rows, valid dates, ids, users and PCs', () => {
    const userIds = new Set(readCsv(join(out, 'roster.csv')).slice(1).map((row) => row[1]));
    const values: Record<string, [number, readonly string[]][]> = {
      logon: [[4, ['Logon', 'Logoff']]],
      device: [[5, ['Connect', 'Disconnect']]],
      file: [[5, ['File Open', 'File Write', 'File Copy', 'File Delete']], [6, ['True', 'False']], [7, ['True', 'False']]],
      email: [[8, ['Send', 'Receive', 'View']]],
      http: [[5, ['WWW Visit', 'WWW Download', 'WWW Upload']]],
    };
    for (const name of ['logon', 'device', 'file', 'email', 'http'] as const) {
      const rows = readCsv(join(out, 'cert', `${name}.csv`));
      expect(rows[0]).toEqual(CERT_HEADERS[name]);
      expect(rows.length).toBeGreaterThan(1);
      // Collect problems and compare once: an expect per cell makes the test slow.
      const problems: string[] = [];
      let previous = 0;
      const ids = new Set<string>();
      for (const [index, row] of rows.slice(1).entries()) {
        const where = `${name}.csv row ${index + 2}`;
        if (row.length !== CERT_HEADERS[name].length) problems.push(`${where}: ${row.length} fields`);
        if (!/^\{[A-Z0-9]{4}-[A-Z0-9]{8}-[A-Z0-9]{8}\}$/.test(row[0]!)) problems.push(`${where}: id ${row[0]}`);
        ids.add(row[0]!);
        const time = certTime(row[1]!);
        if (time < previous) problems.push(`${where}: out of time order`);
        previous = time;
        if (!userIds.has(row[2]!)) problems.push(`${where}: unknown user ${row[2]}`);
        if (!/^PC-\d{4}$/.test(row[3]!)) problems.push(`${where}: pc ${row[3]}`);
        for (const [column, allowed] of values[name]!) if (!allowed.includes(row[column]!)) problems.push(`${where}: ${CERT_HEADERS[name][column]} ${row[column]}`);
        if (name === 'email' && !(Number(row[9]) > 0)) problems.push(`${where}: size ${row[9]}`);
        if (name === 'email' && row[10] && !/^([^;()]+\(\d+\))(;[^;()]+\(\d+\))*$/.test(row[10])) problems.push(`${where}: attachments ${row[10]}`);
        if (name === 'http' && !URL.canParse(row[4]!)) problems.push(`${where}: url ${row[4]}`);
      }
      expect(problems.slice(0, 5)).toEqual([]);
      expect(ids.size).toBe(rows.length - 1);
    }
  });

  test('the M365 audit CSV has the export header, BOM, CRLF and a JSON AuditData per row', () => {
    const files = summary.files.filter((file) => file.path.startsWith('m365/'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const operations = new Map<string, number>();
    for (const file of files) {
      const buffer = readFileSync(join(out, file.path));
      expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(buffer.subarray(3, 60).toString()).toMatch(/^CreationDate,UserIds,Operations,AuditData\r\n/);
      const rows = readCsv(join(out, file.path));
      expect(rows[0]).toEqual(['CreationDate', 'UserIds', 'Operations', 'AuditData']);
      const problems: string[] = [];
      for (const [index, row] of rows.slice(1).entries()) {
        const where = `${file.path} row ${index + 2}`;
        if (row.length !== 4) problems.push(`${where}: ${row.length} fields`);
        const data = JSON.parse(row[3]!) as Record<string, unknown>;
        for (const field of ['Id', 'CreationTime', 'Operation', 'RecordType', 'UserId', 'Workload', 'OrganizationId', 'UserKey']) if (!(field in data)) problems.push(`${where}: no ${field}`);
        if (data.Operation !== row[2] || data.UserId !== row[1] || !row[0]!.startsWith(data.CreationTime as string)) problems.push(`${where}: columns disagree with AuditData`);
        operations.set(row[2]!, (operations.get(row[2]!) ?? 0) + 1);
        if (row[2] === 'DlpRuleMatch' || row[2] === 'DlpRuleUndo') {
          const details = data.PolicyDetails as { Rules: { Severity: string }[] }[];
          if (data.UserKey !== 'DlpAgent' || !['Low', 'Medium', 'High'].includes(details[0]!.Rules[0]!.Severity)) problems.push(`${where}: DLP record`);
          if (!(data.ExchangeMetaData ?? data.SharePointMetaData ?? data.EndpointMetaData)) problems.push(`${where}: DLP metadata`);
        } else if (data.Workload === 'Endpoint' && data.RecordType !== 63) problems.push(`${where}: endpoint record type`);
      }
      expect(problems.slice(0, 5)).toEqual([]);
    }
    for (const operation of ['FileAccessed', 'FileDownloaded', 'SharingSet', 'Send', 'DlpRuleMatch', 'FileDeleted']) expect(operations.get(operation) ?? 0).toBeGreaterThan(0);
  });

  test('Graph alerts are { value: [...] } with user and device evidence', () => {
    const alerts = JSON.parse(readFileSync(join(out, 'alerts', 'graph-alerts.json'), 'utf8')) as { value: Record<string, unknown>[] };
    expect(Array.isArray(alerts.value)).toBe(true);
    expect(alerts.value.length).toBeGreaterThan(0);
    for (const alert of alerts.value) {
      expect(['informational', 'low', 'medium', 'high']).toContain(alert.severity);
      expect(['new', 'inProgress', 'resolved']).toContain(alert.status);
      expect(typeof alert.category).toBe('string');
      expect(Number.isNaN(Date.parse(alert.createdDateTime as string))).toBe(false);
      const evidence = alert.evidence as Record<string, unknown>[];
      const user = evidence.find((item) => item['@odata.type'] === '#microsoft.graph.security.userEvidence') as { userAccount: { userPrincipalName: string; accountName: string } };
      const device = evidence.find((item) => item['@odata.type'] === '#microsoft.graph.security.deviceEvidence') as { deviceDnsName: string };
      expect(user.userAccount.userPrincipalName).toMatch(/@northwindtraders\.com$/);
      expect(device.deviceDnsName).toMatch(/^pc-\d{4}\.corp\.northwindtraders\.com$/);
    }
  });

  test('HR connector files have their layouts, quirks and the multi-scenario file', () => {
    const resignations = readCsv(join(out, 'hr', 'resignations.csv'));
    expect(resignations[0]).toEqual(['EmailAddress', 'ResignationDate', 'LastWorkingDate']);
    const reviews = readCsv(join(out, 'hr', 'performance-reviews.csv'));
    expect(reviews[0]).toEqual(['EmailAddress', 'EffectiveDate', 'Remarks', 'Rating']);
    expect(reviews.length).toBeGreaterThan(20);
    const plans = readFileSync(join(out, 'hr', 'improvement-plans.csv'));
    expect([...plans.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(readCsv(join(out, 'hr', 'improvement-plans.csv'))[0]).toEqual(['EmailAddress', 'EffectiveDate', 'ImprovementRemarks', 'PerformanceRating']);
    expect(readCsv(join(out, 'hr', 'job-level-changes.csv'))[0]).toEqual(['EmailAddress', 'EffectiveDate', 'OldLevel', 'NewLevel', 'Remarks']);
    const combined = readCsv(join(out, 'hr', 'hr-scenarios-apac.csv'));
    expect(combined[0]).toEqual([...HR_SCENARIO_COLUMNS]);
    const scenarios = new Set(combined.slice(1).map((row) => row[0]));
    expect(scenarios.has('Employee profile')).toBe(true);
    expect(scenarios.has('Performance review')).toBe(true);
    for (const row of combined.slice(1)) expect(['Resignation', 'Job level change', 'Performance review', 'Performance improvement plan', 'Employee profile']).toContain(row[0]);
    const dates = [...resignations.slice(1).flatMap((row) => row.slice(1)), ...reviews.slice(1).map((row) => row[1]!)];
    const shape = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{7})?(Z|[+-]\d{2}:\d{2})?)?$/;
    for (const date of dates) expect(date).toMatch(shape);
    // The quirks of real exports are there: several date shapes, leading spaces, quoted commas.
    expect(new Set(dates.map((date) => (date.length === 10 ? 'date' : date.endsWith('Z') ? 'utc' : /[+-]\d{2}:\d{2}$/.test(date) ? 'offset' : 'local'))).size).toBeGreaterThanOrEqual(3);
    const raw = readFileSync(join(out, 'hr', 'performance-reviews.csv'), 'utf8');
    expect(raw).toMatch(/,"? \S/);
    expect(raw).toMatch(/"[^"]*,[^"]*"/);
  });

  test('directory snapshots follow the CERT layout; leavers drop out of later months', () => {
    const months = filesUnder(join(out, 'cert', 'LDAP'));
    expect(months).toEqual(['2025-03.csv', '2025-04.csv']);
    const snapshots = months.map((month) => readCsv(join(out, 'cert', 'LDAP', month)));
    for (const snapshot of snapshots) expect(snapshot[0]).toEqual([...LDAP_COLUMNS]);
    const roster = readCsv(join(out, 'roster.csv'));
    expect(roster[0]).toEqual([...ROSTER_COLUMNS]);
    const names = new Set(roster.slice(1).map((row) => row[0]));
    for (const row of roster.slice(1)) {
      expect(row[1]).toMatch(/^[A-Z]{3}\d{4}$/);
      expect(row[2]).toMatch(/^[a-z0-9.]+@northwindtraders\.com$/);
      expect(['AMER', 'EMEA', 'APAC']).toContain(row[10]);
      if (row[8]) expect(names.has(row[8])).toBe(true);
    }
    // Whoever is missing from April left in March: a resignation or a departure without an HR record.
    const april = new Set(snapshots[1]!.slice(1).map((row) => row[1]));
    const gone = snapshots[0]!.slice(1).filter((row) => !april.has(row[1]));
    const resigned = new Set([...readCsv(join(out, 'hr', 'resignations.csv')).slice(1), ...readCsv(join(out, 'hr', 'hr-scenarios-apac.csv')).slice(1).filter((row) => row[0] === 'Resignation').map((row) => row.slice(1))].map((row) => row[0]!.trim()));
    const silent = new Set(key.decoys.filter((decoy) => decoy.reasons.some((reason) => reason.startsWith('left without'))).map((decoy) => decoy.email));
    for (const row of gone) expect(resigned.has(row[2]!) || silent.has(row[2]!)).toBe(true);
  });

  test('.eml files parse as MIME messages; attachments match the e-mail rows', async () => {
    const messages = filesUnder(join(out, 'content'));
    expect(messages.length).toBeGreaterThan(0);
    const sends = readCsv(join(out, 'cert', 'email.csv')).filter((row) => row[8] === 'Send' && row[10]);
    let withAttachments = 0;
    for (const file of messages) {
      const parsed = await PostalMime.parse(readFileSync(join(out, 'content', file)));
      expect(parsed.from?.address).toMatch(/@/);
      expect(parsed.subject).toBeTruthy();
      expect(parsed.text ?? parsed.html).toBeTruthy();
      if (parsed.attachments.length > 0) {
        withAttachments++;
        const listed = parsed.attachments.map((attachment) => `${attachment.filename}(${(attachment.content as ArrayBuffer).byteLength})`);
        const sentRow = sends.find((row) => listed.every((entry) => row[10]!.split(';').includes(entry)));
        const sentByWeb = !sentRow;
        if (!sentByWeb) expect(sentRow![7]).toBe(parsed.from!.address);
      }
    }
    expect(withAttachments).toBeGreaterThan(0);
  });

  test('every scenario is present from 50 people and matches the answer key', () => {
    expect(key.insiders.length).toBe(summary.insiders);
    for (const scenario of SCENARIOS) expect(summary.scenarios[scenario]).toBeGreaterThanOrEqual(1);
    const logons = readCsv(join(out, 'cert', 'logon.csv')).slice(1);
    const files = readCsv(join(out, 'cert', 'file.csv')).slice(1);
    const emails = readCsv(join(out, 'cert', 'email.csv')).slice(1);
    const http = readCsv(join(out, 'cert', 'http.csv')).slice(1);
    const audit = summary.files.filter((file) => file.path.startsWith('m365/')).flatMap((file) => readCsv(join(out, file.path)).slice(1));
    const alerts = (JSON.parse(readFileSync(join(out, 'alerts', 'graph-alerts.json'), 'utf8')) as { value: { evidence: { userAccount?: { userPrincipalName: string } }[] }[] }).value;
    const hrRows = ['resignations', 'performance-reviews', 'job-level-changes', 'hr-scenarios-apac'].flatMap((name) => readCsv(join(out, 'hr', `${name}.csv`)).slice(1));
    const within = (time: number, from: string, to: string) => time >= dateMs(from) - DAY && time < dateMs(to) + 2 * DAY;
    for (const insider of key.insiders) {
      const mine = (row: string[]) => row[2] === insider.userId;
      const myAudit = audit.filter((row) => row[1] === insider.email);
      const activity = [...files.filter(mine), ...emails.filter(mine), ...http.filter(mine), ...logons.filter(mine)].filter((row) => within(certTime(row[1]!), insider.start, insider.end));
      expect(activity.length + myAudit.length, insider.scenario).toBeGreaterThan(0);
      switch (insider.scenario) {
        case 'departing-data-theft': {
          expect(hrRows.some((row) => row.some((cell) => cell.trim() === insider.email) && (row.length === 3 || row[0] === 'Resignation'))).toBe(true);
          const lastDay = insider.lastWorkingDate! < key.end ? insider.lastWorkingDate! : key.end;
          const usbRows = files.filter((row) => mine(row) && row[6] === 'True' && within(certTime(row[1]!), insider.trigger.date, lastDay));
          const usbAudit = myAudit.filter((row) => row[2] === 'FileCopiedToRemovableMedia' && within(Date.parse(row[0]!), insider.trigger.date, lastDay));
          expect(usbRows.length + usbAudit.length).toBeGreaterThan(0);
          break;
        }
        case 'email-data-leak': {
          const external = emails.filter((row) => mine(row) && row[8] === 'Send' && row[10] && row[4]!.split(';').some((address) => !address.endsWith('@northwindtraders.com')));
          const dlp = myAudit.filter((row) => row[2] === 'DlpRuleMatch' && within(Date.parse(row[0]!), insider.trigger.date, insider.trigger.date));
          expect(external.length + myAudit.filter((row) => row[2] === 'Send').length).toBeGreaterThan(0);
          expect(dlp.length).toBeGreaterThan(0);
          break;
        }
        case 'disgruntled':
          expect(hrRows.some((row) => row.some((cell) => cell.trim() === insider.email) && row.some((cell) => /^ ?[12]-/.test(cell) || /Level \d+/.test(cell)))).toBe(true);
          break;
        case 'security-violation': {
          expect(alerts.some((alert) => alert.evidence.some((item) => item.userAccount?.userPrincipalName === insider.email))).toBe(true);
          expect(http.some((row) => mine(row) && HACKING_SITES.some((site) => new URL(row[4]!).hostname.endsWith(site.split('/')[0]!)))).toBe(true);
          break;
        }
        case 'snooping': {
          const victimComputers = new Set(logons.filter((row) => row[2] === insider.victim!.userId).map((row) => row[3]));
          expect(logons.some((row) => mine(row) && row[4] === 'Logon' && victimComputers.has(row[3]))).toBe(true);
          break;
        }
      }
    }
  });

  test('volumes per person and working day stay in realistic ranges', () => {
    const personDays = people * days * (5 / 7);
    const rows = (path: string) => summary.files.find((file) => file.path === path)!.rows;
    const perDay = (count: number) => count / personDays;
    expect(perDay(rows('cert/http.csv'))).toBeGreaterThan(10);
    expect(perDay(rows('cert/http.csv'))).toBeLessThan(80);
    expect(perDay(rows('cert/logon.csv'))).toBeGreaterThan(1.5);
    expect(perDay(rows('cert/logon.csv'))).toBeLessThan(8);
    expect(perDay(rows('cert/email.csv'))).toBeGreaterThan(5);
    expect(perDay(rows('cert/email.csv'))).toBeLessThan(40);
    const audit = summary.files.filter((file) => file.path.startsWith('m365/')).reduce((total, file) => total + file.rows, 0);
    expect(perDay(audit)).toBeGreaterThan(2);
    expect(perDay(audit)).toBeLessThan(30);
    // About 3% of people, but at least one per scenario.
    expect(summary.insiders).toBeGreaterThanOrEqual(SCENARIOS.length);
    expect(summary.insiders).toBeLessThanOrEqual(Math.max(SCENARIOS.length, Math.ceil(people * 0.04)));
    // Personal webmail and job sites are visited by ordinary people too, not only by insiders.
    const insiders = new Set(key.insiders.map((insider) => insider.userId));
    const http = readCsv(join(out, 'cert', 'http.csv')).slice(1);
    const jobVisitors = new Set(http.filter((row) => /indeed\.com|linkedin\.com\/jobs|glassdoor|seek\.com|stepstone|reed\.co/.test(row[4]!)).map((row) => row[2]));
    expect([...jobVisitors].filter((user) => !insiders.has(user!)).length).toBeGreaterThan(0);
    const emails = readCsv(join(out, 'cert', 'email.csv')).slice(1);
    const personalDomains = PERSONAL_MAIL_DOMAINS.map(([domain]) => `@${domain}`);
    const personalSenders = new Set(emails.filter((row) => row[8] === 'Send' && personalDomains.some((domain) => row[4]!.includes(domain))).map((row) => row[2]));
    expect(personalSenders.size).toBeGreaterThan(0);
  });

  test('refuses a non-empty folder unless it holds an earlier simulation and overwrite is asked', async () => {
    const foreign = join(root, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'keep me');
    await expect(simulateOrganisation({ outDir: foreign, people: 5, days: 2, seed: 1 })).rejects.toThrow(/not empty/);
    await expect(simulateOrganisation({ outDir: foreign, people: 5, days: 2, seed: 1, overwrite: true })).rejects.toThrow(/refusing/);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('keep me');
    const again = await simulateOrganisation({ outDir: join(root, 'one'), people: 5, days: 2, seed: 1, overwrite: true });
    expect(again.people).toBe(5);
    await expect(simulateOrganisation({ outDir: join(root, 'bad'), people: 0, days: 2, seed: 1 })).rejects.toThrow(/people/);
    await expect(simulateOrganisation({ outDir: join(root, 'bad'), people: 5, days: 2, seed: 1, start: '2025-02-30' })).rejects.toThrow(/date/);
  }, 30_000);
});
