/**
 * Staged activities (the import's hot path: millions of rows) go to their own staging file. The
 * piped writer hands them to a second worker thread, so parsing (this thread) and SQLite inserts
 * (that thread) run on two cores at once; batches are columnar (numbers in a transferred
 * Float64Array, strings concatenated with their lengths) and at most a few are in flight, so memory
 * stays flat. The direct writer does the same inserts in-process (tests without a build).
 */
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { ACTIVITY_KINDS, type ActivityKind } from '../../shared/signals';
import { threadCpuMs } from '../jobs/jobRunner';
import { PAGE_SIZE } from '../store/pageSize';

/**
 * Staged activities go to one table, appended in chunks. The encoder (parsing thread) sends batches
 * of one file's rows together with their order by person ref (a counting sort, arrival order kept
 * within a ref); the writer appends them in that order, so each ref's rows of a batch are one
 * chunk: a contiguous rowid range recorded in `chunks`. The merge reads chunks in (file, person id)
 * order, so the main database's (person_id, time) index is filled person by person, in time order
 * within a person (files are read in order): for new persons that is an append, and the index costs
 * almost nothing, with no sort. A row's ref and file are its chunk's, so rows do not repeat them.
 */
export const ACTIVITY_STAGING_SCHEMA = `
CREATE TABLE activities (
  time INTEGER NOT NULL, kind INTEGER NOT NULL, operation TEXT, device TEXT, target TEXT, domain TEXT, recipients TEXT,
  external INTEGER, size INTEGER, attachments INTEGER, detail TEXT, line INTEGER NOT NULL);
CREATE TABLE chunks (file_id INTEGER NOT NULL, ref INTEGER NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL);`;

/** Kinds are staged as small integers (index in ACTIVITY_KIND_CODES); the merge maps them back. */
export const ACTIVITY_KIND_CODES = Object.keys(ACTIVITY_KINDS) as ActivityKind[];

/** Columns every staged row binds, and the nullable ones (text, then numbers) a batch binds only when one of its rows has a value. */
const LEADING_COLUMNS = ['time', 'kind'];
const TEXT_COLUMNS = ['operation', 'device', 'target', 'domain', 'recipients', 'detail'];
const NUMBER_COLUMNS = ['external', 'size', 'attachments'];
const TRAILING_COLUMNS = ['line'];
const TEXT_FIELDS = TEXT_COLUMNS.length;
/** The bit of a batch's `present` mask for text field i is 1 << i; for number j it is this. */
const numberBit = (field: number) => 1 << (TEXT_FIELDS + field);
/** Rows per multi-row insert. */
const INSERT_ROWS = 64;
/** Statement sizes the rest of a batch is written with (largest first). */
const PARTIAL_SIZES = [16, 4, 1];
const ROWS_PER_TRANSACTION = 250_000;
/**
 * Rows per columnar batch (a message to the writer thread), and how many messages may wait: large
 * batches make long chunks (each ref's rows of a batch are one), few in flight keep memory flat.
 */
const PIPE_BATCH = 32_768;
/** The first batch's rows (each next batch doubles, up to PIPE_BATCH): the writer thread waits less for the first. */
const FIRST_PIPE_BATCH = 4096;
const MAX_IN_FLIGHT = 3;
/** Texts the encoder joins into one block string (see BatchEncoder.text). */
const TEXTS_PER_BLOCK = 4096;
const KINDS = ACTIVITY_KIND_CODES;
const KIND_INDEX = new Map(KINDS.map((kind, index) => [kind, index]));

/**
 * Stages one activity. Positional, not an object: this runs for every row of millions. Times are ms
 * UTC; null is an empty column.
 */
export type AddActivity = (
  ref: number,
  time: number,
  kind: ActivityKind,
  operation: string | null,
  device: string | null,
  target: string | null,
  domain: string | null,
  recipients: string | null,
  external: number | null,
  size: number | null,
  attachments: number | null,
  detail: string | null,
  fileId: number,
  line: number,
) => void;

/** Where staged activities go. */
export interface ActivityWriter {
  /** Stages one activity (bound: it can be passed on as a function). */
  readonly add: AddActivity;
  /** A promise to wait on while the writer catches up, or null when it has room. */
  backpressure(): Promise<void> | null;
  /** Writes everything, commits and closes the staging file. */
  finish(): Promise<void>;
  /** Stops without finishing (the staging file is discarded). */
  abort(): Promise<void>;
  /** Activities staged so far. */
  readonly count: number;
  /** Activities with recipients (finalisation marks them external or internal). */
  readonly withRecipients: number;
  /** Earliest and latest time of the activities staged so far (±Infinity when none). */
  readonly fromTime: number;
  readonly toTime: number;
  /** CPU milliseconds of the writer thread (null when in-process or unknown). */
  readonly writerCpuMs: number | null;
}

