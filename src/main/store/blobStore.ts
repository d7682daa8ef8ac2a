/**
 * The content store: captured bytes kept by SHA-256 under `<dataDir>/content/<aa>/<sha256>`. Writes
 * are atomic (temp file, fsync, rename) and idempotent (an existing blob is never rewritten), so an
 * import may write blobs before its merge: a blob no row points to is invisible and harmless.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writeFileAtomic } from './files';

const SHA256 = /^[0-9a-f]{64}$/;

/** Where the blob with this SHA-256 lives. */
export function blobPath(dataDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return join(dataDir, 'content', sha256.slice(0, 2), sha256);
}

/** Stores bytes under their SHA-256 (no-op when present). */
export function storeBlob(dataDir: string, sha256: string, bytes: Buffer): void {
  const path = blobPath(dataDir, sha256);
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic(path, bytes, 0o600);
}

/** Copies a file into the store under its (already computed) SHA-256, streaming. */
export async function storeBlobFromFile(dataDir: string, sha256: string, source: string): Promise<void> {
  const path = blobPath(dataDir, sha256);
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await pipeline(createReadStream(source), createWriteStream(temp, { mode: 0o600, flags: 'wx' }));
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
