import { hashBits } from '../mesh/mesh-builder';

/**
 * Welds vertices closer than `tolerance` (Chebyshev distance) with a spatial hash: cells of 8·tolerance, and a
 * vertex looks into a neighbouring cell only when it lies within `tolerance` of that side, so most vertices
 * probe one cell and the whole pass is O(n). The first vertex in a neighbourhood becomes the representative
 * the later ones snap to.
 */
export interface WeldResult {
  positions: Float32Array;
  indices: Uint32Array;
  vertexCount: number;
}

export function weldVertices(positions: Float32Array, indices: Uint32Array, tolerance: number): WeldResult {
  const vertexCount = positions.length / 3;
  if (!(tolerance > 0) || vertexCount === 0) {
    return { positions, indices, vertexCount };
  }
  const cell = tolerance * 8;
  const inverse = 1 / cell;
  let size = 1024;
  while (size < vertexCount * 2) size *= 2;
  const mask = size - 1;
  // Hash table of cells → head of a linked list of representatives in that cell. Each slot keeps its cell's
  // 32-bit hash as a tag, so a probe passing other cells' slots does not read their vertices (a cache miss each);
  // the cell itself is confirmed from the head vertex's position.
  const heads = new Int32Array(size).fill(-1);
  const tags = new Int32Array(size);
  const next = new Int32Array(vertexCount);
  // Until the first vertex snaps to another, every vertex is its own representative: the representatives are
  // the input itself, and the copy and the remap table are only made when a weld happens (most files have none).
  let remap: Uint32Array | null = null;
  let welded = positions;
  let weldedCount = 0;

  const findCell = (cx: number, cy: number, cz: number): number => {
    const tag = hashBits(cx, cy, cz);
    let slot = tag & mask;
    for (let head = heads[slot]; head !== -1; head = heads[slot]) {
      if (
        tags[slot] === tag &&
        Math.floor(welded[head * 3] * inverse) === cx &&
        Math.floor(welded[head * 3 + 1] * inverse) === cy &&
        Math.floor(welded[head * 3 + 2] * inverse) === cz
      ) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return ~slot; // free slot, encoded negative
  };

  for (let v = 0; v < vertexCount; v++) {
    const x = positions[v * 3];
    const y = positions[v * 3 + 1];
    const z = positions[v * 3 + 2];
    const fx = x * inverse;
    const fy = y * inverse;
    const fz = z * inverse;
    const cx = Math.floor(fx);
    const cy = Math.floor(fy);
    const cz = Math.floor(fz);
    // neighbour cells worth probing on each axis: -1, 0 or +1 (the near side), 0 = none
    const nearX = fx - cx < 0.125 ? -1 : fx - cx > 0.875 ? 1 : 0;
    const nearY = fy - cy < 0.125 ? -1 : fy - cy > 0.875 ? 1 : 0;
    const nearZ = fz - cz < 0.125 ? -1 : fz - cz > 0.875 ? 1 : 0;
    let match = -1;
    let own = 0;
    search: for (let i = 0; i < 8; i++) {
      if ((i & 1 && nearX === 0) || (i & 2 && nearY === 0) || (i & 4 && nearZ === 0)) continue;
      const slot = findCell(cx + (i & 1 ? nearX : 0), cy + (i & 2 ? nearY : 0), cz + (i & 4 ? nearZ : 0));
      if (i === 0) own = slot;
      if (slot < 0) continue;
      for (let r = heads[slot]; r !== -1; r = next[r]) {
        if (Math.abs(welded[r * 3] - x) <= tolerance && Math.abs(welded[r * 3 + 1] - y) <= tolerance && Math.abs(welded[r * 3 + 2] - z) <= tolerance) {
          match = r;
          break search;
        }
      }
    }
    if (match >= 0) {
      if (remap === null) {
        remap = new Uint32Array(vertexCount);
        for (let u = 0; u < v; u++) remap[u] = u;
        welded = new Float32Array(positions.length);
        welded.set(positions.subarray(0, v * 3));
      }
      remap[v] = match;
      continue;
    }
    const id = weldedCount++;
    if (remap !== null) {
      welded[id * 3] = x;
      welded[id * 3 + 1] = y;
      welded[id * 3 + 2] = z;
      remap[v] = id;
    }
    const slot = own < 0 ? ~own : own;
    next[id] = heads[slot];
    heads[slot] = id;
    tags[slot] = hashBits(cx, cy, cz);
  }
  if (remap === null) return { positions, indices, vertexCount };
  const remapped = new Uint32Array(indices.length);
  for (let i = 0; i < indices.length; i++) remapped[i] = remap[indices[i]];
  return { positions: welded.slice(0, weldedCount * 3), indices: remapped, vertexCount: weldedCount };
}
