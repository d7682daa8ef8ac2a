/**
 * The tamper-evident audit log. Every entry is canonicalised (RFC 8785), chained
 * (hash_n = SHA-256(hash_{n-1} || JCS(entry_n)), from a random genesis), MACed with a key that lives
 * outside the database, and checkpointed: a signed `{origin, size, head, time}` is appended to
 * `audit/checkpoints.jsonl` every CHECKPOINT_INTERVAL entries and at every export, and the signed
 * latest head is kept in `audit/head.json`, so cutting entries off the end is detected too.
 */
import { createHash, createHmac, randomBytes, sign } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalize } from 'json-canonicalize';
import type { Database } from '../store/database';
import { appendLineDurably, writeFileAtomic } from '../store/files';
import type { WorkstationKeys } from '../keys/workstationKeys';
import type { AuditCategory } from '../../shared/contract';

/** Entries between two periodic checkpoints. */
export const CHECKPOINT_INTERVAL = 100;

/** What a caller records; the log adds sequence, time, hash and MAC. */
export interface AuditRecord {
  actorId: number | null;
  actor: string;
  roleGroups: readonly string[];
  category: AuditCategory;
  action: string;
  targets: readonly string[];
  before?: unknown;
  after?: unknown;
  result: 'success' | 'failure' | 'denied' | 'warning';
  reason?: string | null;
}

/** The canonical fields of one stored entry (everything the hash covers). */
export interface CanonicalEntry {
  sequence: number;
  time: number;
  actorId: number | null;
  actor: string;
  roleGroups: string[];
  category: string;
  action: string;
  targets: string[];
  before: unknown;
  after: unknown;
  result: string;
  reason: string | null;
  appVersion: string;
}

/** A signed checkpoint as written outside the database. */
export interface Checkpoint {
  origin: string;
  size: number;
  head: string;
  time: number;
  keyId: string;
  signature: string;
}

/** Paths of the files kept beside the database. */
export function auditPaths(dataDir: string): { dir: string; checkpoints: string; head: string } {
  const dir = join(dataDir, 'audit');
  return { dir, checkpoints: join(dir, 'checkpoints.jsonl'), head: join(dir, 'head.json') };
}

/** The bytes a checkpoint signature covers. */
export function checkpointMessage(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  const { origin, size, head, time, keyId } = checkpoint;
  return Buffer.from(canonicalize({ origin, size, head, time, keyId }));
}

/** hash_n = SHA-256(hash_{n-1} || JCS(entry)), hex. */
export function chainHash(previousHex: string, entry: CanonicalEntry): string {
  return createHash('sha256').update(Buffer.from(previousHex, 'hex')).update(canonicalize(entry)).digest('hex');
}

/** The MAC key is derived from the workstation signing key, so it never sits in the database. */
export function auditMacKey(keys: WorkstationKeys): Buffer {
  const raw = keys.signingKey.export({ type: 'pkcs8', format: 'der' });
  return createHash('sha256').update('irm-audit-mac-v1').update(raw).digest();
}

/** HMAC-SHA256 over one entry's sequence and hash, hex. */
export function entryMac(macKey: Buffer, sequence: number, hash: string): string {
  return createHmac('sha256', macKey).update(`${sequence}:${hash}`).digest('hex');
}

/** Stored row → canonical entry. */
export function canonicalEntryOf(row: AuditRow): CanonicalEntry {
  return {
    sequence: row.sequence,
    time: row.time,
    actorId: row.actor_id,
    actor: row.actor,
    roleGroups: JSON.parse(row.role_groups) as string[],
    category: row.category,
    action: row.action,
    targets: JSON.parse(row.targets) as string[],
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    result: row.result,
    reason: row.reason,
    appVersion: row.app_version,
  };
}

/** One row of audit_log. */
export interface AuditRow {
  sequence: number;
  time: number;
  actor_id: number | null;
  actor: string;
  role_groups: string;
  category: string;
  action: string;
  targets: string;
  before: string | null;
  after: string | null;
  result: string;
  reason: string | null;
  app_version: string;
  hash: string;
  mac: string;
}

/** Options for the audit log. */
export interface AuditLogOptions {
  dataDir: string;
  keys: WorkstationKeys;
  appVersion: string;
  clock: () => number;
}

/** Appends entries and writes checkpoints. */
export interface AuditLog {
  append(record: AuditRecord): number;
  /** Writes a signed checkpoint of the current head now (every export calls this). */
  checkpoint(): Checkpoint;
  size(): number;
}

