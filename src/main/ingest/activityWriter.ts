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

/**
 * Staged activities go to one table, appended in chunks: the writer keeps a small pending batch per
 * person ref and writes it when it is full (CHUNK_ROWS), when the file ends, or when every pending
 * batch is written out (FLUSH_ALL_ROWS, which bounds memory however many persons there are). Each
 * chunk is one person's consecutive rows of one file, a contiguous rowid range recorded in `chunks`.
 * The merge reads chunks in (file, person id) order, so the main database's (person_id, time) index
 * is filled person by person, in time order within a person (files are read in order): for new
 * persons that is an append, and the index costs almost nothing, with no sort.
 */
export const ACTIVITY_STAGING_SCHEMA = `
CREATE TABLE activities (
  ref INTEGER NOT NULL, time INTEGER NOT NULL, kind INTEGER NOT NULL, operation TEXT, device TEXT,
  target TEXT, domain TEXT, recipients TEXT, external INTEGER, size INTEGER, attachments INTEGER, detail TEXT,
  file_id INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE TABLE chunks (file_id INTEGER NOT NULL, ref INTEGER NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL);`;

/** Kinds are staged as small integers (index in ACTIVITY_KIND_CODES); the merge maps them back. */
export const ACTIVITY_KIND_CODES = Object.keys(ACTIVITY_KINDS) as ActivityKind[];

const COLUMNS = 14;
/** Rows of one person written as one chunk (one multi-row insert). */
const CHUNK_ROWS = 64;
/** Every pending batch is written after this many rows (bounds memory however many persons there are). */
const FLUSH_ALL_ROWS = 65_536;
/** Statement sizes a partial chunk is written with (largest first). */
const PARTIAL_SIZES = [16, 4, 1];
const ROWS_PER_TRANSACTION = 250_000;
/** Rows per columnar batch (a message to the writer thread), and how many messages may wait. */
const PIPE_BATCH = 4096;
const MAX_IN_FLIGHT = 8;
const KINDS = ACTIVITY_KIND_CODES;
const KIND_INDEX = new Map(KINDS.map((kind, index) => [kind, index]));

/** Where staged activities go. */
export interface ActivityWriter {
  /** Stages one activity. */
  add(
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
  ): void;
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
}

const nullable = (value: number | null) => (value === null ? NaN : value);

/** Packs activities into columnar batches (no per-row objects: memory and GC stay flat). */
class BatchEncoder {
  private numbers = new Float64Array(PIPE_BATCH * 7);
  private kinds = new Uint8Array(PIPE_BATCH);
  private lengths = new Int32Array(PIPE_BATCH * 6);
  private parts: string[] = [];
  rows = 0;
  count = 0;
  withRecipients = 0;

  private text(index: number, value: string | null): void {
    if (value === null) this.lengths[index] = -1;
    else {
      this.lengths[index] = value.length;
      this.parts.push(value);
    }
  }

  /** Adds a row; true when the batch is full. */
  add(
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
  ): boolean {
    const row = this.rows;
    const n = row * 7;
    const numbers = this.numbers;
    numbers[n] = ref;
    numbers[n + 1] = time;
    numbers[n + 2] = nullable(external);
    numbers[n + 3] = nullable(size);
    numbers[n + 4] = nullable(attachments);
    numbers[n + 5] = fileId;
    numbers[n + 6] = line;
    this.kinds[row] = KIND_INDEX.get(kind)!;
    const s = row * 6;
    this.text(s, operation);
    this.text(s + 1, device);
    this.text(s + 2, target);
    this.text(s + 3, domain);
    this.text(s + 4, recipients);
    this.text(s + 5, detail);
    if (recipients !== null) this.withRecipients += 1;
    this.count += 1;
    this.rows = row + 1;
    return this.rows === PIPE_BATCH;
  }

