import type { MeshBuffers } from './viewer-mesh';

/**
 * Parses binary STL (the API's previews built before the viewer mesh existed) in one pass over a DataView,
 * into a triangle soup. The stored facet normals are ignored: the viewer shades flat without them.
 */
export function parseBinaryStl(buffer: ArrayBuffer): MeshBuffers {
  if (buffer.byteLength < 84) throw new Error(`not a binary STL: ${buffer.byteLength} bytes (at least 84 expected)`);
  const view = new DataView(buffer);
  const triangles = view.getUint32(80, true);
  const expected = 84 + 50 * triangles;
  if (buffer.byteLength < expected) throw new Error(`STL declares ${triangles} triangles but holds ${buffer.byteLength} bytes (${expected} expected)`);
  const positions = new Float32Array(triangles * 9);
  let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
  for (let t = 0, offset = 84 + 12, out = 0; t < triangles; t++, offset += 50, out += 9) {
    for (let k = 0; k < 9; k += 3) {
      const x = view.getFloat32(offset + k * 4, true);
      const y = view.getFloat32(offset + k * 4 + 4, true);
      const z = view.getFloat32(offset + k * 4 + 8, true);
      positions[out + k] = x;
      positions[out + k + 1] = y;
      positions[out + k + 2] = z;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (z < minZ) minZ = z;
      if (z > maxZ) maxZ = z;
    }
  }
  if (triangles === 0) [minX, minY, minZ, maxX, maxY, maxZ] = [0, 0, 0, 0, 0, 0];
  return { positions, indices: null, triangles, min: [minX, minY, minZ], max: [maxX, maxY, maxZ] };
}
