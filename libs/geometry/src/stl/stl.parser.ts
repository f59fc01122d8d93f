import { GeometryParseError, formatBytes, formatCount } from '../geometry.errors';
import type { Mesh } from '../geometry.types';
import { DEFAULT_MAX_TRIANGLES, DedupMeshBuilder } from '../mesh/mesh-builder';
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
 * Reads a binary STL straight from the buffer with a DataView: coordinates are hashed by their bit patterns
 * to share vertices, normals and the 2 attribute bytes (often garbage) are skipped.
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
  const builder = new DedupMeshBuilder(declared, maxTriangles);
  for (let t = 0, offset = HEADER_BYTES + 12; t < declared; t++, offset += TRIANGLE_BYTES) {
    const a = builder.addVertexBits(view.getInt32(offset, true), view.getInt32(offset + 4, true), view.getInt32(offset + 8, true));
    const b = builder.addVertexBits(view.getInt32(offset + 12, true), view.getInt32(offset + 16, true), view.getInt32(offset + 20, true));
    const c = builder.addVertexBits(view.getInt32(offset + 24, true), view.getInt32(offset + 28, true), view.getInt32(offset + 32, true));
    if ((a | b | c) < 0) {
      throw new GeometryParseError(
        'NON_FINITE_COORDINATE',
        `STL triangle ${formatCount(t + 1)} has a coordinate that is not a finite number (NaN or infinity); repair or re-export the mesh.`,
      );
    }
    builder.addTriangle(a, b, c);
  }
  return builder.build('stl-binary', null);
}
