import fc from 'fast-check';
import { convexHull, sortByXThenY } from './oriented-box';

const coordinate = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constant(-0));

describe('sortByXThenY', () => {
  it('orders exactly as a stable comparator sort by x, then y, including −0, duplicates and negatives', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(coordinate, coordinate), { maxLength: 300 }), (points) => {
        const px = Float64Array.from(points, ([x]) => x);
        const py = Float64Array.from(points, ([, y]) => y);
        const order = Int32Array.from(points.keys());
        const expected = Array.from(order).sort((a, b) => px[a] - px[b] || py[a] - py[b]);
        expect(Array.from(sortByXThenY(order, px, py))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('convexHull', () => {
  it('keeps every point on or inside the hull and returns a counter-clockwise polygon of input points', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(coordinate, coordinate), { minLength: 3, maxLength: 200 }), (points) => {
        const px = Float64Array.from(points, ([x]) => x);
        const py = Float64Array.from(points, ([, y]) => y);
        const hull = convexHull(px, py);
        for (let e = 0; e < hull.length && hull.length >= 3; e++) {
          const a = hull[e];
          const b = hull[(e + 1) % hull.length];
          const scale = Math.max(1, ...points.map(([x, y]) => Math.abs(x) + Math.abs(y)));
          for (let i = 0; i < points.length; i++) {
            const cross = (px[b] - px[a]) * (py[i] - py[a]) - (py[b] - py[a]) * (px[i] - px[a]);
            expect(cross).toBeGreaterThanOrEqual(-1e-9 * scale * scale);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
