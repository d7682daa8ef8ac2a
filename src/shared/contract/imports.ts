/**
 * Contract: data imports (Policies → Settings → Data imports). Inputs are paths on this workstation
 * (the Electron file picker, drag-and-drop, `imports.browse` in the browser harness, or the CLI).
 * Progress arrives as `job.progress` events with `kind: 'import'` and the `jobId` returned by start.
 */
import { z } from 'zod';
import { ALL_JOB_PHASES, type JobPhase } from '../jobs';
import { IMPORT_FORMATS } from '../signals';
import { method, paging } from './spec';

/** A `--format` value (forces every file of the import to be read as that format). */
export const importFormat = z.enum(IMPORT_FORMATS);
/** What an import is stored as: one format, or `mixed` for a folder holding several. */
export const importKind = z.enum([...IMPORT_FORMATS, 'mixed']);
/** What to do with a bad row: stop the whole import (default) or skip it and write a rejects file. */
export const importOnError = z.enum(['stop', 'skip']);
/** Import states; `interrupted` means the app stopped while it ran (nothing of it was kept). */
export const IMPORT_STATES = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
/** What happened to one file of an import. */
export const IMPORT_FILE_STATUSES = ['pending', 'imported', 'duplicate', 'notImported', 'replaced'] as const;

const path = z.string().min(1).max(4096);

/** The options of an import (preview, start and retry take the same ones). */
export const importRequest = z.object({
  paths: z.array(path).min(1).max(200),
  format: importFormat.optional(),
  onError: importOnError.default('stop'),
  /** Import files whose SHA-256 was imported before; their earlier rows are replaced, never duplicated. */
  reimport: z.boolean().default(false),
  /** Offset of times written without one (CERT local times, ISO without zone); 0 = UTC. */
  utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
});
export type ImportRequest = z.infer<typeof importRequest>;

/** A problem with one row or file: where, and why. */
export const importProblem = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  field: z.string().nullable(),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

/** How a source column maps onto the workbench's fields. */
export const columnMapping = z.object({
  source: z.string(),
  target: z.string().nullable(),
});

/** What preview found in one file. */
export const filePreview = z.object({
  path: z.string(),
  /** Name relative to the chosen folder (or the file name). */
  name: z.string(),
  size: z.number().int(),
  format: importFormat.nullable(),
  /** The layout inside the format, e.g. `cert.http.r6`, `hr.resignation`, `m365.auditCsv`. */
  layout: z.string().nullable(),
  /** A human description of the layout. */
  description: z.string(),
  encoding: z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'binary']).nullable(),
  columns: z.array(columnMapping),
  /** The first rows as read (identity columns pseudonymized while anonymization is on). */
  sample: z.object({ header: z.array(z.string()), rows: z.array(z.array(z.string())) }),
  /** Why the file cannot be imported (null when it can). */
  problem: z.string().nullable(),
});
export type FilePreview = z.infer<typeof filePreview>;

