import type { OrientedBoundingBox, Vec3 } from '../geometry.types';

/**
 * A tight oriented bounding box. Candidate "up" axes are the three world axes and the three principal axes of
 * the vertex cloud; for each, the points are projected onto the perpendicular plane, their convex hull taken
 * and the minimum-area enclosing rectangle found (it has a side on a hull edge). The smallest box wins. The
 * final extents are measured over every vertex, so the box always contains the part. On large meshes the
 * orientation is searched on an evenly strided subset of vertices (≤ 20,000), which bounds the cost.
 */
const MAX_EDGE_DIRECTIONS = 256;
/** Orientation is chosen on at most this many vertices (evenly strided); extents always use all of them. */
const MAX_ORIENTATION_POINTS = 20_000;

export function orientedBoundingBox(positions: Float32Array): OrientedBoundingBox {
  if (positions.length === 0) return { center: [0, 0, 0], axes: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], size: [0, 0, 0] };
  const sample = strided(positions, MAX_ORIENTATION_POINTS);
  const n = sample.length / 3;
  const candidates: Vec3[] = [[1, 0, 0], [0, 1, 0], [0, 0, 1], ...principalAxes(sample)];
  let best: { axes: [Vec3, Vec3, Vec3]; volume: number; girth: number } | null = null;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const scratch = new Int32Array(n);
  const range = new Float64Array(2);
  let tried = 0;
  for (const up of candidates) {
    // a principal axis that is exactly a world axis would only repeat the same search
    if (candidates.slice(0, tried++).some((c) => c[0] === up[0] && c[1] === up[1] && c[2] === up[2])) continue;
    const [u, v] = perpendicularBasis(up);
    const [ux, uy, uz] = u;
    const [vx, vy, vz] = v;
    const [wx, wy, wz] = up;
    projectOnto(sample, ux, uy, uz, vx, vy, vz, wx, wy, wz, px, py, range);
    const low = range[0];
    const high = range[1];
    const hull = convexHullInto(px, py, scratch);
    const rectangle = minimumAreaRectangle(px, py, hull);
    const cos = Math.cos(rectangle.angle);
    const sin = Math.sin(rectangle.angle);
    const a: Vec3 = [u[0] * cos + v[0] * sin, u[1] * cos + v[1] * sin, u[2] * cos + v[2] * sin];
    const b: Vec3 = [-u[0] * sin + v[0] * cos, -u[1] * sin + v[1] * cos, -u[2] * sin + v[2] * cos];
    const axes: [Vec3, Vec3, Vec3] = [a, b, up];
    // the rectangle's sides are the sample's extents along a and b (a linear function peaks at a hull vertex)
    const volume = rectangle.width * rectangle.depth * (high - low);
    const girth = rectangle.width + rectangle.depth + (high - low);
    // flat parts tie at zero volume: the smaller outline wins there
    if (!best || volume < best.volume * (1 - 1e-9) || (volume === 0 && best.volume === 0 && girth < best.girth * (1 - 1e-9))) best = { axes, volume, girth };
  }
  const chosen = (best as { axes: [Vec3, Vec3, Vec3] }).axes;
  const { min, size } = extents(positions, chosen);
  const order = [0, 1, 2].sort((i, j) => size[j] - size[i]);
  const center: Vec3 = [0, 0, 0];
  for (let k = 0; k < 3; k++) {
    const mid = min[k] + size[k] / 2;
    for (let c = 0; c < 3; c++) center[c] += chosen[k][c] * mid;
  }
  return {
    center,
    axes: order.map((k) => chosen[k]) as [Vec3, Vec3, Vec3],
    size: order.map((k) => size[k]) as Vec3,
  };
}

function strided(positions: Float32Array, maxPoints: number): Float32Array {
  const n = positions.length / 3;
  if (n <= maxPoints) return positions;
  const stride = n / maxPoints;
  const out = new Float32Array(maxPoints * 3);
  for (let i = 0; i < maxPoints; i++) {
    const v = Math.floor(i * stride) * 3;
    out[i * 3] = positions[v];
    out[i * 3 + 1] = positions[v + 1];
    out[i * 3 + 2] = positions[v + 2];
  }
  return out;
}

