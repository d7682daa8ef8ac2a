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
/** Every pending batch is written after this many rows (bounds memory and the strings they keep alive). */
const FLUSH_ALL_ROWS = 65_536;
/** Statement sizes a partial batch is written with (largest first). */
const PARTIAL_SIZES = [16, 4, 1];
const ROWS_PER_TRANSACTION = 250_000;
/** Rows per message to the writer thread, and how many messages may wait. */
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

/** Writes staged activities in per-person chunks into the staging file (journal and sync off). */
export class DirectActivityWriter implements ActivityWriter {
  private readonly db: Database;
  /** Multi-row inserts by row count (CHUNK_ROWS and PARTIAL_SIZES). */
  private readonly inserts = new Map<number, Statement>();
  private readonly insertChunk: Statement;
  /** Pending rows per ref (flat, COLUMNS values a row), all of one file. */
  private pending = new Map<number, unknown[]>();
  private pendingFile = -1;
  private pendingRows = 0;
  /** Rows written to the table so far: the next row's rowid is written + 1 (the table only grows). */
  private written = 0;
  private sinceCommit = 0;
  count = 0;
  withRecipients = 0;
  readonly writerCpuMs = null;

  constructor(path: string) {
    this.db = new BetterSqlite3(path, { nativeBinding: process.env.IRM_SQLITE_BINDING });
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.pragma('cache_size = -16384');
    this.db.exec(ACTIVITY_STAGING_SCHEMA);
    const one = `(${new Array(COLUMNS).fill('?').join(',')})`;
    const columns = 'ref, time, kind, operation, device, target, domain, recipients, external, size, attachments, detail, file_id, line';
    for (const rows of [CHUNK_ROWS, ...PARTIAL_SIZES])
      this.inserts.set(rows, this.db.prepare(`INSERT INTO activities (${columns}) VALUES ${new Array(rows).fill(one).join(',')}`));
    this.insertChunk = this.db.prepare('INSERT INTO chunks (file_id, ref, first, last) VALUES (?, ?, ?, ?)');
    this.db.exec('BEGIN');
  }

  /** Writes one ref's pending rows as one chunk. */
  private writeChunk(ref: number, values: unknown[]): void {
    const rows = values.length / COLUMNS;
    if (rows === 0) return;
    if (rows === CHUNK_ROWS) this.inserts.get(CHUNK_ROWS)!.run(values);
    else {
      let row = 0;
      for (const size of PARTIAL_SIZES) {
        const insert = this.inserts.get(size)!;
        for (; rows - row >= size; row += size) insert.run(values.slice(row * COLUMNS, (row + size) * COLUMNS));
      }
    }
    this.insertChunk.run(this.pendingFile, ref, this.written + 1, this.written + rows);
    this.written += rows;
    this.pendingRows -= rows;
    this.sinceCommit += rows;
  }

  /** Writes every pending batch (in ref order) and forgets them. */
  private flushAll(): void {
    for (const ref of [...this.pending.keys()].sort((a, b) => a - b)) this.writeChunk(ref, this.pending.get(ref)!);
    this.pending = new Map();
    this.pendingRows = 0;
  }

  private commitNow(): void {
    if (this.sinceCommit >= ROWS_PER_TRANSACTION) {
      this.db.exec('COMMIT');
      this.db.exec('BEGIN');
      this.sinceCommit = 0;
    }
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
    // A chunk holds one file's rows only: each file's rows get their own id range at merge.
    if (fileId !== this.pendingFile) {
      this.flushAll();
      this.pendingFile = fileId;
    }
    let b = this.pending.get(ref);
    if (!b) this.pending.set(ref, (b = []));
    b.push(ref, time, KIND_INDEX.get(kind)!, operation, device, target, domain, recipients, external, size, attachments, detail, fileId, line);
    if (recipients !== null) this.withRecipients += 1;
    this.count += 1;
    this.pendingRows += 1;
    if (b.length === CHUNK_ROWS * COLUMNS) {
      this.writeChunk(ref, b);
      // Reused: the same person usually comes again soon.
      b.length = 0;
      this.commitNow();
    } else if (this.pendingRows >= FLUSH_ALL_ROWS) {
      this.flushAll();
      this.commitNow();
    }
  }

  backpressure(): null {
    return null;
  }

  /** Writes the pending batches and commits (synchronously). */
  finishNow(): void {
    this.flushAll();
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }

  finish(): Promise<void> {
    this.finishNow();
    return Promise.resolve();
  }

