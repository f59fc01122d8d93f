import { keepShape } from './analysis-context';
import { overhangCandidates, type OverhangTest } from './surface-checks';
import type { Topology } from './topology';

/**
 * Turns a triangle soup's topology into solid properties. `buildTopology` has grouped the faces into orientable
 * patches (connected through edges shared by exactly two faces) and made each patch's winding consistent. A patch with no open or non-manifold edge is a closed shell and encloses volume; open patches enclose
 * none. Closed shells are nested by containment (generalised winding number): even depth counts as material,
 * odd depth as a cavity — so an inside-out file, or a cavity written with the wrong winding, still gives the
 * right volume.
 */
export interface SolidProperties {
  volume: number;
  /** Centre of mass of the enclosed material, or of the surface when nothing is enclosed. */
  centroid: [number, number, number];
  area: number;
  closedShells: number;
  cavities: number;
  openPatches: number;
  invertedShells: number;
  /** 1 where a face's winding must be reversed for its normal to point out of the material. */
  reversed: Uint8Array;
  /** Area of each face: later checks read it instead of recomputing it. */
  faceArea: Float64Array;
  /**
   * Per face, the windings in which it may overhang (`overhangCandidates`: bit 0 as wound in the file, bit 1
   * reversed); null when `FaceSweepOptions.overhang` was.
   */
  overhangCandidates: Uint8Array | null;
  /** Per shell: bounding box (min xyz, max xyz) in file coordinates; null unless `FaceSweepOptions.shellBoxes`. */
  shellBox: Float64Array | null;
  /** Whether the containment test ran to completion within its budget. */
  nestingComplete: boolean;
  /** Faces with repeated corners or an area at most `degenerateArea`. */
  degenerateFaces: number;
}

/**
 * What the one sweep over the faces gathers besides the solid's own measures, for later checks that would
 * otherwise walk every face again.
 */
export interface FaceSweepOptions {
  /** Faces with repeated corners or an area at most this count as degenerate. */
  degenerateArea?: number;
  /** Classify faces for the overhang check (null: the process needs no supports). */
  overhang?: OverhangTest | null;
  /** Collect per-shell bounding boxes (the tiny-feature check wants them when there are several shells). */
  shellBoxes?: boolean;
}

/** Budget of triangle visits for the shell-in-shell tests; past it, remaining shells count as outer. */
const NESTING_BUDGET = 20_000_000;

