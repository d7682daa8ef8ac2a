/**
 * The Electron entry: a thin shell around the backend. One instance, one hardened window serving
 * out/renderer over app://, the backend on the user-data folder with safeStorage-protected keys,
 * and the IPC bridge. Everything decidable lives in ./electron/ as small tested functions.
 */
import { existsSync } from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { createBackend, type Backend } from './backend';
import { APP_SCHEME, appSchemePrivileges, createAppProtocolHandler } from './electron/appProtocol';
import { BINDING_ENV, builtPaths, rendererTarget, resolveNativeBinding } from './electron/appPaths';
import { createIpcBridge, type IpcBridge } from './electron/ipcBridge';
import { selectKeyProtector } from './electron/keyProtector';
import { guardWebContents } from './electron/navigation';
import { hardenSession } from './electron/sessionHardening';
import { mainWindowOptions } from './electron/windowOptions';

const isPackaged = app.isPackaged;
// A packaged app loads only its shipped native binary, never one named by the environment.
if (isPackaged) delete process.env[BINDING_ENV];

// Must happen before `ready`: app:// gets a real origin, a secure context and fetch support.
protocol.registerSchemesAsPrivileged(appSchemePrivileges());
app.enableSandbox();

/** Logs a refused navigation, window, permission or request as one short line. */
function logBlocked(what: string, detail: string): void {
  console.warn(`[irm] blocked ${what}: ${detail.slice(0, 200)}`);
}

/** Shows why the app cannot start, then exits with a non-zero code. */
function failStartup(error: unknown, keyWarning: string | null): void {
  let message = error instanceof Error ? error.message : String(error);
  if (message.includes('NODE_MODULE_VERSION') || message.includes('better_sqlite3.node')) {
    message +=
      '\n\nThe database engine is not built for Electron. Start the app with `npm start`, which prepares it (see docs/electron.md).';
  }
  if (keyWarning) message += `\n\n${keyWarning}`;
  console.error(`[irm] startup failed: ${message}`);
  dialog.showErrorBox('Insider Risk Workbench could not start', message);
  app.exit(1);
}

/** Runs the app once this process holds the single-instance lock. */
function runApp(): void {
  const target = rendererTarget({ isPackaged, env: process.env });
  let mainWindow: BrowserWindow | null = null;
  let backend: Backend | null = null;
  let bridge: IpcBridge | null = null;
  let keyWarning: string | null = null;

  const shutDown = () => {
    bridge?.dispose();
    bridge = null;
    backend?.close();
    backend = null;
  };

  // A second launch only brings the running window forward (one writer per data folder, Q-11).
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every webContents, including ones we never meant to create, gets the navigation guards.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, target.allowed, logBlocked));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', shutDown);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  const createWindow = (activeBridge: IpcBridge, preload: string) => {
    const window = new BrowserWindow(mainWindowOptions(preload, !isPackaged));
    activeBridge.attach(window.webContents);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
    window.loadURL(target.url).catch((error: unknown) => console.error('[irm] could not load the app page:', error));
  };

  app
    .whenReady()
    .then(() => {
      const { rendererRoot, preload } = builtPaths(__dirname);
      hardenSession(session.defaultSession, target.allowed, logBlocked);
      protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));

      const keyChoice = selectKeyProtector(safeStorage, process.platform);
      keyWarning = keyChoice.warning;
      if (keyWarning) console.warn(keyWarning);

      backend = createBackend({
        dataDir: process.env.IRM_DATA_DIR || app.getPath('userData'),
        keyProtector: keyChoice.protector,
        nativeBinding: resolveNativeBinding({
          isPackaged,
          resourcesPath: process.resourcesPath,
          appPath: app.getAppPath(),
          env: process.env,
          platform: process.platform,
          arch: process.arch,
          exists: existsSync,
        }),
      });
      bridge = createIpcBridge({
        ipcMain,
        backend,
        allowed: target.allowed,
        onRefused: (reason) => console.warn(`[irm] refused an IPC call: ${reason}`),
      });
      createWindow(bridge, preload);
    })
    .catch((error: unknown) => {
      shutDown();
      failStartup(error, keyWarning);
    });
}

if (app.requestSingleInstanceLock()) runApp();
else app.quit();
