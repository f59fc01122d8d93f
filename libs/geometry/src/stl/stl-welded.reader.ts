import { GeometryParseError, formatCount } from '../geometry.errors';
import type { Vec3 } from '../geometry.types';
import { EXPONENT_MASK, NEGATIVE_ZERO, hashBits } from '../mesh/mesh-builder';
import { CELL_IN_TOLERANCES, NEAR_SIDE, type WeldResult } from '../analysis/weld';

/**
 * The bounds pass starts its sum from this rather than the literal 0: in Node 20 a double sum that starts as the
 * small integer 0 was at times kept boxed in optimised code (a heap number per iteration, ~30 scavenges per 1M
 * triangles). Read from a Float64Array, the start is an exact +0 that stays unboxed.
 */
const FLOAT_ZERO = new Float64Array(1);

const FIRST_CORNER = 96;
const TRIANGLE_BYTES = 50;
const RECENT_SLOTS = 16384;
const EMPTY = -1;

/** Bounding box of every corner of a binary STL, or null when a coordinate is NaN or infinite. */
export function binaryStlBounds(bytes: Uint8Array, triangles: number): { min: Vec3; max: Vec3 } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  let sum = FLOAT_ZERO[0]; // NaN or ±∞ anywhere makes it non-finite; float32 values cannot overflow a float64 sum
  for (let t = 0, o = FIRST_CORNER; t < triangles; t++, o += TRIANGLE_BYTES - 36) {
    for (let corner = 0; corner < 3; corner++, o += 12) {
      const x = view.getFloat32(o, true);
      const y = view.getFloat32(o + 4, true);
      const z = view.getFloat32(o + 8, true);
      sum += x + y + z;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (z < minZ) minZ = z;
      if (z > maxZ) maxZ = z;
    }
  }
  if (!(sum - sum === 0)) return null; // arithmetic, not Number.isFinite: a call here made the loop box `sum`
  return { min: [minX + 0, minY + 0, minZ + 0], max: [maxX + 0, maxY + 0, maxZ + 0] };
}

/**
 * Reads a binary STL (already validated: size rule, triangle count) and welds it in the same pass: exactly what
 * `parseBinaryStl` followed by `weldVertices(…, tolerance)` gives, without the second pass and its hash table.
 *
 * Corners are looked up by their float32 bit patterns in a small cache of recent vertices, then in the weld's
 * own spatial hash (cells `CELL_IN_TOLERANCES` tolerances wide), whose cell lists hold every distinct corner
 * seen so far with the representative it snapped to. A corner seen for the first time is welded there and then,
 * in file order — the order `weldVertices` would visit it in — so the representatives are the same.
 */
