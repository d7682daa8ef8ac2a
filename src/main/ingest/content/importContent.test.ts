import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend, type TestSession } from '../../testing/backendFixture';
import { fixture, query, runImport } from '../../testing/importFixtures';
import { blobPath } from '../../store/blobStore';
import { extractContent, htmlToText, sha256Of } from './extract';
import { buildDocx, buildMsg, buildPptx, buildXlsx, buildZip } from '../../testing/contentFixtures';

let test: TestBackend;
let admin: TestSession;
let folder: string;
beforeEach(async () => {
  test = openTestBackend();
  admin = await test.admin();
  folder = mkdtempSync(join(tmpdir(), 'irm-content-'));
});
afterEach(() => {
  test.close();
  rmSync(folder, { recursive: true, force: true });
});

const items = (t: TestBackend) =>
  query<Record<string, unknown>>(
    t,
    `SELECT c.id, c.parent_id, c.class, c.name, c.extension, c.sender, c.recipients, c.subject, c.attachments, c.text_note, c.size, c.sha256, c.line
     FROM content_items c ORDER BY c.id`,
  );
const search = (t: TestBackend, match: string) =>
  query<{ name: string }>(
    t,
    'SELECT c.name FROM content_fts JOIN content_items c ON c.id = content_fts.rowid WHERE content_fts MATCH ? ORDER BY c.id',
    match,
  ).map((row) => row.name);

