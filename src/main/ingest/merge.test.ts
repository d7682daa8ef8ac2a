/**
 * The merge transaction: activities are copied chunk by chunk in (file, person) order without a sort,
 * each file keeps one contiguous id range, and a cancel that arrives while merging rolls everything
 * back (the job runs in-process here, so the cancel lands deterministically between two steps).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import { MIGRATIONS, migrate } from '../store/migrations';
import type { TestBackend, TestSession } from '../testing/backendFixture';
import { ChunkWriter } from './activityWriter';
import { generateCertHttp } from './generateCert';
import { ACTIVITIES_FROM_CHUNKS, MERGE_TEMP_TABLES } from './merge';
import { factCounts, fixture, openImportBackend, query, runImport, waitForImport } from '../testing/importFixtures';

let folder: string;
let httpFile: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'irm-merge-'));
  httpFile = join(folder, 'http.csv');
  generateCertHttp(httpFile, 20_000, { users: 60, seed: 5 });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let test: TestBackend;
let admin: TestSession;
let events: EventPayload<'job.progress'>[];
beforeEach(async () => ({ test, admin, events } = await openImportBackend()));
afterEach(() => test.close());

describe('the merge', () => {
  it('reads staged chunks in order with a nested loop, never a temporary sort', () => {
    const main = new BetterSqlite3(':memory:');
    const stagingPath = join(folder, 'plan-activities.sqlite');
    try {
      migrate(main, MIGRATIONS);
      new ChunkWriter(stagingPath).finish();
      main.prepare('ATTACH DATABASE ? AS stage_acts').run(stagingPath);
      main.exec(MERGE_TEMP_TABLES);
      const plan = (main.prepare(`EXPLAIN QUERY PLAN ${ACTIVITIES_FROM_CHUNKS}`).all({ from: 1, to: 2 }) as { detail: string }[]).map(
        (row) => row.detail,
      );
      expect(plan.join('\n')).toMatch(/SEARCH a USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
      expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    } finally {
      main.close();
      rmSync(stagingPath, { force: true });
    }
  });

  it('gives each file a contiguous id range, filled person by person in time order', async () => {
    const result = await runImport(admin, [fixture('cert', 'r4'), httpFile]);
    expect(result.state).toBe('succeeded');
    const files = query<{ id: number; first: number; last: number; n: number }>(
      test,
      `SELECT f.id, f.first_activity_id AS first, f.last_activity_id AS last, (SELECT count(*) FROM activities a WHERE a.file_id = f.id) AS n
       FROM import_files f WHERE f.first_activity_id IS NOT NULL ORDER BY f.id`,
    );
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      expect(file.last - file.first + 1).toBe(file.n);
      expect(
        query(
          test,
          'SELECT count(*) AS n FROM activities WHERE id BETWEEN ? AND ? AND file_id <> ?',
          file.first,
          file.last,
          file.id,
        ),
      ).toEqual([{ n: 0 }]);
    }
    // The generated file lists each person's rows in time order; within the file, ids run person by person.
    const http = files.at(-1)!;
    expect(
      query(
        test,
        `SELECT count(*) AS n FROM (SELECT person_id, time, lag(person_id) OVER (ORDER BY id) AS previous_person, lag(time) OVER (ORDER BY id) AS previous_time
           FROM activities WHERE id BETWEEN ? AND ?)
         WHERE person_id < previous_person OR (person_id = previous_person AND time < previous_time)`,
        http.first,
        http.last,
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('a cancel during the merge rolls it back: nothing kept, staging removed, a retry succeeds', async () => {
    let importId: number | null = null;
    let cancelledAt: EventPayload<'job.progress'> | null = null;
    test.backend.onEvent((_sessionId, name, payload) => {
      const progress = payload as EventPayload<'job.progress'>;
      // In-process, the cancel handler runs synchronously inside this event, between two merge steps.
      if (
        name === 'job.progress' &&
        importId !== null &&
        cancelledAt === null &&
        progress.phase === 'merging' &&
        progress.done > 0
      ) {
        cancelledAt = progress;
        void admin.call('imports.cancel', { id: importId });
      }
    });
    const started = await admin.value('imports.start', { paths: [httpFile] });
    importId = started.importId;
    const result = await waitForImport(admin, started.importId);
    // Rows had been inserted inside the merge transaction when the cancel came.
    expect(cancelledAt).toMatchObject({ phase: 'merging', state: 'running' });
    expect(cancelledAt!.done).toBeGreaterThan(0);
    expect(result).toMatchObject({
      state: 'cancelled',
      accepted: 0,
      mergeMs: null,
      error: 'The import was cancelled; nothing was kept.',
    });
    expect(factCounts(test)).toEqual({ persons: 0, activities: 0, hrEvents: 0, alerts: 0, content: 0, attributes: 0 });
    expect(query(test, 'SELECT DISTINCT status FROM import_files WHERE import_id = ?', started.importId)).toEqual([
      { status: 'notImported' },
    ]);
    expect(events.filter((event) => event.jobId === started.jobId).at(-1)).toMatchObject({ state: 'cancelled' });
    const imports = join(test.dataDir, 'imports');
    expect(existsSync(imports) ? readdirSync(imports).filter((name) => name.includes('staging')) : []).toEqual([]);

    const retried = await admin.value('imports.retry', { id: started.importId });
    const again = await waitForImport(admin, retried.importId);
    expect(again).toMatchObject({ state: 'succeeded', rows: 20_000, accepted: 20_000, persons: 60 });
    expect(factCounts(test)).toMatchObject({ persons: 60, activities: 20_000 });
  });
});