const GENESIS_KEY = 'audit.genesis';

/** Opens the audit log over the audit database (creating the genesis value and checkpoint 0 on first use). */
export function openAuditLog(db: Database, options: AuditLogOptions): AuditLog {
  const paths = auditPaths(options.dataDir);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const macKey = auditMacKey(options.keys);
  const readGenesis = db.prepare<[], { value: string }>(`SELECT value FROM audit_meta WHERE key = '${GENESIS_KEY}'`);
  const last = db.prepare<[], { sequence: number; time: number; hash: string }>(
    'SELECT sequence, time, hash FROM audit_log ORDER BY sequence DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO audit_log (sequence, time, actor_id, actor, role_groups, category, action, targets, before, after,
       result, reason, app_version, hash, mac)
     VALUES (@sequence, @time, @actorId, @actor, @roleGroups, @category, @action, @targets, @before, @after,
       @result, @reason, @appVersion, @hash, @mac)`,
  );

  const signCheckpoint = (size: number, head: string): Checkpoint => {
    const unsigned = { origin: genesis, size, head, time: options.clock(), keyId: options.keys.keyId };
    const signature = sign(null, checkpointMessage(unsigned), options.keys.signingKey).toString('base64');
    return { ...unsigned, signature };
  };

  let genesis = readGenesis.get()?.value ?? '';
  if (!genesis) {
    genesis = randomBytes(32).toString('hex');
    db.prepare('INSERT INTO audit_meta (key, value) VALUES (@key, @value)').run({ key: GENESIS_KEY, value: genesis });
    const zero = signCheckpoint(0, genesis);
    appendLineDurably(paths.checkpoints, JSON.stringify(zero), 0o600);
    writeFileAtomic(paths.head, JSON.stringify(zero), 0o600);
  }

  const toJson = (value: unknown): string | null => (value === undefined || value === null ? null : canonicalize(value));

  const appendOne = (record: AuditRecord, time: number): { sequence: number; hash: string } => {
    const previous = last.get();
    const entry: CanonicalEntry = {
      sequence: (previous?.sequence ?? 0) + 1,
      time,
      actorId: record.actorId,
      actor: record.actor,
      roleGroups: [...record.roleGroups],
      category: record.category,
      action: record.action,
      targets: [...record.targets],
      before: record.before === undefined ? null : JSON.parse(canonicalize(record.before)),
      after: record.after === undefined ? null : JSON.parse(canonicalize(record.after)),
      result: record.result,
      reason: record.reason ?? null,
      appVersion: options.appVersion,
    };
    const hash = chainHash(previous?.hash ?? genesis, entry);
    insert.run({
      ...entry,
      roleGroups: JSON.stringify(entry.roleGroups),
      targets: JSON.stringify(entry.targets),
      before: toJson(entry.before),
      after: toJson(entry.after),
      hash,
      mac: entryMac(macKey, entry.sequence, hash),
    });
    return { sequence: entry.sequence, hash };
  };

  const appendTransaction = db.transaction((record: AuditRecord) => {
    const time = options.clock();
    const previous = last.get();
    const written: { sequence: number; hash: string }[] = [];
    if (previous && time < previous.time) {
      // Wall-clock went backwards: record it before the entry (ordering relies on sequence numbers).
      written.push(
        appendOne(
          {
            actorId: null,
            actor: 'system',
            roleGroups: [],
            category: 'system',
            action: 'clockWentBackwards',
            targets: [],
            before: { time: previous.time },
            after: { time },
            result: 'warning',
          },
          time,
        ),
      );
    }
    written.push(appendOne(record, time));
    return written;
  });

  const log: AuditLog = {
    append(record) {
      const written = appendTransaction(record);
      const latest = written[written.length - 1]!;
      writeFileAtomic(paths.head, JSON.stringify(signCheckpoint(latest.sequence, latest.hash)), 0o600);
      if (written.some((w) => w.sequence % CHECKPOINT_INTERVAL === 0)) log.checkpoint();
      return latest.sequence;
    },
    checkpoint() {
      const head = last.get();
      const checkpoint = signCheckpoint(head?.sequence ?? 0, head?.hash ?? genesis);
      appendLineDurably(paths.checkpoints, JSON.stringify(checkpoint), 0o600);
      return checkpoint;
    },
    size() {
      return last.get()?.sequence ?? 0;
    },
  };
  return log;
}
