'use strict';
// Helpers for worker-thread entry files (plain CommonJS, so they run the same from the sources and dist/).
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');

/**
 * Loads a library's index from a thread: the compiled index.js when the caller runs from dist/, else the
 * TypeScript index.ts compiled on the fly with swc (tests run from the sources), mapping the @partsmith/*
 * aliases the way tsconfig does.
 */
function loadLibrary(srcDir) {
  const compiled = path.join(srcDir, 'index.js');
  if (fs.existsSync(compiled)) return require(compiled);
  const Module = require('node:module');
  const swc = require('@swc/core');
  const libs = path.join(__dirname, '..', '..');
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
  return require(path.join(srcDir, 'index.ts'));
}

/**
 * The memory of every typed array in `value` (searched through plain objects and arrays) that owns its whole
 * buffer: posted as a transfer, it moves to the caller instead of being copied. Views into a shared or
 * pooled buffer (small Buffers share Node's pool) are left to be copied.
 */
function transferables(value, found = new Set()) {
  if (ArrayBuffer.isView(value)) {
    if (Object.prototype.toString.call(value.buffer) === '[object ArrayBuffer]' && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) found.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const item of value) transferables(item, found);
  } else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const key of Object.keys(value)) transferables(value[key], found);
  }
  return found;
}

/**
 * Answers each `{id, …task}` message with `{id, ok, result}` or `{id, ok: false, error: {name, code, message}}`.
 * Typed arrays in the result that own their buffer are transferred, not copied: a result is never used again
 * here.
 */
function serveTasks(run) {
  parentPort.on('message', (task) => {
    Promise.resolve()
      .then(() => run(task))
      .then(
        (result) => parentPort.postMessage({ id: task.id, ok: true, result }, [...transferables(result)]),
        (error) =>
          parentPort.postMessage({
            id: task.id,
            ok: false,
            error: { name: error && error.name, code: error && error.code, message: error && error.message ? error.message : String(error) },
          }),
      );
  });
}

module.exports = { loadLibrary, serveTasks, transferables };
