import { keepShape } from './analysis-context';
/**
 * Short rays (a few thousand wall-thickness probes) cast together against every triangle of the mesh. The rays,
 * not the triangles, go into a uniform grid; one pass over the triangles then tests each triangle only against
 * the rays registered in the cells its bounding box touches. The result for every ray is exactly that of casting
 * it alone against all triangles — the nearest hit within its length — but the cost is one sequential pass over
 * the mesh with no per-triangle index built, so memory is O(rays) and small meshes pay no grid set-up.
 */
const MAX_CELLS = 1 << 18;
/** Grid cells per ray at most: a grid much finer than the ray cloud only adds empty cells for each triangle to visit. */
const CELLS_PER_RAY = 8;

export class RayBatch {
  readonly count: number;
  /** Per ray: origin and unit direction (x, y, z each). */
  private readonly rays: Float64Array;
  /** Per ray: bounding box of the segment [origin, origin + length·direction], min then max. */
  private readonly boxes: Float64Array;
  private readonly ignored: Int32Array;
  /** Nearest hit distance per ray, Infinity when none lies within the length. */
  readonly hits: Float64Array;
  private added = 0;

  constructor(
    capacity: number,
    private readonly length: number,
  ) {
    this.count = capacity;
    this.rays = new Float64Array(capacity * 6);
    this.boxes = new Float64Array(capacity * 6);
    this.ignored = new Int32Array(capacity);
    this.hits = new Float64Array(capacity).fill(Infinity);
  }

  /** Adds a ray that must not hit `ignoreFace` (the face it starts on). Returns its index. */
  add(ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, ignoreFace: number): number {
    const r = this.added++;
    const o = r * 6;
    const ex = ox + dx * this.length;
    const ey = oy + dy * this.length;
    const ez = oz + dz * this.length;
    this.rays[o] = ox;
    this.rays[o + 1] = oy;
    this.rays[o + 2] = oz;
    this.rays[o + 3] = dx;
    this.rays[o + 4] = dy;
    this.rays[o + 5] = dz;
    this.boxes[o] = ox < ex ? ox : ex;
    this.boxes[o + 1] = oy < ey ? oy : ey;
    this.boxes[o + 2] = oz < ez ? oz : ez;
    this.boxes[o + 3] = ox < ex ? ex : ox;
    this.boxes[o + 4] = oy < ey ? ey : oy;
    this.boxes[o + 5] = oz < ez ? ez : oz;
    this.ignored[r] = ignoreFace;
    return r;
  }

  /**
   * Tests the added rays against every triangle not marked in `skip`. `cellHint` is a length near the typical
   * triangle size: cells are never smaller than it or than the ray length, so a triangle or a ray touches few
   * cells.
   */
  cast(positions: Float32Array, indices: Uint32Array, skip: Uint8Array, cellHint: number): void {
    const n = this.added;
    if (n === 0) return;
    const { rays, boxes, ignored, hits } = this;
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (let r = 0; r < n; r++) {
      for (let axis = 0; axis < 3; axis++) {
        if (boxes[r * 6 + axis] < lo[axis]) lo[axis] = boxes[r * 6 + axis];
        if (boxes[r * 6 + 3 + axis] > hi[axis]) hi[axis] = boxes[r * 6 + 3 + axis];
      }
    }
    const extent = [hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]];
    const maxCells = Math.min(MAX_CELLS, CELLS_PER_RAY * n);
    let cell = Math.max(this.length, cellHint, Math.cbrt((extent[0] * extent[1] * extent[2]) / maxCells), 1e-300);
    let nx = 0;
    let ny = 0;
    let nz = 0;
    for (;;) {
      nx = Math.floor(extent[0] / cell) + 1;
      ny = Math.floor(extent[1] / cell) + 1;
      nz = Math.floor(extent[2] / cell) + 1;
      if (nx * ny * nz <= maxCells) break;
      cell *= 1.25; // flat or needle-shaped ray clouds: the volume estimate undercounts cells
    }
    const inverse = 1 / cell;
    const [lx, ly, lz] = lo;