/** A columnar batch as it crosses threads. */
interface PipeBatch {
  rows: number;
  /** ref, time, external, size, attachments, fileId, line per row (NaN = null). */
  numbers: Float64Array;
  kinds: Uint8Array;
  /** operation, device, target, domain, recipients, detail lengths per row (-1 = null). */
  lengths: Int32Array;
  text: string;
  /** The rows in the order to write them: by ref, arrival order within a ref. */
  order: Int32Array;
  /** The one file all rows come from. */
  fileId: number;
  /** Which nullable columns some row fills: text field i (TEXT_COLUMNS) and number j (NUMBER_COLUMNS, numberBit). */
  present: number;
}

/**
 * The rows of a batch ordered by ref, arrival order kept within a ref: a counting sort over the
 * batch's ref range (refs are Staging's dense ids 1…refCount, so the counts take at most 4 bytes per
 * identifier the import names).
 */
function orderByRef(numbers: Float64Array, rows: number): Int32Array {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < rows; row += 1) {
    const ref = numbers[row * 7]!;
    if (ref < min) min = ref;
    if (ref > max) max = ref;
  }
  // next[ref - min] is where that ref's next row goes: counts shifted by one, then summed.
  const next = new Int32Array(max - min + 2);
  for (let row = 0; row < rows; row += 1) next[numbers[row * 7]! - min + 1]! += 1;
  for (let i = 1; i < next.length; i += 1) next[i]! += next[i - 1]!;
  const order = new Int32Array(rows);
  for (let row = 0; row < rows; row += 1) order[next[numbers[row * 7]! - min]!++] = row;
  return order;
}

/**
 * Packs activities into columnar batches (no per-row objects: memory and GC stay flat). A batch holds
 * one file's rows (its chunks then belong to that file); `full` is called when a batch is complete,
 * and must `take` it.
 */
class BatchEncoder {
  /** Rows in the current batch when full: the first batches are small, so the writer starts early. */
  private limit = FIRST_PIPE_BATCH;
  private numbers = new Float64Array(FIRST_PIPE_BATCH * 7);
  private kinds = new Uint8Array(FIRST_PIPE_BATCH);
  private lengths = new Int32Array(FIRST_PIPE_BATCH * TEXT_FIELDS);
  /** The batch's texts: the latest few thousand as they came, the earlier ones joined in blocks. */
  private parts = new Array<string>(TEXTS_PER_BLOCK);
  private partCount = 0;
  private blocks: string[] = [];
  private present = 0;
  rows = 0;
  count = 0;
  withRecipients = 0;
  fromTime = Number.POSITIVE_INFINITY;
  toTime = Number.NEGATIVE_INFINITY;

  constructor(private readonly full: () => void) {}

  /** Text field `field` of the row whose lengths start at `start`. */
  private text(start: number, field: number, value: string | null): void {
    if (value === null) this.lengths[start + field] = -1;
    else {
      this.lengths[start + field] = value.length;
      this.present |= 1 << field;
      // Joining in blocks lets the row's strings (slices of the file's text) die young instead of
      // being promoted with the whole batch: the GC then copies a few flat blocks, not every field.
      this.parts[this.partCount++] = value;
      if (this.partCount === TEXTS_PER_BLOCK) {
        this.blocks.push(this.parts.join(''));
        this.parts = new Array<string>(TEXTS_PER_BLOCK);
        this.partCount = 0;
      }
    }
  }

  /** Number `field` (NUMBER_COLUMNS) of the row whose numbers start at `start`: slots 2–4, NaN for null. */
  private number(start: number, field: number, value: number | null): void {
    if (value === null) this.numbers[start + 2 + field] = NaN;
    else {
      this.numbers[start + 2 + field] = value;
      this.present |= numberBit(field);
    }
  }