/**
 * Projects the sample onto u and v (into px, py) and w (its range into `range`). The hot loops of this file are
 * functions of their own, taking numbers and typed arrays: inside the larger functions, whose cold parts V8
 * optimises with little feedback and later abandons, they ran unoptimised on many calls.
 */
function projectOnto(
  sample: Float32Array, ux: number, uy: number, uz: number, vx: number, vy: number, vz: number, wx: number, wy: number, wz: number,
  px: Float64Array, py: Float64Array, range: Float64Array,
): void {
  const n = sample.length / 3;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const x = sample[j];
    const y = sample[j + 1];
    const z = sample[j + 2];
    px[i] = x * ux + y * uy + z * uz;
    py[i] = x * vx + y * vy + z * vz;
    const w = x * wx + y * wy + z * wz;
    if (w < low) low = w;
    if (w > high) high = w;
  }
  range[0] = low;
  range[1] = high;
}

function extents(positions: Float32Array, axes: [Vec3, Vec3, Vec3]): { min: Vec3; size: Vec3 } {
  const [[ax, ay, az], [bx, by, bz], [cx, cy, cz]] = axes;
  const range = new Float64Array(6);
  extentsAlong(positions, ax, ay, az, bx, by, bz, cx, cy, cz, range);
  const [loA, hiA, loB, hiB, loC, hiC] = range;
  return { min: [loA, loB, loC], size: [hiA - loA, hiB - loB, hiC - loC] };
}

/** Lowest and highest projection of every vertex on a, b and c, into `range` (low, high per axis). */
function extentsAlong(
  positions: Float32Array, ax: number, ay: number, az: number, bx: number, by: number, bz: number, cx: number, cy: number, cz: number, range: Float64Array,
): void {
  let loA = Infinity;
  let hiA = -Infinity;
  let loB = Infinity;
  let hiB = -Infinity;
  let loC = Infinity;
  let hiC = -Infinity;
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i];
    const y = positions[i + 1];
    const z = positions[i + 2];
    const a = x * ax + y * ay + z * az;
    const b = x * bx + y * by + z * bz;
    const c = x * cx + y * cy + z * cz;
    if (a < loA) loA = a;
    if (a > hiA) hiA = a;
    if (b < loB) loB = b;
    if (b > hiB) hiB = b;
    if (c < loC) loC = c;
    if (c > hiC) hiC = c;
  }
  range.set([loA, hiA, loB, hiB, loC, hiC]);
}

function perpendicularBasis(up: Vec3): [Vec3, Vec3] {
  const helper: Vec3 = Math.abs(up[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const u = normalise(cross(up, helper));
  return [u, cross(up, u)];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function normalise(a: Vec3): Vec3 {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
}

/** Eigenvectors of the vertex covariance (Jacobi rotations on the 3×3 symmetric matrix). */
export function principalAxes(positions: Float32Array): Vec3[] {
  const sums = new Float64Array(6);
  covarianceSums(positions, sums);
  const c = [sums[0], sums[1], sums[2], sums[1], sums[3], sums[4], sums[2], sums[4], sums[5]];
  const v = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  for (let sweep = 0; sweep < 32; sweep++) {
    const off = Math.abs(c[1]) + Math.abs(c[2]) + Math.abs(c[5]);
    if (off < 1e-15 * (Math.abs(c[0]) + Math.abs(c[4]) + Math.abs(c[8]) + 1e-300)) break;
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]]) {
      const apq = c[p * 3 + q];
      if (apq === 0) continue;
      const theta = (c[q * 3 + q] - c[p * 3 + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const cs = 1 / Math.sqrt(t * t + 1);
      const sn = t * cs;
      for (let k = 0; k < 3; k++) {
        const akp = c[k * 3 + p];
        const akq = c[k * 3 + q];
        c[k * 3 + p] = cs * akp - sn * akq;
        c[k * 3 + q] = sn * akp + cs * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = c[p * 3 + k];
        const aqk = c[q * 3 + k];
        c[p * 3 + k] = cs * apk - sn * aqk;
        c[q * 3 + k] = sn * apk + cs * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[k * 3 + p];
        const vkq = v[k * 3 + q];
        v[k * 3 + p] = cs * vkp - sn * vkq;
        v[k * 3 + q] = sn * vkp + cs * vkq;
      }
    }
  }
  return [0, 1, 2].map((k) => normalise([v[k], v[3 + k], v[6 + k]]));
}

/** Sums of xx, xy, xz, yy, yz, zz over the vertices, about their mean, into `sums` (zeroed by the caller). */
function covarianceSums(positions: Float32Array, sums: Float64Array): void {
  const n = positions.length / 3;
  let mx = 0;
  let my = 0;
  let mz = 0;
  for (let i = 0; i < positions.length; i += 3) {
    mx += positions[i];
    my += positions[i + 1];
    mz += positions[i + 2];
  }
  mx /= n;
  my /= n;
  mz /= n;
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i] - mx;
    const y = positions[i + 1] - my;
    const z = positions[i + 2] - mz;
    sums[0] += x * x;
    sums[1] += x * y;
    sums[2] += x * z;
    sums[3] += y * y;
    sums[4] += y * z;
    sums[5] += z * z;
  }
}

