import { formatCount } from '../geometry.errors';
import type { Finding, ManufacturingProcess, ProcessRules, Vec3 } from '../geometry.types';
import { LocationAccumulator, formatMm, keepShape, round, type AnalysisContext } from './analysis-context';
import { PROCESS_NAMES } from './process-rules';
import { RayBatch } from './ray-batch';

const DEFAULT_SAMPLES = 4096;
const GOLDEN = 0.6180339887498949;

/**
 * Wall thickness, estimated by casting rays inward from points spread over the surface in proportion to
 * area and measuring the distance to the opposite surface. Cost is bounded by the sample count (default
 * 4,096 rays, each only as long as the process minimum), cast together in one pass over the triangles (see
 * `RayBatch`); the affected area is an estimate: (thin samples / samples) × total area.
 */
export function thinWallFinding(ctx: AnalysisContext): Finding | null {
  const { positions, indices, topology, solid, scale, rules, min, max } = ctx;
  const faceCount = indices.length / 3;
  if (solid.closedShells === 0 || solid.area <= 0) return null; // no inside to measure
  const minWall = rules.minWallMm / scale;
  const samples = Math.max(1, Math.min(ctx.options.thinWallSamples ?? DEFAULT_SAMPLES, faceCount * 4));
  const diag = Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
  const offset = diag * 1e-7;
  const spacing = solid.area / samples;
  const rays = new RayBatch(samples, minWall);
  const points = new Float64Array(samples * 3);
  const sampled = sampleSurface(positions, indices, solid.faceArea, solid.reversed, spacing, samples, offset, points, rays);
  // cells about the size of a typical triangle
  rays.cast(positions, indices, topology.collapsed, Math.sqrt((2 * solid.area) / faceCount));
  const thin = new LocationAccumulator();
  let thinnest = Infinity;
  for (let r = 0; r < sampled; r++) {
    const distance = rays.hits[r];
    if (distance < minWall) {
      thin.add(points[r * 3], points[r * 3 + 1], points[r * 3 + 2], spacing);
      if (distance < thinnest) thinnest = distance;
    }
  }
  if (thin.count === 0) return null;
  const location = thin.toLocation(scale, true);
  const thinnestMm = (thinnest + offset) * scale;
  const process = ctx.process ? PROCESS_NAMES[ctx.process] : 'most processes';
  return {
    code: 'THIN_WALL',
    severity: thinnestMm < rules.minWallMm / 2 ? 'error' : 'warning',
    message: `About ${formatArea(thin.area * scale * scale)} of the surface has walls thinner than ${formatMm(rules.minWallMm)}, the minimum for ${process} (thinnest measured: ${formatMm(thinnestMm)}). Thicken those walls or they may break or not form.`,
    location,
    details: { minThicknessMm: round(thinnestMm), requiredMm: rules.minWallMm, samples, thinSamples: thin.count },
  };
}

/**
 * Spreads `samples` points over the surface in proportion to area (`spacing` = area per sample), writes them to
 * `points` and adds a ray from each, `offset` inside the surface and pointing inward, to `rays`. Returns how
 * many were placed. Its own function so that V8 keeps its optimised code between analyses.
 */
function sampleSurface(
  positions: Float32Array, indices: Uint32Array, faceArea: Float64Array, reversed: Uint8Array,
  spacing: number, samples: number, offset: number, points: Float64Array, rays: RayBatch,
): number {
  const faceCount = indices.length / 3;
  const cross = new Float64Array(EDGE_CROSS);
  let cumulative = 0;
  let next = spacing / 2;
  let sampleIndex = 0;
  for (let f = 0; f < faceCount && sampleIndex < samples; f++) {
    // collapsed faces have no area: they take no sample
    const area = faceArea[f];
    cumulative += area;
    if (cumulative < next || area === 0) continue;
    const ia = indices[f * 3] * 3;
    const ib = indices[f * 3 + 1] * 3;
    const ic = indices[f * 3 + 2] * 3;
    const length = edgeCross(positions, ia, ib, ic, cross);
    if (length === 0) continue;
    const [ux, uy, uz, vx, vy, vz] = cross;
    // inward = against the outward normal
    const sign = reversed[f] ? 1 : -1;
    const nx = (cross[6] / length) * sign;
    const ny = (cross[7] / length) * sign;
    const nz = (cross[8] / length) * sign;
    while (next <= cumulative && sampleIndex < samples) {
      // low-discrepancy point inside the triangle
      let r1 = (sampleIndex * GOLDEN) % 1;
      let r2 = ((next - (cumulative - area)) / area) % 1;
      if (r1 + r2 > 1) {
        r1 = 1 - r1;
        r2 = 1 - r2;
      }
      const px = positions[ia] + ux * r1 + vx * r2;
      const py = positions[ia + 1] + uy * r1 + vy * r2;
      const pz = positions[ia + 2] + uz * r1 + vz * r2;
      points[sampleIndex * 3] = px;
      points[sampleIndex * 3 + 1] = py;
      points[sampleIndex * 3 + 2] = pz;
      rays.add(px + nx * offset, py + ny * offset, pz + nz * offset, nx, ny, nz, f);
      sampleIndex++;
      next += spacing;
    }
  }
  return sampleIndex;
}

/**
 * Downward-facing surface steeper than the process's overhang limit, i.e. area that needs support, with +Z as
 * the build direction. Faces resting on the build plate (at the lowest Z) are not overhangs. The sweep over the
 * faces marked the candidates for either winding (`overhangCandidates`: which winding points outward is only
 * known once shells are nested); this measures those of the final winding.
 */
