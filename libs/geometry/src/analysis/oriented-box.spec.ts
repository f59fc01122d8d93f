import fc from 'fast-check';
import { convexHull } from './oriented-box';

const coordinate = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constant(-0));

/** Reference: Andrew's monotone chain over a stable comparator sort, strict corners only, from the lowest (x, y). */
function monotoneChain(px: Float64Array, py: Float64Array): number[] {
  const sorted = Array.from(px.keys()).sort((a, b) => px[a] - px[b] || py[a] - py[b]);
  const turn = (o: number, a: number, b: number): number => (px[a] - px[o]) * (py[b] - py[o]) - (py[a] - py[o]) * (px[b] - px[o]);
  const lower: number[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && turn(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: number[] = [];
  for (const p of sorted.reverse()) {
    while (upper.length >= 2 && turn(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

const corners = (hull: number[], px: Float64Array, py: Float64Array): string[] => hull.map((i) => `${px[i] + 0},${py[i] + 0}`);

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

  it('finds the same corners, in the same order, as a monotone chain (grids, duplicates, collinear runs, −0)', () => {
    // coordinates whose cross products are exact, so both algorithms see the same orientations
    const exact = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -8000, max: 8000 }).map((k) => k / 8), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(fc.tuple(exact, exact), { minLength: 2, maxLength: 200 }), (points) => {
        const px = Float64Array.from(points, ([x]) => x);
        const py = Float64Array.from(points, ([, y]) => y);
        const expected = corners(monotoneChain(px, py), px, py);
        // all points equal: the chain repeats the point, the hull gives it once
        expect(corners(convexHull(px, py), px, py)).toEqual(new Set(expected).size === 1 ? expected.slice(0, 1) : expected);
      }),
      { numRuns: 500 },
    );
  });
});

