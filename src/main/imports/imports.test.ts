import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath } from '../store/database';
import { openTestBackend, type TestBackend, type TestSession } from '../testing/backendFixture';
import { pseudonymFor } from '../privacy/pseudonyms';
import { factCounts, fixture, query, runImport, waitForImport } from '../testing/importFixtures';

let test: TestBackend;
let admin: TestSession;
let folder: string;
beforeEach(async () => {
  test = openTestBackend();
  admin = await test.admin();
  folder = mkdtempSync(join(tmpdir(), 'irm-service-'));
});
afterEach(() => {
  test.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('imports.preview', () => {
  it('detects every format and layout from content, with first rows and column mapping, writing nothing', async () => {
    test.backend.context.settings.set('privacy.anonymization', false);
    const preview = await admin.value('imports.preview', {
      paths: [
        fixture('cert', 'r6'),
        fixture('hr', 'multi_scenario.csv'),
        fixture('m365', 'office_activity.csv'),
        fixture('alerts', 'graph_alert_single.json'),
        fixture('content', 'roadmap.eml'),
        fixture('directory', 'roster.csv'),
      ],
    });
    expect(preview.format).toBe('mixed');
    expect(preview.problems).toEqual([]);
    expect(preview.files.map((file) => [file.name, file.format, file.layout])).toEqual([
      ['r6/LDAP/2010-01.csv', 'cert', 'cert.ldap'],
      ['roster.csv', 'directory', 'directory.roster'],
      ['multi_scenario.csv', 'hr', 'hr.multi'],
      ['office_activity.csv', 'm365', 'm365.officeActivity'],
      ['r6/device.csv', 'cert', 'cert.device.r5'],
      ['r6/email.csv', 'cert', 'cert.email.r5'],
      ['r6/file.csv', 'cert', 'cert.file.r5'],
      ['r6/http.csv', 'cert', 'cert.http.r6'],
      ['r6/logon.csv', 'cert', 'cert.logon'],
      ['graph_alert_single.json', 'alerts', 'alerts.json'],
      ['roadmap.eml', 'content', 'content.eml'],
    ]);
    const http = preview.files.find((file) => file.layout === 'cert.http.r6')!;
    expect(http.sample.header).toEqual(['id', 'date', 'user', 'pc', 'url', 'activity', 'content']);
    expect(http.sample.rows[0]).toEqual([
      '{H1}',
      '01/04/2010 11:00:00',
      'ACM2278',
      'PC-1111',
      'http://wikileaks.org/submit',
      'WWW Upload',
      'leaks, documents',
    ]);
    expect(http.columns.find((column) => column.source === 'url')).toEqual({ source: 'url', target: 'target URL and domain' });
    expect(http.columns.find((column) => column.source === 'content')).toEqual({ source: 'content', target: null });
    const office = preview.files.find((file) => file.layout === 'm365.officeActivity')!;
    expect(office.sample.rows[2]![12]).toContain('"RedirectTo"');
    expect(factCounts(test)).toMatchObject({ persons: 0, activities: 0 });
    expect(query(test, 'SELECT count(*) AS n FROM imports')).toEqual([{ n: 0 }]);
  });

  it('pseudonymizes identity columns and addresses in samples while anonymization is on', async () => {
    const preview = await admin.value('imports.preview', {
      paths: [fixture('hr', 'microsoft', 'hr_resignation_sample.csv'), fixture('m365', 'audit_log_export.csv')],
    });
    const secret = test.backend.context.keys.pseudonymSecret;
    const hr = preview.files.find((file) => file.layout === 'hr.resignation')!;
    expect(hr.sample.rows[0]![0]).toBe(pseudonymFor(secret, 'sarad@contoso.com'));
    expect(hr.sample.rows[0]![1]).toBe('2019-04-23T15:18:02.4675041+05:30');
    const audit = preview.files.find((file) => file.layout === 'm365.auditCsv')!;
    expect(JSON.stringify(audit.sample.rows)).not.toContain('contoso.com');
    expect(audit.sample.rows[0]![4]).toContain(pseudonymFor(secret, 'ann.lee@contoso.com'));
  });

  it('gives a name with a comma one pseudonym, and each address of a list its own', async () => {
    writeFileSync(
      join(folder, 'roster.csv'),
      [
        'employee_name,user_id,email,role,business_unit,functional_unit,department,team,supervisor,region,country,language,manager,title',
        '"Vance, Uma",UVA0003,uma.vance@fabrikam.com,Salesman,2,Sales,Sales,Key accounts,"Stone, Rosa",AMER,United States,en,,',
      ].join('\n'),
    );
    writeFileSync(
      join(folder, 'email.csv'),
      [
        'id,date,user,pc,to,cc,bcc,from,size,attachments,content',
        '{E1},01/04/2010 09:00:00,UVA0003,PC-1,ann@fabrikam.com;bob@example.org,,,uma.vance@fabrikam.com,120,0,hello',
      ].join('\n'),
    );
    const preview = await admin.value('imports.preview', { paths: [folder] });
    const secret = test.backend.context.keys.pseudonymSecret;
    const roster = preview.files.find((file) => file.layout === 'directory.roster')!;
    expect(roster.sample.rows[0]![0]).toBe(pseudonymFor(secret, 'vance, uma'));
    expect(roster.sample.rows[0]![8]).toBe(pseudonymFor(secret, 'stone, rosa'));
    const email = preview.files.find((file) => file.layout === 'cert.email.r4')!;
    expect(email.sample.rows[0]![4]).toBe(
      `${pseudonymFor(secret, 'ann@fabrikam.com')};${pseudonymFor(secret, 'bob@example.org')}`,
    );
    expect(JSON.stringify([roster.sample.rows, email.sample.rows])).not.toMatch(/Vance|Stone|fabrikam|example\.org/);
  });

  it('says what is wrong with a file it cannot read, and start refuses the whole import', async () => {
    writeFileSync(join(folder, 'mystery.csv'), 'colour,shape\nred,round\n');
    writeFileSync(join(folder, 'empty.csv'), '');
    writeFileSync(join(folder, 'utf16-no-bom.csv'), Buffer.from('a,b\n1,2\n', 'utf16le'));
    const preview = await admin.value('imports.preview', { paths: [folder] });
    expect(preview.problems).toEqual([
      expect.stringMatching(/empty\.csv: the file is empty/),
      expect.stringMatching(/mystery\.csv: unknown format \(columns colour, shape\); choose the format with --format/),
    ]);
    // Without --format, a binary-looking file is content (a blob); with --format hr it is refused with the reason.
    expect(preview.files.find((file) => file.name.endsWith('utf16-no-bom.csv'))).toMatchObject({
      format: 'content',
      layout: 'content.blob',
    });
    const forced = await admin.value('imports.preview', { paths: [join(folder, 'utf16-no-bom.csv')], format: 'hr' });
    expect(forced.files[0]!.problem).toMatch(/UTF-16 without a byte-order mark/);
    const started = await admin.call('imports.start', { paths: [folder] });
    expect(started).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    expect(started.ok ? '' : started.error.message).toMatch(
      /empty\.csv: the file is empty; .*mystery\.csv: unknown format.*Nothing was imported\./,
    );
    expect(await admin.call('imports.preview', { paths: [join(folder, 'nope.csv')] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', message: expect.stringMatching(/nope\.csv does not exist/) },
    });
  });

  it('never follows a symlink out of a chosen folder', async () => {
    const outside = join(folder, 'outside');
    const chosen = join(folder, 'chosen');
    mkdirSync(outside);
    mkdirSync(chosen);
    writeFileSync(join(outside, 'secret.txt'), 'outside the folder');
    writeFileSync(join(chosen, 'inside.txt'), 'inside');
    symlinkSync(join(outside, 'secret.txt'), join(chosen, 'link-out.txt'));
    symlinkSync(join(chosen, 'inside.txt'), join(chosen, 'link-in.txt'));
    symlinkSync(outside, join(chosen, 'folder-link'));
    const preview = await admin.value('imports.preview', { paths: [chosen] });
    expect(preview.files.map((file) => file.name)).toEqual(['chosen/inside.txt']);
    expect(preview.problems).toEqual([
      'skipped chosen/folder-link: symlink leads outside the chosen folder',
      'skipped chosen/link-out.txt: symlink leads outside the chosen folder',
    ]);
  });
});

describe('imports.start while another connection holds the write lock', () => {
  it('answers CONFLICT (retry later), audits the failure, and starts normally once the lock is gone', async () => {
    // Another job's merge or another process on this data folder: a second connection in a write transaction.
    const other = new BetterSqlite3(databasePath(test.dataDir));
    test.backend.context.db.pragma('busy_timeout = 50');
    try {
      other.exec('BEGIN IMMEDIATE');
      const refused = await admin.call('imports.start', { paths: [fixture('hr', 'employee_profile.csv')] });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/busy.*try again/) },
      });
      const audit = await admin.value('audit.list', { category: 'imports' });
      expect(audit.entries.find((entry) => entry.action === 'imports.start')).toMatchObject({
        result: 'failure',
        after: { error: { code: 'CONFLICT' } },
      });
      other.exec('COMMIT');
      expect(query(test, 'SELECT count(*) AS n FROM imports')).toEqual([{ n: 0 }]);
      const result = await runImport(admin, [fixture('hr', 'employee_profile.csv')]);
      expect(result.state).toBe('succeeded');
    } finally {
      other.close();
    }
  });
});

