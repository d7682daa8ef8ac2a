/**
 * The Electron entry wired end to end against a fake `electron` module and a real backend in a temp
 * folder: lock, scheme registration before ready, hardening, the window's options, the IPC bridge,
 * second launch, and a clean quit.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL } from '../shared/ipc';

type Handler = (...args: unknown[]) => unknown;

/** A fake webContents with a main frame on the app origin. */
class FakeContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeContents.nextId++;
  readonly mainFrame = { processId: 100 + this.id, routingId: 1, url: 'app://irm/index.html', origin: 'app://irm', parent: null };
  windowOpenHandler: Handler | null = null;
  destroyed = false;
  send = vi.fn();
  isDestroyed = () => this.destroyed;
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
}

const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    appPath: '',
    lock: true,
    ready: null as null | { promise: Promise<void>; resolve: () => void },
    windows: [] as Array<{
      options: Record<string, unknown>;
      webContents: unknown;
      loadURL: ReturnType<typeof vi.fn>;
      focus: ReturnType<typeof vi.fn>;
      restore: ReturnType<typeof vi.fn>;
      minimized: boolean;
    }>,
    ipcHandlers: new Map<string, Handler>(),
    sessionHandlers: {} as Record<string, Handler>,
    webContentsFactory: null as null | (() => unknown),
  };
  return { state };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { state } = fake;
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => state.lock),
    whenReady: () => state.ready!.promise,
    getPath: vi.fn((name: string) => (name === 'userData' ? state.userData : '/nowhere')),
    getAppPath: () => state.appPath,
    enableSandbox: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  class BrowserWindow extends Emitter {
    webContents: unknown;
    loadURL = vi.fn(async () => {});
    focus = vi.fn();
    restore = vi.fn();
    minimized = false;
    show = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      this.webContents = state.webContentsFactory!();
      state.windows.push(this);
    }
    isMinimized() {
      return this.minimized;
    }
  }
  const defaultSession = Object.assign(new Emitter(), {
    setPermissionRequestHandler: (handler: Handler) => (state.sessionHandlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Handler) => (state.sessionHandlers.permissionCheck = handler),
    setDevicePermissionHandler: (handler: Handler) => (state.sessionHandlers.devicePermission = handler),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: { onBeforeRequest: (handler: Handler) => (state.sessionHandlers.beforeRequest = handler) },
  });
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: {
      handle: (channel: string, handler: Handler) => state.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    session: { defaultSession },
  };
});

type ElectronFake = {
  app: EventEmitter & Record<string, ReturnType<typeof vi.fn>> & { isPackaged: boolean };
  protocol: { registerSchemesAsPrivileged: ReturnType<typeof vi.fn>; handle: ReturnType<typeof vi.fn> };
  dialog: { showErrorBox: ReturnType<typeof vi.fn> };
};

describe('src/main/index.ts', () => {
  let folder: string;
  let electron: ElectronFake;
  let signalListeners: { SIGINT: unknown[]; SIGTERM: unknown[] };
  const warnings: string[] = [];

  /** Imports the entry afresh (it runs on import) with a fresh fake electron. */
  const loadMain = async () => {
    vi.resetModules();
    electron = (await import('electron')) as unknown as ElectronFake;
    await import('./index');
  };
  const becomeReady = async () => {
    fake.state.ready!.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const invoke = (contents: FakeContents, method: string, input: unknown = {}) =>
    Promise.resolve(
      fake.state.ipcHandlers.get(IPC_CALL_CHANNEL)!({ sender: contents, senderFrame: contents.mainFrame }, method, input),
    );

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'irm-main-'));
    let resolveReady = () => {};
    const promise = new Promise<void>((resolve) => (resolveReady = resolve));
    Object.assign(fake.state, {
      userData: join(folder, 'userData'),
      appPath: folder,
      lock: true,
      ready: { promise, resolve: resolveReady },
      windows: [],
      ipcHandlers: new Map(),
      sessionHandlers: {},
      webContentsFactory: () => new FakeContents(),
    });
    signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    warnings.length = 0;
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  afterEach(() => {
    electron?.app.emit('will-quit');
    // The entry listens for SIGINT/SIGTERM to quit cleanly; keep the test worker's own behaviour.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) {
        if (!signalListeners[signal].includes(listener)) process.off(signal, listener as () => void);
      }
    }
    vi.restoreAllMocks();
    rmSync(folder, { recursive: true, force: true });
  });

  it('takes the lock, registers app:// and the sandbox before ready, and creates nothing yet', async () => {
    await loadMain();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })]);
    expect(fake.state.windows).toHaveLength(0);
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('quits at once when another instance holds the lock', async () => {
    fake.state.lock = false;
    await loadMain();
    expect(electron.app.quit).toHaveBeenCalled();
    await becomeReady();
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.ipcHandlers.size).toBe(0);
  });

  it('on ready: hardens the session, serves app://, opens one secure window and answers its calls', async () => {
    await loadMain();
    await becomeReady();

    const callback = vi.fn();
    fake.state.sessionHandlers.permissionRequest({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));

    expect(fake.state.windows).toHaveLength(1);
    const [window] = fake.state.windows;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.js$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://irm/index.html');

    const contents = window.webContents as FakeContents;
    expect(await invoke(contents, 'auth.status')).toMatchObject({ ok: true, value: { setupRequired: true } });
    expect(existsSync(join(fake.state.userData, 'workbench.sqlite'))).toBe(true);
    // No keyring here: one warning, and the keys are owner-only files rather than basic_text "wrapped".
    expect(warnings.filter((line) => line.includes('owner-only files'))).toHaveLength(1);
    expect(existsSync(join(fake.state.userData, 'keys', 'pseudonym.secret'))).toBe(true);
  });

  it('guards every webContents created later (navigation, new windows)', async () => {
    await loadMain();
    await becomeReady();
    const stray = new FakeContents();
    electron.app.emit('web-contents-created', {}, stray);
    expect(stray.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const navigation = { url: 'https://example.com/', preventDefault: vi.fn() };
    stray.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
  });

  it('focuses (and restores) the window on a second launch', async () => {
    await loadMain();
    await becomeReady();
    const [window] = fake.state.windows;
    window.minimized = true;
    electron.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('ends the window session when it closes, quits with the last window and closes the backend', async () => {
    await loadMain();
    await becomeReady();
    const contents = fake.state.windows[0].webContents as FakeContents;
    expect(await invoke(contents, 'auth.setup', { name: 'admin', password: 'correct horse battery' })).toMatchObject({
      ok: true,
    });
    contents.destroyed = true;
    contents.emit('destroyed');
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalled();
    electron.app.emit('will-quit');
    expect(fake.state.ipcHandlers.size).toBe(0);
  });

  it('shows one clear error and exits non-zero when the backend cannot start', async () => {
    fake.state.userData = join(folder, 'a-file');
    writeFileSync(fake.state.userData, 'not a folder');
    await loadMain();
    await becomeReady();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Insider Risk Workbench could not start', expect.any(String));
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(fake.state.windows).toHaveLength(0);
  });
});