  /** Adds a row (an arrow function: the writers hand it out as their `add`). */
  readonly add: AddActivity = (
    ref,
    time,
    kind,
    operation,
    device,
    target,
    domain,
    recipients,
    external,
    size,
    attachments,
    detail,
    fileId,
    line,
  ) => {
    if (this.rows > 0 && fileId !== this.numbers[5]) this.full();
    if (time < this.fromTime) this.fromTime = time;
    if (time > this.toTime) this.toTime = time;
    const row = this.rows;
    const n = row * 7;
    const numbers = this.numbers;
    numbers[n] = ref;
    numbers[n + 1] = time;
    this.number(n, 0, external);
    this.number(n, 1, size);
    this.number(n, 2, attachments);
    numbers[n + 5] = fileId;
    numbers[n + 6] = line;
    this.kinds[row] = KIND_INDEX.get(kind)!;
    const s = row * TEXT_FIELDS;
    this.text(s, 0, operation);
    this.text(s, 1, device);
    this.text(s, 2, target);
    this.text(s, 3, domain);
    this.text(s, 4, recipients);
    this.text(s, 5, detail);
    if (recipients !== null) this.withRecipients += 1;
    this.count += 1;
    this.rows = row + 1;
    if (this.rows === this.limit) this.full();
  };

  /** The batch so far (null when empty); the encoder starts a new one. */
  take(): PipeBatch | null {
    if (this.rows === 0) return null;
    const batch: PipeBatch = {
      rows: this.rows,
      numbers: this.numbers,
      kinds: this.kinds,
      lengths: this.lengths,
      text: this.blocks.join('') + this.parts.slice(0, this.partCount).join(''),
      order: orderByRef(this.numbers, this.rows),
      fileId: this.numbers[5]!,
      present: this.present,
    };
    this.limit = Math.min(PIPE_BATCH, this.limit * 2);
    this.numbers = new Float64Array(this.limit * 7);
    this.kinds = new Uint8Array(this.limit);
    this.lengths = new Int32Array(this.limit * TEXT_FIELDS);
    this.parts = new Array<string>(TEXTS_PER_BLOCK);
    this.partCount = 0;
    this.blocks = [];
    this.present = 0;
    this.rows = 0;
    return batch;
  }
}

/** The insert shape of one batch: which nullable columns it binds, and where each goes in a row's values. */
interface BatchShape {
  /** Values per row. */
  width: number;
  /** Offset of text field i in a row's values, or -1 when the batch leaves it out (all null). */
  textSlot: Int8Array;
  /** Offset of number j, or -1. */
  numberSlot: Int8Array;
  /** Multi-row inserts by row count (INSERT_ROWS and PARTIAL_SIZES). */
  inserts: Map<number, Statement>;
  values: unknown[];
}

/**
 * Writes columnar batches into the staging file (journal and sync off), each ref's rows of a batch as
 * one chunk. A batch binds only the columns some of its rows fill (a web log has no recipients,
 * sizes or details): binding is most of the cost of an insert.
 */
export class ChunkWriter {
  private readonly db: Database;
  /** Insert shapes by the batch's `present` bits. */
  private readonly shapes = new Map<number, BatchShape>();
  private readonly insertChunk: Statement;
  /** Rows written so far: the next row's rowid is written + 1 (the table only grows). */
  private written = 0;
  private sinceCommit = 0;

  constructor(path: string) {
    this.db = new BetterSqlite3(path, { nativeBinding: process.env.IRM_SQLITE_BINDING });
    this.db.pragma(`page_size = ${PAGE_SIZE}`);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.pragma('cache_size = -16384');
    this.db.exec(ACTIVITY_STAGING_SCHEMA);
    this.insertChunk = this.db.prepare('INSERT INTO chunks (file_id, ref, first, last) VALUES (@fileId, @ref, @first, @last)');
    this.db.exec('BEGIN');
  }

  private shape(present: number): BatchShape {
    let shape = this.shapes.get(present);
    if (shape) return shape;
    const columns = [...LEADING_COLUMNS];
    const textSlot = new Int8Array(TEXT_COLUMNS.length).fill(-1);
    const numberSlot = new Int8Array(NUMBER_COLUMNS.length).fill(-1);
    TEXT_COLUMNS.forEach((column, field) => {
      if (present & (1 << field)) textSlot[field] = columns.push(column) - 1;
    });
    NUMBER_COLUMNS.forEach((column, field) => {
      if (present & numberBit(field)) numberSlot[field] = columns.push(column) - 1;
    });
    columns.push(...TRAILING_COLUMNS);
    // The one positional statement by design (src/main/ingest/README.md, sqlStyle.test.ts HOT_PATH_POSITIONAL):
    // a multi-row insert bound as arguments (run(...values)); a named object would cost a V8 property
    // lookup per value, the writer thread's largest cost.
    const one = `(${columns.map(() => '?').join(',')})`;
    const inserts = new Map<number, Statement>();
    for (const rows of [INSERT_ROWS, ...PARTIAL_SIZES])
      inserts.set(
        rows,
        this.db.prepare(`INSERT INTO activities (${columns.join(', ')}) VALUES ${new Array(rows).fill(one).join(',')}`),
      );
    shape = { width: columns.length, textSlot, numberSlot, inserts, values: new Array(INSERT_ROWS * columns.length) };
    this.shapes.set(present, shape);
    return shape;
  }