  abort(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
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

/** Messages between the piped writer and its thread. */
export type WriterMessage = { type: 'batch'; batch: PipeBatch } | { type: 'end' };
export type WriterReply =
  { type: 'ack' } | { type: 'done'; count: number; cpuMs: number | null } | { type: 'error'; message: string };

/** What the writer thread gets as workerData. */
export interface WriterData {
  role: 'activityWriter';
  path: string;
}

const nullable = (value: number | null) => (value === null ? NaN : value);

/** Sends staged activities to a writer thread (see activityWriterThread). */
export class PipedActivityWriter implements ActivityWriter {
  private readonly worker: Worker;
  private numbers = new Float64Array(PIPE_BATCH * 7);
  private kinds = new Uint8Array(PIPE_BATCH);
  private lengths = new Int32Array(PIPE_BATCH * 6);
  private parts: string[] = [];
  private rows = 0;
  private inFlight = 0;
  private waiting: (() => void) | null = null;
  private done: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;
  count = 0;
  withRecipients = 0;
  writerCpuMs: number | null = null;

  constructor(workerFile: string, path: string) {
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
        this.done?.resolve();
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
    const lengths = this.lengths;
    const parts = this.parts;
    if (operation === null) lengths[s] = -1;
    else {
      lengths[s] = operation.length;
      parts.push(operation);
    }
    if (device === null) lengths[s + 1] = -1;
    else {
      lengths[s + 1] = device.length;
      parts.push(device);
    }
    if (target === null) lengths[s + 2] = -1;
    else {
      lengths[s + 2] = target.length;
      parts.push(target);
    }
    if (domain === null) lengths[s + 3] = -1;
    else {
      lengths[s + 3] = domain.length;
      parts.push(domain);
    }
    if (recipients === null) lengths[s + 4] = -1;
    else {
      lengths[s + 4] = recipients.length;
      parts.push(recipients);
      this.withRecipients += 1;
    }
    if (detail === null) lengths[s + 5] = -1;
    else {
      lengths[s + 5] = detail.length;
      parts.push(detail);
    }
    this.count += 1;
    this.rows = row + 1;
    if (this.rows === PIPE_BATCH) this.send();
  }

  private send(): void {
    if (this.failure) throw this.failure;
    if (this.rows === 0) return;
    const batch: PipeBatch = {
      rows: this.rows,
      numbers: this.numbers,
      kinds: this.kinds,
      lengths: this.lengths,
      text: this.parts.join(''),
    };
    const message: WriterMessage = { type: 'batch', batch };
    this.worker.postMessage(message, [
      batch.numbers.buffer as ArrayBuffer,
      batch.kinds.buffer as ArrayBuffer,
      batch.lengths.buffer as ArrayBuffer,
    ]);
    this.inFlight += 1;
    this.numbers = new Float64Array(PIPE_BATCH * 7);
    this.kinds = new Uint8Array(PIPE_BATCH);
    this.lengths = new Int32Array(PIPE_BATCH * 6);
    this.parts = [];
    this.rows = 0;
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

/** The writer thread's side: decodes batches and writes them with a DirectActivityWriter. */
export function runActivityWriterThread(
  data: WriterData,
  port: { on(event: 'message', listener: (message: WriterMessage) => void): void; postMessage(reply: WriterReply): void },
): void {
  const startCpu = threadCpuMs();
  let writer: DirectActivityWriter;
  try {
    writer = new DirectActivityWriter(data.path);
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  port.on('message', (message) => {
    try {
      if (message.type === 'end') {
        writer.finishNow();
        const cpu = threadCpuMs();
        port.postMessage({ type: 'done', count: writer.count, cpuMs: cpu !== null && startCpu !== null ? cpu - startCpu : null });
        return;
      }
      const { rows, numbers, kinds, lengths, text } = message.batch;
      let offset = 0;
      const piece = (length: number): string | null => {
        if (length < 0) return null;
        const value = text.slice(offset, offset + length);
        offset += length;
        return value;
      };
      for (let row = 0; row < rows; row += 1) {
        const n = row * 7;
        const s = row * 6;
        const external = numbers[n + 2]!;
        const size = numbers[n + 3]!;
        const attachments = numbers[n + 4]!;
        writer.add(
          numbers[n]!,
          numbers[n + 1]!,
          KINDS[kinds[row]!]!,
          piece(lengths[s]!),
          piece(lengths[s + 1]!),
          piece(lengths[s + 2]!),
          piece(lengths[s + 3]!),
          piece(lengths[s + 4]!),
          Number.isNaN(external) ? null : external,
          Number.isNaN(size) ? null : size,
          Number.isNaN(attachments) ? null : attachments,
          piece(lengths[s + 5]!),
          numbers[n + 5]!,
          numbers[n + 6]!,
        );
      }
      port.postMessage({ type: 'ack' });
    } catch (error) {
      port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
}