  /** The batch so far (null when empty); the encoder starts a new one. */
  take(): PipeBatch | null {
    if (this.rows === 0) return null;
    const batch: PipeBatch = {
      rows: this.rows,
      numbers: this.numbers,
      kinds: this.kinds,
      lengths: this.lengths,
      text: this.parts.join(''),
    };
    this.numbers = new Float64Array(PIPE_BATCH * 7);
    this.kinds = new Uint8Array(PIPE_BATCH);
    this.lengths = new Int32Array(PIPE_BATCH * 6);
    this.parts = [];
    this.rows = 0;
    return batch;
  }
}

/** A batch kept until its last pending row is written, with each row's offset into its text. */
interface HeldBatch {
  batch: PipeBatch;
  offsets: Int32Array;
  pending: number;
}

/**
 * Writes columnar batches into the staging file (journal and sync off) in per-person chunks. Pending
 * rows are (batch, row) pairs, not objects: the batches themselves are held until their rows are
 * written (at most FLUSH_ALL_ROWS rows' worth), and row values are built only to be bound.
 */
export class ChunkWriter {
  private readonly db: Database;
  /** Multi-row inserts by row count (CHUNK_ROWS and PARTIAL_SIZES). */
  private readonly inserts = new Map<number, Statement>();
  private readonly insertChunk: Statement;
  private readonly held = new Map<number, HeldBatch>();
  private nextBatch = 0;
  /** Pending rows per ref: [count, batch, row, batch, row, …], all of one file. */
  private pending = new Map<number, Int32Array>();
  private pendingFile = -1;
  private pendingRows = 0;
  /** Rows written so far: the next row's rowid is written + 1 (the table only grows). */
  private written = 0;
  private sinceCommit = 0;
  private readonly values: unknown[] = new Array(CHUNK_ROWS * COLUMNS);

  constructor(path: string) {
    this.db = new BetterSqlite3(path, { nativeBinding: process.env.IRM_SQLITE_BINDING });
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.pragma('cache_size = -16384');
    this.db.exec(ACTIVITY_STAGING_SCHEMA);
    const one = `(${new Array(COLUMNS).fill('?').join(',')})`;
    const columns =
      'ref, time, kind, operation, device, target, domain, recipients, external, size, attachments, detail, file_id, line';
    for (const rows of [CHUNK_ROWS, ...PARTIAL_SIZES])
      this.inserts.set(
        rows,
        this.db.prepare(`INSERT INTO activities (${columns}) VALUES ${new Array(rows).fill(one).join(',')}`),
      );
    this.insertChunk = this.db.prepare('INSERT INTO chunks (file_id, ref, first, last) VALUES (?, ?, ?, ?)');
    this.db.exec('BEGIN');
  }

  /** Rows written to the table (with those still pending: all rows received once finished). */
  get count(): number {
    return this.written + this.pendingRows;
  }

  /** Takes a batch: each row joins its person's pending chunk. */
  addBatch(batch: PipeBatch): void {
    const slot = this.nextBatch++;
    const offsets = new Int32Array(batch.rows);
    const { numbers, lengths } = batch;
    let offset = 0;
    for (let row = 0; row < batch.rows; row += 1) {
      offsets[row] = offset;
      for (let s = row * 6; s < row * 6 + 6; s += 1) if (lengths[s]! > 0) offset += lengths[s]!;
    }
    const held: HeldBatch = { batch, offsets, pending: 0 };
    this.held.set(slot, held);
    for (let row = 0; row < batch.rows; row += 1) {
      const ref = numbers[row * 7]!;
      const fileId = numbers[row * 7 + 5]!;
      // A chunk holds one file's rows only: each file's rows get their own id range at merge.
      if (fileId !== this.pendingFile) {
        this.flushAll();
        this.pendingFile = fileId;
      }
      let list = this.pending.get(ref);
      if (!list) this.pending.set(ref, (list = new Int32Array(1 + 2 * CHUNK_ROWS)));
      const count = list[0]!;
      list[1 + 2 * count] = slot;
      list[2 + 2 * count] = row;
      list[0] = count + 1;
      held.pending += 1;
      this.pendingRows += 1;
      if (count + 1 === CHUNK_ROWS) this.writeChunk(ref, list);
      else if (this.pendingRows >= FLUSH_ALL_ROWS) this.flushAll();
    }
    if (held.pending === 0) this.held.delete(slot);
  }

