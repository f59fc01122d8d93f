import { GeometryParseError, formatCount } from '../geometry.errors';
import type { Mesh } from '../geometry.types';
import { DEFAULT_MAX_TRIANGLES, DedupMeshBuilder } from '../mesh/mesh-builder';
import { ByteScanner } from '../text/byte-scanner';
import type { StlParseOptions } from './stl.parser';

const MAX_LOOP_VERTICES = 1024;

/**
 * ASCII STL: `solid name / facet normal … / outer loop / vertex x y z ×3 / endloop / endfacet / endsolid`.
 * Keywords in any case, any whitespace, several solids per file. Loops with more than three vertices (some
 * exporters write quads) are fan-triangulated.
 */
export function parseAsciiStl(bytes: Uint8Array, options: StlParseOptions = {}): Mesh {
  const scanner = new ByteScanner(bytes);
  const builder = new DedupMeshBuilder(Math.ceil(bytes.length / 250), options.maxTriangles ?? DEFAULT_MAX_TRIANGLES);
  const loop: number[] = [];
  let solids = 0;

  const fail = (expected: string): never => {
    throw new GeometryParseError(
      'STL_SYNTAX',
      `ASCII STL line ${formatCount(scanner.lineAt())}: expected ${expected} but found ${scanner.excerpt()}. The file is damaged or not an STL; export it again.`,
    );
  };
  const expectKeyword = (keyword: string): void => {
    scanner.skipWhitespace();
    if (!scanner.peekKeyword(keyword)) fail(`"${keyword}"`);
    scanner.pos += keyword.length;
  };
  const readCoordinate = (): number => {
    scanner.skipInlineSpace();
    const value = scanner.readNumber();
    if (Number.isNaN(value)) fail('a number');
    if (!Number.isFinite(value)) {
      throw new GeometryParseError('NON_FINITE_COORDINATE', `ASCII STL line ${formatCount(scanner.lineAt())} has a coordinate that is not a finite number.`);
    }
    return value;
  };

  scanner.skipWhitespace();
  if (bytes[scanner.pos] === 0xef) scanner.pos += 3; // UTF-8 byte order mark
  for (;;) {
    scanner.skipWhitespace();
    if (scanner.atEnd) break;
    if (!scanner.peekKeyword('solid')) fail('"solid"');
    solids++;
    scanner.skipLine(); // the solid's name, whatever it is
    for (;;) {
      scanner.skipWhitespace();
      if (scanner.atEnd) fail('"endsolid"');
      if (scanner.peekKeyword('endsolid')) {
        scanner.skipLine();
        break;
      }
      expectKeyword('facet');
      scanner.skipLine(); // "normal nx ny nz": recomputed from the vertices, never trusted
      expectKeyword('outer');
      expectKeyword('loop');
      loop.length = 0;
      for (;;) {
        scanner.skipWhitespace();
        if (scanner.peekKeyword('endloop')) {
          scanner.pos += 7;
          break;
        }
        expectKeyword('vertex');
        const x = readCoordinate();
        const y = readCoordinate();
        const z = readCoordinate();
        if (loop.length >= MAX_LOOP_VERTICES) fail('"endloop"');
        loop.push(builder.addVertex(x, y, z));
      }
      if (loop.length < 3) fail('three vertices per facet');
      for (let i = 1; i + 1 < loop.length; i++) builder.addTriangle(loop[0], loop[i], loop[i + 1]);
      expectKeyword('endfacet');
    }
  }
  if (solids === 0 || builder.triangleCount === 0) {
    throw new GeometryParseError('NO_TRIANGLES', 'The ASCII STL holds no facets: there is no geometry to analyse.');
  }
  return builder.build('stl-ascii', null);
}
