/**
 * Sources and format detection. Chosen paths (files or folders) are expanded without following
 * symlinks out of a chosen folder; every file's format and layout is detected from its content
 * (header row, JSON shape, magic bytes), or forced with `--format`. The same detection serves the
 * preview (first rows, column mapping) and the import job, so what the user saw is what runs.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { ImportFormat } from '../../shared/signals';
import type { FilePreview } from '../../shared/contract/imports';
import { alertColumnTarget, isAlertCsvHeader, isGraphAlertJson } from './formats/alerts';
import { certColumnTarget, detectCertLayout } from './formats/cert';
import { isPsychometricHeader, isRosterHeader, rosterColumnTarget, snapshotMonth } from './formats/directory';
import { detectHrLayout, hrColumnTarget } from './formats/hr';
import { detectM365CsvLayout, isAuditRecord, m365ColumnTarget } from './formats/m365';
import { sniffContentType } from './content/extract';
import { CsvReader } from './csv';
import { JsonRecordReader } from './json';
import { Columns, cleanHeader, type PlannedFile } from './reading';
import { detectEncoding, readHead, StreamingDecoder, type TextEncoding } from './text';

/** A source problem the user must fix (missing path, unreadable folder). */
export class SourceProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceProblem';
  }
}

/** Most files one import may hold. */
export const MAX_FILES = 200_000;
const MAX_DEPTH = 12;
const SAMPLE_ROWS = 5;
const HEAD_BYTES = 64 * 1024;

/** A file found under the chosen paths. */
export interface SourceEntry {
  path: string;
  name: string;
  size: number;
  modifiedAt: number;
}

/** Expands chosen paths into files: folders recursively (hidden entries skipped), symlinks only when they stay inside. */
export async function expandSources(paths: readonly string[]): Promise<{ entries: SourceEntry[]; skipped: string[] }> {
  const entries: SourceEntry[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const chosen of paths) {
    let real: string;
    try {
      real = await realpath(chosen);
    } catch {
      throw new SourceProblem(`${chosen} does not exist or cannot be read.`);
    }
    const info = await stat(real);
    if (info.isFile()) {
      if (!seen.has(real))
        entries.push({ path: real, name: basename(chosen), size: info.size, modifiedAt: Math.round(info.mtimeMs) });
      seen.add(real);
      continue;
    }
    if (!info.isDirectory()) throw new SourceProblem(`${chosen} is neither a file nor a folder.`);
    const root = real;
    const label = basename(root);
    const walk = async (folder: string, depth: number): Promise<void> => {
      if (depth > MAX_DEPTH) {
        skipped.push(`${relative(dirname(root), folder)}: nested too deep`);
        return;
      }
      const children = (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
      for (const child of children) {
        if (child.name.startsWith('.') || child.name === 'Thumbs.db' || child.name === 'desktop.ini') continue;
        let path = join(folder, child.name);
        const shown = `${label}/${relative(root, path).split(sep).join('/')}`;
        if (child.isSymbolicLink()) {
          let target: string;
          try {
            target = await realpath(path);
          } catch {
            skipped.push(`${shown}: broken symlink`);
            continue;
          }
          // Never follow a link out of the chosen folder (nor into another folder: no loops).
          if (!(target === root || target.startsWith(root + sep))) {
            skipped.push(`${shown}: symlink leads outside the chosen folder`);
            continue;
          }
          const targetInfo = await lstat(target);
          if (!targetInfo.isFile()) {
            skipped.push(`${shown}: symlink to a folder`);
            continue;
          }
          path = target;
        } else if (child.isDirectory()) {
          await walk(path, depth + 1);
          continue;
        } else if (!child.isFile()) {
          continue;
        }
        if (seen.has(path)) continue;
        seen.add(path);
        const info = await stat(path);
        entries.push({ path, name: shown, size: info.size, modifiedAt: Math.round(info.mtimeMs) });
        if (entries.length > MAX_FILES)
          throw new SourceProblem(`More than ${MAX_FILES} files under ${chosen}; choose a smaller folder.`);
      }
    };
    await walk(root, 0);
  }
  return { entries, skipped };
}

/** What detection found in one file. */
export interface Detection {
  format: ImportFormat | null;
  layout: string | null;
  description: string;
  encoding: TextEncoding | null;
  header: string[];
  rows: string[][];
  columns: { source: string; target: string | null }[];
  problem: string | null;
  snapshot: string | null;
}

const CONTENT_LAYOUT_DESCRIPTIONS: Record<string, string> = {
  'content.eml': 'E-mail (.eml)',
  'content.msg': 'Outlook message (.msg)',
  'content.pdf': 'PDF document (text extracted)',
  'content.office': 'Office document (text extracted)',
  'content.text': 'Text file',
  'content.blob': 'File kept as a hashed blob',
  'content.zip': 'Zip of content files',
};

function contentDetection(layout: string, encoding: TextEncoding | null): Detection {
  return {
    format: 'content',
    layout,
    description: CONTENT_LAYOUT_DESCRIPTIONS[layout]!,
    encoding,
    header: [],
    rows: [],
    columns: [],
    problem: null,
    snapshot: null,
  };
}

function unknown(reason: string, encoding: TextEncoding | null, header: string[] = [], rows: string[][] = []): Detection {
  return {
    format: null,
    layout: null,
    description: 'Unknown format',
    encoding,
    header,
    rows,
    columns: [],
    problem: reason,
    snapshot: null,
  };
}

/** Decodes a head sample, dropping an incomplete last line (the head is cut mid-file). */
function headText(head: Buffer, encoding: TextEncoding, complete: boolean): string {
  const bom = encoding === 'utf-8' ? 0 : encoding === 'utf-8-bom' ? 3 : 2;
  let bytes = head.subarray(bom);
  if (encoding.startsWith('utf-16') && bytes.length % 2 === 1) bytes = bytes.subarray(0, bytes.length - 1);
  let text: string;
  try {
    text = new StreamingDecoder(encoding).decode(bytes, complete);
  } catch {
    text = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding).decode(bytes);
  }
  if (!complete) {
    const cut = text.lastIndexOf('\n');
    if (cut > 0) text = text.slice(0, cut + 1);
  }
  return text;
}

function sampleCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  const reader = new CsvReader(
    (fields) => {
      if (records.length <= SAMPLE_ROWS + 20) records.push(fields);
    },
    () => undefined,
  );
  try {
    reader.push(text);
    reader.end();
  } catch {
    // A sample cut inside a quoted field: what was read is enough.
  }
  return { header: (records[0] ?? []).map(cleanHeader), rows: records.slice(1) };
}

function firstJsonRecord(text: string): unknown {
  let first: unknown;
  const stop = new Error('first record read');
  const reader = new JsonRecordReader((value) => {
    first = value;
    throw stop;
  });
  try {
    reader.push(text);
    reader.end();
  } catch (error) {
    if (error !== stop) return undefined;
  }
  return first;
}

/** Detects one file's format and layout (optionally forcing a format). */
export async function detectFile(entry: SourceEntry, forced?: ImportFormat): Promise<Detection> {
  const head = await readHead(entry.path, HEAD_BYTES);
  const complete = head.length >= entry.size;
  const lower = entry.name.toLowerCase();
  const sniffed = sniffContentType(entry.name, head);
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (forced === 'content' || (!forced && ['eml', 'msg', 'pdf', 'office'].includes(sniffed))) {
    const encoding = detectEncoding(head);
    if (isZip && sniffed !== 'office') return contentDetection('content.zip', null);
    return contentDetection(`content.${sniffed}`, encoding.encoding);
  }
  if (isZip && !forced) return contentDetection('content.zip', null);
  if (entry.size === 0) return unknown('the file is empty', null);
  const detected = detectEncoding(head);
  if (detected.encoding === null) {
    if (forced) return unknown(`not a text file (${detected.reason})`, null);
    return contentDetection('content.blob', null);
  }
  const encoding = detected.encoding;
  const text = headText(head, encoding, complete);
  const trimmed = text.trimStart();

  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const first = firstJsonRecord(text);
    const sample = [[JSON.stringify(first ?? trimmed.slice(0, 2000)).slice(0, 2000)]];
    const looksAudit =
      first !== undefined ? isAuditRecord(first) : /"CreationTime"\s*:/.test(text) && /"Operation"\s*:/.test(text);
    const looksAlert =
      first !== undefined
        ? isGraphAlertJson(first) || (Array.isArray(first) && isGraphAlertJson(first))
        : /"@odata\.type"\s*:\s*"#microsoft\.graph\.security\./.test(text) || /"serviceSource"\s*:/.test(text);
    if ((!forced || forced === 'm365') && looksAudit) {
      return {
        format: 'm365',
        layout: 'm365.json',
        description: 'Microsoft 365 audit records (Management Activity API JSON)',
        encoding,
        header: ['record'],
        rows: sample,
        columns: [
          { source: 'Operation', target: 'activity kind (by operation)' },
          { source: 'UserId', target: 'person (UPN)' },
          { source: 'CreationTime', target: 'activity time (UTC)' },
          { source: 'ObjectId', target: 'target' },
          { source: 'PolicyDetails', target: 'DLP alert (DlpRuleMatch / DlpRuleUndo)' },
        ],
        problem: null,
        snapshot: null,
      };
    }
    if ((!forced || forced === 'alerts') && looksAlert) {
      return {
        format: 'alerts',
        layout: 'alerts.json',
        description: 'Microsoft Graph security alerts (JSON)',
        encoding,
        header: ['alert'],
        rows: sample,
        columns: [
          { source: 'createdDateTime', target: 'alert time' },
          { source: 'severity', target: 'severity' },
          { source: 'category', target: 'category' },
          { source: 'evidence[userEvidence].userAccount', target: 'person (UPN or account name)' },
          { source: 'evidence[deviceEvidence].deviceDnsName', target: 'device' },
          { source: 'serviceSource', target: 'DLP or security alert' },
        ],
        problem: null,
        snapshot: null,
      };
    }
    return unknown(
      forced
        ? `does not look like ${forced} data (JSON that is neither M365 audit records nor Graph alerts)`
        : 'JSON that is neither Microsoft 365 audit records nor Graph security alerts',
      encoding,
      ['record'],
      sample,
    );
  }

  const { header, rows } = sampleCsv(text);
  const sampleRows = rows.slice(0, SAMPLE_ROWS);
  const columns = new Columns(header);
  const mapped = (target: (column: string) => string | null) => header.map((source) => ({ source, target: target(source) }));
  const result = (
    format: ImportFormat,
    layout: string,
    description: string,
    target: (column: string) => string | null,
    snapshot: string | null = null,
  ): Detection => ({
    format,
    layout,
    description,
    encoding,
    header,
    rows: sampleRows,
    columns: mapped(target),
    problem: null,
    snapshot,
  });
  const allows = (format: ImportFormat) => !forced || forced === format;

  if (allows('hr')) {
    const hr = detectHrLayout(columns, entry.name);
    if (hr) return result('hr', hr.layout, hr.description, hrColumnTarget);
  }
  if (allows('m365')) {
    const m365 = detectM365CsvLayout(columns);
    if (m365) return result('m365', m365.layout, m365.description, (column) => m365ColumnTarget(m365.layout, column));
  }
  if (allows('alerts') && isAlertCsvHeader(columns))
    return result('alerts', 'alerts.csv', 'Security alerts (simple CSV)', alertColumnTarget);
  if (allows('cert')) {
    const cert = detectCertLayout(
      columns,
      entry.name,
      rows.slice(0, 20).map((row) => row[columns.index('activity')] ?? ''),
    );
    if (cert) return result('cert', cert.layout, cert.description, (column) => certColumnTarget(cert.layout, column));
    if (isPsychometricHeader(columns))
      return result('cert', 'cert.psychometric', 'CERT psychometric scores (person attributes)', (column) =>
        /^[OCEAN]$/.test(column) ? `attribute psychometric.${column}` : column === 'user_id' ? 'person (CERT user id)' : null,
      );
  }
  if (allows('directory') || allows('cert')) {
    if (isRosterHeader(columns)) {
      const snapshot = snapshotMonth(entry.name);
      const certLdap =
        columns.has('functional_unit') &&
        columns.has('supervisor') &&
        columns.has('employee_name') &&
        /(^|\/)ldap\//i.test(lower);
      if (certLdap && allows('cert'))
        return result(
          'cert',
          'cert.ldap',
          `CERT LDAP roster snapshot${snapshot ? ` ${snapshot}` : ''}`,
          rosterColumnTarget,
          snapshot,
        );
      if (allows('directory'))
        return result(
          'directory',
          'directory.roster',
          `Directory roster${snapshot ? ` (snapshot ${snapshot})` : ''}`,
          rosterColumnTarget,
          snapshot,
        );
    }
  }
  if (!forced && ['text'].includes(sniffed) && !/\.(csv|tsv|json)$/i.test(lower))
    return contentDetection('content.text', encoding);
  const what =
    header.length > 0 ? `columns ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''}` : 'no header row';
  return unknown(
    forced ? `does not look like ${forced} data (${what})` : `unknown format (${what}); choose the format with --format`,
    encoding,
    header,
    sampleRows,
  );
}