  /** Rows written to the table. */
  get count(): number {
    return this.written;
  }

  /** Writes a batch in its ref order and records one chunk per ref. */
  addBatch(batch: PipeBatch): void {
    const { numbers, kinds, lengths, text, order, rows, fileId } = batch;
    const { width, textSlot, numberSlot, inserts, values } = this.shape(batch.present);
    const offsets = new Int32Array(rows);
    let offset = 0;
    for (let row = 0; row < rows; row += 1) {
      offsets[row] = offset;
      for (let s = row * TEXT_FIELDS; s < (row + 1) * TEXT_FIELDS; s += 1) if (lengths[s]! > 0) offset += lengths[s]!;
    }
    const insertFull = inserts.get(INSERT_ROWS)!;
    let buffered = 0;
    let chunkRef = Number.NaN;
    let chunkFirst = 0;
    for (let position = 0; position < rows; position += 1) {
      const row = order[position]!;
      const n = row * 7;
      const ref = numbers[n]!;
      const rowid = this.written + position + 1;
      if (ref !== chunkRef) {
        if (!Number.isNaN(chunkRef)) this.insertChunk.run({ fileId, ref: chunkRef, first: chunkFirst, last: rowid - 1 });
        chunkRef = ref;
        chunkFirst = rowid;
      }
      const k = buffered * width;
      values[k] = numbers[n + 1];
      values[k + 1] = kinds[row];
      const s = row * TEXT_FIELDS;
      let at = offsets[row]!;
      for (let field = 0; field < TEXT_FIELDS; field += 1) {
        const length = lengths[s + field]!;
        const slot = textSlot[field]!;
        if (length >= 0) {
          if (slot >= 0) values[k + slot] = text.slice(at, at + length);
          at += length;
        } else if (slot >= 0) values[k + slot] = null;
      }
      for (let field = 0; field < NUMBER_COLUMNS.length; field += 1) {
        const slot = numberSlot[field]!;
        if (slot < 0) continue;
        const value = numbers[n + 2 + field]!;
        values[k + slot] = Number.isNaN(value) ? null : value;
      }
      values[k + width - 1] = numbers[n + 6];
      buffered += 1;
      if (buffered === INSERT_ROWS) {
        // As arguments, not one array: better-sqlite3 reads an array element by element through the
        // V8 API, which cost about a fifth of this thread's instructions.
        insertFull.run(...values);
        buffered = 0;
      }
    }
    let row = 0;
    for (const size of PARTIAL_SIZES) {
      const insert = inserts.get(size)!;
      for (; buffered - row >= size; row += size) insert.run(...values.slice(row * width, (row + size) * width));
    }
    if (!Number.isNaN(chunkRef)) this.insertChunk.run({ fileId, ref: chunkRef, first: chunkFirst, last: this.written + rows });
    this.written += rows;
    this.sinceCommit += rows;
    if (this.sinceCommit >= ROWS_PER_TRANSACTION) {
      this.db.exec('COMMIT');
      this.db.exec('BEGIN');
      this.sinceCommit = 0;
    }
  }

