/**
 * The workstation's secrets, kept outside the database: an Ed25519 signing key (audit entries,
 * checkpoints, bundles) and the pseudonym secret. In Electron they are wrapped with safeStorage;
 * under plain Node (CLI, harness, tests) they are files readable only by the owner.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/files';

/** Wraps secrets at rest (Electron's safeStorage); absent under plain Node. */
export interface KeyProtector {
  /** A short name recorded beside the wrapped file, e.g. "safeStorage:gnome_libsecret". */
  name: string;
  encrypt(plain: Buffer): Buffer;
  decrypt(wrapped: Buffer): Buffer;
}

/** The loaded workstation secrets. */
export interface WorkstationKeys {
  signingKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 of the raw public key, hex; names the key in checkpoints and bundles. */
  keyId: string;
  /** Secret for keyed pseudonyms (HMAC key). */
  pseudonymSecret: Buffer;
}

function loadOrCreateSecret(dir: string, name: string, create: () => Buffer, protector?: KeyProtector): Buffer {
  const plainPath = join(dir, name);
  const wrappedPath = `${plainPath}.wrapped`;
  if (protector && existsSync(wrappedPath)) return protector.decrypt(readFileSync(wrappedPath));
  if (existsSync(plainPath)) return readFileSync(plainPath);
  if (!protector && existsSync(wrappedPath)) {
    throw new Error(`${wrappedPath} is protected by the operating system's key store; open this data folder in the desktop app.`);
  }
  const secret = create();
  if (protector) writeFileAtomic(wrappedPath, protector.encrypt(secret), 0o600);
  else writeFileAtomic(plainPath, secret, 0o600);
  return secret;
}

/** Loads the workstation keys from `<dataDir>/keys`, creating them on first use. */
export function loadWorkstationKeys(dataDir: string, protector?: KeyProtector): WorkstationKeys {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pem = loadOrCreateSecret(
    dir,
    'workstation-ed25519.pem',
    () => Buffer.from(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
    protector,
  );
  const signingKey = createPrivateKey(pem);
  const publicKey = createPublicKey(signingKey);
  const rawPublic = publicKey.export({ type: 'spki', format: 'der' });
  const pseudonymSecret = loadOrCreateSecret(dir, 'pseudonym.secret', () => randomBytes(32), protector);
  return { signingKey, publicKey, keyId: createHash('sha256').update(rawPublic).digest('hex'), pseudonymSecret };
}
