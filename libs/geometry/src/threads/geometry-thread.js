'use strict';
// Worker-thread entry: runs the CPU-heavy geometry work (parse, analyse, previews) off the caller's event
// loop, on the geometry library from dist/ or, in tests, from the TypeScript sources.
const path = require('node:path');
const zlib = require('node:zlib');
const { loadLibrary, serveTasks } = require('../../../worker-pool/src/thread-entry.js');

const geometry = loadLibrary(path.join(__dirname, '..'));

/** Each level as binary STL and as the viewer's mesh, stored gzipped so the API serves it as it is (level 4: nearly level 9's size, in a fraction of the time). */
function buildPreviews(mesh, task) {
  const previews = {};
  for (const level of task.levels) {
    const preview = geometry.buildPreview(mesh, level, task.options || {});
    previews[level] = { stl: geometry.previewToStl(preview), viewerMeshGzip: zlib.gzipSync(geometry.previewToViewerMesh(preview), { level: 4 }) };
  }
  return previews;
}

serveTasks(async (task) => {
  const mesh = await geometry.parseMesh(new Uint8Array(task.bytes), task.fileName, task.parse);
  if (task.op === 'analyze') return { report: geometry.analyzeMesh(mesh, task.options || {}) };
  if (task.op === 'previews') return { previews: buildPreviews(mesh, task) };
  if (task.op === 'warm-up') {
    geometry.analyzeMesh(mesh, {});
    buildPreviews(mesh, task);
    return {};
  }
  throw new Error(`unknown geometry task "${task.op}"`);
});
