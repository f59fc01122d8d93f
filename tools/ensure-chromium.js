#!/usr/bin/env node
// Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests and bench:web.
// As root it installs it with apt-get; otherwise it says exactly what to run. Exports chromiumPath().
'use strict';
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const CHROMIUM = process.env.PARTSMITH_CHROMIUM || '/usr/bin/chromium';

/** Flags the tests and the bench launch Chromium with (headless on a small machine, no network chatter). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
  // WebGL without a GPU: ANGLE on SwiftShader (Chromium no longer falls back to it by itself)
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

function ensureChromium(log = (line) => process.stderr.write(`${line}\n`)) {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    throw new Error(`Chromium is missing at ${CHROMIUM}. Install it with \`sudo apt-get update && sudo apt-get install -y chromium\` (Debian/Ubuntu), or set PARTSMITH_CHROMIUM to a Chromium/Chrome executable.`);
  }
  log('partsmith: Chromium is missing; installing it with apt-get (once, about a minute)…');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}); install Chromium by hand: apt-get install -y chromium`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

module.exports = { ensureChromium, CHROMIUM_ARGS };

if (require.main === module) {
  try {
    process.stdout.write(`${ensureChromium()}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