describe('imports.* permissions, audit and history', () => {
  it('needs the configure permission', async () => {
    const analyst = await test.account('ana', ['Analysts', 'Investigators']);
    for (const [method, input] of [
      ['imports.preview', { paths: [fixture('hr', 'employee_profile.csv')] }],
      ['imports.start', { paths: [fixture('hr', 'employee_profile.csv')] }],
      ['imports.list', {}],
      ['imports.browse', {}],
    ] as const) {
      expect(await analyst.call(method, input as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(factCounts(test).persons).toBe(0);
  });

  it('audits the start (files chosen) and the completion (names, sizes, SHA-256, outcome), and lists the history', async () => {
    const result = await runImport(admin, [fixture('hr', 'employee_profile.csv')]);
    const audit = await admin.value('audit.list', { category: 'imports' });
    const start = audit.entries.find((entry) => entry.action === 'imports.start')!;
    expect(start).toMatchObject({ result: 'success', targets: [fixture('hr', 'employee_profile.csv')] });
    expect(start.after).toMatchObject({
      importId: result.id,
      format: 'hr',
      files: [{ name: 'employee_profile.csv', layout: 'hr.profile' }],
    });
    const completed = audit.entries.find((entry) => entry.action === 'imports.completed')!;
    expect(completed).toMatchObject({ actor: 'admin', result: 'success', targets: ['employee_profile.csv'] });
    expect(completed.after).toMatchObject({
      importId: result.id,
      state: 'succeeded',
      rows: 2,
      files: [{ name: 'employee_profile.csv', sha256: result.filesDetail[0]!.sha256, status: 'imported' }],
    });

    const failed = await runImport(admin, [fixture('hr', 'bad_rows.csv')]);
    const list = await admin.value('imports.list', {});
    expect(list.total).toBe(2);
    expect(list.imports.map((item) => [item.id, item.state, item.rows, item.accepted, item.files, item.account])).toEqual([
      [failed.id, 'failed', 2, 0, 1, 'admin'],
      [result.id, 'succeeded', 2, 2, 1, 'admin'],
    ]);
    expect((await admin.value('imports.list', { state: 'failed' })).imports.map((item) => item.id)).toEqual([failed.id]);
    const failedAudit = (await admin.value('audit.list', { category: 'imports' })).entries.find(
      (entry) => entry.action === 'imports.completed' && (entry.after as { importId: number }).importId === failed.id,
    );
    expect(failedAudit).toMatchObject({ result: 'failure' });
    expect(await admin.call('imports.rejects', { id: result.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin.call('imports.get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('retries a failed import with other options', async () => {
    const failed = await runImport(admin, [fixture('hr', 'bad_rows.csv')]);
    const retry = await admin.value('imports.retry', { id: failed.id, onError: 'skip' });
    const done = await waitForImport(admin, retry.importId);
    expect(done).toMatchObject({ state: 'succeeded', retryOf: failed.id, onError: 'skip', accepted: 2, rejected: 3 });
  });

  it('browses folders for a picker', async () => {
    mkdirSync(join(folder, 'sub'));
    writeFileSync(join(folder, 'a.csv'), 'x');
    writeFileSync(join(folder, '.hidden'), 'x');
    const listing = await admin.value('imports.browse', { path: folder });
    expect(listing.entries.map((entry) => [entry.name, entry.kind, entry.size])).toEqual([
      ['sub', 'folder', null],
      ['a.csv', 'file', 1],
    ]);
    expect(listing.parent).toBe(join(folder, '..').replace(/\/$/, ''));
  });
});
