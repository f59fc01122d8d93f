import { describe, expect, it } from 'vitest';
import { parseBinaryStl } from './stl';
import { suggestUnits } from './units';

function stl(triangles: number[][]): ArrayBuffer {
  const buffer = new ArrayBuffer(84 + 50 * triangles.length);
  const view = new DataView(buffer);
  view.setUint32(80, triangles.length, true);
  triangles.forEach((t, i) => t.forEach((v, k) => view.setFloat32(84 + i * 50 + 12 + k * 4, v, true)));
  return buffer;
}

describe('binary STL for the viewer', () => {
  it('reads positions as a triangle soup and the bounds', () => {
    const mesh = parseBinaryStl(stl([[0, 0, 0, 10, 0, 0, 0, 20, 0], [0, 0, 5, 0, 20, 5, 10, 0, 5]]));
    expect(mesh.triangles).toBe(2);
    expect(Array.from(mesh.positions.slice(0, 9))).toEqual([0, 0, 0, 10, 0, 0, 0, 20, 0]);
    expect(Array.from(mesh.positions.slice(9, 18))).toEqual([0, 0, 5, 0, 20, 5, 10, 0, 5]);
    expect(mesh.indices).toBeNull();
    expect(mesh.min).toEqual([0, 0, 0]);
    expect(mesh.max).toEqual([10, 20, 5]);
  });

  it('says what is wrong with a truncated file', () => {
    const whole = stl([[0, 0, 0, 1, 0, 0, 0, 1, 0]]);
    expect(() => parseBinaryStl(whole.slice(0, 100))).toThrow('STL declares 1 triangles but holds 100 bytes (134 expected)');
    expect(() => parseBinaryStl(new ArrayBuffer(10))).toThrow('not a binary STL');
  });
});

describe('unit suggestion for files without a declared unit', () => {
  it('suggests inches for a part too small in millimetres', () => {
    const suggestion = suggestUnits([2.4, 1.6, 0.5], 'mm');
    expect(suggestion?.unit).toBe('in');
    expect(suggestion!.sizeMm.map((v) => Math.round(v * 10) / 10)).toEqual([61, 40.6, 12.7]);
  });

  it('suggests millimetres for a part read as metres that would be 60 m long', () => {
    const suggestion = suggestUnits([60_000, 40_000, 12_000], 'm'); // sizes are in mm, as read in metres
    expect(suggestion).toEqual({ unit: 'mm', sizeMm: [60, 40, 12] });
  });

  it('leaves a plausible size alone', () => {
    expect(suggestUnits([60, 40, 12], 'mm')).toBeNull();
    expect(suggestUnits([60, 40, 12], 'm')).toBeNull();
    expect(suggestUnits([1e7, 1, 1], 'mm')).toBeNull(); // no unit makes 10 km plausible
    expect(suggestUnits([0, 0, 0], 'mm')).toBeNull();
  });
});
