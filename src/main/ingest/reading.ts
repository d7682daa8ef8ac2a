/**
 * What every parser shares: the file being read, its counts, and one way to report a bad row
 * (stop the import, or skip it into the rejects file), plus the CSV and JSON record loops that
 * stream a file through those rules.
 */
import type { ImportFormat } from '../../shared/signals';
import { CsvReader, CsvSyntaxError } from './csv';
import { JsonRecordReader, JsonSyntaxError } from './json';
import type { Staging } from './staging';
import { readTextChunks, TextDecodingError, type TextEncoding } from './text';
import type { Tally } from './identity';

/** A problem with a row: which field and why (thrown by row handlers). */
export class RowProblem extends Error {
  constructor(
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'RowProblem';
  }
}

/** A located problem. */
export interface Problem {
  file: string;
  line: number | null;
  field: string | null;
  reason: string;
}

/** Stops the whole import (a bad row in "stop" mode, an unreadable file). Nothing is kept. */
export class ImportStopped extends Error {
  constructor(readonly problem: Problem) {
    super(describeProblem(problem));
    this.name = 'ImportStopped';
  }
}

/** The import was cancelled. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled; nothing was kept.');
    this.name = 'ImportCancelled';
  }
}

/** "file, line 3, field EffectiveDate: reason". */
export function describeProblem(problem: Problem): string {
  const where = [
    problem.file,
    problem.line !== null ? `line ${problem.line}` : null,
    problem.field ? `field ${problem.field}` : null,
  ].filter(Boolean);
  return `${where.join(', ')}: ${problem.reason}`;
}

/** One file of an import as planned by detection. */
export interface PlannedFile {
  path: string;
  /** Name relative to the chosen folder. */
  name: string;
  size: number;
  modifiedAt: number;
  format: ImportFormat;
  layout: string;
  encoding: TextEncoding | null;
  /** `YYYY-MM` when the file is a roster snapshot. */
  snapshot: string | null;
}

/** Counts of one file. */
export interface FileStats {
  rows: number;
  accepted: number;
  rejected: number;
  ignored: number;
}

/** Returned by a row handler for a valid row that deliberately produces no fact (e.g. a system account). */
export const IGNORED = 'ignored';
/** What a row handler returns. */
export type RowOutcome = void | typeof IGNORED;

/** Facts gathered while reading that the finalisation step needs (bounded by persons, not rows). */
export interface ImportObservations {
  /** E-mail domains of roster and HR rows (the organisation's people). */
  personDomains: Tally;
  /** Domains of senders of e-mails (CERT `from`). */
  senderDomains: Tally;
  /** Domains of M365 user ids. */
  accountDomains: Tally;
}

/** What a parser gets for one file. */
export interface FileContext {
  file: PlannedFile;
  fileId: number;
  staging: Staging;
  utcOffsetMinutes: number;
  stats: FileStats;
  observations: ImportObservations;
  /** Reports a bad row: throws ImportStopped in "stop" mode (unless it is only a warning). */
  reject(problem: Omit<Problem, 'file'>, raw: string, warning?: boolean): void;
  /** Records a warning that is not about a rejected row. */
  warn(problem: Omit<Problem, 'file'>): void;
  /** Progress and cancellation checkpoint with the bytes read so far. */
  progress(bytesRead: number): void;
  /** A promise to wait on while the staging writer catches up (null when it has room). */
  backpressure(): Promise<void> | null;
  /** A content-store writer for content parsers. */
  storeBlob(sha256: string, bytes: Buffer): void;
  /** Copies a file into the content store by streaming (large blobs). */
  storeFile(sha256: string, path: string): Promise<void>;
}

/** A row handler for one CSV file, built from its header. */
export type CsvRowHandler = (fields: string[], line: number) => RowOutcome;

/** Cleans a header cell: trimmed, BOM and surrounding quotes removed. */
export function cleanHeader(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim();
}

/** Finds columns by name, case-insensitively and ignoring spaces, underscores and a ` [UTC]` suffix. */
export class Columns {
  private readonly byName = new Map<string, number>();

  constructor(readonly header: string[]) {
    header.forEach((name, index) => {
      const key = Columns.key(name);
      if (!this.byName.has(key)) this.byName.set(key, index);
    });
  }

  static key(name: string): string {
    return name
      .toLowerCase()
      .replace(/\s*\[utc\]$/, '')
      .replace(/[\s_-]/g, '');
  }

  /** Index of the first of these names present, or -1. */
  index(...names: string[]): number {
    for (const name of names) {
      const found = this.byName.get(Columns.key(name));
      if (found !== undefined) return found;
    }
    return -1;
  }

  has(...names: string[]): boolean {
    return this.index(...names) !== -1;
  }

  /** The header's own spelling of a column. */
  name(index: number): string {
    return this.header[index] ?? `column ${index + 1}`;
  }
}

