import { GeometryParseError, formatBytes, formatCount } from '../geometry.errors';
import type { Mesh } from '../geometry.types';
import { DEFAULT_MAX_TRIANGLES, EXPONENT_MASK, NEGATIVE_ZERO, hashBits, markEveryVertexUsed } from '../mesh/mesh-builder';
import { parseAsciiStl } from './stl-ascii.parser';

const HEADER_BYTES = 84;
const TRIANGLE_BYTES = 50;

export interface StlParseOptions {
  maxTriangles?: number;
}

/**
 * Binary or ASCII? The header is no help (binary exporters happily write "solid" into it), so the size rule
 * decides: a binary STL is exactly 84 + 50·n bytes. A file that satisfies it is binary unless its body is
 * plainly ASCII STL text.
 */
export function isBinaryStl(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_BYTES) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getUint32(80, true);
  if (HEADER_BYTES + TRIANGLE_BYTES * declared !== bytes.length) return false;
  return !(startsWithSolid(bytes) && looksLikeAsciiStl(bytes));
}

export function startsWithSolid(bytes: Uint8Array): boolean {
  let p = 0;
  while (p < bytes.length && p < 512 && (bytes[p] === 0x20 || bytes[p] === 0x09 || bytes[p] === 0x0d || bytes[p] === 0x0a || bytes[p] === 0xef || bytes[p] === 0xbb || bytes[p] === 0xbf)) p++;
  const word = Buffer.from(bytes.buffer, bytes.byteOffset + p, Math.min(5, bytes.length - p)).toString('latin1');
  return word.toLowerCase() === 'solid';
}

export function looksLikeAsciiStl(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 4096);
  for (let i = 0; i < sample; i++) {
    const c = bytes[i];
    if (c < 0x09 || (c > 0x0d && c < 0x20) || c > 0x7e) return false;
  }
  return /facet|endsolid/i.test(Buffer.from(bytes.buffer, bytes.byteOffset, sample).toString('latin1'));
}

export function parseStl(bytes: Uint8Array, options: StlParseOptions = {}): Mesh {
  if (bytes.length === 0) throw new GeometryParseError('EMPTY_FILE', 'The STL file is empty (0 bytes); export the part again.');
  if (isBinaryStl(bytes)) return parseBinaryStl(bytes, options);
  if (startsWithSolid(bytes) && (looksLikeAsciiStl(bytes) || bytes.length < HEADER_BYTES)) return parseAsciiStl(bytes, options);
  return parseBinaryStl(bytes, options); // a "solid" header over binary data: report the size mismatch
}

/**
 * Reads a binary STL straight from the buffer with a DataView, sharing bit-identical corners as it goes (see
 * `readSharedCorners`); normals and the 2 attribute bytes (often garbage) are skipped.
 */
export function parseBinaryStl(bytes: Uint8Array, options: StlParseOptions = {}): Mesh {
  if (bytes.length < HEADER_BYTES) {
    throw new GeometryParseError(
      'STL_SIZE_MISMATCH',
      `The file is ${formatBytes(bytes.length)}, too short to be a binary STL (the header alone is 84 bytes) and it does not start with "solid" like an ASCII STL.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getUint32(80, true);
  const expected = HEADER_BYTES + TRIANGLE_BYTES * declared;
  if (expected !== bytes.length) {
    const held = Math.max(0, Math.floor((bytes.length - HEADER_BYTES) / TRIANGLE_BYTES));
    throw new GeometryParseError(
      'STL_SIZE_MISMATCH',
      `STL declares ${formatCount(declared)} triangles but the file holds ${formatCount(held)} (84 + 50·n bytes expected: ${formatCount(expected)}, got ${formatCount(bytes.length)}). The file is truncated or not a binary STL; export it again.`,
    );
  }
  if (declared === 0) throw new GeometryParseError('NO_TRIANGLES', 'The STL file declares 0 triangles: there is no geometry to analyse.');
  const maxTriangles = options.maxTriangles ?? DEFAULT_MAX_TRIANGLES;
  if (declared > maxTriangles) {
    throw new GeometryParseError(
      'TOO_MANY_TRIANGLES',
      `The STL has ${formatCount(declared)} triangles, more than the ${formatCount(maxTriangles)} Partsmith analyses; decimate it in your CAD tool and upload again.`,
    );
  }
  return readSharedCorners(bytes, declared);
}

/** Recently seen vertices, by hash: exporters write neighbouring triangles close together in the file. */
const RECENT_SLOTS = 16384;

/**
 * One pass over the triangles. Corners are keyed by their float32 bit patterns (−0 read as +0) in an
 * open-addressing table of vertex ids; a small direct-mapped cache of recently seen vertices answers most
 * lookups before the table is touched, since a corner usually comes back within a few hundred triangles.
 */
function readSharedCorners(bytes: Uint8Array, triangles: number): Mesh {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const indices = new Uint32Array(triangles * 3);
  // A closed mesh has about half as many vertices as triangles: the table starts at least twice that, so at
  // most half full, and grows (as do the vertices) when a triangle soup proves the estimate wrong.
  let bits = new Int32Array(Math.max(64, Math.ceil(triangles * 0.6)) * 3);
  let size = 1024;
  while (size < triangles) size *= 2;
  let table: Int32Array = new Int32Array(size);
  let mask = size - 1;
  const recent = new Int32Array(RECENT_SLOTS);
  let vertexCount = 0;
  for (let t = 0, o = HEADER_BYTES + 12, i = 0; t < triangles; t++, o += TRIANGLE_BYTES - 36) {
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
      const h = hashBits(x, y, z);
      const seen = recent[h & (RECENT_SLOTS - 1)] - 1;
      if (seen >= 0 && bits[seen * 3] === x && bits[seen * 3 + 1] === y && bits[seen * 3 + 2] === z) {
        indices[i] = seen;
        continue;
      }
      let slot = h & mask;
      let id = -1;
      for (let entry = table[slot]; entry !== 0; entry = table[slot]) {
        const base = (entry - 1) * 3;
        if (bits[base] === x && bits[base + 1] === y && bits[base + 2] === z) {
          id = entry - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (id < 0) {
        id = vertexCount++;
        if (id * 3 + 3 > bits.length) {
          const grown = new Int32Array(bits.length * 2);
          grown.set(bits);
          bits = grown;
        }
        bits[id * 3] = x;
        bits[id * 3 + 1] = y;
        bits[id * 3 + 2] = z;
        table[slot] = id + 1;
        if (vertexCount * 2 > size) {
          size *= 2;
          mask = size - 1;
          table = rehash(bits, vertexCount, size);
        }
      }
      recent[h & (RECENT_SLOTS - 1)] = id + 1;
      indices[i] = id;
    }
  }
  const capacity = bits.length / 3;
  const floats = new Float32Array(bits.buffer);
  const mesh: Mesh = {
    format: 'stl-binary',
    // a view when little of the buffer is spare: a copy would hold both until the next collection
    positions: vertexCount * 4 >= capacity * 3 ? floats.subarray(0, vertexCount * 3) : floats.slice(0, vertexCount * 3),
    indices,
    declaredUnit: null,
    notes: [],
  };
  markEveryVertexUsed(mesh);
  return mesh;
}

function rehash(bits: Int32Array, vertexCount: number, size: number): Int32Array {
  const table = new Int32Array(size);
  const mask = size - 1;
  for (let v = 0; v < vertexCount; v++) {
    let slot = hashBits(bits[v * 3], bits[v * 3 + 1], bits[v * 3 + 2]) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = v + 1;
  }
  return table;
}
