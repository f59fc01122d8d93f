import type { Mesh, Vec3 } from '../geometry.types';
import { MM_PER_UNIT } from '../units';
import type { UnitOverride } from '../geometry.types';
import { boundsOf } from '../analysis/analyze-mesh';

export type PreviewLevel = 'none' | 'bbox' | 'low_poly' | 'full';

/** A compact, serialisable mesh for viewers: positions in mm, three indices per triangle. */
export interface Preview {
  level: PreviewLevel;
  positions: Float32Array;
  indices: Uint32Array;
  bbox: { min: Vec3; max: Vec3 };
}

export interface PreviewOptions {
  /** Triangle budget for `low_poly`. Default 20,000. */
  maxTriangles?: number;
  /** Units for unitless meshes, as in analysis. */
  units?: UnitOverride;
}

/**
 * Derives a preview: nothing, the bounding box (12 triangles), a decimated mesh, or the full mesh. `low_poly`
 * clusters vertices on a grid (one vertex per occupied cell, at the cell's mean) and drops triangles that
 * collapse; the grid is coarsened (by the square root of how far over budget it was) until the triangle budget is met. O(n) per
 * attempt, a few attempts at most.
 */
export function buildPreview(mesh: Mesh, level: PreviewLevel, options: PreviewOptions = {}): Preview {
  const scale = MM_PER_UNIT[mesh.declaredUnit ?? options.units ?? 'mm'];
  const raw = boundsOf(mesh.positions);
  const bbox = { min: raw.min.map((v) => v * scale) as Vec3, max: raw.max.map((v) => v * scale) as Vec3 };
  if (level === 'none') return { level, positions: new Float32Array(0), indices: new Uint32Array(0), bbox };
  if (level === 'bbox') return { level, ...boxMesh(bbox.min, bbox.max), bbox };
  const budget = options.maxTriangles ?? 20_000;
  let positions = mesh.positions;
  let indices = mesh.indices;
  if (level === 'low_poly' && indices.length / 3 > budget) {
    const size = raw.max.map((v, i) => v - raw.min[i]);
    const longest = Math.max(...size) || 1;
    let resolution = Math.max(2, Math.ceil(Math.sqrt(budget / 2)));
    for (let attempt = 0; attempt < 12; attempt++) {
      const clustered = clusterVertices(mesh.positions, mesh.indices, raw.min, longest / resolution);
      positions = clustered.positions;
      indices = clustered.indices;
      const triangles = indices.length / 3;
      if (triangles <= budget || resolution <= 2) break;
      // a surface's triangle count after clustering grows about as the square of the grid resolution
      resolution = Math.max(2, Math.floor(resolution * Math.min(0.9, 0.95 * Math.sqrt(budget / triangles))));
    }
  }
  const scaled = new Float32Array(positions.length);
  for (let i = 0; i < positions.length; i++) scaled[i] = positions[i] * scale;
  return { level, positions: scaled, indices: level === 'full' ? indices.slice() : indices, bbox };
}

/**
 * One vertex per occupied grid cell (at the mean of its vertices); triangles that collapse, and repeats of a
 * triangle already kept (same three cells in any order), are dropped. Cells and triangles are found through
 * open-addressing hash tables on integer keys: no strings, no Map, linear in the mesh.
 */
function clusterVertices(positions: Float32Array, indices: Uint32Array, min: Vec3, cell: number): { positions: Float32Array; indices: Uint32Array } {
  const vertexCount = positions.length / 3;
  const inverse = 1 / cell;
  const cellTable = new HashTable3(vertexCount);
  const cluster = new Uint32Array(vertexCount);
  const sums = new Float64Array(vertexCount * 4);
  for (let v = 0; v < vertexCount; v++) {
    const x = positions[v * 3];
    const y = positions[v * 3 + 1];
    const z = positions[v * 3 + 2];
    const id = cellTable.idOf(Math.floor((x - min[0]) * inverse), Math.floor((y - min[1]) * inverse), Math.floor((z - min[2]) * inverse));
    cluster[v] = id;
    sums[id * 4] += x;
    sums[id * 4 + 1] += y;
    sums[id * 4 + 2] += z;
    sums[id * 4 + 3]++;
  }
  const cells = cellTable.size;
  const out = new Float32Array(cells * 3);
  for (let id = 0; id < cells; id++) {
    const n = sums[id * 4 + 3];
    out[id * 3] = sums[id * 4] / n;
    out[id * 3 + 1] = sums[id * 4 + 1] / n;
    out[id * 3 + 2] = sums[id * 4 + 2] / n;
  }
  const triangleTable = new HashTable3(indices.length / 3);
  const kept = new Uint32Array(indices.length);
  let keptLength = 0;
  for (let f = 0; f < indices.length; f += 3) {
    const a = cluster[indices[f]];
    const b = cluster[indices[f + 1]];
    const c = cluster[indices[f + 2]];
    if (a === b || b === c || a === c) continue;
    const low = Math.min(a, b, c);
    const high = Math.max(a, b, c);
    const before = triangleTable.size;
    triangleTable.idOf(low, a + b + c - low - high, high);
    if (triangleTable.size === before) continue; // this triangle was kept already
    kept[keptLength++] = a;
    kept[keptLength++] = b;
    kept[keptLength++] = c;
  }
  return { positions: out, indices: kept.slice(0, keptLength) };
}

/** Integer triples → dense ids (0, 1, 2, … in order of first sight); sized for at most `capacity` triples. */
class HashTable3 {
  private readonly mask: number;
  private readonly slots: Int32Array;
  private readonly keys: Int32Array;
  size = 0;

  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.mask = slots - 1;
    this.slots = new Int32Array(slots).fill(-1);
    this.keys = new Int32Array(Math.max(1, capacity) * 3);
  }

  idOf(a: number, b: number, c: number): number {
    let hash = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
    hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
    let slot = (hash ^ (hash >>> 16)) & this.mask;
    for (;;) {
      const id = this.slots[slot];
      if (id < 0) {
        const next = this.size++;
        this.slots[slot] = next;
        this.keys[next * 3] = a;
        this.keys[next * 3 + 1] = b;
        this.keys[next * 3 + 2] = c;
        return next;
      }
      if (this.keys[id * 3] === a && this.keys[id * 3 + 1] === b && this.keys[id * 3 + 2] === c) return id;
      slot = (slot + 1) & this.mask;
    }
  }
}

function boxMesh(min: Vec3, max: Vec3): { positions: Float32Array; indices: Uint32Array } {
  const positions = new Float32Array(24);
  for (let i = 0; i < 8; i++) {
    positions[i * 3] = i & 1 ? max[0] : min[0];
    positions[i * 3 + 1] = i & 2 ? max[1] : min[1];
    positions[i * 3 + 2] = i & 4 ? max[2] : min[2];
  }
  // outward-facing, counter-clockwise seen from outside
  const indices = Uint32Array.from([
    0, 2, 1, 1, 2, 3, // -z
    4, 5, 6, 5, 7, 6, // +z
    0, 1, 4, 1, 5, 4, // -y
    2, 6, 3, 3, 6, 7, // +y
    0, 4, 2, 2, 4, 6, // -x
    1, 3, 5, 3, 7, 5, // +x
  ]);
  return { positions, indices };
}
