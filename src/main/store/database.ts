/** The database file inside a data folder. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'workbench.sqlite');
}

/** Opens the workbench's SQLite store with the pragmas every connection needs. */
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ApiFailure } from '../../shared/errors';
import { MIGRATIONS, migrate, type Migration } from './migrations';
import { PAGE_SIZE } from './pageSize';

export type { Database };

/** Options for opening a store. */
export interface OpenOptions {
  /** Apply pending migrations (the main connection does; worker connections do not). */
  migrate?: boolean;
  /** Which migrations this database takes (default: the main database's). */
  migrations?: readonly Migration[];
  readonly?: boolean;
  /** Path to an Electron-ABI better-sqlite3 binary (see README "Native modules"). */
  nativeBinding?: string;
  /** Run quick_check (default). Job connections to a store the main connection already checked skip it: it reads the whole file. */
  check?: boolean;
}

/** Raised when quick_check finds damage. */
export class DatabaseDamagedError extends Error {
  constructor(file: string, detail: string) {
    super(`The database ${file} is damaged (${detail}). Restore it from a backup; nothing was written.`);
    this.name = 'DatabaseDamagedError';
  }
}

/** Opens (creating if needed) a database: WAL, foreign keys, busy timeout, synchronous=FULL, quick_check. */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const db = new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    nativeBinding: options.nativeBinding ?? process.env.IRM_SQLITE_BINDING,
  });
  try {
    if (!options.readonly) {
      // Takes effect only for a new file (an existing one keeps its page size).
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
    db.pragma('trusted_schema = OFF');
    if (options.check ?? true) {
      const check = db.pragma('quick_check', { simple: true }) as string;
      if (check !== 'ok') throw new DatabaseDamagedError(file, check);
    }
    if (options.migrate ?? true) migrate(db, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    // Damage can also make SQLite throw (a torn page, a bad header) instead of quick_check reporting it.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB'))
      throw new DatabaseDamagedError(file, code);
    throw error;
  }
}

/**
 * A write that waited busy_timeout for another connection's write lock (an import's merge, the end of
 * a scoring run, another process on the same data folder) is a CONFLICT the user can retry, not an
 * internal error.
 */
export function databaseBusyFailure(error: unknown): ApiFailure | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) return null;
  return new ApiFailure(
    'CONFLICT',
    'The database is busy with another write (an import or a scoring run finishing); try again in a moment.',
  );
}
