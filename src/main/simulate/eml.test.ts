import PostalMime from 'postal-mime';
import { expect, test } from 'vitest';
import { buildEml, buildPdf, quotedPrintable } from './eml';

test('a multipart message with non-ASCII headers, HTML and attachments parses back', async () => {
  const csv = Buffer.from('Account,Contact\r\n"Harbor Foods, Inc.",Zoë Müller\r\n');
  const pdf = buildPdf('Quarterly forecast', ['line one', 'line (two)']);
  for (const bodyEncoding of ['quoted-printable', 'base64'] as const) {
    const text = `Hi José,\n\nThe numbers = final. ${'Long line '.repeat(20)}\n\nGrüße`;
    const eml = buildEml({
      from: { name: 'Łukasz Wiśniewski', address: 'lukasz.wisniewski@northwindtraders.com' },
      to: [{ name: "O'Brien, Kelly", address: 'kelly.obrien@northwindtraders.com' }, { address: 'someone@gmail.com' }],
      cc: [{ name: 'Ana', address: 'ana@example.com' }],
      subject: 'Übersicht: Q3 forecast',
      time: Date.parse('2025-02-04T08:13:22Z'),
      offsetMinutes: 60,
      messageId: '<ABC123@northwindtraders.com>',
      text,
      html: '<p>Hi José</p>',
      attachments: [
        { name: 'customers.csv', contentType: 'text/csv', data: csv },
        { name: 'Forecast.pdf', contentType: 'application/pdf', data: pdf },
      ],
      bodyEncoding,
      boundary: '----=_NextPart_test',
    });
    expect(eml.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    const parsed = await PostalMime.parse(eml);
    expect(parsed.from?.name).toBe('Łukasz Wiśniewski');
    expect(parsed.to?.map((mailbox) => mailbox.address)).toEqual(['kelly.obrien@northwindtraders.com', 'someone@gmail.com']);
    expect(parsed.to?.[0]?.name).toBe("O'Brien, Kelly");
    expect(parsed.subject).toBe('Übersicht: Q3 forecast');
    expect(parsed.date).toBe('2025-02-04T08:13:22.000Z');
    expect(parsed.text?.replace(/\r\n/g, '\n').trim()).toBe(text);
    expect(parsed.html).toContain('José');
    expect(parsed.attachments.map((attachment) => attachment.filename)).toEqual(['customers.csv', 'Forecast.pdf']);
    expect(Buffer.from(parsed.attachments[0]!.content as ArrayBuffer).equals(csv)).toBe(true);
    expect(Buffer.from(parsed.attachments[1]!.content as ArrayBuffer).equals(pdf)).toBe(true);
  }
});

test('quoted-printable keeps lines short and escapes what it must', () => {
  const encoded = quotedPrintable(`a=b ${'x'.repeat(200)} ü \nend `);
  for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
  expect(encoded).toContain('a=3Db');
  expect(encoded).toContain('=C3=BC');
  expect(encoded.endsWith('end=20')).toBe(true);
});

test('the PDF has a correct cross-reference table', () => {
  const pdf = buildPdf('Title (draft)', ['first line', 'second \\ line']);
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-1.4')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  expect(text.slice(startxref, startxref + 4)).toBe('xref');
  const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
  expect(offsets).toHaveLength(6);
  offsets.forEach((offset, index) => expect(text.slice(offset).startsWith(`${index + 1} 0 obj\n`)).toBe(true));
});
