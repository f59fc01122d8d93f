/** A triangle soup ready for the GPU: 9 floats per triangle (positions) and 9 (flat normals). */
export interface MeshBuffers {
  positions: Float32Array;
  normals: Float32Array;
  triangles: number;
  min: [number, number, number];
  max: [number, number, number];
}

/**
 * Parses binary STL (what the API's previews are) in one pass over a DataView. The stored facet normals are
 * ignored and recomputed from the vertices: exporters often leave them zero.
 */
export function parseBinaryStl(buffer: ArrayBuffer): MeshBuffers {
  if (buffer.byteLength < 84) throw new Error(`not a binary STL: ${buffer.byteLength} bytes (at least 84 expected)`);
  const view = new DataView(buffer);
  const triangles = view.getUint32(80, true);
  const expected = 84 + 50 * triangles;
  if (buffer.byteLength < expected) throw new Error(`STL declares ${triangles} triangles but holds ${buffer.byteLength} bytes (${expected} expected)`);
  const positions = new Float32Array(triangles * 9);
  const normals = new Float32Array(triangles * 9);
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
    const ax = positions[out + 3] - positions[out], ay = positions[out + 4] - positions[out + 1], az = positions[out + 5] - positions[out + 2];
    const bx = positions[out + 6] - positions[out], by = positions[out + 7] - positions[out + 1], bz = positions[out + 8] - positions[out + 2];
    let nx = ay * bz - az * by, ny = az * bx - ax * bz, nz = ax * by - ay * bx;
    const length = Math.hypot(nx, ny, nz) || 1;
    nx /= length;
    ny /= length;
    nz /= length;
    for (let k = 0; k < 9; k += 3) {
      normals[out + k] = nx;
      normals[out + k + 1] = ny;
      normals[out + k + 2] = nz;
    }
  }
  if (triangles === 0) [minX, minY, minZ, maxX, maxY, maxZ] = [0, 0, 0, 0, 0, 0];
  return { positions, normals, triangles, min: [minX, minY, minZ], max: [maxX, maxY, maxZ] };
}
