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
 * collapse; the grid is coarsened until the triangle budget is met. O(n) per attempt, a few attempts at most.
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
      if (indices.length / 3 <= budget || resolution <= 2) break;
      resolution = Math.max(2, Math.floor(resolution * 0.75));
    }
  }
  const scaled = new Float32Array(positions.length);
  for (let i = 0; i < positions.length; i++) scaled[i] = positions[i] * scale;
  return { level, positions: scaled, indices: level === 'full' ? indices.slice() : indices, bbox };
}

function clusterVertices(positions: Float32Array, indices: Uint32Array, min: Vec3, cell: number): { positions: Float32Array; indices: Uint32Array } {
  const vertexCount = positions.length / 3;
  const cellOf = new Map<number, number>();
  const cluster = new Uint32Array(vertexCount);
  const sums: number[] = [];
  const inverse = 1 / cell;
  const span = 1 << 20;
  for (let v = 0; v < vertexCount; v++) {
    const key =
      Math.floor((positions[v * 3] - min[0]) * inverse) +
      span * (Math.floor((positions[v * 3 + 1] - min[1]) * inverse) + span * Math.floor((positions[v * 3 + 2] - min[2]) * inverse));
    let id = cellOf.get(key);
    if (id === undefined) {
      id = cellOf.size;
      cellOf.set(key, id);
      sums.push(0, 0, 0, 0);
    }
    cluster[v] = id;
    sums[id * 4] += positions[v * 3];
    sums[id * 4 + 1] += positions[v * 3 + 1];
    sums[id * 4 + 2] += positions[v * 3 + 2];
    sums[id * 4 + 3]++;
  }
  const out = new Float32Array(cellOf.size * 3);
  for (let id = 0; id < cellOf.size; id++) {
    const n = sums[id * 4 + 3];
    out[id * 3] = sums[id * 4] / n;
    out[id * 3 + 1] = sums[id * 4 + 1] / n;
    out[id * 3 + 2] = sums[id * 4 + 2] / n;
  }
  const kept: number[] = [];
  const seen = new Set<string>();
  for (let f = 0; f < indices.length; f += 3) {
    const a = cluster[indices[f]];
    const b = cluster[indices[f + 1]];
    const c = cluster[indices[f + 2]];
    if (a === b || b === c || a === c) continue;
    const key = [a, b, c].sort((p, q) => p - q).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(a, b, c);
  }
  return { positions: out, indices: Uint32Array.from(kept) };
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