describe('content import', () => {
  it('imports a folder of e-mail, text, PDF, Office, .msg and blob files with hashes, text index and person links', async () => {
    cpSync(fixture('content'), join(folder, 'case'), { recursive: true });
    writeFileSync(
      join(folder, 'case', 'forward.msg'),
      buildMsg({
        subject: 'Fwd: customers',
        from: 'bob.ray@contoso.com',
        to: ['rival@competitor.com'],
        body: 'The customer list you asked for',
        attachments: [{ name: 'customers.csv', data: Buffer.from('name,phone\nAcme,555') }],
      }),
    );
    writeFileSync(join(folder, 'case', 'report.docx'), await buildDocx(['Quarterly report', 'Bluebird margins & risks']));
    writeFileSync(join(folder, 'case', 'numbers.xlsx'), await buildXlsx(['Revenue', 'Bluebird']));
    writeFileSync(join(folder, 'case', 'deck.pptx'), await buildPptx(['Kick-off', 'Roadmap']));
    // Persons known before: ann and bob (carl is not known, outsiders never become persons).
    await runImport(admin, [fixture('hr', 'employee_profile.csv')]);
    writeFileSync(
      join(folder, 'people.csv'),
      'EmailAddress,UserName,EmployeeFirstName,EmployeeLastName\nann.lee@contoso.com,alee,Ann,Lee\nbob.ray@contoso.com,bray,Bob,Ray\n',
    );
    await runImport(admin, [join(folder, 'people.csv')]);

    const result = await runImport(admin, [join(folder, 'case')]);
    expect(result).toMatchObject({ state: 'succeeded', format: 'content', rows: 8, accepted: 8, persons: 0 });
    expect(result.filesDetail.map((file) => [file.name, file.layout])).toEqual([
      ['case/deck.pptx', 'content.office'],
      ['case/forward.msg', 'content.msg'],
      ['case/notes.txt', 'content.text'],
      ['case/numbers.xlsx', 'content.office'],
      ['case/opaque.bin', 'content.blob'],
      ['case/plan.pdf', 'content.pdf'],
      ['case/report.docx', 'content.office'],
      ['case/roadmap.eml', 'content.eml'],
    ]);
    const rows = items(test);
    expect(rows.map((row) => [row.class, row.name, row.parent_id === null ? null : 'child'])).toEqual([
      ['Document', 'case/deck.pptx', null],
      ['Email', 'case/forward.msg', null],
      ['Attachment', 'customers.csv', 'child'],
      ['Document', 'case/notes.txt', null],
      ['Document', 'case/numbers.xlsx', null],
      ['Document', 'case/opaque.bin', null],
      ['Document', 'case/plan.pdf', null],
      ['Document', 'case/report.docx', null],
      ['Email', 'case/roadmap.eml', null],
      ['Attachment', 'budget.txt', 'child'],
    ]);
    const eml = rows.find((row) => row.name === 'case/roadmap.eml')!;
    expect(eml).toMatchObject({
      sender: 'ann.lee@contoso.com',
      recipients: 'bob.ray@contoso.com;outsider@gmail.com;carl.diaz@contoso.com',
      subject: 'Q3 roadmap – confidential',
      attachments: 1,
    });
    const msg = rows.find((row) => row.name === 'case/forward.msg')!;
    expect(msg).toMatchObject({
      sender: 'bob.ray@contoso.com',
      recipients: 'rival@competitor.com',
      subject: 'Fwd: customers',
      attachments: 1,
    });
    expect(rows.find((row) => row.name === 'case/opaque.bin')).toMatchObject({ text_note: 'opaque blob (no text extracted)' });
    // Every item's bytes are in the content store under their SHA-256.
    for (const row of rows) {
      const path = blobPath(test.dataDir, row.sha256 as string);
      expect(existsSync(path)).toBe(true);
      expect(sha256Of(readFileSync(path))).toBe(row.sha256);
    }
    expect(rows.find((row) => row.name === 'case/notes.txt')!.sha256).toBe(
      sha256Of(readFileSync(fixture('content', 'notes.txt'))),
    );

    // Full-text search: words, prefixes, phrases, column filters, NOT.
    expect(search(test, 'bluebird')).toEqual([
      'case/notes.txt',
      'case/numbers.xlsx',
      'case/plan.pdf',
      'case/report.docx',
      'case/roadmap.eml',
      'budget.txt',
    ]);
    expect(search(test, 'roadm*')).toEqual(['case/deck.pptx', 'case/roadmap.eml']);
    expect(search(test, '"customer list"')).toEqual(['case/forward.msg']);
    expect(search(test, 'sender:bob')).toEqual(['case/forward.msg']);
    expect(search(test, 'bluebird NOT budget')).toEqual([
      'case/notes.txt',
      'case/numbers.xlsx',
      'case/plan.pdf',
      'case/report.docx',
      'case/roadmap.eml',
    ]);
    // The HTML part's script is not indexed as text.
    expect(search(test, 'alert')).toEqual([]);

    // Links to known persons only: ann (sender) and bob (recipient) of the .eml, bob (sender) of the .msg.
    expect(
      query(
        test,
        'SELECT c.name, p.key, cp.role FROM content_persons cp JOIN content_items c ON c.id = cp.item_id JOIN persons p ON p.id = cp.person_id ORDER BY c.id, cp.role, p.key',
      ),
    ).toEqual([
      { name: 'case/forward.msg', key: 'bob.ray@contoso.com', role: 'sender' },
      { name: 'case/roadmap.eml', key: 'bob.ray@contoso.com', role: 'recipient' },
      { name: 'case/roadmap.eml', key: 'ann.lee@contoso.com', role: 'sender' },
    ]);
    expect(query(test, "SELECT count(*) AS n FROM persons WHERE key LIKE '%gmail%' OR key LIKE '%competitor%'")).toEqual([
      { n: 0 },
    ]);
  });

  it('imports a zip of content files, entry by entry', async () => {
    const zip = await buildZip({
      'mail/roadmap.eml': readFileSync(fixture('content', 'roadmap.eml')),
      'docs/notes.txt': 'Bluebird notes',
      'docs/': '',
    });
    writeFileSync(join(folder, 'evidence.zip'), zip);
    const result = await runImport(admin, [join(folder, 'evidence.zip')]);
    expect(result).toMatchObject({ state: 'succeeded', format: 'content', rows: 2, accepted: 2 });
    expect(result.filesDetail[0]).toMatchObject({ layout: 'content.zip' });
    expect(items(test).map((row) => [row.name, row.line])).toEqual([
      ['evidence.zip/mail/roadmap.eml', 1],
      ['budget.txt', 1],
      ['evidence.zip/docs/notes.txt', 2],
    ]);
  });

  it('keeps unreadable documents as blobs with a note instead of failing', async () => {
    const broken = await extractContent('broken.pdf', Buffer.from('%PDF-1.4 this is not really a pdf'), null);
    expect(broken.textNote).toMatch(/^could not read as pdf|no text layer/);
    const docx = await extractContent('fake.docx', Buffer.from('PK\u0003\u0004 not a zip'), null);
    expect(docx.textNote).toMatch(/^could not read as office/);
    expect(htmlToText('<p>a&amp;b</p><script>x()</script><br>c')).toBe('a&b\n\nc');
  });
});
