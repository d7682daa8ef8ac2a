import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkstationKeys } from '../keys/workstationKeys';
import { selectKeyProtector, type SafeStorageLike } from './keyProtector';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

/** A fake safeStorage whose "encryption" is reversible and visibly different from the input. */
function fakeSafeStorage(options: { available?: boolean; backend?: Backend } = {}) {
  const calls: string[] = [];
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => {
      calls.push('getSelectedStorageBackend');
      return options.backend ?? 'gnome_libsecret';
    },
    encryptString: (plain) => Buffer.from(`wrapped:${Buffer.from(plain).reverse().toString('latin1')}`, 'latin1'),
    decryptString: (wrapped) => {
      const text = wrapped.toString('latin1');
      if (!text.startsWith('wrapped:')) throw new Error('not ours');
      return Buffer.from(text.slice('wrapped:'.length), 'latin1').reverse().toString();
    },
  };
  return { storage, calls };
}

describe('selectKeyProtector (E-22)', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('refuses the basic_text backend on Linux and falls back with one warning line', () => {
    const { storage } = fakeSafeStorage({ backend: 'basic_text' });
    const choice = selectKeyProtector(storage, 'linux');
    expect(choice.protector).toBeUndefined();
    expect(choice.warning).toMatch(/basic_text/);
    expect(choice.warning).toMatch(/owner-only files/);
    expect(choice.warning?.split('\n')).toHaveLength(1);
  });

  it('refuses an unknown Linux backend too (as before ready)', () => {
    expect(selectKeyProtector(fakeSafeStorage({ backend: 'unknown' }).storage, 'linux').protector).toBeUndefined();
  });

  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const)('uses the %s keyring', (backend) => {
    const choice = selectKeyProtector(fakeSafeStorage({ backend }).storage, 'linux');
    expect(choice.protector?.name).toBe(`safeStorage:${backend}`);
    expect(choice.warning).toBeNull();
  });

  it('falls back when the OS key store is unavailable on any platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const choice = selectKeyProtector(fakeSafeStorage({ available: false }).storage, platform);
      expect(choice.protector, platform).toBeUndefined();
      expect(choice.warning, platform).toMatch(/not available/);
    }
  });

  it('uses Keychain and DPAPI without asking for a Linux backend', () => {
    const { storage, calls } = fakeSafeStorage();
    expect(selectKeyProtector(storage, 'darwin').protector?.name).toBe('safeStorage:darwin');
    expect(selectKeyProtector(storage, 'win32').protector?.name).toBe('safeStorage:win32');
    expect(calls).toEqual([]);
  });

  it('round-trips arbitrary key bytes', () => {
    const protector = selectKeyProtector(fakeSafeStorage().storage, 'linux').protector!;
    const secret = Buffer.from([0, 1, 2, 254, 255, 10, 13, 0]);
    const wrapped = protector.encrypt(secret);
    expect(wrapped.includes(secret)).toBe(false);
    expect(protector.decrypt(wrapped)).toEqual(secret);
  });

  it('wraps the workstation keys with the keyring and keeps them loadable', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'irm-keys-'));
    folders.push(dataDir);
    const protector = selectKeyProtector(fakeSafeStorage().storage, 'linux').protector;
    const first = loadWorkstationKeys(dataDir, protector);
    expect(existsSync(join(dataDir, 'keys', 'pseudonym.secret.wrapped'))).toBe(true);
    expect(existsSync(join(dataDir, 'keys', 'pseudonym.secret'))).toBe(false);
    const again = loadWorkstationKeys(dataDir, protector);
    expect(again.keyId).toBe(first.keyId);
    expect(again.pseudonymSecret).toEqual(first.pseudonymSecret);
  });

  it('with basic_text, keeps the keys in owner-only files instead of fake-wrapping them', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'irm-keys-'));
    folders.push(dataDir);
    const { protector } = selectKeyProtector(fakeSafeStorage({ backend: 'basic_text' }).storage, 'linux');
    loadWorkstationKeys(dataDir, protector);
    expect(existsSync(join(dataDir, 'keys', 'pseudonym.secret'))).toBe(true);
    expect(existsSync(join(dataDir, 'keys', 'pseudonym.secret.wrapped'))).toBe(false);
  });
});
