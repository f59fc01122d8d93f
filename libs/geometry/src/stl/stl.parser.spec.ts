import { GeometryParseError } from '../geometry.errors';
import { box, exactMeasures, sphere, unweld } from '../__fixtures__/solids';
import { toAsciiStl, toBinaryStl } from '../__fixtures__/writers';
import { isBinaryStl, parseStl } from './stl.parser';
import { quickBinaryStlMeasures } from './stl-measures';

function parseError(run: () => unknown): GeometryParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof GeometryParseError) return error;
    throw error;
  }
  throw new Error('expected a GeometryParseError');
}

describe('binary STL', () => {
  it('reads a file whose header starts with "solid" as binary because the size rule holds', () => {
    const bytes = toBinaryStl(box(10, 20, 30), 'solid cube exported by a CAD tool that lies');
    expect(isBinaryStl(bytes)).toBe(true);
    const mesh = parseStl(bytes);
    expect(mesh.format).toBe('stl-binary');
    expect(mesh.indices.length / 3).toBe(12);
  });

  it('shares bit-identical corners, so a closed box has 8 vertices', () => {
    const mesh = parseStl(toBinaryStl(unweld(box(1, 1, 1))));
    expect(mesh.positions.length / 3).toBe(8);
  });

  it('ignores the attribute bytes', () => {
    const bytes = toBinaryStl(box(1, 2, 3));
    const noisy = Buffer.from(bytes);
    for (let t = 0; t < 12; t++) noisy.writeUInt16LE(0xbeef, 84 + 50 * t + 48);
    expect(parseStl(noisy).positions).toEqual(parseStl(bytes).positions);
  });

  it('names the declared and actual triangle counts when the file is truncated', () => {
    const bytes = toBinaryStl(sphere(5, 24, 12));
    const error = parseError(() => parseStl(bytes.subarray(0, bytes.length - 60)));
    expect(error.code).toBe('STL_SIZE_MISMATCH');
    expect(error.message).toMatch(/STL declares 528 triangles but the file holds 526 \(84 \+ 50·n bytes expected/);
  });

  it('rejects NaN coordinates', () => {
    const bytes = toBinaryStl(box(1, 1, 1));
    bytes.writeFloatLE(NaN, 84 + 50 * 3 + 16);
    const error = parseError(() => parseStl(bytes));
    expect(error.code).toBe('NON_FINITE_COORDINATE');
    expect(error.message).toContain('triangle 4');
  });

  it('rejects an empty file and a zero-triangle file', () => {
    expect(parseError(() => parseStl(new Uint8Array(0))).code).toBe('EMPTY_FILE');
    const header = Buffer.alloc(84);
    expect(parseError(() => parseStl(header)).code).toBe('NO_TRIANGLES');
  });

  it('refuses more triangles than the cap before allocating', () => {
    const bytes = toBinaryStl(sphere(5, 24, 12));
    expect(parseError(() => parseStl(bytes, { maxTriangles: 100 })).code).toBe('TOO_MANY_TRIANGLES');
  });
});

describe('ASCII STL', () => {
  it('reads several solids, mixed-case keywords, CRLF, tabs and exponents', () => {
    const bytes = toAsciiStl([box(1, 1, 1), box(2, 2, 2, [5, 0, 0])]);
    expect(isBinaryStl(bytes)).toBe(false);
    const mesh = parseStl(bytes);
    expect(mesh.format).toBe('stl-ascii');
    expect(mesh.indices.length / 3).toBe(24);
    expect(mesh.positions.length / 3).toBe(16);
    expect(Math.max(...mesh.positions)).toBe(7);
  });

  it('fan-triangulates a facet with four vertices', () => {
    const text = `solid quad
facet normal 0 0 1
 outer loop
  vertex 0 0 0
  vertex 1 0 0
  vertex 1 1 0
  vertex 0 1 0
 endloop
endfacet
endsolid quad
`;
    expect(parseStl(Buffer.from(text)).indices).toEqual(Uint32Array.from([0, 1, 2, 0, 2, 3]));
  });

  it('parses scientific notation exactly enough for float32', () => {
    const text = 'solid s\nfacet normal 0 0 0\nouter loop\nvertex 1.5E+02 -2.5e-3 +7\nvertex 0 0 0\nvertex 1 0 0\nendloop\nendfacet\nendsolid\n';
    const mesh = parseStl(Buffer.from(text));
    expect(Array.from(mesh.positions.slice(0, 3))).toEqual([150, Math.fround(-0.0025), 7]);
  });

  it('names the line and what it expected when a keyword is missing', () => {
    const text = 'solid s\nfacet normal 0 0 0\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertexx 1 1 0\nendloop\nendfacet\nendsolid\n';
    const error = parseError(() => parseStl(Buffer.from(text)));
    expect(error.code).toBe('STL_SYNTAX');
    expect(error.message).toMatch(/line 6: expected "vertex"/);
  });

  it('reports a missing endsolid instead of hanging', () => {
    const text = toAsciiStl([box(1, 1, 1)], false).toString().replace(/endsolid.*\n$/, '');
    expect(parseError(() => parseStl(Buffer.from(text))).code).toBe('STL_SYNTAX');
  });

  it('reports a non-numeric coordinate', () => {
    const text = 'solid s\nfacet normal 0 0 0\nouter loop\nvertex 0 zero 0\n';
    expect(parseError(() => parseStl(Buffer.from(text))).message).toMatch(/line 4: expected a number/);
  });

  it('keeps several solids separate only by position: same corners are shared across blocks', () => {
    const mesh = parseStl(toAsciiStl([box(1, 1, 1), box(1, 1, 1)]));
    expect(mesh.positions.length / 3).toBe(8);
    expect(mesh.indices.length / 3).toBe(24);
  });
});

describe('quickBinaryStlMeasures', () => {
  it('agrees with the exact polyhedron for a closed mesh', () => {
    const solid = sphere(7, 64, 32);
    const quick = quickBinaryStlMeasures(toBinaryStl(solid));
    const exact = exactMeasures(solid);
    expect(quick.triangles).toBe(solid.indices.length / 3);
    expect(quick.volume / exact.volume).toBeCloseTo(1, 5);
    expect(quick.area / exact.area).toBeCloseTo(1, 5);
    expect(quick.max[2]).toBeCloseTo(7, 5);
  });

  it('refuses what is not a binary STL', () => {
    expect(() => quickBinaryStlMeasures(toAsciiStl([box(1, 1, 1)]))).toThrow(GeometryParseError);
  });
});
