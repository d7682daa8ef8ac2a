/** File writes that never leave half a file behind: write to a temp name, fsync, rename. */
import { closeSync, fsyncSync, openSync, renameSync, writeSync, appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** Writes `data` to `path` atomically (temp file in the same folder, fsync, rename). */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o644): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Appends one line to a file and fsyncs it. */
export function appendLineDurably(path: string, line: string, mode = 0o644): void {
  appendFileSync(path, `${line}\n`, { mode });
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