/**
 * Convex hull of the points (px[i], py[i]): vertex indices, counter-clockwise from the lowest-x (then lowest-y)
 * point, strict corners only. An Akl–Toussaint pass first drops points inside the octagon of extreme points
 * (usually the vast majority); quickhull then finds the corners among the rest without sorting them.
 */
export function convexHull(px: Float64Array, py: Float64Array): number[] {
  return convexHullInto(px, py, new Int32Array(px.length));
}

/** `convexHull` with caller-provided scratch space of at least `px.length` entries. */
function convexHullInto(px: Float64Array, py: Float64Array, kept: Int32Array): number[] {
  const n = px.length;
  const extremes = new Int32Array(8);
  const best = new Float64Array(8).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const x = px[i];
    const y = py[i];
    if (x > best[0]) { best[0] = x; extremes[0] = i; }
    if (y > best[1]) { best[1] = y; extremes[1] = i; }
    if (x + y > best[2]) { best[2] = x + y; extremes[2] = i; }
    if (x - y > best[3]) { best[3] = x - y; extremes[3] = i; }
    if (-x > best[4]) { best[4] = -x; extremes[4] = i; }
    if (-y > best[5]) { best[5] = -y; extremes[5] = i; }
    if (-x - y > best[6]) { best[6] = -x - y; extremes[6] = i; }
    if (y - x > best[7]) { best[7] = y - x; extremes[7] = i; }
  }
  // octagon in counter-clockwise angular order: +x, +x+y, +y, -x+y, -x, -x-y, -y, +x-y
  const ring = [0, 2, 1, 7, 4, 6, 5, 3].map((k) => extremes[k]);
  const polygon = ring.filter((p, i) => p !== ring[(i + ring.length - 1) % ring.length]);
  // each edge a→b as (ax, ay, bx − ax, by − ay): a point is strictly left when (bx − ax)(y − ay) − (by − ay)(x − ax) > 0
  const edges = polygon.length;
  const line = new Float64Array(edges * 4);
  for (let e = 0; e < edges; e++) {
    const a = polygon[e];
    const b = polygon[(e + 1) % edges];
    line[e * 4] = px[a];
    line[e * 4 + 1] = py[a];
    line[e * 4 + 2] = px[b] - px[a];
    line[e * 4 + 3] = py[b] - py[a];
  }
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = px[i];
    const y = py[i];
    let e = edges >= 3 ? 0 : edges;
    while (e < edges && line[e * 4 + 2] * (y - line[e * 4 + 1]) - line[e * 4 + 3] * (x - line[e * 4]) > 0) e++;
    if (e === edges && edges >= 3) continue; // strictly inside every edge
    kept[m++] = i;
  }
  if (m === 0) return [];
  // the lowest and highest points in (x, y) order; the first of equal points, as a stable sort would give
  let first = kept[0];
  let last = kept[0];
  for (let i = 1; i < m; i++) {
    const p = kept[i];
    if (px[p] < px[first] || (px[p] === px[first] && py[p] < py[first])) first = p;
    if (px[p] > px[last] || (px[p] === px[last] && py[p] > py[last])) last = p;
  }
  if (px[first] === px[last] && py[first] === py[last]) return [first];
  // lower chain: points right of first→last; upper chain: points right of last→first
  const split = partition(px, py, kept, 0, m, first, last, last, first);
  const hull: number[] = [first];
  chain(px, py, kept, first, last, 0, split.right, hull);
  hull.push(last);
  chain(px, py, kept, last, first, split.left, m, hull);
  return hull;
}

