'use strict';
// Worker-thread entry: runs the CPU-heavy geometry work (parse, analyse, previews) off the caller's event
// loop, on the geometry library from dist/ or, in tests, from the TypeScript sources.
const path = require('node:path');
const { loadLibrary, serveTasks } = require('../../../worker-pool/src/thread-entry.js');

const geometry = loadLibrary(path.join(__dirname, '..'));

serveTasks(async (task) => {
  const mesh = await geometry.parseMesh(new Uint8Array(task.bytes), task.fileName, task.parse);
  if (task.op === 'analyze') return { report: geometry.analyzeMesh(mesh, task.options || {}) };
  if (task.op === 'previews') {
    const previews = {};
    for (const level of task.levels) previews[level] = geometry.previewToStl(geometry.buildPreview(mesh, level, task.options || {}));
    return { previews };
  }
  if (task.op === 'warm-up') {
    geometry.analyzeMesh(mesh, {});
    for (const level of task.levels) geometry.previewToStl(geometry.buildPreview(mesh, level, task.options || {}));
    return {};
  }
  throw new Error(`unknown geometry task "${task.op}"`);
});
