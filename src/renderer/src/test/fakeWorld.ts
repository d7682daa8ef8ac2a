/**
 * The data side of the fake API (test/fakeApi.ts): imports, settings, policies, alerts and the
 * Users page, held in memory and answered the way the backend's handlers do (same filters, same
 * error codes for the cases the UI handles). Tests seed it through `createFakeBackend({ world })`
 * and drive it through `backend.world` (e.g. finish a running import, then emit its last event).
 */
import type { FilePreview, ImportDetail, MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import type { RoleGroup } from '../../../shared/access';
import { ApiFailure } from '../../../shared/errors';

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M>;
/** Handlers the world answers, by method. */
export type WorldHandlers = { [M in MethodName]?: Handler<M> };

/** How an import ended, for `world.finishImport`. */
export interface ImportOutcome {
  state: 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  rows?: number;
  accepted?: number;
  rejected?: number;
  persons?: number;
  error?: string | null;
  problems?: ImportDetail['problems'];
  rejects?: { fileName: string; csv: string };
}

/** What the world starts with. */
export interface FakeWorldSeed {
  /** Files on the fake workstation, by absolute path, with what preview finds in them. */
  files?: FilePreview[];
  /** Imports already in the history (oldest first). */
  imports?: ImportDetail[];
}

/** The fake's data and the handles tests use. */
export interface FakeWorld {
  files: Map<string, FilePreview>;
  imports: ImportDetail[];
  rejects: Map<number, { fileName: string; csv: string; rows: number }>;
  /** Ends a running import the way the job does (the test then emits the job's last progress event). */
  finishImport(id: number, outcome: ImportOutcome): ImportDetail;
}

/** What the world needs from the fake backend: the clock and the signed-in account. */
export interface FakeWorldContext {
  now(): number;
  accountName(): string | null;
  accountId(): number | null;
  accounts(): readonly { id: number; name: string; roleGroups: readonly RoleGroup[]; locked: boolean }[];
}

/** The home folder `imports.browse` opens in. */
export const FAKE_HOME = '/home/investigator';

/** What preview finds in a well-formed HR resignation CSV (override any field). */
export function sampleFilePreview(path: string, overrides: Partial<FilePreview> = {}): FilePreview {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return {
    path,
    name,
    size: 2_048,
    format: 'hr',
    layout: 'hr.resignation',
    description: 'HR connector: employee resignations',
    encoding: 'utf-8',
    columns: [
      { source: 'EmailAddress', target: 'person (e-mail)' },
      { source: 'ResignationDate', target: 'resignation date' },
      { source: 'LastWorkingDate', target: 'last working date' },
      { source: 'Comment', target: null },
    ],
    sample: {
      header: ['EmailAddress', 'ResignationDate', 'LastWorkingDate', 'Comment'],
      rows: [
        ['AnonAB1-234', '2026-01-02T00:00:00Z', '2026-01-30T00:00:00Z', ''],
        ['AnonCD5-678', '2026-01-03T00:00:00Z', '2026-02-27T00:00:00Z', 'moving abroad'],
      ],
    },
    problem: null,
    ...overrides,
  };
}

/** An import of the history (override any field). */
export function sampleImport(id: number, overrides: Partial<ImportDetail> = {}): ImportDetail {
  const startedAt = Date.UTC(2026, 0, 4, 10, 0, 0) + id * 60_000;
  return {
    id,
    format: 'hr',
    sources: [`${FAKE_HOME}/exports/hr-${id}.csv`],
    state: 'succeeded',
    onError: 'stop',
    account: 'admin',
    startedAt,
    finishedAt: startedAt + 2_500,
    seconds: 2.5,
    files: 1,
    rows: 120,
    accepted: 120,
    rejected: 0,
    ignored: 0,
    persons: 118,
    personsCreated: 118,
    error: null,
    hasRejects: false,
    retryOf: null,
    jobId: null,
    utcOffsetMinutes: 0,
    reimport: false,
    formatOverride: null,
    filesDetail: [
      {
        id: id * 10,
        name: `hr-${id}.csv`,
        path: `${FAKE_HOME}/exports/hr-${id}.csv`,
        size: 4_096,
        sha256: `${String(id).padStart(4, '0')}${'ab'.repeat(30)}`,
        format: 'hr',
        layout: 'hr.resignation',
        status: 'imported',
        duplicateOf: null,
        rows: 120,
        accepted: 120,
        rejected: 0,
      },
    ],
    problems: [],
    problemsTotal: 0,
    mergeMs: 12,
    timings: null,
    progress: null,
    ...overrides,
  };
}

/** Creates the world and its handlers. */
export function createFakeWorld(seed: FakeWorldSeed, context: FakeWorldContext): { world: FakeWorld; handlers: WorldHandlers } {
  const files = new Map((seed.files ?? []).map((file) => [file.path, file]));
  const imports: ImportDetail[] = (seed.imports ?? []).map((entry) => ({ ...entry }));
  const rejects = new Map<number, { fileName: string; csv: string; rows: number }>();
  let jobs = 0;

  /** The files under the chosen paths (a folder is every file below it). */
  const resolve = (paths: string[]): FilePreview[] => {
    const found: FilePreview[] = [];
    for (const path of paths) {
      const exact = files.get(path);
      const below = [...files.values()].filter((file) => file.path.startsWith(`${path.replace(/\/$/, '')}/`));
      if (!exact && below.length === 0) throw new ApiFailure('BAD_FILE', `${path} does not exist or cannot be read.`);
      found.push(...(exact ? [exact] : below));
    }
    return found;
  };
  const kindOf = (previews: FilePreview[], forced: FilePreview['format'] | undefined) => {
    if (forced) return forced;
    const formats = new Set(previews.map((file) => file.format));
    if (formats.has(null)) return null;
    return formats.size === 1 ? [...formats][0]! : 'mixed';
  };
  const requireImport = (id: number) => {
    const found = imports.find((entry) => entry.id === id);
    if (!found) throw new ApiFailure('NOT_FOUND', `No import with id ${id}.`);
    return found;
  };
  const startImport = (request: { paths: string[]; format?: FilePreview['format']; onError: 'stop' | 'skip'; reimport: boolean; utcOffsetMinutes: number }, retryOf: number | null) => {
    const previews = resolve(request.paths);
    const bad = previews.filter((file) => file.problem);
    if (bad.length > 0) throw new ApiFailure('BAD_FILE', `${bad.map((file) => `${file.name}: ${file.problem}`).join('; ')}. Nothing was imported.`);
    const id = imports.reduce((max, entry) => Math.max(max, entry.id), 0) + 1;
    jobs += 1;
    const jobId = `import-job-${jobs}`;
    const entry: ImportDetail = {
      ...sampleImport(id),
      format: kindOf(previews, request.format ?? undefined) ?? 'mixed',
      sources: request.paths,
      state: 'running',
      onError: request.onError,
      account: context.accountName(),
      startedAt: context.now(),
      finishedAt: null,
      seconds: null,
      files: previews.length,
      rows: 0,
      accepted: 0,
      rejected: 0,
      persons: 0,
      personsCreated: 0,
      retryOf,
      jobId,
      reimport: request.reimport,
      utcOffsetMinutes: request.utcOffsetMinutes,
      formatOverride: request.format ?? null,
      filesDetail: previews.map((file, index) => ({
        id: id * 10 + index,
        name: file.name,
        path: file.path,
        size: file.size,
        sha256: `${String(id).padStart(4, '0')}${'cd'.repeat(30)}`,
        format: file.format ?? 'hr',
        layout: file.layout ?? 'unknown',
        status: 'pending',
        duplicateOf: null,
        rows: 0,
        accepted: 0,
        rejected: 0,
      })),
      mergeMs: null,
    };
    imports.push(entry);
    return { importId: id, jobId };
  };

  const world: FakeWorld = {
    files,
    imports,
    rejects,
    finishImport(id, outcome) {
      const entry = requireImport(id);
      const rows = outcome.rows ?? 0;
      Object.assign(entry, {
        state: outcome.state,
        finishedAt: entry.startedAt + 3_000,
        seconds: 3,
        rows,
        accepted: outcome.accepted ?? (outcome.state === 'succeeded' ? rows : 0),
        rejected: outcome.rejected ?? 0,
        persons: outcome.persons ?? 0,
        personsCreated: outcome.persons ?? 0,
        error: outcome.error ?? null,
        problems: outcome.problems ?? [],
        problemsTotal: Math.max(outcome.problems?.length ?? 0, outcome.rejected ?? 0),
        hasRejects: outcome.rejects !== undefined,
        jobId: null,
        mergeMs: outcome.state === 'succeeded' ? 8 : null,
        filesDetail: entry.filesDetail.map((file) => ({ ...file, status: outcome.state === 'succeeded' ? 'imported' : 'notImported', rows })),
      } satisfies Partial<ImportDetail>);
      if (outcome.rejects) rejects.set(id, { ...outcome.rejects, rows: outcome.rejected ?? 0 });
      return entry;
    },
  };

  const handlers: WorldHandlers = {
    'imports.browse': (input) => {
      const path = (input.path ?? FAKE_HOME).replace(/\/$/, '') || '/';
      const prefix = path === '/' ? '/' : `${path}/`;
      const entries = new Map<string, MethodOutput<'imports.browse'>['entries'][number]>();
      for (const file of files.values()) {
        if (!file.path.startsWith(prefix)) continue;
        const [name, ...rest] = file.path.slice(prefix.length).split('/');
        const full = `${prefix}${name}`;
        if (rest.length > 0) entries.set(full, { name: name!, path: full, kind: 'folder', size: null, modifiedAt: null });
        else entries.set(full, { name: name!, path: full, kind: 'file', size: file.size, modifiedAt: Date.UTC(2026, 0, 2) });
      }
      if (entries.size === 0 && path !== FAKE_HOME && ![...files.keys()].some((key) => key.startsWith(prefix))) {
        throw new ApiFailure('NOT_FOUND', `${path} does not exist or cannot be read.`);
      }
      const parent = path === '/' ? null : path.slice(0, path.lastIndexOf('/')) || '/';
      return {
        path,
        parent,
        entries: [...entries.values()].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1)),
      };
    },
    'imports.preview': (input) => {
      const previews = resolve(input.paths);
      return {
        format: kindOf(previews, input.format),
        files: previews,
        totalSize: previews.reduce((sum, file) => sum + file.size, 0),
        problems: previews.filter((file) => file.problem).map((file) => `${file.name}: ${file.problem}`),
      };
    },
    'imports.start': (input) => startImport({ paths: input.paths, format: input.format, onError: input.onError ?? 'stop', reimport: input.reimport ?? false, utcOffsetMinutes: input.utcOffsetMinutes ?? 0 }, null),
    'imports.cancel': (input) => {
      const entry = requireImport(input.id);
      return { cancelled: entry.state === 'running' };
    },
    'imports.list': (input) => {
      const matching = [...imports].reverse().filter((entry) => !input.state || entry.state === input.state);
      const offset = input.offset ?? 0;
      return {
        imports: matching.slice(offset, offset + (input.limit ?? 100)).map(({ utcOffsetMinutes: _u, reimport: _r, formatOverride: _f, filesDetail: _d, problems: _p, problemsTotal: _t, mergeMs: _m, timings: _i, progress: _g, ...summary }) => summary),
        total: matching.length,
      };
    },
    'imports.get': (input) => requireImport(input.id),
    'imports.rejects': (input) => {
      requireImport(input.id);
      const found = rejects.get(input.id);
      if (!found) throw new ApiFailure('NOT_FOUND', `Import ${input.id} has no rejects file.`);
      return found;
    },
    'imports.retry': (input) => {
      const entry = requireImport(input.id);
      if (entry.state === 'running') throw new ApiFailure('INVALID_STATE', `Import ${input.id} is still running.`);
      return startImport(
        {
          paths: entry.sources,
          format: entry.formatOverride ?? undefined,
          onError: input.onError ?? entry.onError,
          reimport: input.reimport ?? entry.reimport,
          utcOffsetMinutes: entry.utcOffsetMinutes,
        },
        entry.id,
      );
    },
  };
  return { world, handlers };
}
