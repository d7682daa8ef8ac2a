/**
 * Numbered SQL migrations, bundled into the build by Vite (import.meta.glob), never read from
 * src/ at run time. Applied in one transaction; the version lives in PRAGMA user_version.
 */
import type { Database } from 'better-sqlite3';

/** One migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Turns `import.meta.glob` results (path → SQL text) into migrations in version order. */
export function parseMigrations(files: Record<string, string>): Migration[] {
  return Object.entries(files)
    .map(([path, sql]) => {
      const match = /\/(\d{4})_([a-z0-9_]+)\.sql$/.exec(path);
      if (!match) throw new Error(`migration file name must be NNNN_name.sql: ${path}`);
      return { version: Number(match[1]), name: match[2]!, sql };
    })
    .sort((a, b) => a.version - b.version);
}

/** The main database's migrations, in version order. */
export const MIGRATIONS: readonly Migration[] = parseMigrations(
  import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }),
);

/** The newest version in a migration list. */
export function newestVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

/** The main schema version this build of the app writes. */
export const SCHEMA_VERSION = newestVersion(MIGRATIONS);

/** Raised when the database was written by a newer app. */
export class DatabaseTooNewError extends Error {
  constructor(found: number, supported: number) {
    super(
      `This data folder was written by a newer version of Insider Risk Workbench (schema ${found}; ` +
        `this app understands up to ${supported}). Update the app; the data was not changed.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** Applies pending migrations up to `target` (default: all) in one transaction. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, target: number = newestVersion(migrations)): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = newestVersion(migrations);
  if (current > newest) throw new DatabaseTooNewError(current, newest);
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
  return pending[pending.length - 1]!.version;
}
