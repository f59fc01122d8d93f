'use strict';
// Worker-thread entry: runs the CPU-heavy geometry work (parse, analyse, previews) off the caller's event
// loop. From dist/ it loads the compiled library beside it; from the TypeScript sources (tests) it compiles
// them on the fly with swc, mapping the @partsmith/* aliases the way tsconfig does.
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');

function loadLibrary() {
  const compiled = path.join(__dirname, '..', 'index.js');
  if (fs.existsSync(compiled)) return require(compiled);
  const Module = require('node:module');
  const swc = require('@swc/core');
  const libs = path.join(__dirname, '..', '..', '..');
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const alias = /^@partsmith\/([a-z-]+)$/.exec(request);
    return resolve.call(this, alias ? path.join(libs, alias[1], 'src') : request, parent, ...rest);
  };
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const { code } = swc.transformSync(source, {
      filename,
      jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
  return require(path.join(__dirname, '..', 'index.ts'));
}

const geometry = loadLibrary();

async function run(task) {
  const mesh = await geometry.parseMesh(new Uint8Array(task.bytes), task.fileName, task.parse);
  if (task.op === 'analyze') return { report: geometry.analyzeMesh(mesh, task.options || {}) };
  if (task.op === 'previews') {
    const previews = {};
    for (const level of task.levels) previews[level] = geometry.previewToStl(geometry.buildPreview(mesh, level, task.options || {}));
    return { previews };
  }
  throw new Error(`unknown geometry task "${task.op}"`);
}

parentPort.on('message', (task) => {
  run(task).then(
    (result) => parentPort.postMessage({ id: task.id, ok: true, result }),
    (error) =>
      parentPort.postMessage({
        id: task.id,
        ok: false,
        error: { name: error && error.name, code: error && error.code, message: error && error.message ? error.message : String(error) },
      }),
  );
});
