/**
 * A uniform grid over the triangles for short ray casts (wall thickness). Each triangle is listed in every
 * cell its bounding box touches, in CSR arrays. Resolution targets about one cell per triangle and is coarsened
 * if long, thin triangles would blow the entry count up, so memory stays O(n).
 */
const MAX_CELLS = 1 << 22;

export class TriangleGrid {
  private readonly origin: [number, number, number];
  private cell = 1;
  private dims: [number, number, number] = [1, 1, 1];
  private cellStart: Uint32Array = new Uint32Array(2);
  private entries: Uint32Array = new Uint32Array(0);

  constructor(
    private readonly positions: Float32Array,
    private readonly indices: Uint32Array,
    skip: Uint8Array,
    min: [number, number, number],
    max: [number, number, number],
  ) {
    const faceCount = indices.length / 3;
    const extent = [max[0] - min[0], max[1] - min[1], max[2] - min[2]];
    const diag = Math.hypot(extent[0], extent[1], extent[2]) || 1;
    const pad = diag * 1e-6;
    this.origin = [min[0] - pad, min[1] - pad, min[2] - pad];
    const padded = extent.map((e) => e + 2 * pad);
    const target = Math.min(MAX_CELLS, Math.max(1, faceCount));
    const boxVolume = Math.max(padded[0], diag * 1e-3) * Math.max(padded[1], diag * 1e-3) * Math.max(padded[2], diag * 1e-3);
    let cell = Math.cbrt(boxVolume / target);
    for (let attempt = 0; attempt < 8; attempt++) {
      const dims = padded.map((e) => Math.max(1, Math.ceil(e / cell))) as [number, number, number];
      if (dims[0] * dims[1] * dims[2] > MAX_CELLS) {
        cell *= 1.5;
        continue;
      }
      if (this.fill(cell, dims, skip, faceCount * 8 + 1_000_000)) return;
      cell *= 2;
    }
    this.fill(diag * 2, [1, 1, 1], skip, Infinity);
  }

  private fill(cell: number, dims: [number, number, number], skip: Uint8Array, maxEntries: number): boolean {
    const { positions, indices, origin } = this;
    const faceCount = indices.length / 3;
    const cellCount = dims[0] * dims[1] * dims[2];
    const start = new Uint32Array(cellCount + 1);
    const range = new Int32Array(6);
    const inverse = 1 / cell;
    const faceRange = (f: number): void => {
      const ia = indices[f * 3] * 3;
      const ib = indices[f * 3 + 1] * 3;
      const ic = indices[f * 3 + 2] * 3;
      for (let axis = 0; axis < 3; axis++) {
        const a = positions[ia + axis];
        const b = positions[ib + axis];
        const c = positions[ic + axis];
        let lo = a < b ? a : b;
        if (c < lo) lo = c;
        let hi = a > b ? a : b;
        if (c > hi) hi = c;
        const last = dims[axis] - 1;
        const l = Math.floor((lo - origin[axis]) * inverse);
        const h = Math.floor((hi - origin[axis]) * inverse);
        range[axis] = l < 0 ? 0 : l > last ? last : l;
        range[axis + 3] = h < 0 ? 0 : h > last ? last : h;
      }
    };
    // Most triangles sit in one cell: remember it from the counting pass instead of recomputing.
    const singleCell = new Int32Array(faceCount).fill(-1);
    let total = 0;
    for (let f = 0; f < faceCount; f++) {
      if (skip[f]) continue;
      faceRange(f);
      if (range[0] === range[3] && range[1] === range[4] && range[2] === range[5]) {
        const c = range[0] + dims[0] * (range[1] + dims[1] * range[2]);
        singleCell[f] = c;
        start[c + 1]++;
        total++;
        continue;
      }
      total += (range[3] - range[0] + 1) * (range[4] - range[1] + 1) * (range[5] - range[2] + 1);
      if (total > maxEntries) return false;
      for (let z = range[2]; z <= range[5]; z++)
        for (let y = range[1]; y <= range[4]; y++)
          for (let x = range[0]; x <= range[3]; x++) start[x + dims[0] * (y + dims[1] * z) + 1]++;
    }
    for (let i = 0; i < cellCount; i++) start[i + 1] += start[i];
    const entries = new Uint32Array(total);
    const cursor = start.slice(0, cellCount);
    for (let f = 0; f < faceCount; f++) {
      if (skip[f]) continue;
      if (singleCell[f] >= 0) {
        entries[cursor[singleCell[f]]++] = f;
        continue;
      }
      faceRange(f);
      for (let z = range[2]; z <= range[5]; z++)
        for (let y = range[1]; y <= range[4]; y++)
          for (let x = range[0]; x <= range[3]; x++) entries[cursor[x + dims[0] * (y + dims[1] * z)]++] = f;
    }
    this.cell = cell;
    this.dims = dims;
    this.cellStart = start;
    this.entries = entries;
    return true;
  }

