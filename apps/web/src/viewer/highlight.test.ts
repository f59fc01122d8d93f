import { describe, expect, it } from 'vitest';
import { BASE_COLOR, highlightColors, locatedFindings, SEVERITY_COLORS } from './highlight';

/** Two triangles: one near the origin, one at x = 100 (the "thin wall"). */
const positions = new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 100, 0, 0, 101, 0, 0, 100, 1, 0]);
const colorOf = (colors: Float32Array, triangle: number) => Array.from(colors.slice(triangle * 9, triangle * 9 + 3)).map((v) => Math.round(v * 100) / 100);
const rounded = (rgb: readonly number[]) => rgb.map((v) => Math.round(v * 100) / 100);

describe('viewer highlighting', () => {
  it('colours the faces inside a finding’s region by its severity and leaves the rest', () => {
    const { colors, marked } = highlightColors(positions, [{ code: 'THIN_WALL', severity: 'warning', region: { min: [99, -1, -1], max: [102, 2, 1] } }]);
    expect(colorOf(colors, 0)).toEqual(rounded(BASE_COLOR));
    expect(colorOf(colors, 1)).toEqual(rounded(SEVERITY_COLORS.warning));
    expect(marked).toEqual([1]);
    // every vertex of a triangle gets its colour
    expect(Array.from(colors.slice(9, 18))).toEqual([...Array.from(colors.slice(9, 12)), ...Array.from(colors.slice(9, 12)), ...Array.from(colors.slice(9, 12))]);
  });

  it('the most severe finding wins where regions overlap', () => {
    const everywhere = { min: [-10, -10, -10], max: [200, 10, 10] };
    const { colors, marked } = highlightColors(positions, [
      { code: 'OVERHANG', severity: 'info', region: everywhere },
      { code: 'NOT_WATERTIGHT', severity: 'error', region: everywhere },
      { code: 'THIN_WALL', severity: 'warning', region: everywhere },
    ]);
    expect(colorOf(colors, 0)).toEqual(rounded(SEVERITY_COLORS.error));
    expect(colorOf(colors, 1)).toEqual(rounded(SEVERITY_COLORS.error));
    expect(marked).toEqual([2, 2, 2]);
  });

  it('faces lying exactly on a flat region’s boundary count as inside it (a zero-thickness box)', () => {
    const flat = { code: 'OPEN_EDGE', severity: 'error', region: { min: [0, 0, 0], max: [1, 1, 0] } };
    expect(highlightColors(positions, [flat]).marked).toEqual([1]);
  });

  it('keeps only findings with a location; a finding without one marks nothing', () => {
    const findings = [
      { code: 'NOT_WATERTIGHT', severity: 'error', region: null, centroidMm: null },
      { code: 'THIN_WALL', severity: 'warning', region: { min: [0, 0, 0], max: [1, 1, 1] } },
      { code: 'OVERHANG', severity: 'info', centroidMm: [5, 5, 5] },
    ];
    expect(locatedFindings(findings).map((f) => f.code)).toEqual(['THIN_WALL', 'OVERHANG']);
    expect(highlightColors(positions, [findings[2]]).marked).toEqual([0]); // a point is shown as a marker, not faces
  });
});