export function computeSolidProperties(positions: Float32Array, indices: Uint32Array, topology: Topology, sweep: FaceSweepOptions = {}): SolidProperties {
  const { faceCount, collapsed, patchOfFace, patchCount, patchOpen, patchConflict, patchFirstFace, shellOfPatch, shellCount } = topology;
  const degenerateArea = sweep.degenerateArea ?? 0;
  const overhang = sweep.overhang ?? null;
  const reversed = topology.flipped.slice();
  const faceArea = new Float64Array(faceCount);
  const sides = overhang ? new Uint8Array(faceCount) : null;
  const shellBox = sweep.shellBoxes ? emptyBoxes(shellCount) : null;

  // Reference point near the part keeps the float64 sums well conditioned.
  const ref = new Float64Array(3);
  if (positions.length >= 3) ref.set(positions.subarray(0, 3));
  const [rx, ry, rz] = ref;
  const patches = new PatchSums(patchCount);
  const sums = new Float64Array(SWEEP_TOTALS);
  sweepFaces(positions, indices, collapsed, patchOfFace, shellOfPatch, reversed, degenerateArea, overhang, ref, faceArea, sides, shellBox, patches, sums);
  const { volume: patchVolume, moment: patchMoment, box: patchBox, faces: patchFaces, reversed: patchReversed } = patches;
  const area = sums[AREA];
  const degenerateFaces = sums[DEGENERATE];
  const [surfaceX, surfaceY, surfaceZ] = sums.subarray(SURFACE_X, SURFACE_X + 3);

  const closed: number[] = [];
  for (let p = 0; p < patchCount; p++) if (!patchOpen[p] && !patchConflict[p]) closed.push(p);
  const { depth, complete } = nestingDepths(closed, patchBox, patchVolume, patchFirstFace, patchOfFace, positions, indices, reversed, [rx, ry, rz]);

  let volume6 = 0;
  let mx = 0;
  let my = 0;
  let mz = 0;
  let invertedShells = 0;
  let cavities = 0;
  const flipPatch = new Uint8Array(patchCount);
  closed.forEach((p, i) => {
    const wanted = depth[i] % 2 === 0 ? 1 : -1;
    if (wanted < 0) cavities++;
    const actual = patchVolume[p] >= 0 ? 1 : -1;
    const sign = wanted * actual;
    if (sign < 0) {
      flipPatch[p] = 1;
      if (Math.abs(patchVolume[p]) > 0) invertedShells++;
    }
    volume6 += sign * patchVolume[p];
    mx += sign * patchMoment[p * 3];
    my += sign * patchMoment[p * 3 + 1];
    mz += sign * patchMoment[p * 3 + 2];
  });
  // Open patches have no inside; keep whichever winding most of the original faces used.
  for (let p = 0; p < patchCount; p++) {
    if ((patchOpen[p] || patchConflict[p]) && patchReversed[p] * 2 > patchFaces[p]) flipPatch[p] = 1;
  }
  if (flipPatch.includes(1)) {
    for (let f = 0; f < faceCount; f++) if (patchOfFace[f] >= 0 && flipPatch[patchOfFace[f]]) reversed[f] ^= 1;
  }

  const volume = volume6 / 6;
  let centroid: [number, number, number];
  if (Math.abs(volume6) > 1e-12 * Math.max(1e-300, area) ** 1.5) {
    centroid = [mx / (4 * volume6) + rx, my / (4 * volume6) + ry, mz / (4 * volume6) + rz];
  } else if (area > 0) {
    centroid = [surfaceX / (3 * area) + rx, surfaceY / (3 * area) + ry, surfaceZ / (3 * area) + rz];
  } else {
    centroid = [rx, ry, rz];
  }
  return {
    volume,
    centroid,
    area,
    closedShells: closed.length,
    cavities,
    openPatches: patchCount - closed.length,
    invertedShells,
    reversed,
    faceArea,
    overhangCandidates: sides,
    shellBox,
    nestingComplete: complete,
    degenerateFaces,
  };
}

/**
 * Per patch, what the sweep adds up: signed volume (×6), its first moment (three per patch), box (six), faces,
 * reversed faces. A class with an instance kept alive (`keepShape`), not an object literal, like every object a
 * hot function takes: its map must outlive each analysis, or the optimised code that saw it is thrown away.
 */
class PatchSums {
  readonly volume: Float64Array;
  readonly moment: Float64Array;
  readonly box: Float64Array;
  readonly faces: Int32Array;
  readonly reversed: Int32Array;

  constructor(count: number) {
    this.volume = new Float64Array(count);
    this.moment = new Float64Array(count * 3);
    this.box = emptyBoxes(count);
    this.faces = new Int32Array(count);
    this.reversed = new Int32Array(count);
  }
}
keepShape(new PatchSums(0));

/** Slots of the sweep's running totals. */
const AREA = 0;
const DEGENERATE = 1;
const SURFACE_X = 2;
const SWEEP_TOTALS = 5;

/**
 * The one pass over every face: face areas, patch sums, totals (area, degenerate faces, area-weighted corner
 * sums), and for the later checks the overhang candidates and shell boxes. A function of its own, apart from the
 * cold code around it, so that V8 keeps it optimised from one analysis to the next instead of re-entering it
 * through on-stack replacement each time (which spent part of every pass unoptimised, allocating a number per
 * operation).
 */