  /**
   * Distance along the (unit) ray to the nearest triangle hit within `maxDistance`, ignoring `ignoreFace`;
   * Infinity when nothing is hit. Walks the cells the ray crosses (Amanatides–Woo).
   */
  raycast(ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, maxDistance: number, ignoreFace: number): number {
    const { cell, dims, origin, cellStart, entries } = this;
    const o = [ox, oy, oz];
    const d = [dx, dy, dz];
    const index = [0, 0, 0];
    const step = [0, 0, 0];
    const tMax = [0, 0, 0];
    const tDelta = [0, 0, 0];
    for (let axis = 0; axis < 3; axis++) {
      const local = (o[axis] - origin[axis]) / cell;
      index[axis] = Math.floor(local);
      if (index[axis] < 0 || index[axis] >= dims[axis]) return Infinity; // origin outside the grid: not on the mesh
      if (d[axis] > 0) {
        step[axis] = 1;
        tMax[axis] = ((index[axis] + 1 - local) * cell) / d[axis];
        tDelta[axis] = cell / d[axis];
      } else if (d[axis] < 0) {
        step[axis] = -1;
        tMax[axis] = ((local - index[axis]) * cell) / -d[axis];
        tDelta[axis] = cell / -d[axis];
      } else {
        tMax[axis] = Infinity;
        tDelta[axis] = Infinity;
      }
    }
    let best = Infinity;
    let tEnter = 0;
    for (let guard = 0; guard < 100_000; guard++) {
      const c = index[0] + dims[0] * (index[1] + dims[1] * index[2]);
      for (let e = cellStart[c]; e < cellStart[c + 1]; e++) {
        const f = entries[e];
        if (f === ignoreFace) continue;
        const t = this.intersect(f, ox, oy, oz, dx, dy, dz);
        if (t < best && t <= maxDistance) best = t;
      }
      const axis = tMax[0] < tMax[1] ? (tMax[0] < tMax[2] ? 0 : 2) : tMax[1] < tMax[2] ? 1 : 2;
      tEnter = tMax[axis];
      if (tEnter > maxDistance || tEnter > best) break;
      index[axis] += step[axis];
      if (index[axis] < 0 || index[axis] >= dims[axis]) break;
      tMax[axis] += tDelta[axis];
    }
    return best;
  }

  /** Möller–Trumbore, two-sided; returns the ray parameter or Infinity. */
  private intersect(f: number, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number): number {
    const p = this.positions;
    const ia = this.indices[f * 3] * 3;
    const ib = this.indices[f * 3 + 1] * 3;
    const ic = this.indices[f * 3 + 2] * 3;
    const ax = p[ia];
    const ay = p[ia + 1];
    const az = p[ia + 2];
    const e1x = p[ib] - ax;
    const e1y = p[ib + 1] - ay;
    const e1z = p[ib + 2] - az;
    const e2x = p[ic] - ax;
    const e2y = p[ic + 1] - ay;
    const e2z = p[ic + 2] - az;
    const px = dy * e2z - dz * e2y;
    const py = dz * e2x - dx * e2z;
    const pz = dx * e2y - dy * e2x;
    const det = e1x * px + e1y * py + e1z * pz;
    if (Math.abs(det) < 1e-30) return Infinity;
    const inv = 1 / det;
    const tx = ox - ax;
    const ty = oy - ay;
    const tz = oz - az;
    const u = (tx * px + ty * py + tz * pz) * inv;
    if (u < 0 || u > 1) return Infinity;
    const qx = ty * e1z - tz * e1y;
    const qy = tz * e1x - tx * e1z;
    const qz = tx * e1y - ty * e1x;
    const v = (dx * qx + dy * qy + dz * qz) * inv;
    if (v < 0 || u + v > 1) return Infinity;
    const t = (e2x * qx + e2y * qy + e2z * qz) * inv;
    return t > 0 ? t : Infinity;
  }
}
