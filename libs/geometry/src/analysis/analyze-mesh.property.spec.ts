import fc from 'fast-check';
import type { Mesh } from '../geometry.types';
import { box, exactMeasures, invert, merge, removeFaces, sphere, toMesh, torus, transform, unweld, type TestMesh } from '../__fixtures__/solids';
import { analyzeMesh } from './analyze-mesh';

const analyze = (solid: TestMesh) => analyzeMesh(toMesh(solid) as Mesh);

const solids: Array<{ name: string; mesh: TestMesh; volume: number }> = [
  { name: 'box', mesh: box(12, 7, 3), volume: 252 },
  { name: 'sphere', mesh: sphere(6, 40, 20), volume: exactMeasures(sphere(6, 40, 20)).volume },
  { name: 'torus', mesh: torus(10, 3, 48, 24), volume: exactMeasures(torus(10, 3, 48, 24)).volume },
  { name: 'box with cavity', mesh: merge(box(10, 10, 10), invert(box(4, 4, 4, [3, 3, 3]))), volume: 936 },
];

const angle = fc.double({ min: -Math.PI, max: Math.PI, noNaN: true });
const offset = fc.double({ min: -100, max: 100, noNaN: true });
const solidArb = fc.constantFrom(...solids);

describe('analyzeMesh properties', () => {
  it('volume, area and watertightness do not change under rotation and translation', () => {
    fc.assert(
      fc.property(solidArb, fc.tuple(angle, angle, angle), fc.tuple(offset, offset, offset), (solid, angles, shift) => {
        const r = analyze(transform(solid.mesh, angles, shift));
        expect(Math.abs(r.volumeMm3 - solid.volume) / solid.volume).toBeLessThan(1e-4);
        expect(r.watertight).toBe(true);
        expect(r.inconsistentWindingEdges).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('volume scales with the cube of a uniform scale', () => {
    fc.assert(
      fc.property(solidArb, fc.double({ min: 0.01, max: 100, noNaN: true }), (solid, scale) => {
        const r = analyze(transform(solid.mesh, [0, 0, 0], [0, 0, 0], scale));
        expect(Math.abs(r.volumeMm3 - solid.volume * scale ** 3) / (solid.volume * scale ** 3)).toBeLessThan(1e-4);
      }),
      { numRuns: 40 },
    );
  });

  it('a closed solid is watertight, stays so when its vertices are split, and is not once a face is missing', () => {
    fc.assert(
      fc.property(solidArb, fc.nat(), fc.boolean(), (solid, pick, split) => {
        const mesh = split ? unweld(solid.mesh) : solid.mesh;
        expect(analyze(mesh).watertight).toBe(true);
        const faces = mesh.indices.length / 3;
        const open = analyze(removeFaces(mesh, [pick % faces]));
        expect(open.watertight).toBe(false);
        expect(open.boundaryEdges).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: 40 },
    );
  });

  it('an inside-out copy has the same volume', () => {
    fc.assert(
      fc.property(solidArb, fc.tuple(angle, angle, angle), (solid, angles) => {
        const r = analyze(invert(transform(solid.mesh, angles, [0, 0, 0])));
        expect(Math.abs(r.volumeMm3 - solid.volume) / solid.volume).toBeLessThan(1e-4);
      }),
      { numRuns: 30 },
    );
  });

  it('never throws on arbitrary triangle soups, and never reports negative volume', () => {
    const coordinate = fc.double({ min: -1e3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coordinate, coordinate, coordinate), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 120 }),
        (points, picks) => {
          const indices = picks.slice(0, picks.length - (picks.length % 3)).map((p) => p % points.length);
          const r = analyze({ positions: points.flat(), indices });
          expect(r.volumeMm3).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(r.surfaceAreaMm2)).toBe(true);
          expect(r.triangles).toBe(indices.length / 3);
        },
      ),
      { numRuns: 200 },
    );
  });
});