function sweepFaces(
  positions: Float32Array, indices: Uint32Array, collapsed: Uint8Array, patchOfFace: Int32Array, shellOfPatch: Int32Array, reversed: Uint8Array,
  degenerateArea: number, overhang: OverhangTest | null, ref: Float64Array,
  faceArea: Float64Array, sides: Uint8Array | null, shellBox: Float64Array | null, patches: PatchSums, totals: Float64Array,
): void {
  const faceCount = indices.length / 3;
  const rx = ref[0];
  const ry = ref[1];
  const rz = ref[2];
  const { volume: patchVolume, moment: patchMoment, box: patchBox, faces: patchFaces, reversed: patchReversed } = patches;
  let area = 0;
  let degenerateFaces = 0;
  let surfaceX = 0;
  let surfaceY = 0;
  let surfaceZ = 0;
  for (let f = 0; f < faceCount; f++) {
    const ia = indices[f * 3] * 3;
    const ib = indices[f * 3 + 1] * 3;
    const ic = indices[f * 3 + 2] * 3;
    const ax = positions[ia] - rx;
    const ay = positions[ia + 1] - ry;
    const az = positions[ia + 2] - rz;
    const bx = positions[ib] - rx;
    const by = positions[ib + 1] - ry;
    const bz = positions[ib + 2] - rz;
    const cx = positions[ic] - rx;
    const cy = positions[ic + 1] - ry;
    const cz = positions[ic + 2] - rz;
    const ux = bx - ax;
    const uy = by - ay;
    const uz = bz - az;
    const vx = cx - ax;
    const vy = cy - ay;
    const vz = cz - az;
    const nx = uy * vz - uz * vy;
    const ny = uz * vx - ux * vz;
    const nz = ux * vy - uy * vx;
    const length = Math.sqrt(nx * nx + ny * ny + nz * nz);
    const triangleArea = 0.5 * length;
    faceArea[f] = triangleArea;
    if (sides !== null && triangleArea !== 0) sides[f] = overhangCandidates(overhang as OverhangTest, nz / length);
    area += triangleArea;
    if (collapsed[f] || triangleArea <= degenerateArea) degenerateFaces++;
    surfaceX += triangleArea * (ax + bx + cx);
    surfaceY += triangleArea * (ay + by + cy);
    surfaceZ += triangleArea * (az + bz + cz);
    const p = patchOfFace[f];
    if (p < 0) continue;
    if (shellBox !== null) {
      const at = shellOfPatch[p] * 6;
      growBox(shellBox, at, positions, ia);
      growBox(shellBox, at, positions, ib);
      growBox(shellBox, at, positions, ic);
    }
    let six = ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    if (reversed[f]) six = -six;
    patchVolume[p] += six;
    patchMoment[p * 3] += six * (ax + bx + cx);
    patchMoment[p * 3 + 1] += six * (ay + by + cy);
    patchMoment[p * 3 + 2] += six * (az + bz + cz);
    patchFaces[p]++;
    patchReversed[p] += reversed[f];
    const box = p * 6;
    const minX = Math.min(ax, bx, cx);
    const minY = Math.min(ay, by, cy);
    const minZ = Math.min(az, bz, cz);
    const maxX = Math.max(ax, bx, cx);
    const maxY = Math.max(ay, by, cy);
    const maxZ = Math.max(az, bz, cz);
    if (minX < patchBox[box]) patchBox[box] = minX;
    if (minY < patchBox[box + 1]) patchBox[box + 1] = minY;
    if (minZ < patchBox[box + 2]) patchBox[box + 2] = minZ;
    if (maxX > patchBox[box + 3]) patchBox[box + 3] = maxX;
    if (maxY > patchBox[box + 4]) patchBox[box + 4] = maxY;
    if (maxZ > patchBox[box + 5]) patchBox[box + 5] = maxZ;
  }
  totals[AREA] = area;
  totals[DEGENERATE] = degenerateFaces;
  totals[SURFACE_X] = surfaceX;
  totals[SURFACE_X + 1] = surfaceY;
  totals[SURFACE_X + 2] = surfaceZ;
}

/** `count` boxes (min xyz, max xyz) that contain nothing yet. */
function emptyBoxes(count: number): Float64Array {
  const boxes = new Float64Array(count * 6);
  for (let b = 0; b < count * 6; b += 6) {
    boxes[b] = boxes[b + 1] = boxes[b + 2] = Infinity;
    boxes[b + 3] = boxes[b + 4] = boxes[b + 5] = -Infinity;
  }
  return boxes;
}

