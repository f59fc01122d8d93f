import { hashBits } from '../mesh/mesh-builder';

/**
 * Welds vertices closer than `tolerance` (Chebyshev distance): each vertex, in order, snaps to the earliest
 * representative within reach, or becomes one. Representatives go into a spatial hash of cells 32 tolerances
 * wide, and a vertex looks into a neighbouring cell only when it lies within a tolerance of that side, so most
 * vertices probe one cell (a slot per cell, holding its hash as a tag and the head of its representatives) and
 * the whole pass is O(n). Which representatives are in reach does not depend on the cell size, so neither does
 * the result.
 */
export interface WeldResult {
  positions: Float32Array;
  indices: Uint32Array;
  vertexCount: number;
}

export const CELL_IN_TOLERANCES = 32;
/** A neighbour is probed within this fraction of a cell from the side: a tolerance, widened against rounding. */
export const NEAR_SIDE = 1.001 / CELL_IN_TOLERANCES;
const EMPTY = -1;

export function weldVertices(positions: Float32Array, indices: Uint32Array, tolerance: number): WeldResult {
  const vertexCount = positions.length / 3;
  if (!(tolerance > 0) || vertexCount === 0) {
    return { positions, indices, vertexCount };
  }
  const inverse = 1 / (tolerance * CELL_IN_TOLERANCES);
  let size = 1024;
  while (size < vertexCount * 2) size *= 2;
  const mask = size - 1;
  // per slot: the cell's hash (tag), then the newest representative in the cell (EMPTY for a free slot)
  const slots = new Int32Array(size * 2).fill(EMPTY);
  const next = new Int32Array(vertexCount);
  // Until the first vertex snaps to another, every vertex is its own representative: the representatives are
  // the input itself, and the copy and the remap table are only made when a weld happens (most files have none).
  let remap: Uint32Array | null = null;
  let welded = positions;
  let weldedCount = 0;

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
    const nearX = fx - cx < NEAR_SIDE ? -1 : fx - cx > 1 - NEAR_SIDE ? 1 : 0;
    const nearY = fy - cy < NEAR_SIDE ? -1 : fy - cy > 1 - NEAR_SIDE ? 1 : 0;
    const nearZ = fz - cz < NEAR_SIDE ? -1 : fz - cz > 1 - NEAR_SIDE ? 1 : 0;
    let match = -1;
    const own = findCell(slots, mask, welded, inverse, cx, cy, cz);
    if (own >= 0) match = earliestInReach(slots[own * 2 + 1], next, welded, x, y, z, tolerance, match);
    if (nearX !== 0 || nearY !== 0 || nearZ !== 0) {
      for (let i = 1; i < 8; i++) {
        if ((i & 1 && nearX === 0) || (i & 2 && nearY === 0) || (i & 4 && nearZ === 0)) continue;
        const slot = findCell(slots, mask, welded, inverse, cx + (i & 1 ? nearX : 0), cy + (i & 2 ? nearY : 0), cz + (i & 4 ? nearZ : 0));
        if (slot >= 0) match = earliestInReach(slots[slot * 2 + 1], next, welded, x, y, z, tolerance, match);
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
    next[id] = slots[slot * 2 + 1];
    slots[slot * 2] = hashBits(cx, cy, cz);
    slots[slot * 2 + 1] = id;
  }
  if (remap === null) return { positions, indices, vertexCount };
  const remapped = new Uint32Array(indices.length);
  for (let i = 0; i < indices.length; i++) remapped[i] = remap[indices[i]];
  return { positions: welded.slice(0, weldedCount * 3), indices: remapped, vertexCount: weldedCount };
}

/** Slot of cell (cx, cy, cz), or the free slot where it would go, encoded negative (~slot). */
function findCell(slots: Int32Array, mask: number, welded: Float32Array, inverse: number, cx: number, cy: number, cz: number): number {
  const tag = hashBits(cx, cy, cz);
  let slot = tag & mask;
  for (let head = slots[slot * 2 + 1]; head !== EMPTY; head = slots[slot * 2 + 1]) {
    // the tag rules out other cells without reading their vertices; the head's position confirms the cell
    if (
      slots[slot * 2] === tag &&
      Math.floor(welded[head * 3] * inverse) === cx &&
      Math.floor(welded[head * 3 + 1] * inverse) === cy &&
      Math.floor(welded[head * 3 + 2] * inverse) === cz
    ) {
      return slot;
    }
    slot = (slot + 1) & mask;
  }
  return ~slot;
}

/** The lower of `best` and the earliest representative in a cell's list (newest first) within reach of (x, y, z). */
function earliestInReach(head: number, next: Int32Array, welded: Float32Array, x: number, y: number, z: number, tolerance: number, best: number): number {
  for (let r = head; r !== EMPTY; r = next[r]) {
    if ((best < 0 || r < best) && Math.abs(welded[r * 3] - x) <= tolerance && Math.abs(welded[r * 3 + 1] - y) <= tolerance && Math.abs(welded[r * 3 + 2] - z) <= tolerance) {
      best = r;
    }
  }
  return best;
}
