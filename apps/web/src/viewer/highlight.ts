/** A DFM finding as the viewer needs it: severity and, when the API gives one, where on the part (mm). */
export interface LocatedFinding {
  code: string;
  severity: string;
  region?: { min: readonly number[]; max: readonly number[] } | null;
  centroidMm?: readonly number[] | null;
}

export type Rgb = [number, number, number];

export const BASE_COLOR: Rgb = [0.62, 0.68, 0.75];
export const SEVERITY_COLORS: Record<string, Rgb> = {
  error: [0.86, 0.16, 0.14],
  warning: [0.95, 0.62, 0.05],
  info: [0.16, 0.45, 0.85],
};
const RANK: Record<string, number> = { info: 1, warning: 2, error: 3 };

/** Findings the viewer can point at: those with a region (a box) or at least a centroid. */
export function locatedFindings<T extends LocatedFinding>(findings: readonly T[]): T[] {
  return findings.filter((finding) => (finding.region && finding.region.min.length === 3 && finding.region.max.length === 3) || finding.centroidMm?.length === 3);
}

/** A region slightly grown so faces lying exactly on its boundary (a thin wall's faces) are inside it. */
function regionOf(finding: LocatedFinding, toleranceMm: number): { min: number[]; max: number[] } | null {
  if (finding.region && finding.region.min.length === 3) {
    return { min: finding.region.min.map((v) => v - toleranceMm), max: finding.region.max.map((v) => v + toleranceMm) };
  }
  return null;
}

/**
 * Per-vertex colours for a triangle soup (9 floats per triangle): a triangle whose centroid lies in a
 * finding's region takes the colour of the most severe such finding; every other triangle the base colour.
 * Returns the colours and how many triangles each finding (by index) marked.
 */
export function highlightColors(positions: Float32Array, findings: readonly LocatedFinding[], toleranceMm = 0.01): { colors: Float32Array; marked: number[] } {
  const triangles = positions.length / 9;
  const colors = new Float32Array(positions.length);
  const regions = findings.map((finding) => regionOf(finding, toleranceMm));
  const marked = findings.map(() => 0);
  for (let t = 0; t < triangles; t++) {
    const o = t * 9;
    const cx = (positions[o] + positions[o + 3] + positions[o + 6]) / 3;
    const cy = (positions[o + 1] + positions[o + 4] + positions[o + 7]) / 3;
    const cz = (positions[o + 2] + positions[o + 5] + positions[o + 8]) / 3;
    let color = BASE_COLOR;
    let rank = 0;
    for (let f = 0; f < regions.length; f++) {
      const region = regions[f];
      if (!region) continue;
      if (cx < region.min[0] || cx > region.max[0] || cy < region.min[1] || cy > region.max[1] || cz < region.min[2] || cz > region.max[2]) continue;
      marked[f]++;
      const severity = RANK[findings[f].severity] ?? 1;
      if (severity > rank) {
        rank = severity;
        color = SEVERITY_COLORS[findings[f].severity] ?? SEVERITY_COLORS.info;
      }
    }
    for (let k = 0; k < 9; k += 3) {
      colors[o + k] = color[0];
      colors[o + k + 1] = color[1];
      colors[o + k + 2] = color[2];
    }
  }
  return { colors, marked };
}
