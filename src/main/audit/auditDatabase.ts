/** The audit log's own database file: separate so that long imports never hold up audit writes. */
import { join } from 'node:path';
import { openDatabase, type Database } from '../store/database';
import { parseMigrations, type Migration } from '../store/migrations';

/** The audit database's migrations, in version order. */
export const AUDIT_MIGRATIONS: readonly Migration[] = parseMigrations(
  import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }),
);

/** The audit database file inside a data folder. */
export function auditDatabasePath(dataDir: string): string {
  return join(dataDir, 'audit.sqlite');
}

/** Opens (creating and migrating) the audit database of a data folder. */
export function openAuditDatabase(dataDir: string, nativeBinding?: string): Database {
  return openDatabase(auditDatabasePath(dataDir), { migrations: AUDIT_MIGRATIONS, nativeBinding });
}
