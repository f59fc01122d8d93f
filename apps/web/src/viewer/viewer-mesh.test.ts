import { describe, expect, it } from 'vitest';
import { psvm } from './test-meshes';
import { decodeViewerMesh } from './viewer-mesh';

describe('the viewer mesh (PSVM)', () => {
  it('decodes quantized, delta-coded positions and indices into millimetres', () => {
    const mesh = decodeViewerMesh(psvm([[0, 0, 0], [65_535, 0, 0], [0, 65_535, 65_535], [65_535, 65_535, 0]], [0, 1, 2, 3, 2, 1], [-10, 0, 5], [10, 40, 6]));
    expect(mesh.triangles).toBe(2);
    expect(Array.from(mesh.indices!)).toEqual([0, 1, 2, 3, 2, 1]);
    expect(Array.from(mesh.positions)).toEqual([-10, 0, 5, 10, 0, 5, -10, 40, 6, 10, 40, 5]);
    expect(mesh.min).toEqual([-10, 0, 5]);
    expect(mesh.max).toEqual([10, 40, 6]);
  });

  it('reads 4-byte indices', () => {
    const mesh = decodeViewerMesh(psvm([[0, 0, 0], [1, 0, 0], [0, 1, 0]], [2, 0, 1], [0, 0, 0], [1, 1, 1], 4));
    expect(mesh.indices).toBeInstanceOf(Uint32Array);
    expect(Array.from(mesh.indices!)).toEqual([2, 0, 1]);
  });

  it('says what is wrong with a file it cannot read', () => {
    const good = psvm([[0, 0, 0], [1, 0, 0], [0, 1, 0]], [0, 1, 2], [0, 0, 0], [1, 1, 1]);
    expect(() => decodeViewerMesh(good.slice(0, 50))).toThrow('viewer mesh declares 3 vertices and 1 triangles but holds 50 bytes (66 expected)');
    expect(() => decodeViewerMesh(new ArrayBuffer(12))).toThrow('not a viewer mesh: 12 bytes');
    const stl = new Uint8Array(good.slice(0));
    stl.set([0x73, 0x6f, 0x6c, 0x69]);
    expect(() => decodeViewerMesh(stl.buffer)).toThrow('not a viewer mesh: starts with "soli"');
    expect(() => decodeViewerMesh(psvm([[0, 0, 0]], [0, 0, 5], [0, 0, 0], [1, 1, 1]))).toThrow('viewer mesh index 5 at position 2 is past its 1 vertices');
  });
});
