/**
 * Where the simulated activity goes: the CERT r6 CSVs, the monthly M365 unified audit log CSVs,
 * the Graph alerts JSON and the .eml content folder. Rows are buffered per file in time order and
 * released day by day, so memory holds about two days of activity whatever the size of the run.
 */
import { join } from 'node:path';
import { certDateTime, isoDateTime, isoMonth } from './calendar';
import { createRandom, type Random } from './random';
import { TextFileWriter, TimeOrderedRows, csvField, csvLine } from './writers';
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../store/files';

/** The CERT r6 activity files. */
export type CertFile = 'logon' | 'device' | 'file' | 'email' | 'http';

/** Header of each CERT r6 file. */
export const CERT_HEADERS: Record<CertFile, readonly string[]> = {
  logon: ['id', 'date', 'user', 'pc', 'activity'],
  device: ['id', 'date', 'user', 'pc', 'file_tree', 'activity'],
  file: ['id', 'date', 'user', 'pc', 'filename', 'activity', 'to_removable_media', 'from_removable_media', 'content'],
  email: ['id', 'date', 'user', 'pc', 'to', 'cc', 'bcc', 'from', 'activity', 'size', 'attachments', 'content'],
  http: ['id', 'date', 'user', 'pc', 'url', 'activity', 'content'],
};

/** Header of the M365 unified audit log CSV export. */
export const AUDIT_HEADER = ['CreationDate', 'UserIds', 'Operations', 'AuditData'] as const;

/** One written file in the summary. */
export interface WrittenFile {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  /** Data rows (CSV rows without the header, JSON array entries, or 1 for a single document). */
  rows: number;
  bytes: number;
}

const CERT_FILES: readonly CertFile[] = ['logon', 'device', 'file', 'email', 'http'];

/** Collects rows from the day generator and writes them in time order. */
export class SimulationOutput {
  private readonly certRows = new Map<CertFile, TimeOrderedRows>();
  private readonly certWriters = new Map<CertFile, TextFileWriter>();
  private readonly certIds = new Map<CertFile, Random>();
  private readonly auditRows = new TimeOrderedRows();
  private auditWriter: { month: string; writer: TextFileWriter } | null = null;
  private readonly alerts: { time: number; alert: Record<string, unknown> }[] = [];
  private readonly written: WrittenFile[] = [];

  constructor(
    readonly outDir: string,
    seed: string,
  ) {
    for (const file of CERT_FILES) {
      this.certRows.set(file, new TimeOrderedRows());
      const writer = new TextFileWriter(join(outDir, 'cert', `${file}.csv`));
      writer.writeLine(CERT_HEADERS[file].join(','));
      this.certWriters.set(file, writer);
      this.certIds.set(file, createRandom(`${seed}|cert-ids|${file}`));
    }
    mkdirSync(join(outDir, 'content'), { recursive: true });
  }

  /** Adds a CERT row: the fields after `id,date`. */
  cert(file: CertFile, time: number, fields: readonly string[]): void {
    this.certRows.get(file)!.add(time, csvLine(fields));
  }

  /** Adds an M365 unified audit log record. */
  audit(time: number, userId: string, operation: string, auditData: Record<string, unknown>): void {
    // AuditData always holds commas and quotes, so it is always quoted.
    this.auditRows.add(time, `${isoDateTime(time)}.0000000Z,${csvField(userId)},${operation},"${JSON.stringify(auditData).replace(/"/g, '""')}"`);
  }

  /** Adds a Graph security alert (written sorted by creation time at the end). */
  alert(time: number, alert: Record<string, unknown>): void {
    this.alerts.push({ time, alert });
  }

  /** Writes one content file (an .eml) under content/. */
  content(name: string, data: string | Buffer): void {
    const relative = `content/${name}`;
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    writeFileAtomic(join(this.outDir, relative), buffer);
    this.written.push({ path: relative, rows: 1, bytes: buffer.length });
  }

  /** Writes every buffered row earlier than `before`. */
  release(before: number): void {
    for (const file of CERT_FILES) {
      const writer = this.certWriters.get(file)!;
      const ids = this.certIds.get(file)!;
      this.certRows.get(file)!.release(before, (time, text) => {
        writer.writeLine(`${certId(ids)},${certDateTime(time)},${text}`);
      });
    }
    this.auditRows.release(before, (time, text) => this.auditWriterFor(time).writeLine(text));
  }

  private auditWriterFor(time: number): TextFileWriter {
    const month = isoMonth(time);
    if (this.auditWriter?.month !== month) {
      this.closeAuditWriter();
      // The audit search export: UTF-8 with a byte-order mark and Windows line ends.
      const writer = new TextFileWriter(join(this.outDir, 'm365', `audit-${month}.csv`), { bom: true, lineEnding: '\r\n' });
      writer.writeLine(AUDIT_HEADER.join(','));
      this.auditWriter = { month, writer };
    }
    return this.auditWriter.writer;
  }

  private closeAuditWriter(): void {
    if (!this.auditWriter) return;
    const { month, writer } = this.auditWriter;
    const { bytes, lines } = writer.close();
    this.written.push({ path: `m365/audit-${month}.csv`, rows: lines - 1, bytes });
    this.auditWriter = null;
  }

  /** Flushes everything, closes the files, writes the alerts JSON; returns every file written. */
  finish(): WrittenFile[] {
    this.release(Number.POSITIVE_INFINITY);
    for (const file of CERT_FILES) {
      const { bytes, lines } = this.certWriters.get(file)!.close();
      this.written.push({ path: `cert/${file}.csv`, rows: lines - 1, bytes });
    }
    this.closeAuditWriter();
    this.alerts.sort((a, b) => a.time - b.time);
    const alertsJson = `${JSON.stringify({ value: this.alerts.map((entry) => entry.alert) }, null, 2)}\n`;
    mkdirSync(join(this.outDir, 'alerts'), { recursive: true });
    writeFileAtomic(join(this.outDir, 'alerts', 'graph-alerts.json'), alertsJson);
    this.written.push({ path: 'alerts/graph-alerts.json', rows: this.alerts.length, bytes: Buffer.byteLength(alertsJson) });
    return this.written.slice().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A CERT-style row id such as `{X1D9-S0ES98JV-5357PWMI}`. */
export function certId(random: Random): string {
  return `{${random.characters(4, ID_ALPHABET)}-${random.characters(8, ID_ALPHABET)}-${random.characters(8, ID_ALPHABET)}}`;
}
