/** The folder browser of the Imports page (`imports.browse`): one folder's visible entries. */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApiFailure } from '../../shared/errors';

const MAX_BROWSE_ENTRIES = 5000;

/** One entry of a browsed folder. */
export interface BrowseEntry {
  name: string;
  path: string;
  kind: 'file' | 'folder';
  size: number | null;
  modifiedAt: number | null;
}

/** Lists a folder (a file's own folder; the home folder by default): folders first, hidden entries left out. */
export async function browseFolder(
  requested: string = homedir(),
): Promise<{ path: string; parent: string | null; entries: BrowseEntry[] }> {
  let path: string;
  try {
    path = await realpath(requested);
    if (!(await stat(path)).isDirectory()) path = dirname(path);
  } catch {
    throw new ApiFailure('NOT_FOUND', `${requested} does not exist or cannot be read.`);
  }
  let names: Dirent[];
  try {
    names = await readdir(path, { withFileTypes: true });
  } catch {
    throw new ApiFailure('BAD_FILE', `Cannot list ${path} (permission denied).`);
  }
  const entries: BrowseEntry[] = [];
  for (const entry of names) {
    if (entry.name.startsWith('.')) continue;
    if (entries.length >= MAX_BROWSE_ENTRIES) break;
    const full = join(path, entry.name);
    try {
      const info = await stat(full);
      if (!info.isFile() && !info.isDirectory()) continue;
      entries.push({
        name: entry.name,
        path: full,
        kind: info.isDirectory() ? 'folder' : 'file',
        size: info.isFile() ? info.size : null,
        modifiedAt: Math.round(info.mtimeMs),
      });
    } catch {
      // Broken links and unreadable entries are not offered.
    }
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  return { path, parent: dirname(path) === path ? null : dirname(path), entries };
}