/** Order files are read in: persons first (rosters, profiles), then HR events, then activity and alerts, then content. */
export function readingOrder(layout: string): number {
  if (layout === 'directory.roster' || layout === 'cert.ldap') return 0;
  if (layout === 'hr.profile' || layout === 'hr.multi') return 1;
  if (layout === 'cert.psychometric') return 2;
  if (layout.startsWith('hr.')) return 3;
  if (layout.startsWith('cert.') || layout.startsWith('m365.')) return 4;
  if (layout.startsWith('alerts.')) return 5;
  return 6;
}

/** The detected plan of an import: its files in reading order, and the problems that block it. */
export interface ImportPlan {
  kind: ImportFormat | 'mixed' | null;
  files: (SourceEntry & { detection: Detection })[];
  skipped: string[];
  totalSize: number;
}

/** Expands and detects every chosen path. */
export async function planImport(paths: readonly string[], forced?: ImportFormat): Promise<ImportPlan> {
  const { entries, skipped } = await expandSources(paths);
  const files: ImportPlan['files'] = [];
  for (const entry of entries) files.push({ ...entry, detection: await detectFile(entry, forced) });
  files.sort(
    (a, b) =>
      readingOrder(a.detection.layout ?? '') - readingOrder(b.detection.layout ?? '') ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const formats = new Set(files.map((file) => file.detection.format).filter((format): format is ImportFormat => format !== null));
  const kind = formats.size === 0 ? null : formats.size === 1 ? [...formats][0]! : 'mixed';
  return { kind, files, skipped, totalSize: files.reduce((sum, file) => sum + file.size, 0) };
}

/** The planned files a job reads (only when no file has a problem). */
export function plannedFiles(plan: ImportPlan): PlannedFile[] {
  return plan.files.map((file) => ({
    path: file.path,
    name: file.name,
    size: file.size,
    modifiedAt: file.modifiedAt,
    format: file.detection.format!,
    layout: file.detection.layout!,
    encoding: file.detection.encoding,
    snapshot: file.detection.snapshot,
  }));
}

/** A file's preview as the contract describes it (masking is applied by the caller). */
export function toFilePreview(file: ImportPlan['files'][number]): FilePreview {
  const detection = file.detection;
  return {
    path: file.path,
    name: file.name,
    size: file.size,
    format: detection.format,
    layout: detection.layout,
    description: detection.description,
    encoding:
      detection.format === 'content' && detection.layout !== 'content.text'
        ? (detection.encoding ?? 'binary')
        : detection.encoding,
    columns: detection.columns,
    sample: { header: detection.header, rows: detection.rows },
    problem: detection.problem,
  };
}
