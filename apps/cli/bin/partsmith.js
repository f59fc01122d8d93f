#!/usr/bin/env node
// The `partsmith` command. Runs the compiled CLI from dist/ (built by `npm install` / `npm run build`).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..', '..', '..');
const entry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  execFileSync(process.execPath, [join(root, 'tools', 'build.js'), '--quiet'], { stdio: 'inherit' });
}
require(entry);
