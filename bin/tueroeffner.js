#!/usr/bin/env node
'use strict';
// natural's storage modules load dotenv, which prints tips to stdout; stdout belongs to the CLI.
process.env.DOTENV_CONFIG_QUIET = process.env.DOTENV_CONFIG_QUIET || 'true';

const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'tueroeffner is not built yet: run "npm install" (or "npm run build") first.\n',
  );
  process.exit(1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