/**
 * Moves the points of `kept[lo, hi)` strictly right of a→b to the front and those strictly right of c→d to the
 * back; returns where the front group ends (`right`) and the back group starts (`left`).
 */
function partition(px: Float64Array, py: Float64Array, kept: Int32Array, lo: number, hi: number, a: number, b: number, c: number, d: number): { right: number; left: number } {
  const abx = px[b] - px[a];
  const aby = py[b] - py[a];
  const cdx = px[d] - px[c];
  const cdy = py[d] - py[c];
  let front = lo;
  let back = hi;
  for (let t = lo; t < back; ) {
    const q = kept[t];
    if (abx * (py[q] - py[a]) - aby * (px[q] - px[a]) < 0) {
      kept[t++] = kept[front];
      kept[front++] = q;
    } else if (cdx * (py[q] - py[c]) - cdy * (px[q] - px[c]) < 0) {
      kept[t] = kept[--back];
      kept[back] = q;
    } else {
      t++;
    }
  }
  return { right: front, left: back };
}

/**
 * Appends, in order, the hull corners strictly between a and b, given `kept[lo, hi)` = the points strictly right
 * of a→b (quickhull, with an explicit stack). Of equally far points the one nearest a is taken: it is a corner,
 * and the others stay strictly right of the next segment.
 */
function chain(px: Float64Array, py: Float64Array, kept: Int32Array, a0: number, b0: number, lo0: number, hi0: number, hull: number[]): void {
  // entries of four: a, b, lo, hi — or, with lo = -1, a corner `a` to append
  const stack = [a0, b0, lo0, hi0];
  while (stack.length > 0) {
    const hi = stack.pop() as number;
    const lo = stack.pop() as number;
    const b = stack.pop() as number;
    const a = stack.pop() as number;
    if (lo < 0) {
      hull.push(a);
      continue;
    }
    if (lo >= hi) continue;
    const abx = px[b] - px[a];
    const aby = py[b] - py[a];
    let far = -1;
    let farthest = 0;
    let along = 0;
    for (let t = lo; t < hi; t++) {
      const q = kept[t];
      const dx = px[q] - px[a];
      const dy = py[q] - py[a];
      const distance = aby * dx - abx * dy; // > 0: right of a→b
      const onward = abx * dx + aby * dy;
      if (distance > farthest || (distance === farthest && far >= 0 && onward < along)) {
        far = q;
        farthest = distance;
        along = onward;
      }
    }
    if (far < 0) continue;
    const split = partition(px, py, kept, lo, hi, a, far, far, b);
    // last pushed runs first: the corners before `far`, then `far`, then those after it
    stack.push(far, b, split.left, hi, far, far, -1, -1, a, far, lo, split.right);
  }
}

/** The minimum-area rectangle: angle of its first side (a side always lies on a hull edge) and its side lengths. */
function minimumAreaRectangle(px: Float64Array, py: Float64Array, hull: number[]): { angle: number; width: number; depth: number } {
  const h = hull.length;
  if (h < 3) {
    if (h < 2) return { angle: 0, width: 0, depth: 0 };
    const dx = px[hull[1]] - px[hull[0]];
    const dy = py[hull[1]] - py[hull[0]];
    return { angle: Math.atan2(dy, dx), width: Math.sqrt(dx * dx + dy * dy), depth: 0 };
  }
  const step = Math.max(1, Math.floor(h / MAX_EDGE_DIRECTIONS));
  let bestArea = Infinity;
  let bestAngle = 0;
  let bestWidth = 0;
  let bestDepth = 0;
  for (let e = 0; e < h; e += step) {
    const a = hull[e];
    const b = hull[(e + 1) % h];
    const angle = Math.atan2(py[b] - py[a], px[b] - px[a]);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (let k = 0; k < h; k++) {
      const p = hull[k];
      const u = px[p] * cos + py[p] * sin;
      const v = -px[p] * sin + py[p] * cos;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      bestAngle = angle;
      bestWidth = maxU - minU;
      bestDepth = maxV - minV;
    }
  }
  return { angle: bestAngle, width: bestWidth, depth: bestDepth };
}
