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
