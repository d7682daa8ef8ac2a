/**
 * createBackend wires the store, keys, audit log, sessions and every area's handlers behind the
 * router. It runs under plain Node: Electron, the browser harness, the CLI and the tests all use it.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import packageJson from '../../package.json';
import { createRouter, type CallOrigin, type Handlers, type RawCall, type RouterAuditRecord } from './api/router';
import { createSessions, type Principal } from './access/sessions';
import { accountHandlers } from './accounts/handlers';
import { appHandlers } from './app/handlers';
import { authHandlers } from './auth/handlers';
import { openAuditDatabase } from './audit/auditDatabase';
import { openAuditLog } from './audit/auditLog';
import { auditHandlers } from './audit/handlers';
import { loadWorkstationKeys, type KeyProtector } from './keys/workstationKeys';
import { importHandlers } from './imports/handlers';
import { personHandlers } from './persons/handlers';
import { caseHandlers } from './cases/handlers';
import { settingsHandlers } from './settings/handlers';
import { policyHandlers } from './policies/handlers';
import { groupHandlers } from './groups/handlers';
import { scoringHandlers } from './scoring/handlers';
import { userHandlers } from './users/handlers';
import { jobHandlers } from './jobs/handlers';
import { createJobRunner } from './jobs/jobRunner';
import { alertHandlers } from './alerts/handlers';
import { pseudonymFor } from './privacy/pseudonyms';
import { createSettingsStore } from './settings/settingsStore';
import { databaseBusyFailure, databasePath, openDatabase } from './store/database';
import type { BackendContext, BackendEventListener } from './context/backendContext';

/** The app's version, from package.json. */
export const APP_VERSION: string = packageJson.version;

/** Options for createBackend. */
export interface BackendOptions {
  dataDir: string;
  /** Electron's safeStorage wrapper for the workstation keys; absent under plain Node. */
  keyProtector?: KeyProtector;
  /** Milliseconds since the epoch (tests inject a fake clock). */
  clock?: () => number;
  /** Path to an Electron-ABI better-sqlite3 binary. */
  nativeBinding?: string;
}

/** The running backend. */
export interface Backend {
  /** The router: every transport sends untrusted calls here. */
  call: RawCall;
  /** Subscribes to events; returns the unsubscribe function. */
  onEvent(listener: BackendEventListener): () => void;
  /** Forgets a transport session (window closed, cookie expired). */
  endSession(sessionId: string): void;
  context: BackendContext;
  close(): void;
}

/** Opens (creating if needed) the data folder and returns the backend. */
export function createBackend(options: BackendOptions): Backend {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const clock = options.clock ?? Date.now;
  const keys = loadWorkstationKeys(dataDir, options.keyProtector);
  const db = openDatabase(databasePath(dataDir), { nativeBinding: options.nativeBinding });
  db.function('pseudonym', { deterministic: true }, (key: unknown) => pseudonymFor(keys.pseudonymSecret, String(key)));
  const settings = createSettingsStore(db, clock);
  const listeners = new Set<BackendEventListener>();
  const emit: BackendEventListener = (sessionId, name, payload) => {
    for (const listener of listeners) listener(sessionId, name, payload);
  };
  const sessions = createSessions(db, settings, clock, (sessionId, state) => emit(sessionId, 'session.changed', { state }));
  const auditDb = openAuditDatabase(dataDir, options.nativeBinding);
  const auditLog = openAuditLog(auditDb, { dataDir, keys, appVersion: APP_VERSION, clock });
  const anonymized = () => settings.get('privacy.anonymization');
  const context: BackendContext = {
    db,
    auditDb,
    dataDir,
    clock,
    settings,
    sessions,
    auditLog,
    keys,
    appVersion: APP_VERSION,
    jobs: createJobRunner((sessionId, payload) => emit(sessionId, 'job.progress', payload), clock),
    emit,
    anonymized,
    personTarget: (personKey) => `person:${anonymized() ? pseudonymFor(keys.pseudonymSecret, personKey) : personKey}`,
  };

  const handlers = {
    ...appHandlers(context),
    ...authHandlers(context),
    ...accountHandlers(context),
    ...auditHandlers(context),
    ...personHandlers(context),
    ...caseHandlers(context),
    ...importHandlers(context),
    ...settingsHandlers(context),
    ...policyHandlers(context),
    ...groupHandlers(context),
    ...scoringHandlers(context),
    ...alertHandlers(context),
    ...userHandlers(context),
    ...jobHandlers(context),
  } satisfies Handlers<Principal>;

  const call = createRouter<Principal>({
    handlers,
    authorize: (origin, permission, options) => sessions.authorize(origin, permission, options),
    audit: (record: RouterAuditRecord<Principal>) => {
      const failed = record.error ? { error: record.error } : undefined;
      auditLog.append({
        actorId: record.principal?.accountId ?? null,
        actor: record.principal?.name ?? 'anonymous',
        roleGroups: record.principal?.roleGroups ?? [],
        category: record.category,
        action: record.action,
        targets: record.details.targets ?? [],
        before: record.details.before,
        after: failed ?? record.details.after,
        result: record.result,
        reason: record.details.reason ?? null,
      });
    },
    knownFailure: databaseBusyFailure,
    onInternalError: (method, error) => console.error(`[irm] ${method} failed:`, error),
  });

  return {
    call,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    endSession: (sessionId) => sessions.end(sessionId),
    context,
    close: () => {
      db.close();
      auditDb.close();
    },
  };
}

export type { CallOrigin };