export function readWeldedBinaryStl(bytes: Uint8Array, triangles: number, tolerance: number): WeldResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const inverse = 1 / (tolerance * CELL_IN_TOLERANCES);
  const indices = new Uint32Array(triangles * 3);
  // distinct corners: bit patterns (read as floats through `floats`), representative, next in the same cell
  let capacity = Math.max(64, Math.ceil(triangles * 0.6));
  let bits: Int32Array = new Int32Array(capacity * 3);
  let floats = new Float32Array(bits.buffer);
  let repOf: Int32Array = new Int32Array(capacity);
  let nextInCell: Int32Array = new Int32Array(capacity);
  // per representative: the distinct corner it is
  let firstOf: Int32Array = new Int32Array(capacity);
  let distinct = 0;
  let reps = 0;
  let size = 1024;
  while (size < triangles) size *= 2;
  // per slot: the cell's hash (tag), then the newest distinct corner in the cell
  let slots: Int32Array = new Int32Array(size * 2).fill(EMPTY);
  let mask = size - 1;
  // per slot: a recent corner's bit patterns and its representative + 1 (0: empty), so that the usual hit (each
  // corner of a closed mesh comes back about six times, mostly soon) reads one cache line
  const recent = new Int32Array(RECENT_SLOTS * 4);

  for (let t = 0, o = FIRST_CORNER, i = 0; t < triangles; t++, o += TRIANGLE_BYTES - 36) {
    for (let corner = 0; corner < 3; corner++, o += 12, i++) {
      let x = view.getInt32(o, true);
      let y = view.getInt32(o + 4, true);
      let z = view.getInt32(o + 8, true);
      if ((x & EXPONENT_MASK) === EXPONENT_MASK || (y & EXPONENT_MASK) === EXPONENT_MASK || (z & EXPONENT_MASK) === EXPONENT_MASK) {
        throw new GeometryParseError(
          'NON_FINITE_COORDINATE',
          `STL triangle ${formatCount(t + 1)} has a coordinate that is not a finite number (NaN or infinity); repair or re-export the mesh.`,
        );
      }
      if (x === NEGATIVE_ZERO) x = 0;
      if (y === NEGATIVE_ZERO) y = 0;
      if (z === NEGATIVE_ZERO) z = 0;
      const cache = (hashBits(x, y, z) & (RECENT_SLOTS - 1)) * 4;
      const cached = recent[cache + 3];
      if (cached !== 0 && recent[cache] === x && recent[cache + 1] === y && recent[cache + 2] === z) {
        indices[i] = cached - 1;
        continue;
      }
      const fx = view.getFloat32(o, true) * inverse;
      const fy = view.getFloat32(o + 4, true) * inverse;
      const fz = view.getFloat32(o + 8, true) * inverse;
      const cx = Math.floor(fx);
      const cy = Math.floor(fy);
      const cz = Math.floor(fz);
      const own = findCell(slots, mask, floats, inverse, cx, cy, cz);
      let found = -1;
      if (own >= 0) {
        for (let d = slots[own * 2 + 1]; d !== EMPTY; d = nextInCell[d]) {
          if (bits[d * 3] === x && bits[d * 3 + 1] === y && bits[d * 3 + 2] === z) {
            found = d;
            break;
          }
        }
      }
      if (found < 0) {
        // a new distinct corner: weld it to the earliest representative within reach, or make it one
        const px = view.getFloat32(o, true) + 0;
        const py = view.getFloat32(o + 4, true) + 0;
        const pz = view.getFloat32(o + 8, true) + 0;
        let rep = -1;
        if (own >= 0) rep = earliestRepresentative(slots[own * 2 + 1], nextInCell, repOf, firstOf, floats, px, py, pz, tolerance, rep);
        const nearX = fx - cx < NEAR_SIDE ? -1 : fx - cx > 1 - NEAR_SIDE ? 1 : 0;
        const nearY = fy - cy < NEAR_SIDE ? -1 : fy - cy > 1 - NEAR_SIDE ? 1 : 0;
        const nearZ = fz - cz < NEAR_SIDE ? -1 : fz - cz > 1 - NEAR_SIDE ? 1 : 0;
        if (nearX !== 0 || nearY !== 0 || nearZ !== 0) {
          for (let k = 1; k < 8; k++) {
            if ((k & 1 && nearX === 0) || (k & 2 && nearY === 0) || (k & 4 && nearZ === 0)) continue;
            const slot = findCell(slots, mask, floats, inverse, cx + (k & 1 ? nearX : 0), cy + (k & 2 ? nearY : 0), cz + (k & 4 ? nearZ : 0));
            if (slot >= 0) rep = earliestRepresentative(slots[slot * 2 + 1], nextInCell, repOf, firstOf, floats, px, py, pz, tolerance, rep);
          }
        }
        found = distinct++;
        if (found === capacity) {
          capacity *= 2;
          bits = grow(bits, capacity * 3);
          floats = new Float32Array(bits.buffer);
          repOf = grow(repOf, capacity);
          nextInCell = grow(nextInCell, capacity);
          firstOf = grow(firstOf, capacity);
        }
        bits[found * 3] = x;
        bits[found * 3 + 1] = y;
        bits[found * 3 + 2] = z;
        if (rep < 0) {
          rep = reps++;
          firstOf[rep] = found;
        }
        repOf[found] = rep;
        const slot = own < 0 ? ~own : own;
        nextInCell[found] = slots[slot * 2 + 1];
        slots[slot * 2] = hashBits(cx, cy, cz);
        slots[slot * 2 + 1] = found;
        if (distinct * 2 > size) {
          size *= 2;
          mask = size - 1;
          slots = rebuildCells(floats, distinct, nextInCell, size, inverse);
        }
      }
      const rep = repOf[found];
      recent[cache] = x;
      recent[cache + 1] = y;
      recent[cache + 2] = z;
      recent[cache + 3] = rep + 1;
      indices[i] = rep;
    }
  }
  if (reps === distinct) {
    // nothing snapped: the representatives are the distinct corners in order; a view when little is spare
    return { positions: reps * 4 >= capacity * 3 ? floats.subarray(0, reps * 3) : floats.slice(0, reps * 3), indices, vertexCount: reps };
  }
  const positions = new Float32Array(reps * 3);
  for (let r = 0; r < reps; r++) {
    const d = firstOf[r] * 3;
    positions[r * 3] = floats[d];
    positions[r * 3 + 1] = floats[d + 1];
    positions[r * 3 + 2] = floats[d + 2];
  }
  return { positions, indices, vertexCount: reps };
}