export function overhangFinding(ctx: AnalysisContext): Finding | null {
  const { positions, indices, solid, scale, rules } = ctx;
  const sides = solid.overhangCandidates;
  const test = overhangTest(ctx.process, rules, ctx.min, ctx.max);
  if (!ctx.process || sides === null || test === null) return null;
  const overhang = new LocationAccumulator();
  addOverhangs(positions, indices, sides, solid.reversed, test, overhang);
  if (overhang.count === 0) return null;
  const areaMm2 = overhang.area * scale * scale;
  const share = solid.area > 0 ? overhang.area / solid.area : 0;
  return {
    code: 'OVERHANG',
    severity: share > 0.2 ? 'warning' : 'info',
    message: `${formatArea(areaMm2)} (${Math.round(share * 100)} % of the surface) faces downward at more than ${rules.maxOverhangDeg}° from vertical and needs support in ${PROCESS_NAMES[ctx.process]} when printed in this orientation. Supports add cost and leave marks; reorient the part or add chamfers.`,
    location: overhang.toLocation(scale, true),
    details: { faces: overhang.count, maxOverhangDeg: rules.maxOverhangDeg },
  };
}

/**
 * Adds each face that overhangs as finally wound to `overhang` (centroid, area): among the candidates for its
 * winding (`sides`, `reversed`), those not resting on the build plate whose exact normal is below the limit.
 */
function addOverhangs(positions: Float32Array, indices: Uint32Array, sides: Uint8Array, reversed: Uint8Array, test: OverhangTest, overhang: LocationAccumulator): void {
  const faceCount = indices.length / 3;
  const { threshold, plateZ, plateTolerance } = test;
  const cross = new Float64Array(EDGE_CROSS);
  for (let f = 0; f < faceCount; f++) {
    if (((sides[f] >> reversed[f]) & 1) === 0) continue;
    const ia = indices[f * 3] * 3;
    const ib = indices[f * 3 + 1] * 3;
    const ic = indices[f * 3 + 2] * 3;
    const az = positions[ia + 2];
    const bz = positions[ib + 2];
    const cz = positions[ic + 2];
    if (az - plateZ < plateTolerance && bz - plateZ < plateTolerance && cz - plateZ < plateTolerance) continue;
    const length = edgeCross(positions, ia, ib, ic, cross);
    if (length === 0) continue;
    const nz = reversed[f] ? -cross[8] : cross[8];
    if (nz / length < threshold) {
      overhang.add((positions[ia] + positions[ib] + positions[ic]) / 3, (positions[ia + 1] + positions[ib + 1] + positions[ic + 1]) / 3, (az + bz + cz) / 3, length / 2);
    }
  }
}

/** The overhang limit and build plate, for marking and measuring overhang candidates. A class, for a lasting map (`keepShape`). */
export class OverhangTest {
  constructor(
    /** A face overhangs when the Z component of its outward unit normal is below this. */
    readonly threshold: number,
    /** Float32 normals at or above this cannot overhang (a margin over float32 rounding); the rest are measured. */
    readonly prefilter: number,
    readonly plateZ: number,
    readonly plateTolerance: number,
  ) {}
}
keepShape(new OverhangTest(0.5, 0.5, 0.5, 0.5));

/** The overhang test for a process that needs supports, else null. */
export function overhangTest(process: ManufacturingProcess | undefined, rules: ProcessRules, min: Vec3, max: Vec3): OverhangTest | null {
  if (!rules.needsSupports || !process) return null;
  const threshold = -Math.sin((rules.maxOverhangDeg * Math.PI) / 180);
  return new OverhangTest(threshold, threshold + 1e-6, min[2], (max[2] - min[2]) * 1e-4 + 1e-9);
}

/**
 * Which windings of a face with area might make it an overhang, from the float32 Z of its unit normal as the
 * solid-properties sweep computed it: bit 0 as wound in the file, bit 1 reversed. Most faces are ruled out
 * here; `addOverhangs` measures the rest exactly once their final winding is known.
 */
export function overhangCandidates(test: OverhangTest, normalZ: number): number {
  const normalZ32 = Math.fround(normalZ);
  return (normalZ32 < test.prefilter ? 1 : 0) | (-normalZ32 < test.prefilter ? 2 : 0);
}

/** Slots `edgeCross` fills: u = b − a, v = c − a, then n = u × v (x, y, z each). */
const EDGE_CROSS = 9;

/**
 * A triangle's edge vectors from the file coordinates (corners at position offsets ia, ib, ic) and their cross
 * product, into `out` (see `EDGE_CROSS`); returns the cross product's length, twice the triangle's area.
 */
function edgeCross(positions: Float32Array, ia: number, ib: number, ic: number, out: Float64Array): number {
  const ux = positions[ib] - positions[ia];
  const uy = positions[ib + 1] - positions[ia + 1];
  const uz = positions[ib + 2] - positions[ia + 2];
  const vx = positions[ic] - positions[ia];
  const vy = positions[ic + 1] - positions[ia + 1];
  const vz = positions[ic + 2] - positions[ia + 2];
  const nx = uy * vz - uz * vy;
  const ny = uz * vx - ux * vz;
  const nz = ux * vy - uy * vx;
  out[0] = ux;
  out[1] = uy;
  out[2] = uz;
  out[3] = vx;
  out[4] = vy;
  out[5] = vz;
  out[6] = nx;
  out[7] = ny;
  out[8] = nz;
  return Math.sqrt(nx * nx + ny * ny + nz * nz); // not Math.hypot: several times slower per face
}

export function formatArea(mm2: number): string {
  if (mm2 >= 100) return `${formatCount(Math.round(mm2))} mm²`;
  return `${Number(mm2.toPrecision(2))} mm²`;
}