/** Grows the box at `boxes[at…at+5]` over the corner at position offset `v`. */
function growBox(boxes: Float64Array, at: number, positions: Float32Array, v: number): void {
  for (let axis = 0; axis < 3; axis++) {
    const c = positions[v + axis];
    if (c < boxes[at + axis]) boxes[at + axis] = c;
    if (c > boxes[at + 3 + axis]) boxes[at + 3 + axis] = c;
  }
}

function nestingDepths(
  closed: number[],
  box: Float64Array,
  volume: Float64Array,
  firstFace: number[],
  patchOfFace: Int32Array,
  positions: Float32Array,
  indices: Uint32Array,
  reversed: Uint8Array,
  ref: number[],
): { depth: Int32Array; complete: boolean } {
  const depth = new Int32Array(closed.length);
  if (closed.length < 2) return { depth, complete: true };
  const inside = (a: number, b: number): boolean =>
    box[a * 6] >= box[b * 6] && box[a * 6 + 1] >= box[b * 6 + 1] && box[a * 6 + 2] >= box[b * 6 + 2] &&
    box[a * 6 + 3] <= box[b * 6 + 3] && box[a * 6 + 4] <= box[b * 6 + 4] && box[a * 6 + 5] <= box[b * 6 + 5] &&
    Math.abs(volume[a]) < Math.abs(volume[b]);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < closed.length; i++) {
    for (let j = 0; j < closed.length; j++) if (i !== j && inside(closed[i], closed[j])) pairs.push([i, j]);
    if (pairs.length > 100_000) break;
  }
  if (pairs.length === 0) return { depth, complete: true };
  // Faces grouped by patch, only for patches that may contain another.
  const containers = new Set(pairs.map(([, j]) => closed[j]));
  const facesOf = new Map<number, number[]>();
  for (const p of containers) facesOf.set(p, []);
  for (let f = 0; f < patchOfFace.length; f++) facesOf.get(patchOfFace[f])?.push(f);
  let budget = NESTING_BUDGET;
  for (const [i, j] of pairs) {
    const faces = facesOf.get(closed[j]) as number[];
    if (budget < faces.length) return { depth, complete: false };
    budget -= faces.length;
    const probe = indices[firstFace[closed[i]] * 3] * 3;
    const w = windingNumber(positions[probe] - ref[0], positions[probe + 1] - ref[1], positions[probe + 2] - ref[2], faces, positions, indices, reversed, ref);
    if (Math.abs(w) > 0.5) depth[i]++;
  }
  return { depth, complete: true };
}

/** Generalised winding number of point q with respect to a set of oriented triangles (Van Oosterom–Strackee). */
function windingNumber(qx: number, qy: number, qz: number, faces: number[], positions: Float32Array, indices: Uint32Array, reversed: Uint8Array, ref: number[]): number {
  let total = 0;
  for (const f of faces) {
    const ia = indices[f * 3] * 3;
    let ib = indices[f * 3 + 1] * 3;
    let ic = indices[f * 3 + 2] * 3;
    if (reversed[f]) [ib, ic] = [ic, ib];
    const ax = positions[ia] - ref[0] - qx;
    const ay = positions[ia + 1] - ref[1] - qy;
    const az = positions[ia + 2] - ref[2] - qz;
    const bx = positions[ib] - ref[0] - qx;
    const by = positions[ib + 1] - ref[1] - qy;
    const bz = positions[ib + 2] - ref[2] - qz;
    const cx = positions[ic] - ref[0] - qx;
    const cy = positions[ic + 1] - ref[1] - qy;
    const cz = positions[ic + 2] - ref[2] - qz;
    const la = Math.sqrt(ax * ax + ay * ay + az * az);
    const lb = Math.sqrt(bx * bx + by * by + bz * bz);
    const lc = Math.sqrt(cx * cx + cy * cy + cz * cz);
    const det = ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    const div = la * lb * lc + (ax * bx + ay * by + az * bz) * lc + (bx * cx + by * cy + bz * cz) * la + (cx * ax + cy * ay + cz * az) * lb;
    total += 2 * Math.atan2(det, div);
  }
  return total / (4 * Math.PI);
}
