'use strict';
// Child-process entry for STEP/IGES import. The OpenCascade WASM kernel can abort, spin or exhaust memory on
// hostile input; running it here means the parent only ever sees a message, an exit code or a timeout.
// Protocol: parent sends { format: 'step' | 'iges', bytes: Uint8Array }; child answers once with
// { ok: true, positions: Float32Array, indices: Uint32Array, meshes: number } or { ok: false, message }.
// Requires the 'advanced' IPC serialization so typed arrays travel without JSON.

function reply(message) {
  process.send(message, () => process.exit(0));
}

process.on('message', (request) => {
  let occtFactory;
  try {
    occtFactory = require('occt-import-js');
  } catch (error) {
    reply({ ok: false, message: `the STEP kernel (occt-import-js) is not installed: ${error.message}` });
    return;
  }
  // The kernel prints its diagnostics to stdout; the parent does not need them.
  const options = { print: () => {}, printErr: () => {} };
  occtFactory(options)
    .then((occt) => {
      const content = new Uint8Array(request.bytes);
      const params = { linearUnit: 'millimeter', linearDeflectionType: 'bounding_box_ratio', linearDeflection: 0.001, angularDeflection: 0.5 };
      const result = request.format === 'iges' ? occt.ReadIgesFile(content, params) : occt.ReadStepFile(content, params);
      if (!result || !result.success) {
        reply({ ok: false, message: 'the CAD kernel could not read any geometry from it' });
        return;
      }
      let vertexCount = 0;
      let indexCount = 0;
      for (const mesh of result.meshes) {
        vertexCount += mesh.attributes.position.array.length / 3;
        indexCount += mesh.index.array.length;
      }
      const positions = new Float32Array(vertexCount * 3);
      const indices = new Uint32Array(indexCount);
      let vertexBase = 0;
      let indexCursor = 0;
      for (const mesh of result.meshes) {
        const source = mesh.attributes.position.array;
        positions.set(source, vertexBase * 3);
        const index = mesh.index.array;
        for (let i = 0; i < index.length; i++) indices[indexCursor++] = index[i] + vertexBase;
        vertexBase += source.length / 3;
      }
      reply({ ok: true, positions, indices, meshes: result.meshes.length });
    })
    .catch((error) => reply({ ok: false, message: `the CAD kernel failed (${error && error.message ? error.message : String(error)})` }));
});
