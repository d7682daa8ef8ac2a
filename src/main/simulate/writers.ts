/**
 * Streaming output for the simulator: text files written in chunks to a temporary name and
 * renamed when complete, CSV escaping, and time-ordered buffers that release rows once no later
 * generated row can come before them (so big files never sit in memory whole).
 */
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const CHUNK = 1 << 20;

/** Options of a text file: byte-order mark, line ending and encoding, as real exports vary. */
export interface TextFileOptions {
  bom?: boolean;
  lineEnding?: '\n' | '\r\n';
  encoding?: 'utf8' | 'utf16le';
}

/** A text file written line by line through a buffer; appears under its name only when closed. */
export class TextFileWriter {
  private readonly descriptor: number;
  private readonly temporary: string;
  // Lines are encoded straight into this buffer: no joined strings, no second copy.
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private bytesWritten = 0;
  private lineCount = 0;
  private readonly lineEnding: string;
  private readonly encoding: 'utf8' | 'utf16le';
  private readonly bytesPerCharacter: number;

  constructor(
    readonly path: string,
    options: TextFileOptions = {},
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.temporary = `${path}.partial`;
    this.descriptor = openSync(this.temporary, 'w');
    this.lineEnding = options.lineEnding ?? '\n';
    this.encoding = options.encoding ?? 'utf8';
    this.bytesPerCharacter = this.encoding === 'utf16le' ? 2 : 3;
    if (options.bom) this.writeBytes(this.encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf]));
  }

  /** Lines written so far. */
  get lines(): number {
    return this.lineCount;
  }

  /** Appends one line (the line ending is added). */
  writeLine(text: string): void {
    const line = text + this.lineEnding;
    const worst = line.length * this.bytesPerCharacter;
    if (this.used + worst > this.buffer.length) this.flush();
    if (worst > this.buffer.length) this.writeBytes(Buffer.from(line, this.encoding));
    else this.used += this.buffer.write(line, this.used, this.encoding);
    this.lineCount++;
  }

  private writeBytes(buffer: Buffer): void {
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(this.descriptor, buffer, offset, buffer.length - offset);
    this.bytesWritten += buffer.length;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.writeBytes(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  /** Writes what is buffered, closes the file and gives it its final name; returns its size. */
  close(): { bytes: number; lines: number } {
    this.flush();
    closeSync(this.descriptor);
    renameSync(this.temporary, this.path);
    return { bytes: this.bytesWritten, lines: this.lineCount };
  }
}

/** Quotes a CSV field when it needs it (comma, quote or line break); leading spaces stay bare, as in real exports. */
export function csvField(value: string): string {
  if (/[",\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** Joins fields into one CSV line. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

interface TimedRow {
  time: number;
  order: number;
  text: string;
}

/** Rows of one output, kept until no later row can sort before them, then released in time order. */
export class TimeOrderedRows {
  private rows: TimedRow[] = [];
  private order = 0;

  /** Adds a row with its time. */
  add(time: number, text: string): void {
    this.rows.push({ time, order: this.order++, text });
  }

  /** Rows buffered now. */
  get size(): number {
    return this.rows.length;
  }

  /** Hands every row earlier than `before` to `write`, oldest first; keeps the rest. */
  release(before: number, write: (time: number, text: string) => void): void {
    if (this.rows.length === 0) return;
    this.rows.sort((a, b) => a.time - b.time || a.order - b.order);
    let index = 0;
    while (index < this.rows.length && this.rows[index]!.time < before) {
      const row = this.rows[index]!;
      write(row.time, row.text);
      index++;
    }
    this.rows = this.rows.slice(index);
  }
}
