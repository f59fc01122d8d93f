import fc from 'fast-check';
import { weldVertices } from './weld';

/** Reference: each vertex snaps to the first earlier representative within tolerance (Chebyshev), O(n²). */
function naiveWeld(positions: Float32Array, indices: Uint32Array, tolerance: number) {
  const reps: number[] = [];
  const remap: number[] = [];
  for (let v = 0; v < positions.length / 3; v++) {
    const match = reps.findIndex((r) => [0, 1, 2].every((k) => Math.abs(positions[r * 3 + k] - positions[v * 3 + k]) <= tolerance));
    if (match >= 0) remap.push(match);
    else remap.push(reps.push(v) - 1);
  }
  return {
    vertexCount: reps.length,
    positions: Array.from(reps.flatMap((r) => [positions[r * 3], positions[r * 3 + 1], positions[r * 3 + 2]])),
    indices: Array.from(indices, (i) => remap[i]),
  };
}

describe('weldVertices', () => {
  it('matches a naive all-pairs weld on random clusters of near-identical vertices', () => {
    const tolerance = 1e-3;
    fc.assert(
      fc.property(
        // cluster centres on a lattice 8·tolerance apart, so each vertex has at most one representative in reach;
        // members jitter by at most tolerance / 3 around their centre
        fc.array(fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: 1, maxLength: 200 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (centres, members, shift) => {
          const points = members.map(([c, jx, jy, jz]) => {
            const [x, y, z] = centres[c % centres.length];
            return [shift + x * 8 * tolerance + (jx * tolerance) / 3, y * 8 * tolerance + (jy * tolerance) / 3, z * 8 * tolerance + (jz * tolerance) / 3];
          });
          const positions = Float32Array.from(points.flat());
          const indices = Uint32Array.from({ length: points.length * 3 }, (_, i) => (i * 7) % points.length);
          const expected = naiveWeld(positions, indices, tolerance);
          const result = weldVertices(positions, indices, tolerance);
          expect(result.vertexCount).toBe(expected.vertexCount);
          expect(Array.from(result.positions)).toEqual(expected.positions);
          expect(Array.from(result.indices)).toEqual(expected.indices);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('snaps to the earliest representative when several are within reach (dense points, any cell boundary)', () => {
    const tolerance = 1e-3;
    fc.assert(
      fc.property(
        // points 0.6 tolerances apart on a small lattice: a vertex often has two or more representatives in reach
        fc.array(fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }), fc.integer({ min: -2, max: 2 })), { minLength: 1, maxLength: 150 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (lattice, shift) => {
          const positions = Float32Array.from(lattice.flatMap(([x, y, z]) => [shift + x * 0.6 * tolerance, y * 0.6 * tolerance, z * 0.6 * tolerance]));
          const indices = Uint32Array.from({ length: lattice.length * 3 }, (_, i) => (i * 5) % lattice.length);
          const expected = naiveWeld(positions, indices, tolerance);
          const result = weldVertices(positions, indices, tolerance);
          expect(result.vertexCount).toBe(expected.vertexCount);
          expect(Array.from(result.positions)).toEqual(expected.positions);
          expect(Array.from(result.indices)).toEqual(expected.indices);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns the input arrays untouched when nothing is close enough to weld', () => {
    const positions = Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0]);
    const indices = Uint32Array.from([0, 1, 2]);
    const result = weldVertices(positions, indices, 1e-6);
    expect(result.positions).toBe(positions);
    expect(result.indices).toBe(indices);
  });
});