    // CSR: the rays whose segment box touches each cell (module-level helpers, not closures: a closure made
    // per call would send the optimised code back to the interpreter on every cast)
    const cellCount = nx * ny * nz;
    const start = new Uint32Array(cellCount + 1);
    visitRayCells(boxes, n, lo, inverse, nx, ny, nz, start, null);
    for (let c = 0; c < cellCount; c++) start[c + 1] += start[c];
    // most cells hold no ray: a byte per cell answers that without touching the larger CSR offsets
    const occupied = new Uint8Array(cellCount);
    for (let c = 0; c < cellCount; c++) if (start[c + 1] !== start[c]) occupied[c] = 1;
    const entries = new Uint32Array(start[cellCount]);
    visitRayCells(boxes, n, lo, inverse, nx, ny, nz, start.slice(0, cellCount), entries);
    // each entry carries its ray's box, so the usual outcome (no overlap) reads the cell's entries in order
    const entryBoxes = new Float64Array(entries.length * 6);
    for (let e = 0; e < entries.length; e++) {
      for (let k = 0, b = entries[e] * 6; k < 6; k++) entryBoxes[e * 6 + k] = boxes[b + k];
    }
    const grid = new RayGrid(lo, cell, nx, ny, nz, start, occupied, entries, entryBoxes);
    testTriangles(positions, indices, skip, grid, rays, ignored, this.length, hits);
  }
}
keepShape(new RayBatch(0, 0.5)); // fractional numbers where real instances hold fractions: the same field representations

/**
 * The rays bucketed by cell (CSR), with each entry's segment box beside it. A class with an instance kept alive
 * (`keepShape`), not an object literal: its map must outlive each cast, or the optimised triangle pass that saw
 * it is thrown away on entry.
 */
class RayGrid {
  readonly lx: number;
  readonly ly: number;
  readonly lz: number;
  readonly hx: number;
  readonly hy: number;
  readonly hz: number;
  readonly inverse: number;

  constructor(
    lo: number[],
    cell: number,
    readonly nx: number,
    readonly ny: number,
    readonly nz: number,
    readonly start: Uint32Array,
    readonly occupied: Uint8Array,
    readonly entries: Uint32Array,
    readonly entryBoxes: Float64Array,
  ) {
    [this.lx, this.ly, this.lz] = lo;
    this.hx = this.lx + nx * cell;
    this.hy = this.ly + ny * cell;
    this.hz = this.lz + nz * cell;
    this.inverse = 1 / cell;
  }
}
keepShape(new RayGrid([0.5, 0.5, 0.5], 0.5, 1, 1, 1, new Uint32Array(2), new Uint8Array(1), new Uint32Array(0), new Float64Array(0)));

/**
 * The pass over the triangles: each is tested against the rays registered in the cells its box touches, and
 * `hits` keeps each ray's nearest hit within `length`. A function of its own so that V8 keeps it optimised
 * between analyses (inside `cast`, it was re-entered unoptimised on every call).
 */
