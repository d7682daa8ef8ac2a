/**
 * Generates a CERT-layout `http.csv` of any size, deterministically (same seed, same bytes): for the
 * ingest benchmark and the kill test. Rows look like r4's: `{ID},MM/DD/YYYY HH:MM:SS,USER,PC-NNNN,URL,keywords`.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const WORDS =
  'fire nepal suffering mountain bank report river season market energy cloud data travel music health sport science tennis league software budget quarter plan launch team office garden history island museum'.split(
    ' ',
  );
const SITES = [
  'msn.com',
  'google.com',
  'dropbox.com',
  'linkedin.com',
  'monster.com',
  'wikileaks.org',
  'yahoo.com',
  'facebook.com',
  'careerbuilder.com',
  'bbc.co.uk',
  'wikipedia.org',
  'dtaa.com',
];

/** Writes `rows` data rows (plus the header) to `path`; returns the bytes written. */
export function generateCertHttp(path: string, rows: number, options: { users?: number; seed?: number } = {}): number {
  const users = options.users ?? 1000;
  let state = (options.seed ?? 1) >>> 0 || 1;
  const random = () => {
    // xorshift32: fast and the same everywhere.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  const userIds = Array.from({ length: users }, (_, index) => {
    const letters = String.fromCharCode(
      65 + (index % 26),
      65 + (Math.floor(index / 26) % 26),
      65 + (Math.floor(index / 676) % 26),
    );
    return `${letters}${String(index % 10000).padStart(4, '0')}`;
  });
  const fd = openSync(path, 'w');
  let bytes = 0;
  const write = (text: string) => {
    bytes += writeSync(fd, text);
  };
  try {
    write('id,date,user,pc,url,content\n');
    const start = Date.UTC(2010, 0, 2, 6, 0, 0);
    const parts: string[] = [];
    for (let row = 0; row < rows; row += 1) {
      const time = new Date(start + Math.floor(row * 1.7) * 1000);
      const date = `${String(time.getUTCMonth() + 1).padStart(2, '0')}/${String(time.getUTCDate()).padStart(2, '0')}/${time.getUTCFullYear()} ${String(time.getUTCHours()).padStart(2, '0')}:${String(time.getUTCMinutes()).padStart(2, '0')}:${String(time.getUTCSeconds()).padStart(2, '0')}`;
      const user = Math.floor(random() * users);
      const a = WORDS[Math.floor(random() * WORDS.length)]!;
      const b = WORDS[Math.floor(random() * WORDS.length)]!;
      const keywords: string[] = [];
      for (let k = 0; k < 8; k += 1) keywords.push(WORDS[Math.floor(random() * WORDS.length)]!);
      parts.push(
        `{${row.toString(36).toUpperCase().padStart(4, 'X')}-S0ES98JV-5357PWMI},${date},${userIds[user]},PC-${String((user * 7) % 9999).padStart(4, '0')},http://${SITES[Math.floor(random() * SITES.length)]}/${a}/${b}.htm,${keywords.join(' ')}\n`,
      );
      if (parts.length === 10_000) write(parts.splice(0).join(''));
    }
    write(parts.join(''));
  } finally {
    closeSync(fd);
  }
  return bytes;
}
