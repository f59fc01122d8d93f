/**
 * A mesh ready for the GPU: positions in mm (3 floats per vertex) and 3 indices per triangle, or no indices
 * for a triangle soup (9 floats per triangle, what binary STL gives). No normals: the viewer shades flat
 * from screen-space derivatives, so nobody computes them.
 */
export interface MeshBuffers {
  positions: Float32Array;
  indices: Uint16Array | Uint32Array | null;
  triangles: number;
  min: [number, number, number];
  max: [number, number, number];
}

const HEADER_BYTES = 40;
const STEPS = 65_535;

/**
 * Decodes the API's viewer mesh (PSVM version 1, written by libs/geometry's previewToViewerMesh; the layout
 * is described there): delta-coded positions quantized over the bounding box, and delta-coded indices.
 */
export function decodeViewerMesh(buffer: ArrayBuffer): MeshBuffers {
  if (buffer.byteLength < HEADER_BYTES) throw new Error(`not a viewer mesh: ${buffer.byteLength} bytes (at least ${HEADER_BYTES} expected)`);
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== 'PSVM') throw new Error(`not a viewer mesh: starts with "${magic}" ("PSVM" expected)`);
  const version = view.getUint8(4);
  if (version !== 1) throw new Error(`viewer mesh version ${version} is newer than this viewer reads (1): reload the page`);
  const indexBytes = view.getUint8(5);
  if (indexBytes !== 2 && indexBytes !== 4) throw new Error(`viewer mesh declares ${indexBytes}-byte indices (2 or 4 expected)`);
  const vertices = view.getUint32(8, true);
  const triangles = view.getUint32(12, true);
  const box = [0, 1, 2, 3, 4, 5].map((i) => view.getFloat32(16 + i * 4, true));
  const positionsEnd = HEADER_BYTES + vertices * 6;
  const indicesStart = Math.ceil(positionsEnd / 4) * 4;
  const expected = indicesStart + triangles * 3 * indexBytes;
  if (buffer.byteLength < expected) throw new Error(`viewer mesh declares ${vertices} vertices and ${triangles} triangles but holds ${buffer.byteLength} bytes (${expected} expected)`);

  const quantized = new Uint16Array(buffer, HEADER_BYTES, vertices * 3); // 40 is even: aligned
  const positions = new Float32Array(vertices * 3);
  const step = [0, 1, 2].map((axis) => (box[axis + 3] - box[axis]) / STEPS);
  let x = 0, y = 0, z = 0;
  const [minX, minY, minZ] = box;
  const [stepX, stepY, stepZ] = step;
  for (let i = 0; i < quantized.length; i += 3) {
    x = (x + quantized[i]) & 0xffff;
    y = (y + quantized[i + 1]) & 0xffff;
    z = (z + quantized[i + 2]) & 0xffff;
    positions[i] = minX + x * stepX;
    positions[i + 1] = minY + y * stepY;
    positions[i + 2] = minZ + z * stepZ;
  }

  const count = triangles * 3;
  const indices = indexBytes === 2 ? new Uint16Array(buffer, indicesStart, count) : new Uint32Array(buffer, indicesStart, count); // decoded in place
  let index = 0;
  if (indices instanceof Uint16Array) {
    for (let i = 0; i < count; i++) indices[i] = index = (index + indices[i]) & 0xffff;
  } else {
    for (let i = 0; i < count; i++) indices[i] = index = (index + indices[i]) >>> 0;
  }
  for (let i = 0; i < count; i++) {
    if (indices[i] >= vertices) throw new Error(`viewer mesh index ${indices[i]} at position ${i} is past its ${vertices} vertices`);
  }
  return { positions, indices, triangles, min: [box[0], box[1], box[2]], max: [box[3], box[4], box[5]] };
}

/** The API serves the viewer mesh as a gzip file: unpacked here by the browser's own inflater, then decoded. */
export async function decodeViewerMeshFile(gzipped: ArrayBuffer): Promise<MeshBuffers> {
  const unpacked = await new Response(new Response(gzipped).body!.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  return decodeViewerMesh(unpacked);
}