function grow(array: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

/** Slot of cell (cx, cy, cz), or the free slot where it would go, encoded negative (~slot). */
function findCell(slots: Int32Array, mask: number, floats: Float32Array, inverse: number, cx: number, cy: number, cz: number): number {
  const tag = hashBits(cx, cy, cz);
  let slot = tag & mask;
  for (let head = slots[slot * 2 + 1]; head !== EMPTY; head = slots[slot * 2 + 1]) {
    if (
      slots[slot * 2] === tag &&
      Math.floor(floats[head * 3] * inverse) === cx &&
      Math.floor(floats[head * 3 + 1] * inverse) === cy &&
      Math.floor(floats[head * 3 + 2] * inverse) === cz
    ) {
      return slot;
    }
    slot = (slot + 1) & mask;
  }
  return ~slot;
}

/** The lower of `best` and the earliest representative listed in a cell (newest first) within reach of (x, y, z). */
function earliestRepresentative(
  head: number, nextInCell: Int32Array, repOf: Int32Array, firstOf: Int32Array, floats: Float32Array,
  x: number, y: number, z: number, tolerance: number, best: number,
): number {
  for (let d = head; d !== EMPTY; d = nextInCell[d]) {
    const r = repOf[d];
    if (firstOf[r] !== d || (best >= 0 && r >= best)) continue; // not a representative, or not earlier
    if (Math.abs(floats[d * 3] - x) <= tolerance && Math.abs(floats[d * 3 + 1] - y) <= tolerance && Math.abs(floats[d * 3 + 2] - z) <= tolerance) best = r;
  }
  return best;
}

/** A fresh cell table for the first `distinct` corners, each list newest first as if inserted in order. */
function rebuildCells(floats: Float32Array, distinct: number, nextInCell: Int32Array, size: number, inverse: number): Int32Array {
  const slots = new Int32Array(size * 2).fill(EMPTY);
  const mask = size - 1;
  for (let d = 0; d < distinct; d++) {
    const cx = Math.floor(floats[d * 3] * inverse);
    const cy = Math.floor(floats[d * 3 + 1] * inverse);
    const cz = Math.floor(floats[d * 3 + 2] * inverse);
    const found = findCell(slots, mask, floats, inverse, cx, cy, cz);
    const slot = found < 0 ? ~found : found;
    nextInCell[d] = slots[slot * 2 + 1];
    slots[slot * 2] = hashBits(cx, cy, cz);
    slots[slot * 2 + 1] = d;
  }
  return slots;
}
