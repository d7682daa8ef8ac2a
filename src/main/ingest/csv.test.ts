import { parse as csvParse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, CsvSyntaxError, parseCsvText } from './csv';

/** Feeds text to a reader in the given chunk sizes (chunk boundaries must not matter). */
function readInChunks(text: string, sizes: number[]): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  const reader = new CsvReader((fields, line) => records.push({ fields, line }));
  let offset = 0;
  let index = 0;
  while (offset < text.length) {
    const size = Math.max(1, sizes[index % Math.max(1, sizes.length)] ?? text.length);
    reader.push(text.slice(offset, offset + size));
    offset += size;
    index += 1;
  }
  reader.end();
  return records;
}

describe('CsvReader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and LF, and keeps line numbers', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"multi\nline",z\n\n3, "spaced",last';
    expect(parseCsvText(text)).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'x, y', 'say "hi"'], line: 2 },
      { fields: ['2', 'multi\nline', 'z'], line: 3 },
      { fields: ['3', 'spaced', 'last'], line: 6 },
    ]);
  });

  it('keeps ragged rows and leading spaces of unquoted values as they are', () => {
    expect(parseCsvText('a,b,c\n1\n2,, Multiple conflicts\n').map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1'],
      ['2', '', ' Multiple conflicts'],
    ]);
  });

  it('reports a quoted field left open at the end of the file as a truncated last line', () => {
    const reader = new CsvReader(() => undefined);
    reader.push('a,b\n1,2\n3,"unfinished');
    expect(() => reader.end()).toThrow(CsvSyntaxError);
    try {
      const again = new CsvReader(() => undefined);
      again.push('a,b\n1,2\n3,"unfinished');
      again.end();
    } catch (error) {
      expect(error).toMatchObject({ line: 3, column: 2, truncated: true });
    }
  });

  it('flags the last record when the file does not end with a line break', () => {
    const flags: boolean[] = [];
    const reader = new CsvReader(() => flags.push(reader.deliveringLastWithoutNewline));
    reader.push('a,b\n1,2\n3');
    reader.end();
    expect(flags).toEqual([false, false, true]);
  });

  it('rejects text after a closing quote with the line and column', () => {
    expect(() => parseCsvText('a,b\n1,"x"y\n')).toThrow(/line 2, column 2: unexpected character "y" after a closing quote/);
  });

  it('gives the raw text of each record', () => {
    const raws: string[] = [];
    const reader = new CsvReader(() => raws.push(reader.raw()));
    reader.push('a,b\r\n"1\n2",3\r\nx,y');
    reader.end();
    expect(raws).toEqual(['a,b', '"1\n2",3', 'x,y']);
  });

  // Differential test: on random well-formed CSV the reader agrees with csv-parse, whatever the chunking.
  const safeUnquoted = fc
    .string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '1', ';', '\t', '字') })
    .filter((s) => !/^[ \t]/.test(s));
  const anyText = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ', 'ü', 'x') });
  const field = fc.oneof(
    safeUnquoted.map((value) => ({ value, quoted: false })),
    anyText.map((value) => ({ value, quoted: true })),
  );
  const record = fc
    .array(field, { minLength: 1, maxLength: 6 })
    .filter((fields) => !(fields.length === 1 && !fields[0]!.quoted && fields[0]!.value.trim() === ''));

  it('agrees with csv-parse on random CSV, in any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 17 })),
        (records, crlf, trailing, sizes) => {
          const eol = crlf ? '\r\n' : '\n';
          const lines = records.map((fields) =>
            fields.map((f) => (f.quoted ? `"${f.value.replace(/"/g, '""')}"` : f.value)).join(','),
          );
          const text = lines.join(eol) + (trailing ? eol : '');
          const expected = csvParse(text, { relax_column_count: true, skip_empty_lines: true, bom: false }) as string[][];
          const ours = readInChunks(text, sizes);
          expect(ours.map((r) => r.fields)).toEqual(expected);
          // Line numbers: each record starts after the line breaks of the records before it.
          let line = 1;
          records.forEach((_, index) => {
            expect(ours[index]!.line).toBe(line);
            line += (lines[index]!.match(/\n/g)?.length ?? 0) + 1;
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never crashes on arbitrary text: records or a CsvSyntaxError', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'x', '\t') }),
        fc.array(fc.integer({ min: 1, max: 9 })),
        (text, sizes) => {
          try {
            readInChunks(text, sizes);
          } catch (error) {
            expect(error).toBeInstanceOf(CsvSyntaxError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