/** A summary row of the import history. */
export const importSummary = z.object({
  id: z.number().int(),
  format: importKind,
  sources: z.array(z.string()),
  state: z.enum(IMPORT_STATES),
  onError: importOnError,
  account: z.string().nullable(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  seconds: z.number().nullable(),
  files: z.number().int(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  ignored: z.number().int(),
  persons: z.number().int(),
  personsCreated: z.number().int(),
  /** The first error (or why it failed), in one line. */
  error: z.string().nullable(),
  hasRejects: z.boolean(),
  retryOf: z.number().int().nullable(),
  /** The job of this import while it is active in this process (for `job.progress` events), else null. */
  jobId: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof importSummary>;

/** One file of an import, with its provenance. */
export const importFileView = z.object({
  id: z.number().int(),
  name: z.string(),
  path: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  format: importFormat,
  layout: z.string(),
  status: z.enum(IMPORT_FILE_STATUSES),
  duplicateOf: z.number().int().nullable(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
});

/** One import with its files, problems and timings. */
export const importDetail = importSummary.extend({
  utcOffsetMinutes: z.number().int(),
  reimport: z.boolean(),
  formatOverride: importFormat.nullable(),
  filesDetail: z.array(importFileView),
  /** The first problems (at most 200); `problemsTotal` says how many there were. */
  problems: z.array(importProblem.extend({ severity: z.enum(['error', 'warning']) })),
  problemsTotal: z.number().int(),
  /** How long the final merge held the database's write lock, in milliseconds. */
  mergeMs: z.number().int().nullable(),
  /** Wall and CPU milliseconds per phase of the job, and the staging writer thread's CPU (diagnostics). */
  timings: z
    .object({
      phases: z.record(z.string(), z.object({ wallMs: z.number(), cpuMs: z.number().nullable() })),
      writerCpuMs: z.number().nullable(),
    })
    .nullable(),
  /** The last progress of a running import. */
  progress: z
    .object({ done: z.number(), total: z.number().nullable(), phase: z.enum(ALL_JOB_PHASES as [JobPhase, ...JobPhase[]]), message: z.string().nullable() })
    .nullable(),
});
export type ImportDetail = z.infer<typeof importDetail>;

const importId = z.object({ id: z.number().int().positive() }).strict();

export const importMethods = {
  'imports.browse': method({
    summary: 'List a folder of this workstation (folders and files) to pick import sources; home folder by default.',
    input: z.object({ path: path.optional() }).strict(),
    output: z.object({
      path: z.string(),
      parent: z.string().nullable(),
      entries: z.array(
        z.object({
          name: z.string(),
          path: z.string(),
          kind: z.enum(['file', 'folder']),
          size: z.number().int().nullable(),
          modifiedAt: z.number().int().nullable(),
        }),
      ),
    }),
    permission: 'configure',
    audit: 'imports',
  }),
  'imports.loadDemo': method({
    summary: 'First run: simulate a demo organisation and import it through the ordinary import path.',
    input: z
      .object({
        // No defaults: starting minutes of simulation must be an explicit choice (the UI offers 200 × 60).
        people: z.number().int().min(20).max(1000),
        days: z.number().int().min(7).max(120),
        seed: z.number().int().min(1).max(1_000_000),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
    permission: 'configure',
    audit: 'imports',
  }),
  'imports.preview': method({
    summary: 'Detect the format of each file and show its first rows and column mapping; writes nothing.',
    input: importRequest.pick({ paths: true, format: true }).strict(),
    output: z.object({
      format: importKind.nullable(),
      files: z.array(filePreview),
      totalSize: z.number().int(),
      /** Whole-import problems (e.g. a file nobody can read); start refuses while any file has a problem. */
      problems: z.array(z.string()),
    }),
    permission: 'configure',
    audit: 'imports',
  }),
  'imports.start': method({
    summary: 'Start importing files or folders as one all-or-nothing job; progress comes as job.progress events.',
    input: importRequest.strict(),
    output: z.object({ importId: z.number().int(), jobId: z.string() }),
    permission: 'configure',
    audit: 'imports',
  }),
  'imports.cancel': method({
    summary: 'Cancel a running import (nothing of it is kept).',
    input: importId,
    output: z.object({ cancelled: z.boolean() }),
    permission: 'configure',
    audit: 'imports',
  }),
  'imports.list': method({
    summary: 'The import history, newest first, with counts.',
    input: z.object({ state: z.enum(IMPORT_STATES).optional(), ...paging }).strict(),
    output: z.object({ imports: z.array(importSummary), total: z.number().int() }),
    permission: 'configure',
    audit: 'imports',
  }),
  'imports.get': method({
    summary: 'One import with its files (name, size, SHA-256), problems, timings and live progress.',
    input: importId,
    output: importDetail,
    permission: 'configure',
    audit: 'imports',
  }),
  'imports.rejects': method({
    summary: 'The rejects file of an import run with onError "skip" (CSV: file, line, field, reason, raw).',
    input: importId,
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
    permission: 'configure',
    audit: 'imports',
  }),
  'imports.retry': method({
    summary: 'Run an import again with the same sources and options (optionally re-importing files already imported).',
    input: z
      .object({ id: z.number().int().positive(), reimport: z.boolean().optional(), onError: importOnError.optional() })
      .strict(),
    output: z.object({ importId: z.number().int(), jobId: z.string() }),
    permission: 'configure',
    audit: 'imports',
  }),
};
