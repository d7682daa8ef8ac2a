/**
 * Streaming JSON records: a top-level array (`[{...}, {...}]`), one value per line (NDJSON) or a
 * sequence of values. Each element is cut out as text and parsed on its own, so memory holds one
 * record at a time; line numbers point at where each record starts.
 */

/** A JSON syntax problem: where and why. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly truncated: boolean,
    readonly raw: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Called for each top-level record (array element or value) with the line it starts on. */
export type JsonRecordHandler = (value: unknown, line: number, raw: string) => void;

/** Largest single record accepted (a bigger one is an error, not an out-of-memory). */
export const MAX_JSON_RECORD_CHARS = 32 * 1024 * 1024;

const enum Mode {
  Start,
  Array,
  Sequence,
  Done,
}

/** Push decoded text; records come out through the handler. Call end() after the last chunk. */
export class JsonRecordReader {
  private mode = Mode.Start;
  private text = '';
  private position = 0;
  private lineNumber = 1;
  /** Inside a record: where it starts in `text`, its line, nesting depth and string state. */
  private recordStart = -1;
  private recordLine = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private expectComma = false;

  constructor(private readonly onRecord: JsonRecordHandler) {}

  /** Parses whatever whole records the text completes. */
  push(chunk: string): void {
    this.text = this.recordStart >= 0 ? this.text.slice(this.recordStart) + chunk : this.text.slice(this.position) + chunk;
    this.position = this.recordStart >= 0 ? this.position - this.recordStart : 0;
    if (this.recordStart >= 0) this.recordStart = 0;
    this.scan();
    if (this.recordStart >= 0 && this.position - this.recordStart > MAX_JSON_RECORD_CHARS) {
      throw new JsonSyntaxError(this.recordLine, `a record is larger than ${MAX_JSON_RECORD_CHARS / 1024 / 1024} MB`, false, '');
    }
  }

  /** Checks that the input ended cleanly. */
  end(): void {
    this.scan();
    if (this.recordStart >= 0) {
      if (this.depth === 0 && !this.inString) {
        this.emit(this.text.length);
      } else {
        throw new JsonSyntaxError(
          this.recordLine,
          'the file ends inside a record (truncated)',
          true,
          this.text.slice(this.recordStart, this.recordStart + 10_000),
        );
      }
    }
    if (this.mode === Mode.Array)
      throw new JsonSyntaxError(this.lineNumber, 'the file ends before the closing "]" of the array (truncated)', true, '');
  }

  private scan(): void {
    const s = this.text;
    const length = s.length;
    let i = this.position;
    while (i < length) {
      const c = s.charCodeAt(i);
      if (this.recordStart >= 0) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 92) this.escaped = true;
          else if (c === 34) this.inString = false;
          else if (c === 10) this.lineNumber += 1;
          i += 1;
          continue;
        }
        if (c === 34) this.inString = true;
        else if (c === 123 || c === 91) this.depth += 1;
        else if (c === 125 || c === 93) {
          if (this.depth === 0) {
            // The closing bracket of the top-level array ends a scalar record.
            this.emit(i);
            continue;
          }
          this.depth -= 1;
          if (this.depth === 0) {
            i += 1;
            this.emit(i);
            continue;
          }
        } else if (c === 10) {
          if (this.depth === 0) {
            // The line break is counted again outside the record.
            this.emit(i);
            continue;
          }
          this.lineNumber += 1;
        } else if (this.depth === 0 && (c === 44 || c === 32 || c === 9 || c === 13)) {
          this.emit(i);
          continue;
        }
        i += 1;
        continue;
      }
      if (c === 10) {
        this.lineNumber += 1;
        i += 1;
        continue;
      }
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
        i += 1;
        continue;
      }
      if (this.mode === Mode.Start) {
        this.mode = c === 91 ? Mode.Array : Mode.Sequence;
        if (c === 91) {
          i += 1;
          continue;
        }
      }
      if (this.mode === Mode.Sequence && c === 44) {
        // Some exporters separate top-level objects with commas but no brackets.
        i += 1;
        continue;
      }
      if (this.mode === Mode.Done)
        throw new JsonSyntaxError(
          this.lineNumber,
          `unexpected ${JSON.stringify(s[i])} after the end of the array`,
          false,
          s.slice(i, i + 200),
        );
      if (this.mode === Mode.Array) {
        if (c === 93) {
          this.mode = Mode.Done;
          i += 1;
          continue;
        }
        if (c === 44) {
          if (!this.expectComma)
            throw new JsonSyntaxError(this.lineNumber, 'unexpected "," in the array', false, s.slice(i, i + 200));
          this.expectComma = false;
          i += 1;
          continue;
        }
        if (this.expectComma)
          throw new JsonSyntaxError(this.lineNumber, 'missing "," between array elements', false, s.slice(i, i + 200));
      }
      this.recordStart = i;
      this.recordLine = this.lineNumber;
      this.depth = 0;
      this.inString = false;
      this.escaped = false;
      // Re-read this character inside the record.
    }
    this.position = i;
  }

  private emit(end: number): void {
    const raw = this.text.slice(this.recordStart, end);
    const line = this.recordLine;
    this.recordStart = -1;
    this.position = end;
    this.expectComma = this.mode === Mode.Array;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new JsonSyntaxError(
        line,
        `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        false,
        raw.slice(0, 10_000),
      );
    }
    this.onRecord(value, line, raw);
  }
}

/** Parses every record of a JSON text (tests and small files). */
export function parseJsonRecords(text: string): { value: unknown; line: number }[] {
  const records: { value: unknown; line: number }[] = [];
  const reader = new JsonRecordReader((value, line) => records.push({ value, line }));
  reader.push(text);
  reader.end();
  return records;
}
