#!/usr/bin/env node
// The `irm` command: runs the built CLI (npm run build writes out/main/cli.js).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('irm: the app is not built yet; run `npm run build` first.\n');
  process.exit(1);
}
require(cli).runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
