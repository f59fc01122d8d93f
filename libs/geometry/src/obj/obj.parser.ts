import { GeometryParseError, formatCount } from '../geometry.errors';
import type { Mesh } from '../geometry.types';
import { DEFAULT_MAX_TRIANGLES, GrowableFloat32, GrowableUint32 } from '../mesh/mesh-builder';
import { ByteScanner } from '../text/byte-scanner';

export interface ObjParseOptions {
  maxTriangles?: number;
}

const MAX_FACE_VERTICES = 4096;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const LF = 0x0a;

/**
 * Wavefront OBJ geometry: `v x y z [w]`, and `f` with 1-based or negative (relative) indices in the forms
 * `v`, `v/vt`, `v//vn`, `v/vt/vn`. Polygons are fan-triangulated. Groups, objects, materials, texture
 * coordinates and normals do not change the solid and are skipped. A trailing backslash joins lines.
 */
export function parseObj(bytes: Uint8Array, options: ObjParseOptions = {}): Mesh {
  const maxTriangles = options.maxTriangles ?? DEFAULT_MAX_TRIANGLES;
  const source = hasContinuations(bytes) ? joinContinuedLines(bytes) : bytes;
  const scanner = new ByteScanner(source);
  const positions = new GrowableFloat32(Math.max(1024, Math.ceil(source.length / 30)));
  const indices = new GrowableUint32(Math.max(1024, Math.ceil(source.length / 15)));
  const polygon: number[] = [];
  let vertexCount = 0;

  const fail = (code: 'OBJ_SYNTAX' | 'INDEX_OUT_OF_RANGE' | 'NON_FINITE_COORDINATE', problem: string): never => {
    throw new GeometryParseError(code, `OBJ line ${formatCount(scanner.lineAt())}: ${problem}`);
  };

  while (!scanner.atEnd) {
    scanner.skipWhitespace();
    if (scanner.atEnd) break;
    const keyword = scanner.readWord(16);
    if (keyword === 'v') {
      const xyz = [0, 0, 0];
      for (let k = 0; k < 3; k++) {
        scanner.skipInlineSpace();
        const value = scanner.readNumber();
        if (Number.isNaN(value)) fail('OBJ_SYNTAX', `a vertex needs three numbers, found ${scanner.excerpt()}.`);
        if (!Number.isFinite(value)) fail('NON_FINITE_COORDINATE', 'a vertex coordinate is not a finite number.');
        xyz[k] = value;
      }
      positions.push3(xyz[0], xyz[1], xyz[2]);
      vertexCount++;
      scanner.skipLine(); // optional w or vertex colour
    } else if (keyword === 'f') {
      polygon.length = 0;
      for (;;) {
        scanner.skipInlineSpace();
        if (scanner.atLineEnd()) break;
        const raw = scanner.readNumber();
        if (!Number.isInteger(raw)) fail('OBJ_SYNTAX', `expected a vertex index in the face, found ${scanner.excerpt()}.`);
        // skip "/vt", "//vn", "/vt/vn"
        while (!scanner.atEnd && source[scanner.pos] === SLASH) {
          scanner.pos++;
          scanner.readNumber();
        }
        const resolved = raw < 0 ? vertexCount + raw : raw - 1;
        if (raw === 0 || resolved < 0 || resolved >= vertexCount) {
          fail(
            'INDEX_OUT_OF_RANGE',
            `face refers to vertex ${raw}, but ${raw === 0 ? 'OBJ indices start at 1' : `only ${formatCount(vertexCount)} vertices are defined so far`}.`,
          );
        }
        if (polygon.length >= MAX_FACE_VERTICES) fail('OBJ_SYNTAX', `a face has more than ${MAX_FACE_VERTICES} vertices.`);
        polygon.push(resolved);
      }
      if (polygon.length < 3) fail('OBJ_SYNTAX', `a face needs at least 3 vertices, found ${polygon.length}.`);
      if (indices.length / 3 + polygon.length - 2 > maxTriangles) {
        throw new GeometryParseError(
          'TOO_MANY_TRIANGLES',
          `The OBJ has more than ${formatCount(maxTriangles)} triangles, the most Partsmith analyses; decimate it and upload again.`,
        );
      }
      for (let i = 1; i + 1 < polygon.length; i++) indices.push3(polygon[0], polygon[i], polygon[i + 1]);
    } else {
      scanner.skipLine(); // comments, g, o, s, usemtl, mtllib, vt, vn, l, p …
    }
  }
  if (indices.length === 0) {
    throw new GeometryParseError('NO_TRIANGLES', 'The OBJ file has no faces ("f" lines): there is no surface to analyse.');
  }
  return { format: 'obj', positions: positions.toArray(), indices: indices.toArray(), declaredUnit: null, notes: [] };
}

function hasContinuations(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === BACKSLASH && (bytes[i + 1] === LF || (bytes[i + 1] === 0x0d && bytes[i + 2] === LF))) return true;
  }
  return false;
}

/** Replaces each "\\<newline>" with spaces so a continued statement reads as one line. */
function joinContinuedLines(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  for (let i = 0; i + 1 < copy.length; i++) {
    if (copy[i] !== BACKSLASH) continue;
    if (copy[i + 1] === LF) {
      copy[i] = 0x20;
      copy[i + 1] = 0x20;
    } else if (copy[i + 1] === 0x0d && copy[i + 2] === LF) {
      copy[i] = 0x20;
      copy[i + 1] = 0x20;
      copy[i + 2] = 0x20;
    }
  }
  return copy;
}
