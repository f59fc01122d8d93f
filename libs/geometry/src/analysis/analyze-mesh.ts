import type { AnalyzeOptions, Finding, GeometryReport, LengthUnit, Mesh, Vec3 } from '../geometry.types';
import { isEveryVertexUsed } from '../mesh/mesh-builder';
import { MM_PER_UNIT } from '../units';
import { round, type AnalysisContext } from './analysis-context';
import { orientedBoundingBox } from './oriented-box';
import { resolveRules } from './process-rules';
import { envelopeFinding, suspiciousSizeFinding, tinyFeaturesFinding } from './size-checks';
import { computeSolidProperties } from './solid-properties';
import { overhangFinding, overhangTest, thinWallFinding } from './surface-checks';
import { topologyFindings } from './topology-checks';
import { buildTopology } from './topology';
import { weldVertices, type WeldResult } from './weld';

/** Welding tolerance relative to the bounding-box diagonal when none is given. */
export const RELATIVE_WELD_TOLERANCE = 1e-6;

/**
 * Measures a mesh and runs the manufacturability checks. O(n) in triangles; the thin-wall estimate adds a
 * fixed number of rays (see `thinWallSamples`) cast in one pass over the triangles. Timings are in
 * bench/results/geometry.md.
 */
export function analyzeMesh(mesh: Mesh, options: AnalyzeOptions = {}): GeometryReport {
  const used = isEveryVertexUsed(mesh) ? mesh : dropUnusedVertices(mesh.positions, mesh.indices);
  const { min, max } = boundsOf(used.positions);
  const tolerance = weldTolerance(mesh, min, max, options);
  return analyzeWelded(mesh, weldVertices(used.positions, used.indices, tolerance), min, max, options);
}

/** The weld tolerance in the mesh's own units: `weldToleranceMm`, or 1e-6 of the bounding-box diagonal. */
export function weldTolerance(mesh: Pick<Mesh, 'declaredUnit'>, min: Vec3, max: Vec3, options: AnalyzeOptions): number {
  if (options.weldToleranceMm !== undefined) return options.weldToleranceMm / MM_PER_UNIT[unitOf(mesh, options)];
  return Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) * RELATIVE_WELD_TOLERANCE;
}

function unitOf(mesh: Pick<Mesh, 'declaredUnit'>, options: AnalyzeOptions): LengthUnit {
  return mesh.declaredUnit ?? options.units ?? 'mm';
}

/**
 * `analyzeMesh` from the welded mesh on: `welded` holds only used vertices, `min`/`max` is their bounding box
 * (before welding), `mesh` supplies the format, unit and notes.
 */
export function analyzeWelded(mesh: Pick<Mesh, 'format' | 'declaredUnit' | 'notes'>, welded: WeldResult, min: Vec3, max: Vec3, options: AnalyzeOptions = {}): GeometryReport {
  const unit = unitOf(mesh, options);
  const scale = MM_PER_UNIT[unit];
  const diag = Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
  const { positions, indices } = welded;
  const topology = buildTopology(indices, welded.vertexCount);
  const rules = resolveRules(options.process, options.rules);
  // one sweep over the faces: solid measures, and what the overhang and tiny-feature checks need per face
  const solid = computeSolidProperties(positions, indices, topology, {
    // a face is degenerate when its area is below 1e-12 of the squared diagonal (or it repeats a corner)
    degenerateArea: 1e-12 * diag * diag,
    overhang: overhangTest(options.process, rules, min, max),
    shellBoxes: topology.shellCount > 1,
  });
  const degenerateFaces = solid.degenerateFaces;
  const obb = orientedBoundingBox(positions);
  const obbMm = {
    center: obb.center.map((v) => round(v * scale)) as Vec3,
    axes: obb.axes.map((axis) => axis.map((v) => round(v)) as Vec3) as [Vec3, Vec3, Vec3],
    size: obb.size.map((v) => round(v * scale)) as Vec3,
  };
  const ctx: AnalysisContext = {
    positions,
    indices,
    topology,
    solid,
    scale,
    unit,
    unitDeclared: mesh.declaredUnit !== null,
    min,
    max,
    obbMm,
    process: options.process,
    rules,
    options,
  };
  const sizeMm: Vec3 = [(max[0] - min[0]) * scale, (max[1] - min[1]) * scale, (max[2] - min[2]) * scale];
  const findings: Finding[] = [
    ...mesh.notes.map((note): Finding => ({ code: 'FILE_NOTE', severity: 'info', message: note })),
    ...topologyFindings(ctx, degenerateFaces),
  ];
  for (const finding of [
    suspiciousSizeFinding(ctx, sizeMm),
    envelopeFinding(ctx, sizeMm),
    tinyFeaturesFinding(ctx),
    thinWallFinding(ctx),
    overhangFinding(ctx),
  ]) {
    if (finding) findings.push(finding);
  }
  const watertight = topology.boundaryEdges === 0 && topology.nonManifoldEdges === 0 && topology.shellCount > 0;
  return {
    format: mesh.format,
    units: unit,
    unitsDeclared: mesh.declaredUnit !== null,
    triangles: indices.length / 3,
    vertices: welded.vertexCount,
    volumeMm3: round(solid.volume * scale ** 3),
    surfaceAreaMm2: round(solid.area * scale ** 2),
    bbox: {
      min: min.map((v) => round(v * scale)) as Vec3,
      max: max.map((v) => round(v * scale)) as Vec3,
      size: sizeMm.map(round) as Vec3,
    },
    obb: obbMm,
    centerOfMassMm: solid.centroid.map((v) => round(v * scale)) as Vec3,
    shells: topology.shellCount,
    closedShells: solid.closedShells,
    cavities: solid.cavities,
    watertight,
    boundaryEdges: topology.boundaryEdges,
    nonManifoldEdges: topology.nonManifoldEdges,
    inconsistentWindingEdges: topology.inconsistentWindingEdges,
    invertedShells: solid.invertedShells,
    degenerateFaces,
    findings,
  };
}

export function boundsOf(positions: Float32Array): { min: Vec3; max: Vec3 } {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i];
    const y = positions[i + 1];
    const z = positions[i + 2];
    if (x < min[0]) min[0] = x;
    if (x > max[0]) max[0] = x;
    if (y < min[1]) min[1] = y;
    if (y > max[1]) max[1] = y;
    if (z < min[2]) min[2] = z;
    if (z > max[2]) max[2] = z;
  }
  if (positions.length === 0) return { min: [0, 0, 0], max: [0, 0, 0] };
  return { min, max };
}

/** OBJ files may carry vertices no face uses; they must not stretch the bounding box. */
function dropUnusedVertices(positions: Float32Array, indices: Uint32Array): { positions: Float32Array; indices: Uint32Array } {
  const vertexCount = positions.length / 3;
  const remap = new Int32Array(vertexCount).fill(-1);
  let used = 0;
  for (let i = 0; i < indices.length; i++) if (remap[indices[i]] === -1) remap[indices[i]] = used++;
  if (used === vertexCount) return { positions, indices };
  const compact = new Float32Array(used * 3);
  for (let v = 0; v < vertexCount; v++) {
    const r = remap[v];
    if (r < 0) continue;
    compact[r * 3] = positions[v * 3];
    compact[r * 3 + 1] = positions[v * 3 + 1];
    compact[r * 3 + 2] = positions[v * 3 + 2];
  }
  const remapped = new Uint32Array(indices.length);
  for (let i = 0; i < indices.length; i++) remapped[i] = remap[indices[i]];
  return { positions: compact, indices: remapped };
}
