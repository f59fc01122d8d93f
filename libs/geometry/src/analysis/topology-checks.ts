import { formatCount } from '../geometry.errors';
import type { Finding } from '../geometry.types';
import { LocationAccumulator, type AnalysisContext } from './analysis-context';

/** Findings about the mesh as a solid: open edges, non-manifold edges, winding, bodies, cavities. */
export function topologyFindings(ctx: AnalysisContext, degenerateFaces: number): Finding[] {
  const { topology, solid, positions, scale } = ctx;
  const findings: Finding[] = [];
  if (topology.boundaryEdges > 0 || topology.nonManifoldEdges > 0) {
    const location = new LocationAccumulator();
    const edges = topology.openEdgeVertices;
    for (let i = 0; i < edges.length; i++) location.add(positions[edges[i] * 3], positions[edges[i] * 3 + 1], positions[edges[i] * 3 + 2]);
    const parts: string[] = [];
    if (topology.boundaryEdges > 0) parts.push(`${formatCount(topology.boundaryEdges)} open edge${topology.boundaryEdges === 1 ? '' : 's'} (holes or gaps)`);
    if (topology.nonManifoldEdges > 0) parts.push(`${formatCount(topology.nonManifoldEdges)} edge${topology.nonManifoldEdges === 1 ? '' : 's'} shared by more than two faces`);
    findings.push({
      code: 'NOT_WATERTIGHT',
      severity: 'error',
      message: `The surface is not closed: ${parts.join(' and ')}. Volume counts only the closed shells; close the holes in your CAD tool or a mesh repair tool before ordering.`,
      location: location.toLocation(scale, false),
      details: { boundaryEdges: topology.boundaryEdges, nonManifoldEdges: topology.nonManifoldEdges, openShells: solid.openPatches },
    });
  }
  if (topology.nonManifoldEdges > 0) {
    findings.push({
      code: 'NON_MANIFOLD_EDGES',
      severity: 'warning',
      message: `${formatCount(topology.nonManifoldEdges)} edge${topology.nonManifoldEdges === 1 ? ' is' : 's are'} shared by more than two faces (bodies touching along an edge, or internal faces). Merge or separate the bodies so each edge joins exactly two faces.`,
      details: { nonManifoldEdges: topology.nonManifoldEdges },
    });
  }
  if (topology.inconsistentWindingEdges > 0) {
    findings.push({
      code: 'INCONSISTENT_WINDING',
      severity: 'warning',
      message: `${formatCount(topology.inconsistentWindingEdges)} edge${topology.inconsistentWindingEdges === 1 ? ' joins faces' : 's join faces'} whose normals disagree (flipped triangles). Partsmith reoriented them for the volume; some slicers will not, so fix the normals before printing.`,
      details: { inconsistentWindingEdges: topology.inconsistentWindingEdges },
    });
  }
  if (solid.invertedShells > 0) {
    findings.push({
      code: 'INVERTED_SHELLS',
      severity: 'info',
      message: `${formatCount(solid.invertedShells)} shell${solid.invertedShells === 1 ? ' is' : 's are'} inside out (normals point inward). The volume is correct; flip the normals if your slicer complains.`,
      details: { invertedShells: solid.invertedShells },
    });
  }
  if (degenerateFaces > 0) {
    findings.push({
      code: 'DEGENERATE_FACES',
      severity: 'info',
      message: `${formatCount(degenerateFaces)} triangle${degenerateFaces === 1 ? ' has' : 's have'} no area (repeated or collinear corners). They are ignored; re-export with a finer tolerance if the count is large.`,
      details: { degenerateFaces },
    });
  }
  const bodies = topology.shellCount - solid.cavities;
  if (bodies > 1) {
    findings.push({
      code: 'MULTIPLE_BODIES',
      severity: 'warning',
      message: `The file contains ${formatCount(bodies)} separate bodies. They will be made as separate pieces unless you join them; check this is intended (an assembly, or a multi-part print).`,
      details: { bodies, shells: topology.shellCount },
    });
  }
  if (solid.cavities > 0) {
    findings.push({
      code: 'ENCLOSED_CAVITY',
      severity: ctx.process === 'sla' || ctx.process === 'sls' || ctx.process === 'mjf' || ctx.process === 'dmls' ? 'warning' : 'info',
      message: `The part has ${formatCount(solid.cavities)} fully enclosed internal void${solid.cavities === 1 ? '' : 's'}. Resin or powder will be trapped inside unless you add drain holes.`,
      details: { cavities: solid.cavities },
    });
  }
  if (!solid.nestingComplete) {
    findings.push({
      code: 'FILE_NOTE',
      severity: 'info',
      message: 'The part has so many shells that only some were tested for nesting; the volume assumes the rest are separate bodies, not cavities.',
    });
  }
  return findings;
}
