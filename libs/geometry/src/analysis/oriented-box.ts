import type { OrientedBoundingBox, Vec3 } from '../geometry.types';

/**
 * A tight oriented bounding box. Candidate "up" axes are the three principal axes of the vertex cloud and the
 * three world axes; for each, the points are projected onto the perpendicular plane, their convex hull taken
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
  let best: { axes: [Vec3, Vec3, Vec3]; volume: number } | null = null;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  for (const up of candidates) {
    const [u, v] = perpendicularBasis(up);
    const [ux, uy, uz] = u;
    const [vx, vy, vz] = v;
    for (let i = 0; i < n; i++) {
      const x = sample[i * 3];
      const y = sample[i * 3 + 1];
      const z = sample[i * 3 + 2];
      px[i] = x * ux + y * uy + z * uz;
      py[i] = x * vx + y * vy + z * vz;
    }
    const hull = convexHull(px, py);
    const angle = minimumAreaRectangleAngle(px, py, hull);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const a: Vec3 = [u[0] * cos + v[0] * sin, u[1] * cos + v[1] * sin, u[2] * cos + v[2] * sin];
    const b: Vec3 = [-u[0] * sin + v[0] * cos, -u[1] * sin + v[1] * cos, -u[2] * sin + v[2] * cos];
    const axes: [Vec3, Vec3, Vec3] = [a, b, up];
    const volume = extents(sample, axes).size.reduce((p, s) => p * s, 1);
    if (!best || volume < best.volume * (1 - 1e-9)) best = { axes, volume };
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

function extents(positions: Float32Array, axes: [Vec3, Vec3, Vec3]): { min: Vec3; size: Vec3 } {
  const [[ax, ay, az], [bx, by, bz], [cx, cy, cz]] = axes;
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
  return { min: [loA, loB, loC], size: [hiA - loA, hiB - loB, hiC - loC] };
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
  const c = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i] - mx;
    const y = positions[i + 1] - my;
    const z = positions[i + 2] - mz;
    c[0] += x * x;
    c[1] += x * y;
    c[2] += x * z;
    c[4] += y * y;
    c[5] += y * z;
    c[8] += z * z;
  }
  c[3] = c[1];
  c[6] = c[2];
  c[7] = c[5];
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

/**
 * Andrew's monotone chain, after an Akl–Toussaint pass that drops points inside the octagon of extreme
 * points (usually the vast majority), so only the remainder is sorted (by radix, see `sortByXThenY`).
 * Returns hull vertex indices, counter-clockwise.
 */
export function convexHull(px: Float64Array, py: Float64Array): number[] {
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
  const kept = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = px[i];
    const y = py[i];
    let e = edges >= 3 ? 0 : edges;
    while (e < edges && line[e * 4 + 2] * (y - line[e * 4 + 1]) - line[e * 4 + 3] * (x - line[e * 4]) > 0) e++;
    if (e === edges && edges >= 3) continue; // strictly inside every edge
    kept[m++] = i;
  }
  const candidates = sortByXThenY(kept.subarray(0, m), px, py);
  // lower chain forwards, then upper chain backwards, in one stack
  const stack = new Int32Array(2 * m + 1);
  let top = 0;
  const turn = (o: number, a: number, b: number): number => (px[a] - px[o]) * (py[b] - py[o]) - (py[a] - py[o]) * (px[b] - px[o]);
  for (let i = 0; i < m; i++) {
    const p = candidates[i];
    while (top >= 2 && turn(stack[top - 2], stack[top - 1], p) <= 0) top--;
    stack[top++] = p;
  }
  const lowerEnd = top;
  for (let i = m - 1; i >= 0; i--) {
    const p = candidates[i];
    while (top - lowerEnd >= 2 && turn(stack[top - 2], stack[top - 1], p) <= 0) top--;
    stack[top++] = p;
  }
  // drop each chain's last point (the other chain's first)
  const hull: number[] = [];
  for (let i = 0; i < lowerEnd - 1; i++) hull.push(stack[i]);
  for (let i = lowerEnd; i < top - 1; i++) hull.push(stack[i]);
  return hull;
}

/**
 * Orders point indices by x, then y, keeping the given order among equal points: the order of a stable
 * comparator sort, but by LSD radix sorts on the float64 bit patterns (a stable pass by y, then one by x; each
 * 8 passes of 8 bits, skipping bytes that are the same everywhere), which is several times faster than calling
 * a comparator and stays linear when many points share an x (a grid-like mesh seen from above).
 */
export function sortByXThenY(order: Int32Array, px: Float64Array, py: Float64Array): Int32Array {
  const m = order.length;
  if (m < 2) return order;
  const byY = stableRadixOrder(order, py, identityOrder(m));
  const byXThenY = stableRadixOrder(order, px, byY);
  const sorted = new Int32Array(m);
  for (let i = 0; i < m; i++) sorted[i] = order[byXThenY[i]];
  return sorted;
}

function identityOrder(m: number): Int32Array {
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  return order;
}

/**
 * Stably re-orders `start` (positions 0..m−1 into `order`) by `values[order[position]]` ascending. −0 sorts
 * with +0, as a comparator would.
 */
function stableRadixOrder(order: Int32Array, values: Float64Array, start: Int32Array): Int32Array {
  const m = order.length;
  const key = new Float64Array(m);
  const words = new Uint32Array(key.buffer); // little-endian: low word at 2i, high word at 2i + 1
  for (let i = 0; i < m; i++) key[i] = values[order[i]] + 0; // + 0 turns −0 into +0
  // map the IEEE order to unsigned order: negative numbers flip every bit, positive ones flip the sign bit
  for (let i = 0; i < m; i++) {
    const hi = words[2 * i + 1];
    if (hi & 0x80000000) {
      words[2 * i] = ~words[2 * i];
      words[2 * i + 1] = ~hi;
    } else {
      words[2 * i + 1] = hi | 0x80000000;
    }
  }
  let from = Int32Array.from(start);
  let to = new Int32Array(m);
  const counts = new Int32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const word = pass < 4 ? 0 : 1;
    const shift = (pass & 3) * 8;
    counts.fill(0);
    for (let i = 0; i < m; i++) counts[(words[2 * from[i] + word] >>> shift) & 0xff]++;
    if (counts[(words[2 * from[0] + word] >>> shift) & 0xff] === m) continue; // this byte is the same everywhere
    for (let b = 0, sum = 0; b < 256; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) to[counts[(words[2 * from[i] + word] >>> shift) & 0xff]++] = from[i];
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}

/** Angle of the minimum-area rectangle's first side; a side always lies on a hull edge. */
function minimumAreaRectangleAngle(px: Float64Array, py: Float64Array, hull: number[]): number {
  const h = hull.length;
  if (h < 3) return h === 2 ? Math.atan2(py[hull[1]] - py[hull[0]], px[hull[1]] - px[hull[0]]) : 0;
  const step = Math.max(1, Math.floor(h / MAX_EDGE_DIRECTIONS));
  let bestArea = Infinity;
  let bestAngle = 0;
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
    for (const p of hull) {
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
    }
  }
  return bestAngle;
}