  /** Commits and closes. */
  finish(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * What both writers share: rows go into the columnar encoder; each full batch goes to the sink
 * (`batchFull`: written in-process, or posted to the writer thread).
 */
abstract class EncodingActivityWriter implements ActivityWriter {
  protected readonly encoder = new BatchEncoder(() => this.batchFull());
  readonly add = this.encoder.add;
  abstract readonly writerCpuMs: number | null;

  get count(): number {
    return this.encoder.count;
  }

  get withRecipients(): number {
    return this.encoder.withRecipients;
  }

  get fromTime(): number {
    return this.encoder.fromTime;
  }

  get toTime(): number {
    return this.encoder.toTime;
  }

  /** Hands the encoder's full batch to the sink. */
  protected abstract batchFull(): void;
  abstract backpressure(): Promise<void> | null;
  abstract finish(): Promise<void>;
  abstract abort(): Promise<void>;
}

/** Writes staged activities in-process (tests without a build): the same batches and chunks as the thread. */
export class DirectActivityWriter extends EncodingActivityWriter {
  private readonly writer: ChunkWriter;
  readonly writerCpuMs = null;

  constructor(path: string) {
    super();
    this.writer = new ChunkWriter(path);
  }

  protected batchFull(): void {
    const batch = this.encoder.take();
    if (batch) this.writer.addBatch(batch);
  }

  backpressure(): null {
    return null;
  }

  finish(): Promise<void> {
    const last = this.encoder.take();
    if (last) this.writer.addBatch(last);
    this.writer.finish();
    return Promise.resolve();
  }

  abort(): Promise<void> {
    this.writer.close();
    return Promise.resolve();
  }
}

/** Messages between the piped writer and its thread. */
export type WriterMessage = { type: 'batch'; batch: PipeBatch } | { type: 'end' };
export type WriterReply =
  { type: 'ack' } | { type: 'done'; count: number; cpuMs: number | null } | { type: 'error'; message: string };

/** What the writer thread gets as workerData. */
export interface WriterData {
  path: string;
}

/** Sends staged activities to a writer thread (see runActivityWriterThread). */
export class PipedActivityWriter extends EncodingActivityWriter {
  private readonly worker: Worker;
  private inFlight = 0;
  private waiting: (() => void) | null = null;
  private done: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;
  writerCpuMs: number | null = null;

  constructor(workerFile: string, path: string) {
    super();
    const data: WriterData = { path };
    this.worker = new Worker(workerFile, { workerData: data });
    this.worker.on('message', (reply: WriterReply) => {
      if (reply.type === 'ack') {
        this.inFlight -= 1;
        if (this.waiting && this.inFlight <= MAX_IN_FLIGHT / 2) {
          const wake = this.waiting;
          this.waiting = null;
          wake();
        }
      } else if (reply.type === 'done') {
        this.writerCpuMs = reply.cpuMs;
        if (reply.count !== this.encoder.count)
          this.fail(new Error(`the staging writer wrote ${reply.count} of ${this.encoder.count} activities`));
        else this.done?.resolve();
      } else {
        this.fail(new Error(`staging writer: ${reply.message}`));
      }
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`the staging writer stopped (exit code ${code})`));
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.done?.reject(this.failure);
    const wake = this.waiting;
    this.waiting = null;
    wake?.();
  }

  protected batchFull(): void {
    this.send();
  }

  private send(): void {
    if (this.failure) throw this.failure;
    const batch = this.encoder.take();
    if (!batch) return;
    const message: WriterMessage = { type: 'batch', batch };
    this.worker.postMessage(message, [
      batch.numbers.buffer as ArrayBuffer,
      batch.kinds.buffer as ArrayBuffer,
      batch.lengths.buffer as ArrayBuffer,
      batch.order.buffer as ArrayBuffer,
    ]);
    this.inFlight += 1;
  }

  backpressure(): Promise<void> | null {
    if (this.failure) throw this.failure;
    if (this.inFlight < MAX_IN_FLIGHT) return null;
    return new Promise<void>((resolve) => {
      this.waiting = resolve;
    }).then(() => {
      if (this.failure) throw this.failure;
    });
  }

  async finish(): Promise<void> {
    this.send();
    const finished = new Promise<void>((resolve, reject) => {
      this.done = { resolve, reject };
      if (this.failure) reject(this.failure);
    });
    const end: WriterMessage = { type: 'end' };
    this.worker.postMessage(end);
    await finished;
    await this.worker.terminate();
  }

  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The writer thread's side: writes the batches it receives with a ChunkWriter. */
export function runActivityWriterThread(
  data: WriterData,
  port: { on(event: 'message', listener: (message: WriterMessage) => void): void; postMessage(reply: WriterReply): void },
): void {
  const startCpu = threadCpuMs();
  let writer: ChunkWriter;
  try {
    writer = new ChunkWriter(data.path);
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  port.on('message', (message) => {
    try {
      if (message.type === 'end') {
        const count = writer.count;
        writer.finish();
        const cpu = threadCpuMs();
        port.postMessage({ type: 'done', count, cpuMs: cpu !== null && startCpu !== null ? cpu - startCpu : null });
        return;
      }
      writer.addBatch(message.batch);
      port.postMessage({ type: 'ack' });
    } catch (error) {
      port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
}
