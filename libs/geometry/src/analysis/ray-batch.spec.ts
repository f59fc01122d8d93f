import fc from 'fast-check';
import { box, merge, sphere, torus, transform, type TestMesh } from '../__fixtures__/solids';
import { RayBatch, intersect } from './ray-batch';

/** Reference: each ray against every triangle, the way a single cast would do it. */
function castOneByOne(positions: Float32Array, indices: Uint32Array, rays: number[][], length: number): number[] {
  return rays.map(([ox, oy, oz, dx, dy, dz, ignore]) => {
    let best = Infinity;
    for (let f = 0; f < indices.length / 3; f++) {
      if (f === ignore) continue;
      const [a, b, c] = [indices[f * 3] * 3, indices[f * 3 + 1] * 3, indices[f * 3 + 2] * 3];
      const t = intersect(positions[a], positions[a + 1], positions[a + 2], positions[b], positions[b + 1], positions[b + 2], positions[c], positions[c + 1], positions[c + 2], ox, oy, oz, dx, dy, dz);
      if (t < best && t <= length) best = t;
    }
    return best;
  });
}

const shapes: TestMesh[] = [
  sphere(5, 24, 12),
  merge(box(20, 20, 0.6), box(3, 3, 3, [5, 5, 1])),
  transform(torus(8, 0.5, 40, 12), [0.4, 0.2, 0.9], [3, -2, 1]),
  merge(box(100, 1, 1), box(0.2, 0.2, 50, [50, 0, 2])), // long and needle-like triangles next to small ones
];

describe('RayBatch', () => {
  it('finds, for every ray, exactly the nearest hit a one-by-one cast finds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...shapes.keys()),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0.05, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (shape, raw, length, cellHint) => {
          const mesh = shapes[shape];
          const positions = Float32Array.from(mesh.positions);
          const indices = Uint32Array.from(mesh.indices);
          const lo = [0, 1, 2].map((k) => Math.min(...mesh.positions.filter((_, i) => i % 3 === k)));
          const hi = [0, 1, 2].map((k) => Math.max(...mesh.positions.filter((_, i) => i % 3 === k)));
          const rays = raw.map(([u, v, w, dx, dy, dz], i) => {
            const d = Math.hypot(dx, dy, dz) || 1;
            return [lo[0] + u * (hi[0] - lo[0]), lo[1] + v * (hi[1] - lo[1]), lo[2] + w * (hi[2] - lo[2]), dx / d || 1, dy / d, dz / d, i % (indices.length / 3)];
          });
          const batch = new RayBatch(rays.length, length);
          for (const [ox, oy, oz, dx, dy, dz, ignore] of rays) batch.add(ox, oy, oz, dx, dy, dz, ignore);
          batch.cast(positions, indices, new Uint8Array(indices.length / 3), cellHint);
          expect(Array.from(batch.hits)).toEqual(castOneByOne(positions, indices, rays, length));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('measures the thickness of a plate from both faces and skips marked triangles', () => {
    const plate = box(10, 10, 0.4);
    const positions = Float32Array.from(plate.positions);
    const indices = Uint32Array.from(plate.indices);
    const batch = new RayBatch(3, 1);
    batch.add(5, 5, 0.4 - 1e-9, 0, 0, -1, -1); // from the top face, inward
    batch.add(5, 5, 1e-9, 0, 0, 1, -1); // from the bottom face, inward
    batch.add(5, 5, 0.2, 1, 0, 0, -1); // sideways inside the plate: the side wall is 5 away, beyond the length
    batch.cast(positions, indices, new Uint8Array(indices.length / 3), 0);
    expect(batch.hits[0]).toBeCloseTo(0.4, 6);
    expect(batch.hits[1]).toBeCloseTo(0.4, 6);
    expect(batch.hits[2]).toBe(Infinity);

    const skipAll = new RayBatch(1, 1);
    skipAll.add(5, 5, 0.4 - 1e-9, 0, 0, -1, -1);
    skipAll.cast(positions, indices, new Uint8Array(indices.length / 3).fill(1), 0);
    expect(skipAll.hits[0]).toBe(Infinity);
  });
});
