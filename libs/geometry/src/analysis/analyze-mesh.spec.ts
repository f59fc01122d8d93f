import type { Mesh } from '../geometry.types';
import { box, exactMeasures, flipFaces, invert, merge, removeFaces, sphere, toMesh, torus, transform, unweld, type TestMesh } from '../__fixtures__/solids';
import { analyzeMesh } from './analyze-mesh';

const analyze = (solid: TestMesh, options = {}) => analyzeMesh(toMesh(solid) as Mesh, options);

describe('analyzeMesh: measures', () => {
  it('measures a box exactly', () => {
    const r = analyze(box(10, 20, 30, [1, 2, 3]));
    expect(r.triangles).toBe(12);
    expect(r.volumeMm3).toBe(6000);
    expect(r.surfaceAreaMm2).toBe(2200);
    expect(r.bbox).toEqual({ min: [1, 2, 3], max: [11, 22, 33], size: [10, 20, 30] });
    expect(r.centerOfMassMm).toEqual([6, 12, 18]);
    expect(r.shells).toBe(1);
    expect(r.watertight).toBe(true);
    expect(r.nonManifoldEdges).toBe(0);
    expect(r.inconsistentWindingEdges).toBe(0);
    expect(r.degenerateFaces).toBe(0);
  });

  it('matches the exact polyhedral volume of a tessellated sphere, which converges on 4/3·πr³', () => {
    const coarse = sphere(10, 32, 16);
    const fine = sphere(10, 256, 128);
    const analytic = (4 / 3) * Math.PI * 1000;
    const coarseReport = analyze(coarse);
    const fineReport = analyze(fine);
    expect(coarseReport.volumeMm3 / exactMeasures(coarse).volume).toBeCloseTo(1, 5);
    expect(fineReport.volumeMm3 / exactMeasures(fine).volume).toBeCloseTo(1, 5);
    // an inscribed polyhedron is smaller than the sphere, and the error shrinks ~ 1/n²
    expect(fineReport.volumeMm3).toBeLessThan(analytic);
    expect(analytic - fineReport.volumeMm3).toBeLessThan((analytic - coarseReport.volumeMm3) / 30);
    expect(Math.abs(fineReport.surfaceAreaMm2 - 4 * Math.PI * 100) / (4 * Math.PI * 100)).toBeLessThan(2e-4);
    expect(fineReport.centerOfMassMm.map((v) => Math.abs(v) < 1e-3)).toEqual([true, true, true]);
  });

  it('measures a torus (genus 1) against its exact polyhedron and 2π²Rr²', () => {
    const solid = torus(30, 8, 128, 64);
    const r = analyze(solid);
    expect(r.watertight).toBe(true);
    expect(r.volumeMm3 / exactMeasures(solid).volume).toBeCloseTo(1, 5);
    // inscribed n-gons lose ≈ (2π/n)²/6 of their circle's area in each direction of tessellation
    const tessellationError = (2 * Math.PI / 128) ** 2 / 6 + (2 * Math.PI / 64) ** 2 / 6;
    expect(Math.abs(r.volumeMm3 - 2 * Math.PI ** 2 * 30 * 64) / r.volumeMm3).toBeLessThan(1.5 * tessellationError);
    expect(Math.abs(r.surfaceAreaMm2 - 4 * Math.PI ** 2 * 30 * 8) / r.surfaceAreaMm2).toBeLessThan(1.5 * tessellationError);
  });

  it('subtracts an internal cavity, whichever way the cavity is wound', () => {
    const outer = box(10, 10, 10);
    const cavity = box(4, 4, 4, [3, 3, 3]);
    for (const solid of [merge(outer, invert(cavity)), merge(outer, cavity), merge(invert(outer), cavity)]) {
      const r = analyze(solid);
      expect(r.volumeMm3).toBe(1000 - 64);
      expect(r.shells).toBe(2);
      expect(r.cavities).toBe(1);
      expect(r.watertight).toBe(true);
      expect(r.findings.map((f) => f.code)).toContain('ENCLOSED_CAVITY');
      expect(r.findings.map((f) => f.code)).not.toContain('MULTIPLE_BODIES');
    }
  });

  it('counts a solid inside a cavity inside a solid (nesting depth 2) as material', () => {
    const r = analyze(merge(box(10, 10, 10), invert(box(6, 6, 6, [2, 2, 2])), box(2, 2, 2, [4, 4, 4])));
    expect(r.volumeMm3).toBe(1000 - 216 + 8);
  });

  it('gives an inside-out mesh its positive volume and reports it', () => {
    const solid = sphere(5, 48, 24);
    const r = analyze(invert(solid));
    expect(r.volumeMm3 / exactMeasures(solid).volume).toBeCloseTo(1, 5);
    expect(r.invertedShells).toBe(1);
    expect(r.findings.map((f) => f.code)).toContain('INVERTED_SHELLS');
  });

  it('repairs inconsistent winding for the volume and counts the offending edges', () => {
    const r = analyze(flipFaces(box(10, 10, 10), [3]));
    expect(r.volumeMm3).toBe(1000);
    expect(r.inconsistentWindingEdges).toBe(3);
    expect(r.findings.map((f) => f.code)).toContain('INCONSISTENT_WINDING');
  });

  it('gives an open shell no volume and reports the hole', () => {
    const r = analyze(removeFaces(box(10, 10, 10), [0]));
    expect(r.watertight).toBe(false);
    expect(r.boundaryEdges).toBe(3);
    expect(r.volumeMm3).toBe(0);
    expect(r.surfaceAreaMm2).toBe(550);
    const finding = r.findings.find((f) => f.code === 'NOT_WATERTIGHT');
    expect(finding?.severity).toBe('error');
    expect(finding?.location?.bbox).toEqual({ min: [0, 0, 0], max: [10, 10, 0] });
  });

  it('keeps the volume of closed bodies when another body is open', () => {
    const r = analyze(merge(box(10, 10, 10), removeFaces(box(1, 1, 1, [20, 0, 0]), [5])));
    expect(r.volumeMm3).toBe(1000);
    expect(r.shells).toBe(2);
    expect(r.closedShells).toBe(1);
  });

  it('welds split and slightly jittered vertices before judging watertightness', () => {
    const solid = sphere(20, 64, 32);
    const r = analyze(unweld(solid, 1e-6));
    expect(r.watertight).toBe(true);
    expect(r.shells).toBe(1);
    expect(r.vertices).toBe(solid.positions.length / 3);
    expect(r.volumeMm3 / exactMeasures(solid).volume).toBeCloseTo(1, 4);
  });

  it('does not weld vertices further apart than the tolerance', () => {
    const r = analyze(unweld(box(10, 10, 10), 0.05));
    expect(r.watertight).toBe(false);
    expect(r.shells).toBe(12);
  });

  it('counts edges shared by more than two faces as non-manifold', () => {
    // two boxes sharing one edge
    const r = analyze(merge(box(1, 1, 1), box(1, 1, 1, [1, 1, 0])));
    expect(r.nonManifoldEdges).toBe(1);
    expect(r.watertight).toBe(false);
    expect(r.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['NOT_WATERTIGHT', 'NON_MANIFOLD_EDGES']));
  });

  it('counts degenerate faces: collapsed and zero-area', () => {
    const solid = box(10, 10, 10);
    const withSliver: TestMesh = { positions: [...solid.positions, 0, 0, 0, 5, 0, 0, 10, 0, 0], indices: [...solid.indices, 8, 9, 10, 0, 0, 1] };
    expect(analyze(withSliver).degenerateFaces).toBe(2);
  });

  it('applies a unit override to unitless meshes, to every measure', () => {
    const r = analyze(box(1, 2, 3), { units: 'in' });
    expect(r.units).toBe('in');
    expect(r.unitsDeclared).toBe(false);
    expect(r.volumeMm3 / (6 * 25.4 ** 3)).toBeCloseTo(1, 5);
    expect(r.surfaceAreaMm2 / (22 * 25.4 ** 2)).toBeCloseTo(1, 5);
    expect(r.bbox.size).toEqual([25.4, 50.8, 76.2]);
  });

  it('finds a tight oriented box around a rotated box', () => {
    const rotated = transform(box(40, 20, 5), [0.3, 0.5, 0.7], [7, -3, 11]);
    const r = analyze(rotated);
    expect(r.obb.size.map((v) => Number(v.toFixed(3)))).toEqual([40, 20, 5]);
    expect(r.obb.center.map((v) => Number(v.toFixed(2)))).toEqual(r.centerOfMassMm.map((v) => Number(v.toFixed(2))));
    const aabbVolume = r.bbox.size.reduce((a, b) => a * b, 1);
    expect(aabbVolume).toBeGreaterThan(2 * 4000);
    for (const axis of r.obb.axes) expect(Math.hypot(...axis)).toBeCloseTo(1, 5);
  });
});
