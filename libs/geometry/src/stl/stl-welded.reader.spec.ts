import fc from 'fast-check';
import { analyzeMesh } from '../analysis/analyze-mesh';
import { weldVertices } from '../analysis/weld';
import { analyzeFile } from '../analyze-file';
import { parseMesh } from '../parse-mesh';
import { box, flipFaces, invert, merge, removeFaces, sphere, torus, transform, unweld, type TestMesh } from '../__fixtures__/solids';
import { toBinaryStl } from '../__fixtures__/writers';
import { binaryStlBounds, readWeldedBinaryStl } from './stl-welded.reader';
import { parseBinaryStl } from './stl.parser';

const triangles = (bytes: Uint8Array): number => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true);

describe('readWeldedBinaryStl', () => {
  it('welds in the parse exactly as weldVertices does after it: soups, jittered copies, dense clusters, −0', () => {
    const tolerance = 1e-3;
    // corners on a lattice 0.6 tolerances apart, jittered copies of them, and −0: several representatives in reach
    const coordinate = fc.oneof(fc.integer({ min: -5, max: 5 }).map((k) => k * 0.6 * tolerance), fc.constant(-0), fc.double({ min: -1, max: 1, noNaN: true }));
    const corner = fc.tuple(coordinate, coordinate, coordinate);
    fc.assert(
      fc.property(fc.array(fc.tuple(corner, corner, corner), { minLength: 1, maxLength: 120 }), fc.double({ min: -100, max: 100, noNaN: true }), (faces, shift) => {
        const positions = faces.flat().flatMap(([x, y, z]) => [x + shift, y, z]);
        const soup: TestMesh = { positions, indices: positions.map((_, i) => i).slice(0, positions.length / 3) };
        const bytes = toBinaryStl(soup);
        const parsed = parseBinaryStl(bytes);
        const expected = weldVertices(parsed.positions, parsed.indices, tolerance);
        const fused = readWeldedBinaryStl(bytes, triangles(bytes), tolerance);
        expect(fused.vertexCount).toBe(expected.vertexCount);
        expect(Array.from(fused.positions)).toEqual(Array.from(expected.positions.subarray(0, expected.vertexCount * 3)));
        expect(Array.from(fused.indices)).toEqual(Array.from(expected.indices));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the bounding box of every corner, and refuses NaN', () => {
    const bytes = toBinaryStl(box(3, 4, 5, [-1, 2, -3]));
    expect(binaryStlBounds(bytes, 12)).toEqual({ min: [-1, 2, -3], max: [2, 6, 2] });
    const broken = Buffer.from(bytes);
    broken.writeFloatLE(NaN, 84 + 50 * 5 + 16);
    expect(binaryStlBounds(broken, 12)).toBeNull();
  });
});

describe('analyzeFile on binary STL (parse and weld in one pass)', () => {
  const meshes: Array<[string, TestMesh]> = [
    ['closed sphere', sphere(8, 48, 24)],
    ['torus written as a soup with jittered corners', unweld(torus(10, 3, 40, 20), 1e-7, 7)],
    ['box with an inverted cavity and a flipped face', flipFaces(merge(box(10, 10, 10), invert(box(4, 4, 4, [3, 3, 3]))), [3])],
    ['open, rotated sphere', transform(removeFaces(sphere(5, 24, 12), [0, 5, 40]), [0.3, 0.2, 0.1], [40, -7, 3])],
    ['non-manifold: a face written twice', { positions: box(2, 2, 2).positions, indices: [...box(2, 2, 2).indices, 0, 2, 1] }],
  ];

  it.each(meshes)('reports the same as analyzeMesh(parseMesh(…)): %s', async (_name, mesh) => {
    const bytes = toBinaryStl(mesh);
    for (const options of [{ process: 'fdm' as const }, { units: 'in' as const, process: 'sla' as const }, { weldToleranceMm: 0.01 }]) {
      expect(await analyzeFile(bytes, 'part.stl', options)).toEqual(analyzeMesh(await parseMesh(bytes, 'part.stl'), options));
    }
  });

  it('leaves bad files to the parser and its errors', async () => {
    const bytes = toBinaryStl(box(1, 1, 1));
    const broken = Buffer.from(bytes);
    broken.writeFloatLE(Infinity, 84 + 50 * 2 + 24);
    await expect(analyzeFile(broken, 'part.stl')).rejects.toMatchObject({ code: 'NON_FINITE_COORDINATE', message: expect.stringMatching(/triangle 3 /) });
    await expect(analyzeFile(bytes, 'part.stl', { parse: { maxTriangles: 10 } })).rejects.toMatchObject({ code: 'TOO_MANY_TRIANGLES' });
    await expect(analyzeFile(bytes.subarray(0, bytes.length - 1), 'part.stl')).rejects.toMatchObject({ code: 'STL_SIZE_MISMATCH' });
  });
});
