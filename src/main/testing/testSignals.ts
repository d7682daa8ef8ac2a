/**
 * Test helper: writes signals (activities, HR events, external alerts) straight into the store with
 * provenance, the way an importer would, so detection tests build small hand-made organisations.
 */
import type { Database } from '../store/database';
import type { ActivityKind } from '../../shared/signals';
import { ACTIVITY_KINDS } from '../../shared/signals';

/** Milliseconds in a day. */
export const DAY = 86_400_000;
/** Milliseconds in an hour. */
export const HOUR = 3_600_000;

/** One activity to insert. */
export interface TestActivity {
  person: number;
  time: number;
  kind: ActivityKind;
  device?: string | null;
  target?: string | null;
  domain?: string | null;
  recipients?: string | null;
  external?: 0 | 1 | null;
  size?: number | null;
  attachments?: number | null;
  detail?: string | null;
}

/** A signal writer bound to one import file. */
export interface SignalWriter {
  fileId: number;
  activities(rows: TestActivity[]): number[];
  hrEvent(row: {
    person: number;
    kind: 'resignation' | 'termination' | 'departure' | 'jobLevelChange' | 'performanceReview' | 'improvementPlan';
    time: number;
    lastWorkingTime?: number | null;
    demotion?: 0 | 1 | null;
    poorRating?: 0 | 1 | null;
  }): number;
  externalAlert(row: {
    person: number;
    time: number;
    source: 'dlp' | 'security';
    severity: 'informational' | 'low' | 'medium' | 'high';
    title?: string;
    category?: string;
    withdrawn?: 0 | 1;
  }): number;
}

/** Creates an import and a file to hang test signals on. */
export function signalWriter(db: Database, name = 'test-signals.csv'): SignalWriter {
  // The import schema belongs to the importer and still grows: fill whatever NOT NULL columns it has.
  const insertRow = (table: string, values: Record<string, unknown>): number => {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as {
      name: string;
      notnull: number;
      dflt_value: unknown;
      pk: number;
    }[];
    const row: Record<string, unknown> = {};
    for (const column of columns) {
      if (column.name in values) row[column.name] = values[column.name];
      else if (column.notnull && column.dflt_value === null && !column.pk)
        row[column.name] = column.name === 'format' ? 'cert' : column.name.endsWith('_at') ? 0 : name;
    }
    const names = Object.keys(row);
    return Number(
      db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row)
        .lastInsertRowid,
    );
  };
  const importId = insertRow('imports', {
    format: 'cert',
    source: JSON.stringify([name]),
    state: 'succeeded',
    on_error: 'stop',
    started_at: 0,
    finished_at: 0,
  });
  const fileId = insertRow('import_files', {
    import_id: importId,
    name,
    path: name,
    size: 0,
    sha256: `sha256-of-${name}`.padEnd(64, '0'),
    format: 'cert',
    layout: 'test',
    status: 'imported',
  });
  let line = 1;
  const insertActivity = db.prepare(
    `INSERT INTO activities (person_id, time, kind, category, device, target, domain, recipients, external, size, attachments, detail, file_id, line)
     VALUES (@person, @time, @kind, @category, @device, @target, @domain, @recipients, @external, @size, @attachments, @detail, @fileId, @line)`,
  );
  return {
    fileId,
    activities(rows) {
      return db.transaction(() =>
        rows.map((row) =>
          Number(
            insertActivity.run({
              device: null,
              target: null,
              domain: null,
              recipients: null,
              external: null,
              size: null,
              attachments: null,
              detail: null,
              ...row,
              category: ACTIVITY_KINDS[row.kind],
              fileId,
              line: ++line,
            }).lastInsertRowid,
          ),
        ),
      )();
    },
    hrEvent(row) {
      return Number(
        db
          .prepare(
            `INSERT INTO hr_events (person_id, kind, time, last_working_time, demotion, poor_rating, file_id, line)
             VALUES (@person, @kind, @time, @lastWorkingTime, @demotion, @poorRating, @fileId, @line)`,
          )
          .run({ lastWorkingTime: null, demotion: null, poorRating: null, ...row, fileId, line: ++line }).lastInsertRowid,
      );
    },
    externalAlert(row) {
      return Number(
        db
          .prepare(
            `INSERT INTO external_alerts (person_id, time, source, severity, title, category, withdrawn, file_id, line)
             VALUES (@person, @time, @source, @severity, @title, @category, @withdrawn, @fileId, @line)`,
          )
          .run({ title: null, category: null, withdrawn: 0, ...row, fileId, line: ++line }).lastInsertRowid,
      );
    },
  };
}

/** A working day of ordinary activity: logons in business hours on the person's own PC, some web and mail. */
export function ordinaryDay(person: number, day: number, pc: string, options: { startHour?: number } = {}): TestActivity[] {
  const start = day * DAY + (options.startHour ?? 9) * HOUR;
  return [
    { person, time: start, kind: 'logon', device: pc },
    {
      person,
      time: start + 10 * 60_000,
      kind: 'webVisit',
      domain: 'intranet.corp.example',
      target: 'https://intranet.corp.example/news',
    },
    { person, time: start + HOUR, kind: 'emailSend', recipients: 'colleague@corp.example', attachments: 0 },
    { person, time: start + 2 * HOUR, kind: 'fileOpen', target: 'C:\\work\\notes.docx' },
    { person, time: start + 8 * HOUR, kind: 'logoff', device: pc },
  ];
}
