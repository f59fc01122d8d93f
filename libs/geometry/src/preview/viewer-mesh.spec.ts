import { gzipSync } from 'node:zlib';
import { decodeViewerMesh } from '../../../../apps/web/src/viewer/viewer-mesh';
import type { Mesh } from '../geometry.types';
import { box, merge, sphere, toMesh } from '../__fixtures__/solids';
import { buildPreview } from './preview';
import { previewToStl } from './preview-encoding';
import { previewToViewerMesh } from './viewer-mesh';

// the web viewer's decoder is the other half of this format: the round trip is the contract
const firstDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `at ${i}: ${a[i]} and ${b[i]}`;
  return null;
};
const decode = (bytes: Uint8Array) => decodeViewerMesh(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);

describe('previewToViewerMesh', () => {
  it('keeps every triangle and every vertex within half a quantization step, with the exact bounds', () => {
    const preview = buildPreview(toMesh(merge(sphere(10, 96, 48), box(5, 8, 30, [-40, 2, -3]))) as Mesh, 'full');
    const decoded = decode(previewToViewerMesh(preview));
    expect(decoded.triangles).toBe(preview.indices.length / 3);
    expect(firstDifference(decoded.indices!, preview.indices)).toBeNull();
    const size = [0, 1, 2].map((axis) => decoded.max[axis] - decoded.min[axis]);
    expect(decoded.min).toEqual([-40, -10, -10].map((v) => expect.closeTo(v, 5)));
    expect(decoded.max[2]).toBeCloseTo(27, 5);
    let worst = 0;
    for (let i = 0; i < preview.positions.length; i++) worst = Math.max(worst, Math.abs(decoded.positions[i] - preview.positions[i]) / size[i % 3]);
    expect(worst).toBeLessThanOrEqual(0.5 / 65_535 + 1e-7);
  });

  it('uses 2-byte indices up to 65,536 vertices and 4-byte indices beyond', () => {
    const small = previewToViewerMesh(buildPreview(toMesh(sphere(5, 32, 16)) as Mesh, 'full'));
    const large = buildPreview(toMesh(sphere(5, 512, 160)) as Mesh, 'full');
    expect(large.positions.length / 3).toBeGreaterThan(65_536);
    const encoded = previewToViewerMesh(large);
    expect([small[5], encoded[5]]).toEqual([2, 4]);
    expect(firstDifference(decode(encoded).indices!, large.indices)).toBeNull();
  });

  it('is a fraction of the binary STL, and smaller still gzipped', () => {
    const preview = buildPreview(toMesh(sphere(10, 256, 128)) as Mesh, 'full');
    const stl = previewToStl(preview).length;
    const mesh = previewToViewerMesh(preview);
    expect(mesh.length).toBeLessThan(stl / 3);
    expect(gzipSync(mesh).length).toBeLessThan(stl / 8);
  });

  it('encodes an empty preview and a flat one (zero extent on an axis)', () => {
    expect(decode(previewToViewerMesh({ positions: new Float32Array(0), indices: new Uint32Array(0) }))).toMatchObject({ triangles: 0, min: [0, 0, 0], max: [0, 0, 0] });
    const flat = decode(previewToViewerMesh({ positions: Float32Array.from([0, 0, 2, 10, 0, 2, 0, 10, 2]), indices: Uint32Array.from([0, 1, 2]) }));
    expect(Array.from(flat.positions)).toEqual([0, 0, 2, 10, 0, 2, 0, 10, 2]);
  });
});
