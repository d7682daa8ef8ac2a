/**
 * Handlers for imports.*: browse, preview, start, cancel, list, get, rejects, retry and the demo.
 * Imports run as jobs of the backend's one job runner (startImport.ts) and are audited twice: when
 * started (files chosen) and when finished. Creating the handlers recovers imports a dead process
 * left running (recovery.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportDetail } from '../../shared/contract/imports';
import { ApiFailure } from '../../shared/errors';
import type { AreaHandlersOf, BackendContext } from '../context/backendContext';
import { toFilePreview } from '../ingest/detect';
import { maskPreview } from '../privacy/previewMasking';
import { browseFolder } from './browse';
import { startDemo } from './demo';
import { importFiles, importProblems, importSummaryOf, listImports, readImport } from './importRepository';
import { isInside, processAlive, recoverInterruptedImports } from './recovery';
import { createImportStarter, planSources } from './startImport';

/** Largest rejects file returned by imports.rejects (bigger ones are read from disk). */
export const MAX_REJECTS_BYTES = 64 * 1024 * 1024;

/** Handlers for the imports area. Creating them recovers interrupted imports of this data folder. */
export function importHandlers(context: BackendContext): AreaHandlersOf<'imports'> {
  const { db, dataDir, clock } = context;
  const imports = createImportStarter(context);
  recoverInterruptedImports(context);

  return {
    'imports.browse': async (input, call) => {
      const listing = await browseFolder(input.path);
      call.audit({ targets: [listing.path] });
      return listing;
    },

    'imports.preview': async (input, call) => {
      const detected = await planSources(input.paths, input.format);
      const anonymized = context.anonymized();
      const files = detected.files.map((file) => {
        const preview = toFilePreview(file);
        return anonymized ? maskPreview(preview, context.keys.pseudonymSecret) : preview;
      });
      const problems = [
        ...(detected.files.length === 0 ? ['No files found under the chosen paths.'] : []),
        ...detected.files.filter((file) => file.detection.problem).map((file) => `${file.name}: ${file.detection.problem}`),
        ...detected.skipped.map((skipped) => `skipped ${skipped}`),
      ];
      call.audit({ targets: input.paths });
      return { format: detected.kind, files, totalSize: detected.totalSize, problems };
    },

    'imports.start': (input, call) => imports.start(input, call, null),

    'imports.loadDemo': (input, call) =>
      startDemo(context, imports, { people: input.people, days: input.days, seed: input.seed }, call),

    'imports.cancel': (input, call) => {
      const row = readImport(db, input.id);
      call.audit({ targets: [`import:${input.id}`] });
      const handle = imports.jobOf(input.id);
      if (row.state !== 'running') return { cancelled: false };
      if (handle) {
        handle.cancel();
        return { cancelled: true };
      }
      if (row.pid !== null && row.pid !== process.pid && processAlive(row.pid)) {
        throw new ApiFailure('INVALID_STATE', `Import ${input.id} runs in another process (pid ${row.pid}); cancel it there.`);
      }
      recoverInterruptedImports(context);
      return { cancelled: true };
    },

    'imports.list': (input) => {
      const { rows, total } = listImports(db, input);
      const now = clock();
      return { imports: rows.map((row) => importSummaryOf(row, imports.jobOf(row.id)?.jobId ?? null, now)), total };
    },

    'imports.get': (input, call) => {
      const row = readImport(db, input.id);
      const handle = imports.jobOf(input.id);
      const problems = importProblems(db, input.id, 200);
      call.audit({ targets: [`import:${input.id}`] });
      const progress = handle?.progress() ?? null;
      return {
        ...importSummaryOf(row, handle?.jobId ?? null, clock()),
        utcOffsetMinutes: row.utc_offset_minutes,
        reimport: row.reimport === 1,
        formatOverride: row.format_override,
        filesDetail: importFiles(db, input.id),
        problems,
        problemsTotal: Math.max(problems.length, row.rejected),
        mergeMs: row.merge_ms,
        timings: row.timings ? (JSON.parse(row.timings) as ImportDetail['timings']) : null,
        progress: row.state === 'running' && progress ? progress : null,
      };
    },

    'imports.rejects': (input, call) => {
      const row = readImport(db, input.id);
      call.audit({ targets: [`import:${input.id}`] });
      if (!row.rejects_path) throw new ApiFailure('NOT_FOUND', `Import ${input.id} has no rejects file.`);
      if (!isInside(dataDir, row.rejects_path))
        throw new ApiFailure('INVALID_STATE', 'The rejects file is outside the data folder.');
      let size: number;
      try {
        size = statSync(row.rejects_path).size;
      } catch {
        throw new ApiFailure('NOT_FOUND', `The rejects file of import ${input.id} is gone.`);
      }
      if (size > MAX_REJECTS_BYTES)
        throw new ApiFailure(
          'INVALID_STATE',
          `The rejects file is too large to download here (${size} bytes); it is at ${row.rejects_path}.`,
        );
      const csv = readFileSync(row.rejects_path, 'utf8');
      return { fileName: basename(row.rejects_path), csv, rows: row.rejected };
    },

    'imports.retry': (input, call) => {
      const row = readImport(db, input.id);
      if (row.state === 'running') throw new ApiFailure('INVALID_STATE', `Import ${input.id} is still running.`);
      return imports.start(
        {
          paths: JSON.parse(row.source) as string[],
          format: row.format_override ?? undefined,
          onError: input.onError ?? row.on_error,
          reimport: input.reimport ?? row.reimport === 1,
          utcOffsetMinutes: row.utc_offset_minutes,
        },
        call,
        row.id,
      );
    },
  };
}