function testTriangles(
  positions: Float32Array, indices: Uint32Array, skip: Uint8Array, grid: RayGrid,
  rays: Float64Array, ignored: Int32Array, length: number, hits: Float64Array,
): void {
  const { lx, ly, lz, hx, hy, hz, inverse, nx, ny, nz, start, occupied, entries, entryBoxes } = grid;
  // the last triangle tested against each ray: a pair sharing several cells is tested once
  const lastTested = new Int32Array(ignored.length).fill(-1);
  const faceCount = indices.length / 3;
  for (let f = 0; f < faceCount; f++) {
    if (skip[f]) continue;
    const ia = indices[f * 3] * 3;
    const ib = indices[f * 3 + 1] * 3;
    const ic = indices[f * 3 + 2] * 3;
    const ax = positions[ia];
    const ay = positions[ia + 1];
    const az = positions[ia + 2];
    const bx = positions[ib];
    const by = positions[ib + 1];
    const bz = positions[ib + 2];
    const cx = positions[ic];
    const cy = positions[ic + 1];
    const cz = positions[ic + 2];
    const minX = ax < bx ? (ax < cx ? ax : cx) : bx < cx ? bx : cx;
    const maxX = ax > bx ? (ax > cx ? ax : cx) : bx > cx ? bx : cx;
    if (maxX < lx || minX > hx) continue;
    const minY = ay < by ? (ay < cy ? ay : cy) : by < cy ? by : cy;
    const maxY = ay > by ? (ay > cy ? ay : cy) : by > cy ? by : cy;
    if (maxY < ly || minY > hy) continue;
    const minZ = az < bz ? (az < cz ? az : cz) : bz < cz ? bz : cz;
    const maxZ = az > bz ? (az > cz ? az : cz) : bz > cz ? bz : cz;
    if (maxZ < lz || minZ > hz) continue;
    const x0 = cellOf(minX, lx, inverse, nx);
    const x1 = cellOf(maxX, lx, inverse, nx);
    const y0 = cellOf(minY, ly, inverse, ny);
    const y1 = cellOf(maxY, ly, inverse, ny);
    const z0 = cellOf(minZ, lz, inverse, nz);
    const z1 = cellOf(maxZ, lz, inverse, nz);
    for (let z = z0; z <= z1; z++) {
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const c = x + nx * (y + ny * z);
          if (occupied[c] === 0) continue;
          for (let e = start[c], end = start[c + 1]; e < end; e++) {
            const q = e * 6;
            if (maxX < entryBoxes[q] || minX > entryBoxes[q + 3] || maxY < entryBoxes[q + 1] || minY > entryBoxes[q + 4] || maxZ < entryBoxes[q + 2] || minZ > entryBoxes[q + 5]) continue;
            const r = entries[e];
            if (lastTested[r] === f || ignored[r] === f) continue;
            lastTested[r] = f;
            const b = r * 6;
            const t = intersect(ax, ay, az, bx, by, bz, cx, cy, cz, rays[b], rays[b + 1], rays[b + 2], rays[b + 3], rays[b + 4], rays[b + 5]);
            if (t < hits[r] && t <= length) hits[r] = t;
          }
        }
      }
    }
  }
}

function cellOf(v: number, origin: number, inverse: number, dim: number): number {
  const c = Math.floor((v - origin) * inverse);
  return c < 0 ? 0 : c >= dim ? dim - 1 : c;
}

/**
 * For every cell each ray's segment box touches: counts the ray into `cursor[cell + 1]` when `entries` is null,
 * else writes it at `entries[cursor[cell]++]`.
 */
function visitRayCells(boxes: Float64Array, n: number, lo: number[], inverse: number, nx: number, ny: number, nz: number, cursor: Uint32Array, entries: Uint32Array | null): void {
  const [lx, ly, lz] = lo;
  for (let r = 0; r < n; r++) {
    const b = r * 6;
    const x0 = cellOf(boxes[b], lx, inverse, nx);
    const x1 = cellOf(boxes[b + 3], lx, inverse, nx);
    const y0 = cellOf(boxes[b + 1], ly, inverse, ny);
    const y1 = cellOf(boxes[b + 4], ly, inverse, ny);
    const z0 = cellOf(boxes[b + 2], lz, inverse, nz);
    const z1 = cellOf(boxes[b + 5], lz, inverse, nz);
    for (let z = z0; z <= z1; z++) {
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const c = x + nx * (y + ny * z);
          if (entries === null) cursor[c + 1]++;
          else entries[cursor[c]++] = r;
        }
      }
    }
  }
}

/** Möller–Trumbore, two-sided: the ray parameter of the hit, or Infinity. */
export function intersect(
  ax: number, ay: number, az: number, bx: number, by: number, bz: number, cx: number, cy: number, cz: number,
  ox: number, oy: number, oz: number, dx: number, dy: number, dz: number,
): number {
  const e1x = bx - ax;
  const e1y = by - ay;
  const e1z = bz - az;
  const e2x = cx - ax;
  const e2y = cy - ay;
  const e2z = cz - az;
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
