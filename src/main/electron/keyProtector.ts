/**
 * The workstation keys' protector in Electron: safeStorage (Keychain, DPAPI, libsecret/KWallet).
 *
 * E-22: on Linux, safeStorage silently falls back to the `basic_text` backend when no keyring is
 * reachable, which "encrypts" with a fixed, publicly known password. We never use it: wrapping keys
 * that way would claim a protection that does not exist. Instead the app falls back to the same
 * owner-only key files (0600 in a 0700 folder) the CLI and the browser harness use, and says so in
 * one warning line. Refusing to start would lock investigators out of Linux workstations without a
 * keyring while buying nothing: whoever can read `basic_text` output can read the 0600 file too.
 */
import type { SafeStorage } from 'electron';
import type { KeyProtector } from '../keys/workstationKeys';

/** Linux keyring backends that really protect secrets with the user's login. */
export const TRUSTED_LINUX_BACKENDS: ReadonlySet<string> = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/** The safeStorage calls the protector uses (a fake in tests). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/** The chosen protector (absent: owner-only key files) and the one warning line to log, if any. */
export interface KeyProtectorChoice {
  protector: KeyProtector | undefined;
  warning: string | null;
}

/**
 * Chooses how the workstation keys are protected. Call after `app` is ready (before it, Linux
 * reports the backend as "unknown"). Uses the synchronous safeStorage API because the backend
 * loads keys synchronously; Electron 45 still provides it.
 */
export function selectKeyProtector(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeyProtectorChoice {
  const fallback = (why: string): KeyProtectorChoice => ({
    protector: undefined,
    warning: `[irm] ${why}; the workstation keys are kept in owner-only files in the data folder instead.`,
  });
  if (!safeStorage.isEncryptionAvailable()) return fallback('The operating system key store is not available');
  let backendName: string = platform;
  if (platform === 'linux') {
    backendName = safeStorage.getSelectedStorageBackend();
    if (!TRUSTED_LINUX_BACKENDS.has(backendName)) {
      return fallback(
        `No desktop keyring is available (safeStorage backend "${backendName}" is not used because it does not protect secrets)`,
      );
    }
  }
  const protector: KeyProtector = {
    name: `safeStorage:${backendName}`,
    // safeStorage wraps strings; base64 carries arbitrary key bytes through it unchanged.
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
  return { protector, warning: null };
}
