#!/usr/bin/env node
// Compiles the TypeScript sources (apps, libs, migrations) to dist/ with swc.
// Path aliases (@partsmith/<lib>) are rewritten to relative paths, so dist/ runs with plain node.
// Then the web app (tools/build-web.js; skipped when nothing changed; --no-web skips it).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');
const { buildWeb } = require('./build-web');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist');
const sourceDirs = ['apps', 'libs', 'prisma-free-migrations', 'bench'];
const skipDirs = new Set(['node_modules', '__fixtures__', 'results']);
const webApp = path.join(root, 'apps', 'web'); // built by Vite (tools/build-web.js), not here

function listSources(dir, found = []) {
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipDirs.has(entry.name) && full !== webApp) listSources(full, found);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.(spec|e2e-spec|int-spec)\.ts$/.test(entry.name)) {
      found.push(full);
    } else if (entry.name.endsWith('.js') && path.basename(dir) !== 'bin') {
      found.push(full); // plain CommonJS helpers (e.g. child-process entry points) are copied as they are
    }
  }
  return found;
}

function swcOptions(file) {
  return {
    filename: file,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: root,
      paths: { '@partsmith/*': ['libs/*/src'] },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  };
}

async function main() {
  const started = Date.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  const files = sourceDirs.flatMap((dir) => listSources(path.join(root, dir)));
  await Promise.all(
    files.map(async (file) => {
      const code = file.endsWith('.js') ? fs.readFileSync(file, 'utf8') : (await swc.transformFile(file, swcOptions(file))).code;
      const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, code);
    }),
  );
  const quiet = process.argv.includes('--quiet');
  if (!quiet) {
    console.log(`partsmith: compiled ${files.length} files to dist/ in ${Date.now() - started} ms`);
  }
  if (!process.argv.includes('--no-web')) await buildWeb({ quiet }); // the API serves apps/web/dist
}

main().catch((error) => {
  console.error(`partsmith: build failed: ${error.message}`);
  process.exit(1);
});
