/** Password hashing with scrypt (node:crypto) and a per-account random salt. */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters; stored with each hash so they can be raised later. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keyLength: 32, maxmem: 64 * 1024 * 1024 };

/** A well-formed hash no password matches: sign-in checks it for unknown names so timing reveals nothing. */
export const UNMATCHABLE_HASH = { hash: `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${'0'.repeat(64)}`, salt: '00'.repeat(16) };

/** Hashes a password with a fresh salt. Returns the encoded hash and the salt (hex). */
export function hashPassword(password: string): { hash: string; salt: string } {
  const salt = randomBytes(16).toString('hex');
  return { hash: encode(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p), salt };
}

function encode(password: string, salt: string, N: number, r: number, p: number): string {
  const key = scryptSync(password.normalize('NFKC'), Buffer.from(salt, 'hex'), SCRYPT.keyLength, { N, r, p, maxmem: SCRYPT.maxmem });
  return `scrypt$${N}$${r}$${p}$${key.toString('hex')}`;
}

/** Checks a password against a stored hash in constant time. */
export function verifyPassword(password: string, stored: string, salt: string): boolean {
  const [scheme, N, r, p, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !expected) return false;
  const actual = Buffer.from(encode(password, salt, Number(N), Number(r), Number(p)).split('$')[4]!, 'hex');
  const wanted = Buffer.from(expected, 'hex');
  return actual.length === wanted.length && timingSafeEqual(actual, wanted);
}
