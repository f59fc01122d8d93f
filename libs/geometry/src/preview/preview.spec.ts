import { analyzeMesh } from '../analysis/analyze-mesh';
import type { Mesh } from '../geometry.types';
import { parseStl } from '../stl/stl.parser';
import { sphere, toMesh } from '../__fixtures__/solids';
import { buildPreview } from './preview';
import { previewFromJson, previewToJson, previewToStl } from './preview-encoding';

const mesh = toMesh(sphere(10, 256, 128)) as Mesh; // 65,024 triangles

describe('buildPreview', () => {
  it('none carries only the box; bbox is a closed 12-triangle box of the right size', () => {
    expect(buildPreview(mesh, 'none').indices.length).toBe(0);
    const preview = buildPreview(mesh, 'bbox');
    expect(preview.indices.length / 3).toBe(12);
    const report = analyzeMesh(parseStl(previewToStl(preview)));
    expect(report.watertight).toBe(true);
    expect(report.volumeMm3).toBeCloseTo(20 * 20 * 20, 0);
  });

  it('low_poly meets the triangle budget and keeps the shape', () => {
    const preview = buildPreview(mesh, 'low_poly', { maxTriangles: 2000 });
    expect(preview.indices.length / 3).toBeLessThanOrEqual(2000);
    expect(preview.indices.length / 3).toBeGreaterThan(200);
    const report = analyzeMesh(parseStl(previewToStl(preview)));
    expect(report.bbox.size[0]).toBeGreaterThan(18);
    expect(Math.abs(report.volumeMm3 - (4 / 3) * Math.PI * 1000) / 4188).toBeLessThan(0.1);
  });

  it('low_poly keeps no collapsed triangle and no triangle twice, and every index names a vertex', () => {
    const preview = buildPreview(mesh, 'low_poly', { maxTriangles: 3000 });
    const vertices = preview.positions.length / 3;
    const seen = new Set<string>();
    for (let f = 0; f < preview.indices.length; f += 3) {
      const corners = [preview.indices[f], preview.indices[f + 1], preview.indices[f + 2]];
      expect(new Set(corners).size).toBe(3);
      for (const corner of corners) expect(corner).toBeLessThan(vertices);
      const key = [...corners].sort((a, b) => a - b).join(',');
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    // every cell vertex is used by some kept triangle or collapsed away: none lies outside the part's box
    for (let i = 0; i < preview.positions.length; i++) expect(Math.abs(preview.positions[i])).toBeLessThanOrEqual(10.0001);
  });

  it('full keeps every triangle, converted to mm', () => {
    const inches = { ...mesh, declaredUnit: 'in' as const };
    const preview = buildPreview(inches, 'full');
    expect(preview.indices.length).toBe(mesh.indices.length);
    expect(preview.bbox.max[2]).toBeCloseTo(254, 3);
  });

  it('round-trips through JSON and STL', () => {
    const preview = buildPreview(mesh, 'low_poly', { maxTriangles: 500 });
    const json = JSON.parse(JSON.stringify(previewToJson(preview)));
    const back = previewFromJson(json);
    expect(back.positions).toEqual(preview.positions);
    expect(back.indices).toEqual(preview.indices);
    expect(previewToStl(preview).length).toBe(84 + 50 * (preview.indices.length / 3));
  });
});
