/**
 * Verifies the audit log: contiguous sequence numbers, the hash chain from the genesis value, each
 * entry's MAC, and every signed checkpoint (including the latest head, which catches a cut-off tail).
 * Reports the first bad sequence number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { verify } from 'node:crypto';
import type { Database } from '../store/database';
import type { WorkstationKeys } from '../keys/workstationKeys';
import {
  auditMacKey,
  auditPaths,
  canonicalEntryOf,
  chainHash,
  checkpointMessage,
  entryMac,
  type AuditRow,
  type Checkpoint,
} from './auditLog';

/** The verdict. */
export interface AuditVerification {
  intact: boolean;
  size: number;
  firstBadSequence: number | null;
  message: string;
}

function readCheckpoints(dataDir: string, keys: WorkstationKeys): { checkpoints: Checkpoint[]; problem: string | null } {
  const paths = auditPaths(dataDir);
  if (!existsSync(paths.checkpoints) || !existsSync(paths.head)) {
    return { checkpoints: [], problem: 'the signed checkpoint files are missing' };
  }
  const lines = readFileSync(paths.checkpoints, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const checkpoints: Checkpoint[] = [];
  for (const [index, text] of [...lines.entries(), [-1, readFileSync(paths.head, 'utf8')] as const]) {
    const where = index === -1 ? 'audit/head.json' : `audit/checkpoints.jsonl line ${index + 1}`;
    let checkpoint: Checkpoint;
    try {
      checkpoint = JSON.parse(text) as Checkpoint;
    } catch {
      return { checkpoints, problem: `${where} is not valid JSON` };
    }
    const valid =
      checkpoint.keyId === keys.keyId &&
      typeof checkpoint.signature === 'string' &&
      verify(null, checkpointMessage(checkpoint), keys.publicKey, Buffer.from(checkpoint.signature, 'base64'));
    if (!valid) return { checkpoints, problem: `${where} has no valid signature by this workstation's key` };
    checkpoints.push(checkpoint);
  }
  return { checkpoints, problem: null };
}

/** Verifies the audit log in the audit database `db` against the checkpoints in `dataDir`. */
export function verifyAuditLog(db: Database, dataDir: string, keys: WorkstationKeys): AuditVerification {
  const genesis = db.prepare<[], { value: string }>("SELECT value FROM audit_meta WHERE key = 'audit.genesis'").get()?.value;
  const { checkpoints, problem } = readCheckpoints(dataDir, keys);
  if (problem) return { intact: false, size: 0, firstBadSequence: 1, message: `Audit log cannot be trusted: ${problem}.` };
  if (!genesis || checkpoints.some((c) => c.origin !== genesis)) {
    return { intact: false, size: 0, firstBadSequence: 1, message: 'Audit log origin does not match its signed checkpoints.' };
  }
  const heads = new Map<number, string>();
  for (const checkpoint of checkpoints) heads.set(checkpoint.size, checkpoint.head);
  const macKey = auditMacKey(keys);
  const bad = (sequence: number, size: number, why: string): AuditVerification => ({
    intact: false,
    size,
    firstBadSequence: sequence,
    message: `Audit log tampered at sequence ${sequence}: ${why}.`,
  });

  let previousHash = genesis;
  let expected = 1;
  const rows = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY sequence').iterate();
  for (const row of rows) {
    if (row.sequence !== expected) return bad(expected, expected - 1, `entry ${expected} is missing (next present is ${row.sequence})`);
    const hash = chainHash(previousHash, canonicalEntryOf(row));
    if (hash !== row.hash) return bad(row.sequence, row.sequence, 'its content does not match its hash chain');
    if (entryMac(macKey, row.sequence, row.hash) !== row.mac) {
      return bad(row.sequence, row.sequence, "its hash was recomputed without the workstation's key");
    }
    const signedHead = heads.get(row.sequence);
    if (signedHead !== undefined && signedHead !== row.hash) {
      return bad(row.sequence, row.sequence, 'it differs from the signed checkpoint at that size');
    }
    previousHash = row.hash;
    expected += 1;
  }
  const size = expected - 1;
  const signedSize = Math.max(0, ...checkpoints.map((c) => c.size));
  if (signedSize > size) {
    return bad(size + 1, size, `the log ends at ${size} but a signed checkpoint covers ${signedSize} entries (cut off)`);
  }
  return { intact: true, size, firstBadSequence: null, message: `Audit log intact: ${size} entries verified.` };
}
