'use strict';
/**
 * electron-builder beforePack hook: prepares the Electron-ABI better-sqlite3 for the platform and
 * architecture being packaged, so extraResources can ship it (docs/electron.md). It runs before
 * electron-builder copies files, on the packaging machine (which needs internet, or a C++ toolchain
 * for its own platform).
 */
const path = require('node:path');
const { prepareElectronNative } = require('../scripts/electron-native.js');

/** electron-builder's Arch enum (builder-util) by number. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** Maps electron-builder's pack context to the platform and architecture names Node uses. */
function targetOf(context) {
  const arch = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : String(context.arch);
  if (!arch) throw new Error(`unknown electron-builder architecture ${context.arch}`);
  return { platform: context.electronPlatformName, arch };
}

/** Prepares the native binding before electron-builder packs the app. */
async function beforePack(context) {
  const { platform, arch } = targetOf(context);
  const projectRoot = (context.packager && context.packager.projectDir) || path.resolve(__dirname, '..');
  const framework = context.packager && context.packager.info && context.packager.info.framework;
  prepareElectronNative({ projectRoot, platform, arch, electronVersion: framework && framework.version });
}

module.exports = beforePack;
module.exports.beforePack = beforePack;
module.exports.default = beforePack;
module.exports.targetOf = targetOf;
module.exports.ARCH_NAMES = ARCH_NAMES;
