/**
 * Where the Electron main process finds its pieces: the built renderer and preload, the
 * Electron-ABI better-sqlite3 binary (docs/electron.md) and the page to load.
 */
import { join } from 'node:path';
import { APP_ENTRY_URL } from './appProtocol';
import { APP_ORIGIN, devServerOrigin, type AllowedOrigin } from './navigation';

/** The binary's place inside the packaged app's resources (electron-builder.yml extraResources `to`). */
export const PACKAGED_BINDING_PATH = 'native/better_sqlite3.node';
/** The environment variable `npm start` uses to pass the Electron-ABI binary (also read by store/database.ts). */
export const BINDING_ENV = 'IRM_SQLITE_BINDING';

/** electron-builder's name for an OS (its `${os}` macro), which names the folders under .electron-native. */
export function builderOsName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'mac';
  if (platform === 'win32') return 'win';
  return platform;
}

/** The Electron-ABI binary `npm start` prepares for this OS and architecture, relative to the project root. */
export function preparedBindingPath(platform: NodeJS.Platform, arch: string): string {
  return join(
    '.electron-native',
    `${builderOsName(platform)}-${arch}`,
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
}

/** Built output folders, relative to out/main where index.js runs. */
export function builtPaths(mainDir: string): { rendererRoot: string; preload: string } {
  return { rendererRoot: join(mainDir, '..', 'renderer'), preload: join(mainDir, '..', 'preload', 'index.js') };
}

/**
 * The Electron-ABI better-sqlite3 binary. Packaged: only the one shipped in resources (the env
 * variable is ignored so nobody can point the app at another native library). Unpackaged: the one
 * `npm start` passes in IRM_SQLITE_BINDING, else the one it prepared earlier under the project's
 * .electron-native folder (so `electron .` and Playwright's _electron work after one `npm start`).
 * Undefined when there is none.
 */
export function resolveNativeBinding(options: {
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  exists: (path: string) => boolean;
}): string | undefined {
  if (options.isPackaged) {
    const packaged = join(options.resourcesPath, PACKAGED_BINDING_PATH);
    return options.exists(packaged) ? packaged : undefined;
  }
  const fromEnvironment = options.env[BINDING_ENV];
  if (fromEnvironment) return options.exists(fromEnvironment) ? fromEnvironment : undefined;
  const prepared = join(options.appPath, preparedBindingPath(options.platform, options.arch));
  return options.exists(prepared) ? prepared : undefined;
}

/** The page to load and the origins it may have: app://irm, or electron-vite's dev server while unpackaged. */
export function rendererTarget(options: { isPackaged: boolean; env: NodeJS.ProcessEnv }): {
  url: string;
  allowed: AllowedOrigin[];
} {
  const devOrigin = devServerOrigin(options.env.ELECTRON_RENDERER_URL, options.isPackaged);
  if (devOrigin) return { url: options.env.ELECTRON_RENDERER_URL as string, allowed: [devOrigin, APP_ORIGIN] };
  return { url: APP_ENTRY_URL, allowed: [APP_ORIGIN] };
}