/** The trimmed value of a field, or null when missing or empty (ragged rows lack trailing fields). */
export function cell(fields: string[], index: number): string | null {
  if (index < 0 || index >= fields.length) return null;
  const value = fields[index]!.trim();
  return value.length === 0 ? null : value;
}

function isEmptyRow(fields: string[]): boolean {
  if (fields[0]!.length > 0 && fields[0]!.trim().length > 0) return false;
  for (const field of fields) if (field.trim().length > 0) return false;
  return true;
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) count += 1;
  return count;
}

/** Runs one row handler under the stop/skip rules. */
function runRow(context: FileContext, handler: () => RowOutcome, line: number, raw: () => string, truncatedLast: boolean): void {
  const stats = context.stats;
  stats.rows += 1;
  try {
    if (handler() === IGNORED) stats.ignored += 1;
    else stats.accepted += 1;
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    const reason = truncatedLast ? `truncated last line (the file ends without a line break): ${error.reason}` : error.reason;
    context.reject({ line, field: error.field, reason }, raw(), truncatedLast);
  }
}

/**
 * Streams a CSV file: the first record is the header (onHeader builds the row handler or throws
 * RowProblem for a header it cannot use); every later record goes through the handler.
 */
export async function forEachCsvRecord(context: FileContext, onHeader: (header: string[]) => CsvRowHandler): Promise<void> {
  const { file } = context;
  if (!file.encoding) throw new ImportStopped({ file: file.name, line: null, field: null, reason: 'not a text file' });
  let handler: CsvRowHandler | null = null;
  let header: string[] = [];
  const reader: CsvReader = new CsvReader(
    (fields, line) => {
      if (handler === null) {
        header = fields.map(cleanHeader);
        try {
          handler = onHeader(header);
        } catch (error) {
          if (error instanceof RowProblem)
            throw new ImportStopped({ file: file.name, line, field: error.field, reason: error.reason });
          throw error;
        }
        return;
      }
      if (isEmptyRow(fields)) return;
      const rowHandler = handler;
      runRow(
        context,
        () => rowHandler(fields, line),
        line,
        () => reader.raw(),
        reader.deliveringLastWithoutNewline,
      );
    },
    (error: CsvSyntaxError) => {
      context.stats.rows += 1;
      const field = header[error.column - 1] ?? `column ${error.column}`;
      const reason = error.truncated ? `truncated last line: ${error.reason}` : error.reason;
      context.reject({ line: error.line, field, reason }, error.raw, error.truncated);
    },
  );
  try {
    const truncated = (reason: string) =>
      context.warn({ line: reader.line + lineBreaks(reader.unparsed), field: null, reason: `truncated last line: ${reason}` });
    for await (const chunk of readTextChunks(file.path, file.encoding, (bytes) => context.progress(bytes), truncated)) {
      reader.push(chunk);
      const wait = context.backpressure();
      if (wait) await wait;
    }
    reader.end();
  } catch (error) {
    if (error instanceof TextDecodingError) {
      const line = reader.line + lineBreaks(reader.unparsed) + lineBreaks(error.validPrefix);
      throw new ImportStopped({ file: file.name, line, field: null, reason: error.message });
    }
    throw error;
  }
  if (handler === null)
    throw new ImportStopped({ file: file.name, line: 1, field: null, reason: 'the file is empty (no header row)' });
}

/** Streams a JSON file record by record (array elements, one value per line, or a single value). */
export async function forEachJsonRecord(
  context: FileContext,
  onRecord: (value: unknown, line: number) => RowOutcome,
): Promise<void> {
  const { file } = context;
  if (!file.encoding) throw new ImportStopped({ file: file.name, line: null, field: null, reason: 'not a text file' });
  let lastLine = 1;
  const reader = new JsonRecordReader((value, line, raw) => {
    lastLine = line;
    runRow(
      context,
      () => onRecord(value, line),
      line,
      () => raw.slice(0, 10_000),
      false,
    );
  });
  try {
    for await (const chunk of readTextChunks(file.path, file.encoding, (bytes) => context.progress(bytes))) {
      reader.push(chunk);
      const wait = context.backpressure();
      if (wait) await wait;
    }
    reader.end();
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      if (error.truncated) {
        context.stats.rows += 1;
        context.reject({ line: error.line, field: null, reason: error.reason }, error.raw, true);
        return;
      }
      throw new ImportStopped({ file: file.name, line: error.line, field: null, reason: error.reason });
    }
    if (error instanceof TextDecodingError) {
      throw new ImportStopped({ file: file.name, line: lastLine, field: null, reason: error.message });
    }
    throw error;
  }
}

/** A string property of a JSON object (null when absent or empty); numbers are turned into text. */
export function text(record: Record<string, unknown>, ...names: string[]): string | null {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string' && value.trim().length > 0) return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return null;
}

/** True when the value is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
