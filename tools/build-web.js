#!/usr/bin/env node
// Builds the web app (apps/web → apps/web/dist) with Vite: regenerates the GraphQL types first, and skips
// the build when no input changed since the last one (the stamp lists sizes and mtimes of every input).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { generateWebTypes } = require('./web-codegen');

const root = path.resolve(__dirname, '..');
const web = path.join(root, 'apps', 'web');
const outDir = path.join(web, 'dist');
const stampFile = path.join(outDir, '.build-stamp');

function inputs() {
  const files = [path.join(root, 'schema.graphql'), path.join(root, 'package-lock.json'), path.join(web, 'index.html'), path.join(web, 'vite.config.mts')];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!/\.test\.tsx?$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(web, 'src'));
  return files.sort();
}

function stamp() {
  const hash = crypto.createHash('sha256');
  for (const file of inputs()) {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(root, file)}:${stat.size}:${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

async function buildWeb({ quiet = false, force = false } = {}) {
  const started = Date.now();
  const types = path.join(web, 'src', 'gql', 'graphql.ts');
  const code = await generateWebTypes();
  if (!fs.existsSync(types) || fs.readFileSync(types, 'utf8') !== code) fs.writeFileSync(types, code);
  const current = stamp();
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === current && fs.existsSync(path.join(outDir, 'index.html'))) {
    if (!quiet) console.log('partsmith: web app up to date (apps/web/dist)');
    return;
  }
  process.env.NODE_ENV = 'production'; // React, react-router and Apollo pick their production builds by it
  const { build } = await import('vite');
  await build({ configFile: path.join(web, 'vite.config.mts'), logLevel: quiet ? 'error' : 'warn', mode: 'production' });
  fs.writeFileSync(stampFile, current);
  if (!quiet) console.log(`partsmith: built the web app to apps/web/dist in ${Date.now() - started} ms`);
}

module.exports = { buildWeb };

if (require.main === module) {
  buildWeb({ quiet: process.argv.includes('--quiet'), force: process.argv.includes('--force') }).catch((error) => {
    console.error(`partsmith: web build failed: ${error.message}`);
    process.exit(1);
  });
}