  /** Writes one ref's pending rows as one chunk (a contiguous rowid range). */
  private writeChunk(ref: number, list: Int32Array): void {
    const rows = list[0]!;
    if (rows === 0) return;
    const values = this.values;
    for (let i = 0; i < rows; i += 1) {
      const slot = list[1 + 2 * i]!;
      const row = list[2 + 2 * i]!;
      const held = this.held.get(slot)!;
      const { numbers, kinds, lengths, text } = held.batch;
      const n = row * 7;
      const s = row * 6;
      let offset = held.offsets[row]!;
      const piece = (length: number): string | null => {
        if (length < 0) return null;
        const value = text.slice(offset, offset + length);
        offset += length;
        return value;
      };
      const external = numbers[n + 2]!;
      const size = numbers[n + 3]!;
      const attachments = numbers[n + 4]!;
      let k = i * COLUMNS;
      values[k++] = numbers[n];
      values[k++] = numbers[n + 1];
      values[k++] = kinds[row];
      values[k++] = piece(lengths[s]!);
      values[k++] = piece(lengths[s + 1]!);
      values[k++] = piece(lengths[s + 2]!);
      values[k++] = piece(lengths[s + 3]!);
      values[k++] = piece(lengths[s + 4]!);
      values[k++] = Number.isNaN(external) ? null : external;
      values[k++] = Number.isNaN(size) ? null : size;
      values[k++] = Number.isNaN(attachments) ? null : attachments;
      values[k++] = piece(lengths[s + 5]!);
      values[k++] = numbers[n + 5];
      values[k] = numbers[n + 6];
      held.pending -= 1;
      // The batch being added is released by addBatch when it is done with it.
      if (held.pending === 0 && slot !== this.nextBatch - 1) this.held.delete(slot);
    }
    if (rows === CHUNK_ROWS) this.inserts.get(CHUNK_ROWS)!.run(values);
    else {
      let row = 0;
      for (const size of PARTIAL_SIZES) {
        const insert = this.inserts.get(size)!;
        for (; rows - row >= size; row += size) insert.run(values.slice(row * COLUMNS, (row + size) * COLUMNS));
      }
    }
    this.insertChunk.run(this.pendingFile, ref, this.written + 1, this.written + rows);
    list[0] = 0;
    this.written += rows;
    this.pendingRows -= rows;
    this.sinceCommit += rows;
    if (this.sinceCommit >= ROWS_PER_TRANSACTION) {
      this.db.exec('COMMIT');
      this.db.exec('BEGIN');
      this.sinceCommit = 0;
    }
  }

  /** Writes every pending chunk (in ref order) and forgets the per-ref lists. */
  private flushAll(): void {
    for (const ref of [...this.pending.keys()].sort((a, b) => a - b)) this.writeChunk(ref, this.pending.get(ref)!);
    this.pending = new Map();
  }

  /** Writes what is pending, commits and closes. */
  finish(): void {
    this.flushAll();
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
  protected readonly encoder = new BatchEncoder();
  abstract readonly writerCpuMs: number | null;

  get count(): number {
    return this.encoder.count;
  }

  get withRecipients(): number {
    return this.encoder.withRecipients;
  }

  add(
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
  ): void {
    if (
      this.encoder.add(ref, time, kind, operation, device, target, domain, recipients, external, size, attachments, detail, fileId, line)
    )
      this.batchFull();
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
    this.writer.addBatch(this.encoder.take()!);
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
  role: 'activityWriter';
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
    const data: WriterData = { role: 'activityWriter', path };
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
