#!/usr/bin/env node
'use strict';
// The `oms` command. It runs the built CLI (npm install / npm ci build it through "prepare").
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('oms: the app is not built yet. Run `npm run build` in the Orderhouse folder first.\n');
  process.exit(2);
}
require(cli);
